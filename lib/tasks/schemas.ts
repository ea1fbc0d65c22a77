// The task domain's inputs, shared by the REST handlers, the chat tools, the MCP server and the
// tasks page.
import { z } from "zod";

export const MAX_TASK_ID = 2_147_483_647; // PostgreSQL integer
export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 2000;

const noNul = (s: string) => !s.includes("\u0000");
const NUL_MESSAGE = "must not contain NUL characters";

export const taskTitleSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(TASK_TITLE_MAX, `must be at most ${TASK_TITLE_MAX} characters`)
  .refine(noNul, NUL_MESSAGE);

export const taskDescriptionSchema = z
  .string()
  .max(TASK_DESCRIPTION_MAX, `must be at most ${TASK_DESCRIPTION_MAX} characters`)
  .refine(noNul, NUL_MESSAGE);

export const taskIdSchema = z.number().int().positive().max(MAX_TASK_ID);

/** A task id in a URL path: digits only (no signs, exponents, decimals), within range. */
export const taskIdParamSchema = z
  .string()
  .regex(/^\d{1,10}$/, "must be a positive integer")
  .transform(Number)
  .pipe(taskIdSchema);

/** The `:id` of /api/tasks/:id. */
export const taskPathSchema = z.object({ id: taskIdParamSchema });

export const taskStatusSchema = z.enum(["all", "pending", "completed"]);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const listTasksQuerySchema = z.strictObject({ status: taskStatusSchema.default("all") });

export const createTaskSchema = z.strictObject({
  title: taskTitleSchema,
  description: taskDescriptionSchema.optional(),
});
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

export const updateTaskSchema = z
  .strictObject({
    title: taskTitleSchema.optional(),
    description: taskDescriptionSchema.optional(),
    completed: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "provide at least one of title, description, completed",
  });
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

// Tool inputs (chat agent and MCP). Descriptions are written for a model.
export const addTaskToolInput = z.object({
  title: taskTitleSchema.describe("Short title of the task, e.g. 'Buy milk'"),
  description: taskDescriptionSchema.optional().describe("Optional details"),
});

export const listTasksToolInput = z.object({
  status: taskStatusSchema
    .optional()
    .describe("'pending' for open tasks, 'completed' for finished ones, 'all' (default) for both"),
});

export const completeTaskToolInput = z.object({
  task_id: taskIdSchema.describe("The task's numeric id"),
  completed: z.boolean().optional().describe("true (default) marks it done; false re-opens it"),
});

export const updateTaskToolInput = z
  .object({
    task_id: taskIdSchema.describe("The task's numeric id"),
    title: taskTitleSchema.optional().describe("New title"),
    description: taskDescriptionSchema.optional().describe("New description"),
  })
  .refine((v) => v.title !== undefined || v.description !== undefined, {
    message: "provide a new title or description",
  });

export const deleteTaskToolInput = z.object({
  task_id: taskIdSchema.describe("The task's numeric id"),
});

/** How a task tool reports an expected failure (not found, invalid input): the model reads it. */
export type TaskToolError = { error: string };

export function isTaskToolError(value: unknown): value is TaskToolError {
  return typeof value === "object" && value !== null && "error" in value && typeof value.error === "string";
}
