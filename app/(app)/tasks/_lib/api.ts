// A small typed client for the tasks REST API, used by the /tasks page in the browser (the
// session cookie authenticates it). Every failure becomes an ApiError with a message fit to show.
import { z } from "zod";
import type { CreateTaskInput, TaskStatus, UpdateTaskInput } from "@/lib/tasks/schemas";
import type { StoredEvent } from "@/lib/events/service";
import type { TaskDto, TaskList } from "@/lib/tasks/service";

export type Task = TaskDto;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}

const errorBodySchema = z.object({ error: z.string(), message: z.string() });

function errorFor(status: number, body: unknown): ApiError {
  if (status === 401) return new ApiError(401, "unauthorized", "You have been signed out. Sign in again to continue.");
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) return new ApiError(status, parsed.data.error, parsed.data.message);
  return new ApiError(status, "http_error", `The server answered ${status}. Please try again.`);
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
    throw new ApiError(0, "network_error", "Couldn't reach the server. Check your connection and try again.");
  }
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw errorFor(res.status, body);
  // Our own API, typed by the service's DTOs.
  return body as T;
}

const taskPath = (id: number) => `/api/tasks/${id}`;

export const tasksApi = {
  list: (status: TaskStatus = "all") => request<TaskList>(`/api/tasks?status=${status}`),
  create: (input: CreateTaskInput) => request<Task>("/api/tasks", { method: "POST", body: input }),
  update: (id: number, input: UpdateTaskInput) => request<Task>(taskPath(id), { method: "PATCH", body: input }),
  remove: (id: number) => request<void>(taskPath(id), { method: "DELETE" }),
};

export type ActivityPage = { events: StoredEvent[]; next_before: string | null };

export const activityApi = {
  recent: (limit: number) => request<ActivityPage>(`/api/activity?limit=${limit}`),
};

/** A message for anything a request threw. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : "Something went wrong. Please try again.";
}
