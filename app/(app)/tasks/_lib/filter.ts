import { type TaskStatus, taskStatusSchema } from "@/lib/tasks/schemas";
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
