// Human summaries of task tool calls for the chat's tool cards ("Added #12 · Buy milk").
import type { TaskDto } from "@/lib/tasks/service";

export type ToolCardState = "running" | "done" | "failed";

export type ToolCardModel = {
  state: ToolCardState;
  /** One line: what happened (or is happening). */
  summary: string;
  /** list_tasks: the tasks it returned, to show as a small list. */
  tasks?: (TaskDto & { deleted?: boolean })[];
  /** One task added, changed or completed: its due date, priority, tags and repeat rule. */
  task?: TaskDto;
  count?: number;
  /** The task the call changed, as it is now when it changed since (live sync): "Now done". */
  now?: string;
};

/** The latest known state of tasks (live sync): a task, or null once deleted. */
export type TaskStates = ReadonlyMap<number, Pick<TaskDto, "id" | "title" | "completed"> | null>;

type ToolPartLike = {
  type: string;
  state: string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
};

const running: Record<string, string> = {
  add_task: "Adding a task…",
  list_tasks: "Looking at your tasks…",
  complete_task: "Updating a task…",
  update_task: "Updating a task…",
  delete_task: "Deleting a task…",
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** A tool's task result (every field of the DTO present), or undefined for an older one. */
function asTask(value: Record<string, unknown>): TaskDto | undefined {
  const hasFields = typeof value.id === "number" && Array.isArray(value.tags) && typeof value.priority === "string";
  return hasFields ? (value as TaskDto) : undefined;
}
const label = (task: Record<string, unknown>) => `#${String(task.id)} · ${String(task.title)}`;

function statusWord(input: unknown): string {
  const status = isObject(input) ? input.status : undefined;
  return status === "pending" ? "pending " : status === "completed" ? "completed " : "";
}

function doneSummary(tool: string, input: unknown, output: Record<string, unknown>): ToolCardModel {
  switch (tool) {
    case "add_task":
      return { state: "done", summary: `Added ${label(output)}`, task: asTask(output) };
    case "complete_task": {
      const next = isObject(output.next) ? `; next: ${label(output.next)}` : "";
      const task = asTask(isObject(output.next) ? output.next : output);
      return { state: "done", summary: `${output.completed ? "Completed" : "Reopened"} ${label(output)}${next}`, task };
    }
    case "update_task":
      return { state: "done", summary: `Updated ${label(output)}`, task: asTask(output) };
    case "delete_task":
      return { state: "done", summary: `Deleted ${label(output)}` };
    case "list_tasks": {
      const tasks = Array.isArray(output.tasks) ? (output.tasks as TaskDto[]) : [];
      const count = typeof output.count === "number" ? output.count : tasks.length;
      const noun = `${statusWord(input)}task${count === 1 ? "" : "s"}`;
      return {
        state: "done",
        summary: count === 0 ? `No ${noun}` : `Found ${count} ${noun}`,
        tasks,
        count,
      };
    }
    default:
      return { state: "done", summary: `Ran ${tool}` };
  }
}

export function toolName(part: { type: string }): string {
  return part.type.replace(/^tool-/, "");
}

/**
 * A card brought up to date with what happened to its tasks since (completed on /tasks, renamed
 * by a script, deleted in another chat): list entries take their current state, and a card about
 * one task says what it is now.
 */
export function withLiveTasks(card: ToolCardModel, output: unknown, states: TaskStates): ToolCardModel {
  if (card.state !== "done" || states.size === 0) return card;
  const tasks = card.tasks?.map((t) => {
    const now = states.get(t.id);
    return now === undefined
      ? t
      : now === null
        ? { ...t, deleted: true }
        : { ...t, title: now.title, completed: now.completed };
  });
  const id = isObject(output) && typeof output.id === "number" && !("deleted" in output) ? output.id : undefined;
  const now = id === undefined ? undefined : states.get(id);
  if (now === undefined || !isObject(output)) return { ...card, tasks };
  const notes = [
    now === null
      ? "Since deleted"
      : now.completed !== output.completed
        ? now.completed
          ? "Now done"
          : "Now open"
        : null,
    now !== null && now.title !== output.title ? `Now “${now.title}”` : null,
  ].filter(Boolean);
  return { ...card, tasks, now: notes.length > 0 ? notes.join(" · ") : undefined };
}

export function summarizeToolPart(part: ToolPartLike): ToolCardModel {
  const tool = toolName(part);
  if (part.state === "output-error") return { state: "failed", summary: part.errorText ?? "The tool failed" };
  if (part.state !== "output-available") return { state: "running", summary: running[tool] ?? `Running ${tool}…` };
  if (!isObject(part.output)) return { state: "done", summary: `Ran ${tool}` };
  if (typeof part.output.error === "string") return { state: "failed", summary: part.output.error };
  return doneSummary(tool, part.input, part.output);
}
