import type { z } from "zod";
import { ApiError, messageOf } from "@/lib/api-client";
import { createTaskSchema, updateTaskSchema } from "@/lib/tasks/schemas";
import { type DraftField, fieldMessage, isDraftField } from "./task-fields";

export type TaskDraft = { title: string; description: string };
type Field = keyof TaskDraft;
export type DraftErrors = Partial<Record<Field, string>>;

const fieldLabel: Record<Field, string> = { title: "Title", description: "Description" };

function errorsOf(error: z.ZodError): DraftErrors {
  const errors: DraftErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (field !== "title" && field !== "description") continue;
    errors[field] ??= `${fieldLabel[field]} ${issue.message}.`;
  }
  return errors;
}

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: DraftErrors };

// The same schemas as the API, so the page refuses exactly what the server would. Descriptions
// are trimmed here too: trailing blank lines are never what someone meant to save.
export function checkNewTask(draft: TaskDraft): Checked<z.output<typeof createTaskSchema>> {
  const description = draft.description.trim();
  const result = createTaskSchema.safeParse({ title: draft.title, ...(description ? { description } : {}) });
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: errorsOf(result.error) };
}

export function checkTaskEdit(draft: TaskDraft): Checked<{ title: string; description: string }> {
  const input = { title: draft.title, description: draft.description.trim() };
  const result = updateTaskSchema.safeParse(input);
  if (!result.success) return { ok: false, errors: errorsOf(result.error) };
  return {
    ok: true,
    data: { title: result.data.title ?? input.title.trim(), description: result.data.description ?? "" },
  };
}

/** A failed save: the message, and the field it belongs next to when the server named one. */
export type SaveFailure = { message: string; field?: Field | DraftField };

export function failureOf(error: unknown): SaveFailure {
  const message = messageOf(error);
  const field = error instanceof ApiError ? error.field : undefined;
  if (isDraftField(field)) return { field, message: fieldMessage(field, message) };
  if (field === "title" || field === "description") {
    const text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
    return { field, message: `${fieldLabel[field]} ${text}` };
  }
  return { message };
}
