// How a task tool reports an expected failure. Its own module, without zod: the chat's tool cards
// (first-load JavaScript) import it.

/** How a task tool reports an expected failure (not found, invalid input): the model reads it. */
export type TaskToolError = { error: string };

export function isTaskToolError(value: unknown): value is TaskToolError {
  return typeof value === "object" && value !== null && "error" in value && typeof value.error === "string";
}
