// The browser's client for the app's own JSON API (the session cookie authenticates it), used
// by every page. The server's error shape, `{error, message}`, is decoded here and nowhere else:
// every failure becomes an ApiError with a message fit to show.
import type { ConversationSummary, FeedbackKind, getConversation } from "@/lib/chat/conversations";
import type { StoredEvent } from "@/lib/events/service";
import type { Profile } from "@/lib/auth/profile";
import type { CreateTaskInput, UpdateTaskInput } from "@/lib/tasks/schemas";
import type { TagCount, TaskDto, TaskList } from "@/lib/tasks/service";
import type { NotificationDto, NotificationList } from "@/lib/notifications/service";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The input field the server named (its first issue's path), when it named one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}

const SIGNED_OUT = "You have been signed out. Sign in again to continue.";
const OFFLINE = "Couldn't reach the server. Check your connection and try again.";

function isErrorBody(body: unknown): body is { error: string; message: string; issues?: unknown } {
  return (
    typeof body === "object" &&
    body !== null &&
    "error" in body &&
    typeof body.error === "string" &&
    "message" in body &&
    typeof body.message === "string"
  );
}

function firstField(issues: unknown): string | undefined {
  if (!Array.isArray(issues)) return undefined;
  const first: unknown = issues[0];
  if (typeof first !== "object" || first === null || !("path" in first) || !Array.isArray(first.path)) return undefined;
  const field: unknown = first.path[0];
  return typeof field === "string" ? field : undefined;
}

/** The error a failed response stands for, from its status and (parsed) body. */
export function errorOfResponse(status: number, body: unknown): ApiError {
  if (status === 401) return new ApiError(401, "unauthorized", SIGNED_OUT);
  if (isErrorBody(body) && body.message) return new ApiError(status, body.error, body.message, firstField(body.issues));
  return new ApiError(status, "http_error", `The server answered ${status}. Please try again.`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The message to show for an error from anywhere: an ApiError's own, the error JSON a failed
 * chat request carries as its text (the AI SDK's transport throws the response body), a
 * network failure, or a stream error's plain text.
 */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (!(error instanceof Error)) return "Something went wrong. Please try again.";
  const body = parseJson(error.message);
  if (isErrorBody(body) && body.message) return body.message;
  if (/failed to fetch|networkerror|load failed/i.test(error.message)) return OFFLINE;
  return error.message || "Something went wrong. Please try again.";
}

async function request<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers: {
        accept: "application/json",
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "network_error", OFFLINE);
  }
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw errorOfResponse(res.status, body);
  // Our own API, typed by the services' return types.
  return body as T;
}

const taskPath = (id: number) => `/api/tasks/${id}`;

export const tasksApi = {
  /** GET /api/tasks with the query as the page's URL carries it (status, q, priority, tag, due, sort, order, cursor). */
  list: (query: URLSearchParams = new URLSearchParams()) => request<TaskList>(`/api/tasks?${query}`),
  tags: () => request<{ tags: TagCount[] }>("/api/tags"),
  create: (input: CreateTaskInput) => request<TaskDto>("/api/tasks", { method: "POST", body: input }),
  update: (id: number, input: UpdateTaskInput) => request<TaskDto>(taskPath(id), { method: "PATCH", body: input }),
  remove: (id: number) => request<void>(taskPath(id), { method: "DELETE" }),
};

export type ActivityPage = { events: StoredEvent[]; next_before: string | null };

export const activityApi = {
  recent: (limit: number) => request<ActivityPage>(`/api/activity?limit=${limit}`),
};

export type ConversationPage = { conversations: ConversationSummary[]; next_cursor: string | null };
export type ConversationWithMessages = Awaited<ReturnType<typeof getConversation>>;

export const conversationsApi = {
  list: (params: { limit: number; cursor?: string }) =>
    request<ConversationPage>(
      `/api/conversations?${new URLSearchParams({ limit: String(params.limit), ...(params.cursor && { cursor: params.cursor }) })}`,
    ),
  messages: (id: string, params: { limit: number; before?: string }) =>
    request<ConversationWithMessages>(
      `/api/conversations/${id}?${new URLSearchParams({ limit: String(params.limit), ...(params.before && { before: params.before }) })}`,
    ),
  rename: (id: string, title: string) =>
    request<ConversationSummary>(`/api/conversations/${id}`, { method: "PATCH", body: { title } }),
  remove: (id: string) => request<void>(`/api/conversations/${id}`, { method: "DELETE" }),
  rate: (messageId: string, kind: FeedbackKind | null) =>
    request<{ message_id: string; feedback: FeedbackKind | null }>(`/api/messages/${messageId}/feedback`, {
      method: "PUT",
      body: { kind },
    }),
};

export const meApi = {
  get: () => request<Profile>("/api/me"),
  setTimezone: (timezone: string) => request<Profile>("/api/me", { method: "PATCH", body: { timezone } }),
};

export const authApi = {
  signOut: () => request<unknown>("/api/auth/sign-out", { method: "POST", body: {} }),
};

export const healthApi = {
  /** Whether the server and its database answer. */
  isUp: () =>
    request<{ status: string }>("/api/health").then(
      () => true,
      () => false,
    ),
};

export const notificationsApi = {
  list: () => request<NotificationList>("/api/notifications?limit=20"),
  read: (id: string) => request<NotificationDto>(`/api/notifications/${id}/read`, { method: "POST" }),
  readAll: () => request<{ updated: number }>("/api/notifications/read-all", { method: "POST" }),
};

export const pushApi = {
  /** The VAPID public key, null when the server has Web Push off. */
  key: () => request<{ publicKey: string | null }>("/api/push/key"),
  subscribe: (subscription: PushSubscriptionJSON) =>
    request<void>("/api/push/subscriptions", { method: "POST", body: subscription }),
};
