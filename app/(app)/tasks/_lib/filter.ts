import { type ListTasksParams, type TaskStatus, listTasksQuerySchema, taskStatusSchema } from "@/lib/tasks/schemas";
import type { TaskDto } from "@/lib/tasks/service";

export const STATUSES = taskStatusSchema.options;

export const STATUS_LABELS: Record<TaskStatus, string> = { all: "All", pending: "Pending", completed: "Completed" };

/** The filter in `?status=`; anything unknown means all. */
export function parseStatus(value: string | null | undefined): TaskStatus {
  const parsed = taskStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : "all";
}

export function matchesStatus(task: TaskDto, status: TaskStatus): boolean {
  return status === "all" || task.completed === (status === "completed");
}

export function countByStatus(tasks: readonly TaskDto[]): Record<TaskStatus, number> {
  const completed = tasks.filter((t) => t.completed).length;
  return { all: tasks.length, pending: tasks.length - completed, completed };
}

/** The page's URL for a filter: "all" is the bare path, so the default URL stays clean. */
export function urlForStatus(status: TaskStatus, current: URL): string {
  const url = new URL(current);
  if (status === "all") url.searchParams.delete("status");
  else url.searchParams.set("status", status);
  return `${url.pathname}${url.search}${url.hash}`;
}

// The list's other filters and its order travel in the URL too (a reload, the back button and a
// shared link keep them); the server answers them. Status stays a view over the loaded list.
export const QUERY_KEYS = ["q", "priority", "tag", "due", "sort", "order"] as const;
export type QueryKey = (typeof QUERY_KEYS)[number];
export type ListQuery = Pick<ListTasksParams, QueryKey>;

/** The valid filters of a URL's search params; an invalid one is dropped rather than refused. */
export function listQueryOf(params: URLSearchParams | Record<string, string | string[] | undefined>): ListQuery {
  const get = (key: QueryKey) => (params instanceof URLSearchParams ? params.get(key) : params[key]);
  const query: ListQuery = {};
  for (const key of QUERY_KEYS) {
    const value = get(key);
    if (typeof value !== "string" || value === "") continue;
    const parsed = listTasksQuerySchema.safeParse({ [key]: value });
    if (parsed.success) Object.assign(query, parsed.data);
  }
  return query;
}

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
