// Human summaries of task tool calls for the chat's tool cards ("Added #12 · Buy milk").
import { getStaticToolName } from "ai";
import type { ChatTools, ToolPart } from "@/lib/chat/types";
import { type TaskToolError, isTaskToolError } from "@/lib/tasks/schemas";
import type { TaskDto } from "@/lib/tasks/service";
import type { TaskToolName } from "@/lib/tasks/tools";

export type ToolCardState = "running" | "done" | "failed";

export type ToolCardModel = {
  state: ToolCardState;
  /** One line: what happened (or is happening). */
  summary: string;
  /** list_tasks: the tasks it returned, to show as a small list. */
  tasks?: Pick<TaskDto, "id" | "title" | "completed">[];
  count?: number;
};

const running: Record<TaskToolName, string> = {
  add_task: "Adding a task…",
  list_tasks: "Looking at your tasks…",
  complete_task: "Updating a task…",
  update_task: "Updating a task…",
  delete_task: "Deleting a task…",
};

const label = (task: { id: number; title: string }) => `#${task.id} · ${task.title}`;
const done = (summary: string): ToolCardModel => ({ state: "done", summary });

/** A tool's `{error}` result is a failure; anything else is summarised. */
function summarized<T extends object>(
  output: T | TaskToolError,
  summarize: (value: T) => ToolCardModel,
): ToolCardModel {
  return isTaskToolError(output) ? { state: "failed", summary: output.error } : summarize(output);
}

export function summarizeToolPart(part: ToolPart): ToolCardModel {
  if (part.state === "output-error") return { state: "failed", summary: part.errorText };
  if (part.state !== "output-available")
    return { state: "running", summary: running[getStaticToolName<ChatTools>(part)] };
  switch (part.type) {
    case "tool-add_task":
      return summarized(part.output, (task) => done(`Added ${label(task)}`));
    case "tool-complete_task":
      return summarized(part.output, (task) => done(`${task.completed ? "Completed" : "Reopened"} ${label(task)}`));
    case "tool-update_task":
      return summarized(part.output, (task) => done(`Updated ${label(task)}`));
    case "tool-delete_task":
      return summarized(part.output, (task) => done(`Deleted ${label(task)}`));
    case "tool-list_tasks": {
      const status = part.input.status;
      const word = status === "pending" || status === "completed" ? `${status} ` : "";
      return summarized(part.output, ({ tasks, count }) => ({
        ...done(count === 0 ? `No ${word}tasks` : `Found ${count} ${word}task${count === 1 ? "" : "s"}`),
        tasks: tasks.map((t) => ({ id: t.id, title: t.title, completed: t.completed })),
        count,
      }));
    }
  }
}
