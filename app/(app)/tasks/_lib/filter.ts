import { type ListTasksParams, type TaskStatus, listTasksQuerySchema, taskStatusSchema } from "@/lib/tasks/schemas";

export const STATUSES = taskStatusSchema.options;

export const STATUS_LABELS: Record<TaskStatus, string> = { all: "All", pending: "Pending", completed: "Completed" };

// The list's status tab, filters and order travel in the URL (a reload, the back button and a
// shared link keep them), and the server answers them all: a view over the loaded rows alone
// would miss the matches on later pages and miscount them.
export const QUERY_KEYS = ["status", "q", "priority", "tag", "due", "sort", "order"] as const;
export type QueryKey = (typeof QUERY_KEYS)[number];
export type ListQuery = Pick<ListTasksParams, QueryKey>;

/**
 * The valid filters of a URL's search params; an invalid one is dropped rather than refused, and
 * status "all" is no filter (so `?status=all` and the bare path are the same list).
 */
export function listQueryOf(params: URLSearchParams | Record<string, string | string[] | undefined>): ListQuery {
  const get = (key: QueryKey) => (params instanceof URLSearchParams ? params.get(key) : params[key]);
  const query: ListQuery = {};
  for (const key of QUERY_KEYS) {
    const value = get(key);
    if (typeof value !== "string" || value === "") continue;
    const parsed = listTasksQuerySchema.safeParse({ [key]: value });
    if (parsed.success && parsed.data.status !== "all") Object.assign(query, parsed.data);
  }
  return query;
}

/** The status tab a query shows. */
export const statusOf = (query: ListQuery): TaskStatus => query.status ?? "all";

/** The same filters as /api/tasks query parameters (canonical: a stable key for the list). */
export function apiQueryOf(query: ListQuery): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of QUERY_KEYS) {
    const value = query[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return out;
}

/** Whether anything narrows or reorders the list besides its status tab. */
export const isFiltered = (query: ListQuery): boolean => apiQueryOf({ ...query, status: undefined }).toString() !== "";

/** The page's URL with some filters changed (empty or null removes one). */
export function urlWith(current: URL, changes: Partial<Record<QueryKey, string | null>>): string {
  const url = new URL(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value) url.searchParams.set(key, value);
    else url.searchParams.delete(key);
  }
  url.searchParams.delete("task"); // a reminder's focus is not part of a filtered view
  return `${url.pathname}${url.search}${url.hash}`;
}
