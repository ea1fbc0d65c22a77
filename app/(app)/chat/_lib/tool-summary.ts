// Human summaries of task tool calls for the chat's tool cards ("Added #12 · Buy milk").
// Nothing here imports the AI SDK or zod at run time: tool cards are part of /chat's first-load
// JavaScript, and the SDK's `ai` entry is one module the bundler cannot split (its
// `isStaticToolUIPart` alone would bring ~70 KB gzipped of it, past the spec's 250 KB budget).
import type { ChatMessage, ToolPart } from "@/lib/chat/types";
import type { TaskDto } from "@/lib/tasks/service";
import { type TaskToolError, isTaskToolError } from "@/lib/tasks/tool-error";

export type ToolCardState = "running" | "done" | "failed";

export type ToolCardModel = {
  state: ToolCardState;
  /** One line: what happened (or is happening). */
  summary: string;
  /** list_tasks: the tasks it returned, to show as a small list. */
  tasks?: (TaskDto & { deleted?: boolean })[];
  /** One task added, changed or completed (or a repeating one's next): its due date, priority, tags. */
  task?: TaskDto;
  count?: number;
  /** The task the call changed, as it is now when it changed since (live sync): "Now done". */
  now?: string;
};

/** The latest known state of tasks (live sync): a task, or null once deleted. */
export type TaskStates = ReadonlyMap<number, Pick<TaskDto, "id" | "title" | "completed"> | null>;

/** What a card says while its tool runs, by the part's type: one entry per task tool. */
const running: Record<ToolPart["type"], string> = {
  "tool-add_task": "Adding a task…",
  "tool-list_tasks": "Looking at your tasks…",
  "tool-complete_task": "Updating a task…",
  "tool-update_task": "Updating a task…",
  "tool-delete_task": "Deleting a task…",
};

/** A message part that is a task tool call (the chat has no other tools). */
export function isTaskToolPart(part: ChatMessage["parts"][number]): part is ToolPart {
  return Object.hasOwn(running, part.type);
}

const label = (task: { id: number; title: string }) => `#${task.id} · ${task.title}`;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const done = (summary: string): ToolCardModel => ({ state: "done", summary });

/** A tool's `{error}` result is a failure; anything else is summarised. */
function summarized<T extends object>(
  output: T | TaskToolError,
  summarize: (value: T) => ToolCardModel,
): ToolCardModel {
  return isTaskToolError(output) ? { state: "failed", summary: output.error } : summarize(output);
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

export function summarizeToolPart(part: ToolPart): ToolCardModel {
  if (part.state === "output-error") return { state: "failed", summary: part.errorText };
  if (part.state !== "output-available")
    return { state: "running", summary: running[part.type] };
  switch (part.type) {
    case "tool-add_task":
      return summarized(part.output, (task) => ({ ...done(`Added ${label(task)}`), task }));
    case "tool-complete_task":
      return summarized(part.output, (task) => ({
        ...done(
          `${task.completed ? "Completed" : "Reopened"} ${label(task)}${task.next ? `; next: ${label(task.next)}` : ""}`,
        ),
        task: task.next ?? task,
      }));
    case "tool-update_task":
      return summarized(part.output, (task) => ({ ...done(`Updated ${label(task)}`), task }));
    case "tool-delete_task":
      return summarized(part.output, (task) => done(`Deleted ${label(task)}`));
    case "tool-list_tasks": {
      const status = part.input.status;
      const word = status === "pending" || status === "completed" ? `${status} ` : "";
      return summarized(part.output, ({ tasks, count }) => ({
        ...done(count === 0 ? `No ${word}tasks` : `Found ${count} ${word}task${count === 1 ? "" : "s"}`),
        tasks,
        count,
      }));
    }
  }
}
