import "server-only";
import { tool, zodSchema } from "ai";
import type { z } from "zod";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";
import type { Actor } from "@/lib/events/record";
import {
  addTaskToolInput,
  completeTaskToolInput,
  deleteTaskToolInput,
  listTasksToolInput,
  updateTaskToolInput,
} from "./schemas";
import { type TaskToolError, isTaskToolError } from "./tool-error";
import { addTask, deleteTask, listTasks, setTaskCompleted, updateTask } from "./service";

// The five task tools, defined once and served to the chat agent (taskTools) and to the MCP
// server (runTaskTool). The user always comes from the authenticated request, never from input;
// the door (chat or MCP) comes with it, for the events the changes record.

type Definition<S extends z.ZodType, O extends object> = {
  description: string;
  inputSchema: S;
  run: (actor: Actor, input: z.output<S>) => Promise<O>;
};

const define = <S extends z.ZodType, O extends object>(d: Definition<S, O>) => d;

export const taskToolDefinitions = {
  add_task: define({
    description:
      "Create a task on the user's todo list. Use it whenever the user wants to add, remember or " +
      "note something to do. Call it once per task; several calls are fine for several tasks. " +
      "Put when it is due, how urgent it is, its tags and how it repeats in their own fields (phrases " +
      "like 'tomorrow 9am' or 'every Monday' are fine; times are in the user's time zone), not in the title.",
    inputSchema: addTaskToolInput,
    run: (actor, input) => addTask(actor, input),
  }),
  list_tasks: define({
    description:
      "List the user's tasks (newest first unless sorted), with their ids, due dates, priorities and " +
      "tags. Filter by status, words (q), priority, tag and due date ('overdue', 'today', 'week'...), " +
      "in the user's time zone. Use it to answer questions about the list, and to find the id of a " +
      "task the user names by its words before changing it. count is the number of all matches.",
    inputSchema: listTasksToolInput,
    run: (actor, input) => listTasks(actor.userId, input, actor.timezone),
  }),
  complete_task: define({
    description:
      "Mark a task as done, or re-open it with completed=false. Needs the numeric task id: if the " +
      "user described the task in words, call list_tasks first and pick the matching id. Completing " +
      "a repeating task creates its next occurrence, returned as `next`: tell the user when it is due.",
    inputSchema: completeTaskToolInput,
    run: (actor, input) => setTaskCompleted(actor, input.task_id, input.completed ?? true),
  }),
  update_task: define({
    description:
      "Change a task: title, description, due date, priority, tags, repeat rule or reminder (null " +
      "clears one; phrases like 'Friday 3pm' are fine, in the user's time zone). Needs the numeric " +
      "task id (use list_tasks to find it). tags replaces the whole list.",
    inputSchema: updateTaskToolInput,
    run: (actor, { task_id, ...fields }) => updateTask(actor, task_id, fields),
  }),
  delete_task: define({
    description:
      "Delete a task permanently. Needs the numeric task id (use list_tasks to find it). Say which " +
      "task was deleted, by title, in your reply.",
    inputSchema: deleteTaskToolInput,
    run: (actor, input) => deleteTask(actor, input.task_id),
  }),
};

export type TaskToolName = keyof typeof taskToolDefinitions;
export const TASK_TOOL_NAMES = Object.keys(taskToolDefinitions) as TaskToolName[];
export { type TaskToolError, isTaskToolError };

/** Runs a tool's work: expected failures come back as `{error}` (the model reads it and can explain). */
async function guarded<O>(name: TaskToolName, work: () => Promise<O>): Promise<O | TaskToolError> {
  try {
    return await work();
  } catch (error) {
    // Past the write rate limit the door itself answers (MCP: 429 with Retry-After).
    if (error instanceof AppError && error.code === "rate_limited") throw error;
    // Expected refusals (not found, invalid input, the task cap) are results the model or client can explain.
    if (error instanceof AppError && error.status < 500) return { error: error.message };
    if (isDatabaseUnavailable(error)) return { error: new AppError("unavailable").message };
    console.error(`[taskchat] tool ${name} failed:`, error);
    return { error: "Unable to complete task operation" };
  }
}

/**
 * Runs a tool for a user from untrusted input (the MCP server). Nothing throws, so a failing
 * tool never ends the request.
 */
export async function runTaskTool(name: TaskToolName, actor: Actor, input: unknown): Promise<object> {
  const definition: Definition<z.ZodType, object> = taskToolDefinitions[name];
  const parsed = definition.inputSchema.safeParse(input);
  if (!parsed.success) {
    return { error: parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ") };
  }
  return guarded(name, () => definition.run(actor, parsed.data));
}

// Given a bare zod schema, the AI SDK converts it to JSON Schema again at every step of every
// turn; wrapped once per process, the conversion runs once and is kept.
function agentTool<I extends object, O extends object>(
  name: TaskToolName,
  definition: { description: string; inputSchema: z.ZodType<I>; run: (actor: Actor, input: I) => Promise<O> },
) {
  const inputSchema = zodSchema(definition.inputSchema);
  // The SDK has validated the input against inputSchema before it calls execute.
  return (actor: Actor) => ({
    description: definition.description,
    inputSchema,
    execute: (input: I) => guarded(name, () => definition.run(actor, input)),
  });
}

const agentTools = {
  add_task: agentTool("add_task", taskToolDefinitions.add_task),
  list_tasks: agentTool("list_tasks", taskToolDefinitions.list_tasks),
  complete_task: agentTool("complete_task", taskToolDefinitions.complete_task),
  update_task: agentTool("update_task", taskToolDefinitions.update_task),
  delete_task: agentTool("delete_task", taskToolDefinitions.delete_task),
};

/**
 * The AI SDK tools bound to one user (and the zone their dates are read in), for the chat agent;
 * their types flow to the chat's messages.
 */
export function taskTools(userId: string, timezone: string) {
  const actor: Actor = { userId, source: "chat", timezone };
  return {
    add_task: tool(agentTools.add_task(actor)),
    list_tasks: tool(agentTools.list_tasks(actor)),
    complete_task: tool(agentTools.complete_task(actor)),
    update_task: tool(agentTools.update_task(actor)),
    delete_task: tool(agentTools.delete_task(actor)),
  } satisfies Record<TaskToolName, unknown>;
}

export type TaskTools = ReturnType<typeof taskTools>;
