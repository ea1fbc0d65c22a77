/**
 * Everything the offline model says. Summaries of actions are built only from tool results, so
 * the model never claims something the tools did not report.
 */
import { describeDue } from "@/lib/tasks/due-text";
import type { TaskStatus } from "@/lib/tasks/schemas";
import type { TaskToolName } from "@/lib/tasks/tools";
import type { CannedReply, TaskAction } from "./phrasing";
import {
  asDeleted,
  asTask,
  asTaskList,
  isNotFound,
  meaningfulWords,
  type Task,
  type TaskRef,
  type ToolOutcome,
} from "./tasks";

/** One tool call of the current turn together with its result. */
export interface RecordedCall {
  toolName: string;
  input: unknown;
  outcome: ToolOutcome;
}

const EXAMPLES = ["“add a task to buy groceries”", "“what's still pending?”", "“mark task 3 as done”"];

export const CANNED_REPLIES: Record<CannedReply, string> = {
  greeting:
    "Hi! I'm your task assistant. I can add, list, complete, rename and delete tasks for you. Try:\n" +
    bullets(["“add a task to buy groceries”", "“what's still pending?”", "“mark the milk task as done”"]),
  help:
    "Here's what I can do:\n" +
    bullets([
      "**Add** — “add a task to buy groceries”, “add milk, eggs and bread”",
      "**List** — “what's pending?”, “show everything”, “what have I completed?”",
      "**Complete** — “mark task 3 as done”, “I bought the milk”",
      "**Reopen** — “reopen task 2”",
      "**Rename** — “rename task 1 to Call mom tonight”",
      "**Delete** — “delete task 5”, “clear completed tasks”",
    ]),
  thanks: "You're welcome! Anything else for your list?",
  unknown: `Sorry, I didn't understand that. I can manage your task list — try:\n${bullets(EXAMPLES)}`,
};

