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

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name ("Europe/Paris", "UTC"). */
export const timezoneSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .refine(isTimeZone, "must be an IANA time zone such as Europe/Paris");
export const updateMeSchema = z.strictObject({ timezone: timezoneSchema });

export const taskStatusSchema = z.enum(["all", "pending", "completed"]);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const TASK_PRIORITIES = ["none", "low", "medium", "high"] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
const PRIORITY_ALIASES: Record<string, TaskPriority> = { p1: "high", p2: "medium", p3: "low" };

/** "high", "HIGH", "p1" → "high". */
export const prioritySchema = z.string().transform((value, ctx): TaskPriority => {
  const v = value.trim().toLowerCase();
  const priority = PRIORITY_ALIASES[v] ?? TASK_PRIORITIES.find((p) => p === v);
  if (priority) return priority;
  ctx.addIssue({ code: "custom", message: `must be one of ${TASK_PRIORITIES.join(", ")} (or p1, p2, p3)` });
  return z.NEVER;
});

export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 32;

/**
 * Tags from an array or one string ("work, errands" or "#work #errands"): trimmed, without "#",
 * each 1–32 characters, unique case-insensitively (the first spelling kept), at most 10.
 */
export const tagsSchema = z
  .union([z.array(z.string().max(200)).max(100), z.string().max(1000)])
  .transform((value, ctx) => {
    const raw = Array.isArray(value)
      ? value
      : value.includes("#")
        ? (value.match(/#[^\s#,]+/g) ?? [])
        : value.split(",");
    const tags: string[] = [];
    for (const entry of raw) {
      const tag = entry.trim().replace(/^#+/, "").trim();
      if (!tag && !Array.isArray(value)) continue;
      if (!tag || tag.length > MAX_TAG_LENGTH || /[#,\u0000]/.test(tag)) {
        ctx.addIssue({
          code: "custom",
          message: `each tag must be 1–${MAX_TAG_LENGTH} characters, without "#" or ","`,
        });
        return z.NEVER;
      }
      if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
    }
    if (tags.length > MAX_TAGS) {
      ctx.addIssue({ code: "custom", message: `at most ${MAX_TAGS} tags per task` });
      return z.NEVER;
    }
    return tags;
  });

/** A date as written: ISO-8601 or an English phrase, read in the user's zone by the service (when.ts). */
export const whenInputSchema = z.string().max(100, "must be at most 100 characters").refine(noNul, NUL_MESSAGE);
/** An RRULE or an English phrase ("every Monday"), read by the service (recurrence.ts). */
export const recurrenceInputSchema = z.string().max(200, "must be at most 200 characters").refine(noNul, NUL_MESSAGE);

// The part-2 fields, shared by create and update (where null clears one).
const taskFieldsShape = {
  due_at: whenInputSchema.nullable().optional(),
  priority: prioritySchema.nullable().optional(),
  tags: tagsSchema.nullable().optional(),
  recurrence: recurrenceInputSchema.nullable().optional(),
  remind_at: whenInputSchema.nullable().optional(),
};
export type TaskFieldsInput = z.output<z.ZodObject<typeof taskFieldsShape>>;

export const DUE_FILTERS = ["overdue", "today", "tomorrow", "week", "none", "any"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];
export const TASK_SORTS = ["created", "due", "priority", "title", "updated"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export const MAX_LIST_LIMIT = 500;
export const DEFAULT_LIST_LIMIT = 100;

// One value or a comma list (REST query strings) or an array (tools).
const listOf = <S extends z.ZodType<unknown, string>>(item: S) =>
  z
    .union([z.string().max(500), z.array(z.string().max(100)).max(20)])
    .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item));

const listShape = {
  status: taskStatusSchema.optional(),
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  priority: listOf(prioritySchema).optional(),
  tag: listOf(
    z
      .string()
      .max(MAX_TAG_LENGTH)
      .transform((t) => t.replace(/^#+/, "")),
  ).optional(),
  due: z.enum(DUE_FILTERS).optional(),
  due_before: whenInputSchema.optional(),
  due_after: whenInputSchema.optional(),
  sort: z.enum(TASK_SORTS).optional(),
  order: z.enum(["asc", "desc"]).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,10}$/, "must be a cursor from next_cursor")
    .optional(),
};
export const listTasksQuerySchema = z.strictObject(listShape);
export type ListTasksParams = z.output<typeof listTasksQuerySchema>;

export const createTaskSchema = z.strictObject({
  title: taskTitleSchema,
  description: taskDescriptionSchema.optional(),
  ...taskFieldsShape,
});
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

export const updateTaskSchema = z
  .strictObject({
    title: taskTitleSchema.optional(),
    description: taskDescriptionSchema.optional(),
    completed: z.boolean().optional(),
    ...taskFieldsShape,
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "provide at least one field to change",
  });
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

// Tool inputs (chat agent and MCP). Descriptions are written for a model.
const WHEN_HINT =
  "ISO-8601, YYYY-MM-DD, or an English phrase such as 'tomorrow 5pm', 'next Friday', 'in 2 hours', 'June 3'; read in the user's time zone";
const toolFields = {
  due_at: taskFieldsShape.due_at.describe(`When the task is due: ${WHEN_HINT}. A date alone means the whole day.`),
  priority: taskFieldsShape.priority.describe("none, low, medium or high ('urgent' means high; p1–p3 map to high–low)"),
  tags: taskFieldsShape.tags.describe("Labels without '#', e.g. ['work', 'errands'] (at most 10)"),
  recurrence: taskFieldsShape.recurrence.describe(
    "How the task repeats: an English phrase ('every Monday', 'every 2 weeks', 'daily', 'every weekday', 'monthly on the 1st') or an RRULE (FREQ=WEEKLY;BYDAY=MO)",
  ),
  remind_at: taskFieldsShape.remind_at.describe(`When to remind the user: ${WHEN_HINT}`),
};

export const addTaskToolInput = z.object({
  title: taskTitleSchema.describe(
    "Short title of the task, e.g. 'Buy milk' (leave dates, tags and priority out of it)",
  ),
  description: taskDescriptionSchema.optional().describe("Optional details"),
  ...toolFields,
});

export const listTasksToolInput = z.object({
  status: taskStatusSchema
    .optional()
    .describe("'pending' for open tasks, 'completed' for finished ones, 'all' (default) for both"),
  q: listShape.q.describe("Words that must all appear in the title or description (case- and accent-insensitive)"),
  priority: listShape.priority.describe("Only these priorities: one, or a comma list like 'high,medium'"),
  tag: listShape.tag.describe("Only tasks with any of these tags: one, or a comma list"),
  due: listShape.due.describe(
    "overdue, today, tomorrow, week (the next 7 days), none (no due date) or any (has one), in the user's time zone",
  ),
  due_before: listShape.due_before.describe(`Due before this moment: ${WHEN_HINT}`),
  due_after: listShape.due_after.describe(`Due after this moment: ${WHEN_HINT}`),
  sort: listShape.sort.describe(
    "created (default, newest first), due (soonest first), priority (high first), title, updated",
  ),
  order: listShape.order.describe("asc or desc, to reverse the sort's usual direction"),
  limit: listShape.limit.describe("At most this many tasks (default 100, max 500); count still reports all matches"),
  cursor: listShape.cursor.describe("next_cursor from a previous result, for the next page"),
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
    ...toolFields,
  })
  .refine((v) => Object.entries(v).some(([k, x]) => k !== "task_id" && x !== undefined), {
    message: "provide at least one field to change (null clears due_at, priority, tags, recurrence or remind_at)",
  });

export const deleteTaskToolInput = z.object({
  task_id: taskIdSchema.describe("The task's numeric id"),
});
