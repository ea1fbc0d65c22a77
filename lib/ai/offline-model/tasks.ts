/**
 * What the offline model knows about tasks: the shapes the task tools return, how to read a
 * tool result out of the prompt, and how to find the task a user means from a few words.
 */
import type { LanguageModelV3ToolResultOutput } from "@ai-sdk/provider";
import { TASK_PRIORITIES } from "@/lib/tasks/schemas";
import type { TaskDto } from "@/lib/tasks/service";

/** A task as read back from a tool result; an empty description counts as none. */
export type Task = Pick<TaskDto, "id" | "title" | "completed"> &
  Partial<Pick<TaskDto, "due_at" | "all_day" | "priority" | "tags" | "recurrence_text" | "remind_at">> & {
    description: string | null;
    /** A completed repeating task's next occurrence. */
    next?: Task | null;
  };

/** A task the conversation is about ("it"), possibly known only by its id. */
export interface TaskRef {
  id: number;
  title?: string;
}

/** A tool result as the model sees it: either a value or an error message. */
export type ToolOutcome = { ok: true; value: unknown } | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The task tools report failures as `{error: "..."}` values rather than throwing, and the SDK
 * turns thrown errors into `error-text`/`error-json` outputs; both count as failures here.
 */
export function readToolOutput(output: LanguageModelV3ToolResultOutput): ToolOutcome {
  switch (output.type) {
    case "json":
      return fromValue(output.value);
    case "text":
      return fromValue(parseJsonOrKeep(output.value));
    case "error-text":
      return { ok: false, error: output.value };
    case "error-json":
      return { ok: false, error: errorMessageOf(output.value) ?? JSON.stringify(output.value) };
    case "execution-denied":
      return { ok: false, error: output.reason ?? "The action was not allowed" };
    case "content": {
      const text = output.value.map((part) => (part.type === "text" ? part.text : "")).join("");
      return fromValue(parseJsonOrKeep(text));
    }
  }
}

function fromValue(value: unknown): ToolOutcome {
  const error = errorMessageOf(value);
  return error === undefined ? { ok: true, value } : { ok: false, error };
}

function errorMessageOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return isRecord(value) && typeof value.error === "string" ? value.error : undefined;
}

function parseJsonOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function asTask(value: unknown): Task | undefined {
  if (!isRecord(value)) return undefined;
  const { id, title, description, completed, due_at, all_day, priority, tags, recurrence_text, remind_at, next } =
    value;
  if (typeof id !== "number" || typeof title !== "string") return undefined;
  return {
    id,
    title,
    description: typeof description === "string" && description !== "" ? description : null,
    completed: completed === true,
    due_at: typeof due_at === "string" ? due_at : null,
    remind_at: typeof remind_at === "string" ? remind_at : null,
    all_day: all_day === true,
    priority: TASK_PRIORITIES.find((p) => p === priority) ?? "none",
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [],
    recurrence_text: typeof recurrence_text === "string" ? recurrence_text : null,
    next: next === undefined ? undefined : (asTask(next) ?? null),
  };
}

export function asTaskList(value: unknown): Task[] | undefined {
  const items = isRecord(value) ? value.tasks : value;
  if (!Array.isArray(items)) return undefined;
  const tasks = items.map(asTask);
  return tasks.every((task): task is Task => task !== undefined) ? tasks : undefined;
}

/** `delete_task` answers `{id, title, deleted: true}`. */
export function asDeleted(value: unknown): TaskRef | undefined {
  if (!isRecord(value) || value.deleted !== true || typeof value.id !== "number") return undefined;
  return { id: value.id, title: typeof value.title === "string" ? value.title : undefined };
}

/** "Task 7 not found" and friends: the one failure worth rephrasing precisely. */
export function isNotFound(error: string): boolean {
  return /\bnot\s+found\b|\bno such task\b|\bdoes(?:n't| not) exist\b/i.test(error);
}

// ---------------------------------------------------------------------------------------------
// Matching a few words against task titles.

/** Words that say which kind of thing is meant but never which task. */
const QUERY_STOPWORDS = new Set(
  (
    "the a an my our your this that these those task tasks todo todos to-do item items one ones entry thing things " +
    "about for with called named titled on in from of to off list i it is was as and or be done complete completed " +
    "finished please just i'm im i've ive we we're you all"
  ).split(" "),
);

/**
 * A crude stemmer: enough for "groceries"/"grocery", "bills"/"bill", "boxes"/"box" and
 * possessives. Anything smarter belongs in a real model.
 */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, "").replace(/'/g, "");
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && /(?:s|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  return w;
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** The words of a query that can tell tasks apart, as typed ("the groceries one" → "groceries"). */
export function meaningfulWords(query: string): string[] {
  return words(query).filter((word) => !QUERY_STOPWORDS.has(word));
}

function queryWords(query: string): string[] {
  return meaningfulWords(query).map(stem);
}

/** Same stem, or one word is a prefix of the other ("meet"/"meeting") when both are long enough. */
function wordsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

function matchedCount(query: readonly string[], title: string): number {
  const titleWords = words(title).map(stem);
  return query.filter((q) => titleWords.some((t) => wordsMatch(q, t))).length;
}

/**
 * The tasks a few words most plausibly mean. An exact title wins outright; otherwise tasks whose
 * title contains every query word; failing that, the tasks sharing the most words with the query
 * (so "the dentist appointment" still finds "Call the dentist"). Several results mean ambiguity.
 */
export function matchTasks(query: string, tasks: readonly Task[]): Task[] {
  const normalized = query.trim().toLowerCase();
  const exact = tasks.filter((task) => task.title.trim().toLowerCase() === normalized);
  if (exact.length > 0) return exact;

  const q = queryWords(query);
  if (q.length === 0) return [];
  const scored = tasks.map((task) => ({ task, score: matchedCount(q, task.title) }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  if (best === 0) return [];
  return scored.filter((s) => s.score === best).map((s) => s.task);
}