function bullets(lines: readonly string[]): string {
  return lines.map((line) => `- ${line}`).join("\n");
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function taskLabel(task: TaskRef): string {
  return task.title ? `#${task.id} ${task.title}` : `task #${task.id}`;
}

/** "due tomorrow at 9:00 · reminder then · high priority · #work · every week on Monday", in the user's zone. */
function taskDetails(task: Task, zone: string): string {
  const details = [
    task.due_at ? `due ${describeDue(task.due_at, task.all_day ?? false, zone)}` : "",
    task.remind_at && !task.completed
      ? `reminder ${task.remind_at === task.due_at ? "then" : describeDue(task.remind_at, false, zone)}`
      : "",
    task.priority && task.priority !== "none" ? `${task.priority} priority` : "",
    ...(task.tags ?? []).map((t) => `#${t}`),
    task.recurrence_text ?? "",
  ].filter(Boolean);
  return details.length > 0 ? ` (${details.join(" · ")})` : "";
}

function taskLine(task: Task, showState: boolean, zone: string): string {
  const description = task.description ? ` — ${task.description}` : "";
  const state = showState && task.completed ? " ✓ done" : "";
  return `#${task.id} ${task.title}${description}${taskDetails(task, zone)}${state}`;
}

/** Error texts from tools usually lack a final full stop; replies add one. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

// ---------------------------------------------------------------------------------------------
// Lists.

function listReply(status: TaskStatus, tasks: readonly Task[], zone: string): string {
  const lines = bullets(tasks.map((task) => taskLine(task, status === "all", zone)));
  if (status === "pending") {
    return tasks.length === 0
      ? "You have no pending tasks."
      : `You have ${plural(tasks.length, "pending task")}:\n${lines}`;
  }
  if (status === "completed") {
    return tasks.length === 0
      ? "You have no completed tasks."
      : `You have completed ${plural(tasks.length, "task")}:\n${lines}`;
  }
  if (tasks.length === 0) return "You have no tasks yet. Try “add a task to buy groceries”.";
  const done = tasks.filter((task) => task.completed).length;
  const summary = done > 0 ? ` (${done} done)` : "";
  return `You have ${plural(tasks.length, "task")}${summary}:\n${lines}`;
}

/** A short look at the list for "nothing matched" answers: five tasks at most. */
function briefList(tasks: readonly Task[]): string {
  const shown = tasks.slice(0, 5).map((task) => taskLine(task, true, "UTC"));
  const more = tasks.length > 5 ? [`…and ${tasks.length - 5} more`] : [];
  return bullets([...shown, ...more]);
}

// ---------------------------------------------------------------------------------------------
// Finding a task by words.

function queryLabel(query: string): string {
  const words = meaningfulWords(query);
  return `“${words.length > 0 ? words.join(" ") : query.trim()}”`;
}

function exampleFor(action: TaskAction, id: number): string {
  switch (action.kind) {
    case "complete":
      return `mark task ${id} as done`;
    case "reopen":
      return `reopen task ${id}`;
    case "delete":
      return `delete task ${id}`;
    case "update":
      return action.title ? `rename task ${id} to ${action.title}` : `update task ${id} description to …`;
  }
}

export function ambiguousReply(action: TaskAction, query: string, matches: readonly Task[]): string {
  const first = matches[0]?.id ?? 1;
  return (
    `Which one do you mean? ${plural(matches.length, "task")} match ${queryLabel(query)}:\n` +
    `${bullets(matches.map((task) => taskLine(task, true, "UTC")))}\n` +
    `Tell me its number, e.g. “${exampleFor(action, first)}”.`
  );
}

export function noMatchReply(query: string, tasks: readonly Task[]): string {
  const head = `I couldn't find a task matching ${queryLabel(query)}.`;
  return tasks.length === 0 ? `${head} Your list is empty.` : `${head} Your tasks:\n${briefList(tasks)}`;
}

export function alreadyReply(action: TaskAction, task: Task): string {
  return action.kind === "reopen" ? `${taskLabel(task)} isn't done yet.` : `${taskLabel(task)} is already done.`;
}

export function lookupFailedReply(error: string): string {
  return `I couldn't look up your tasks: ${sentence(error)}`;
}

export function nothingToDoReply(action: TaskAction, status: TaskStatus): string {
  const which = status === "all" ? "" : `${status} `;
  switch (action.kind) {
    case "complete":
      return "You have no pending tasks to complete.";
    case "reopen":
      return "You have no completed tasks to reopen.";
    default:
      return `You have no ${which}tasks to delete.`;
  }
}

export const WHICH_TASK = "Which task do you mean? Tell me its number (like “task 3”) or a word from its title.";

export const CLARIFYING_QUESTIONS: Record<"task" | "title" | "new-title", string> = {
  task: WHICH_TASK,
  title: "What should the task be called? For example: “add a task to buy milk”.",
  "new-title": "What should the new title be? For example: “rename task 1 to Call mom tonight”.",
};

const TOOL_ABILITY: Record<TaskToolName, string> = {
  add_task: "add tasks",
  list_tasks: "look at your tasks",
  complete_task: "complete or reopen tasks",
  update_task: "edit tasks",
  delete_task: "delete tasks",
};

export function toolUnavailableReply(toolName: TaskToolName): string {
  return `Sorry, I can't ${TOOL_ABILITY[toolName]} right now.`;
}

export const STEP_LIMIT_REPLY = "I stopped here to keep this reply short — ask me again to carry on with the rest.";

// ---------------------------------------------------------------------------------------------
// Describing tool results.

type Described =
  /** `group` gathers several results of the same kind into one bulleted sentence. */
  | { ok: true; group?: "added" | "done" | "reopened" | "deleted"; sentence: string; line: string; subject?: TaskRef }
  | { ok: false; sentence: string };

function inputOf(call: RecordedCall): Record<string, unknown> {
  return typeof call.input === "object" && call.input !== null ? (call.input as Record<string, unknown>) : {};
}

function taskIdOf(call: RecordedCall): string {
  const id = inputOf(call).task_id;
  return typeof id === "number" || typeof id === "string" ? `#${id}` : "the task";
}

function failure(call: RecordedCall, verb: string, error: string): Described {
  if (isNotFound(error)) return { ok: false, sentence: `I couldn't find task ${taskIdOf(call)}.` };
  return { ok: false, sentence: `I couldn't ${verb} task ${taskIdOf(call)}: ${sentence(error)}` };
}

/** A result we cannot read must not be reported as a success. */
function unreadable(what: string): Described {
  return { ok: false, sentence: `I'm not sure whether ${what} worked — the result looked unexpected.` };
}

function describeAdd(call: RecordedCall, zone: string): Described {
  const input = inputOf(call);
  const title = typeof input.title === "string" ? input.title : "the task";
  if (!call.outcome.ok) return { ok: false, sentence: `I couldn't add “${title}”: ${sentence(call.outcome.error)}` };
  const task = asTask(call.outcome.value);
  if (!task) return unreadable(`adding “${title}”`);
  const description = task.description ? ` — ${task.description}` : "";
  return {
    ok: true,
    group: "added",
    sentence: `Added task #${task.id} · ${task.title}${description}${taskDetails(task, zone)}.`,
    line: taskLine(task, false, zone),
    subject: task,
  };
}

function describeComplete(call: RecordedCall, zone: string): Described {
  const reopening = inputOf(call).completed === false;
  if (!call.outcome.ok) return failure(call, reopening ? "reopen" : "complete", call.outcome.error);
  const task = asTask(call.outcome.value);
  if (!task) return unreadable(reopening ? "reopening it" : "completing it");
  // Report the state the tool returned, not the one that was asked for.
  return task.completed
    ? {
        ok: true,
        group: "done",
        sentence: `Marked ${taskLabel(task)} as done.${task.next ? ` Next one: #${task.next.id}${taskDetails(task.next, zone)}.` : ""}`,
        line: taskLine(task, false, zone),
        subject: task,
      }
    : {
        ok: true,
        group: "reopened",
        sentence: `Reopened ${taskLabel(task)}.`,
        line: taskLine(task, false, zone),
        subject: task,
      };
}

function describeUpdate(call: RecordedCall, zone: string): Described {
  if (!call.outcome.ok) return failure(call, "update", call.outcome.error);
  const task = asTask(call.outcome.value);
  if (!task) return unreadable("the update");
  const input = inputOf(call);
  const parts: string[] = [];
  if (typeof input.title === "string") parts.push(`Renamed #${task.id} to “${task.title}”.`);
  if (typeof input.description === "string") {
    parts.push(
      task.description
        ? `Updated the description of ${taskLabel(task)}: “${task.description}”.`
        : `Cleared the description of ${taskLabel(task)}.`,
    );
  }
  const text = parts.length > 0 ? parts.join(" ") : `Updated ${taskLabel(task)}${taskDetails(task, zone)}.`;
  return { ok: true, sentence: text, line: taskLine(task, false, zone), subject: task };
}

function describeDelete(call: RecordedCall): Described {
  if (!call.outcome.ok) return failure(call, "delete", call.outcome.error);
  const deleted = asDeleted(call.outcome.value);
  if (!deleted) return unreadable("the deletion");
  return {
    ok: true,
    group: "deleted",
    sentence: `Deleted ${taskLabel(deleted)}.`,
    line: taskLabel(deleted),
    subject: deleted,
  };
}

function describeList(call: RecordedCall, zone: string): Described {
  if (!call.outcome.ok) return { ok: false, sentence: `I couldn't load your tasks: ${sentence(call.outcome.error)}` };
  const tasks = asTaskList(call.outcome.value);
  if (!tasks) return unreadable("loading your tasks");
  const status = inputOf(call).status;
  const shown = status === "pending" || status === "completed" ? status : "all";
  const text = listReply(shown, tasks, zone);
  return { ok: true, sentence: text, line: text };
}

function describeCall(call: RecordedCall, zone: string): Described {
  switch (call.toolName) {
    case "add_task":
      return describeAdd(call, zone);
    case "complete_task":
      return describeComplete(call, zone);
    case "update_task":
      return describeUpdate(call, zone);
    case "delete_task":
      return describeDelete(call);
    case "list_tasks":
      return describeList(call, zone);
    default:
      return call.outcome.ok
        ? { ok: true, sentence: `Ran ${call.toolName}.`, line: call.toolName }
        : { ok: false, sentence: `${call.toolName} failed: ${sentence(call.outcome.error)}` };
  }
}

const GROUP_HEADINGS = {
  added: (n: number) => `Added ${plural(n, "task")}:`,
  done: (n: number) => `Marked ${plural(n, "task")} as done:`,
  reopened: (n: number) => `Reopened ${plural(n, "task")}:`,
  deleted: (n: number) => `Deleted ${plural(n, "task")}:`,
};

interface StepSummary {
  text: string;
  /** The tasks this step acted on, for "it"/"them" later in the message. */
  subjects: TaskRef[];
}

/**
 * Summarises one step's results: several results of the same kind become one bulleted list
 * ("Added 3 tasks:"), a single one stays a sentence, and every failure gets its own sentence.
 */
export function describeStep(calls: readonly RecordedCall[], zone = "UTC"): StepSummary {
  const described = calls.map((call) => describeCall(call, zone));
  const lines: string[] = [];
  const groups = new Map<string, Extract<Described, { ok: true }>[]>();
  for (const item of described) {
    if (!item.ok || !item.group) continue;
    groups.set(item.group, [...(groups.get(item.group) ?? []), item]);
  }
  const emittedGroups = new Set<string>();
  for (const item of described) {
    if (!item.ok) {
      lines.push(item.sentence);
      continue;
    }
    const group = item.group ? groups.get(item.group) : undefined;
    if (!item.group || !group || group.length === 1) {
      lines.push(item.sentence);
    } else if (!emittedGroups.has(item.group)) {
      emittedGroups.add(item.group);
      lines.push(`${GROUP_HEADINGS[item.group](group.length)}\n${bullets(group.map((g) => g.line))}`);
    }
  }
  const subjects = described.flatMap((item) => (item.ok && item.subject ? [item.subject] : []));
  return { text: lines.join("\n"), subjects };
}
