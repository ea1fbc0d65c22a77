// Task DTOs for tests that build them by hand (UI summaries, ChatKit widgets) or check the
// service's output shape.
import type { TaskDto } from "@/lib/tasks/service";

type ExtendedFields = Pick<
  TaskDto,
  "due_at" | "all_day" | "priority" | "tags" | "recurrence" | "recurrence_text" | "remind_at" | "completed_at"
>;

/** The part-2 fields of a task that has none of them set. */
export const plainTaskFields: ExtendedFields = {
  due_at: null,
  all_day: false,
  priority: "none",
  tags: [],
  recurrence: null,
  recurrence_text: null,
  remind_at: null,
  completed_at: null,
};

/** A task as the API returns it, with `overrides` on top of an open, plain task. */
export function taskDto(id: number, title: string, overrides: Partial<TaskDto> = {}): TaskDto {
  return {
    id,
    title,
    description: "",
    completed: false,
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
    ...plainTaskFields,
    ...overrides,
  };
}
