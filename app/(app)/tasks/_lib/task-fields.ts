import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { type TaskPriority, type UpdateTaskInput, tagsSchema } from "@/lib/tasks/schemas";
import type { TaskDto } from "@/lib/tasks/service";

// The part-2 fields of a task as the forms hold them: native date inputs in the user's zone
// (the server reads "YYYY-MM-DDTHH:mm" as wall-clock time there, "YYYY-MM-DD" as a whole day),
// tags as chips, the repeat rule as a preset or a typed phrase the server reads.

export const REPEAT_PRESETS = [
  { value: "none", label: "Does not repeat", rule: null },
  { value: "daily", label: "Daily", rule: "FREQ=DAILY" },
  { value: "weekdays", label: "Every weekday", rule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" },
  { value: "weekly", label: "Weekly", rule: "FREQ=WEEKLY" },
  { value: "monthly", label: "Monthly", rule: "FREQ=MONTHLY" },
  { value: "yearly", label: "Yearly", rule: "FREQ=YEARLY" },
  { value: "custom", label: "Custom…", rule: null },
] as const;
export type RepeatChoice = (typeof REPEAT_PRESETS)[number]["value"];

export const PRIORITY_LABELS: Record<TaskPriority, string> = {
  none: "No priority",
  low: "Low",
  medium: "Medium",
  high: "High",
};

export type FieldsDraft = {
  /** `YYYY-MM-DDTHH:mm`, or `YYYY-MM-DD` when all day; "" for none. */
  due: string;
  allDay: boolean;
  priority: TaskPriority;
  tags: string[];
  repeat: RepeatChoice;
  /** The typed phrase or RRULE when `repeat` is "custom". */
  repeatText: string;
  /** `YYYY-MM-DDTHH:mm`; "" for none. */
  remind: string;
};

/** The form fields that map to a task field, as the server names them in a 400. */
export type DraftField = "due_at" | "priority" | "tags" | "recurrence" | "remind_at";
export type FieldErrors = Partial<Record<DraftField, string>>;

export const emptyDraft: FieldsDraft = {
  due: "",
  allDay: false,
  priority: "none",
  tags: [],
  repeat: "none",
  repeatText: "",
  remind: "",
};

const DATE = "yyyy-MM-dd";
const DATE_TIME = "yyyy-MM-dd'T'HH:mm";

/** An instant as a native input's value, on the zone's wall clock. */
export function toInputValue(iso: string | null, zone: string, allDay = false): string {
  if (!iso) return "";
  return format(new TZDate(new Date(iso).getTime(), zone), allDay ? DATE : DATE_TIME);
}

/** Switching "all day" keeps the day (and gives a whole day a 9:00 time to start from). */
export function withAllDay(due: string, allDay: boolean): string {
  if (!due) return "";
  const day = due.slice(0, 10);
  return allDay ? day : due.length > 10 ? due : `${day}T09:00`;
}

export function draftOf(task: TaskDto, zone: string): FieldsDraft {
  const preset = REPEAT_PRESETS.find((p) => p.rule !== null && p.rule === task.recurrence);
  return {
    due: toInputValue(task.due_at, zone, task.all_day),
    allDay: task.due_at ? task.all_day : false,
    priority: task.priority,
    tags: task.tags,
    repeat: task.recurrence ? (preset?.value ?? "custom") : "none",
    repeatText: task.recurrence && !preset ? task.recurrence : "",
    remind: toInputValue(task.remind_at, zone),
  };
}

function ruleOf(draft: FieldsDraft): string | null {
  if (draft.repeat === "custom") return draft.repeatText.trim() || null;
  return REPEAT_PRESETS.find((p) => p.value === draft.repeat)?.rule ?? null;
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

type Fields = Pick<UpdateTaskInput, DraftField>;

/** What changed between two drafts, as API input (null clears a field). */
export function changedFields(draft: FieldsDraft, initial: FieldsDraft): Fields {
  const changes: Fields = {};
  if (draft.due !== initial.due) changes.due_at = draft.due || null;
  if (draft.priority !== initial.priority) changes.priority = draft.priority;
  if (!sameTags(draft.tags, initial.tags)) changes.tags = draft.tags;
  const rule = ruleOf(draft);
  if (rule !== ruleOf(initial)) changes.recurrence = rule;
  if (draft.remind !== initial.remind) changes.remind_at = draft.remind || null;
  return changes;
}

/** Checks what the page can check itself (the tag limits of the schema); the server reads the rest. */
export function checkFields(draft: FieldsDraft): FieldErrors {
  const errors: FieldErrors = {};
  const tags = tagsSchema.safeParse(draft.tags);
  if (!tags.success) errors.tags = `Tags: ${tags.error.issues[0]?.message ?? "are not valid"}.`;
  if (draft.repeat === "custom" && !draft.repeatText.trim())
    errors.recurrence = "Repeat: type a rule, such as “every 2 weeks”.";
  return errors;
}

const FIELD_LABELS: Record<DraftField, string> = {
  due_at: "Due",
  priority: "Priority",
  tags: "Tags",
  recurrence: "Repeat",
  remind_at: "Reminder",
};

export const isDraftField = (field: string | undefined): field is DraftField =>
  field !== undefined && field in FIELD_LABELS;

/** A server message ("due_at: is not a real date") in the form's words ("Due: is not a real date."). */
export function fieldMessage(field: DraftField, message: string): string {
  const text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return `${FIELD_LABELS[field]}: ${text}${/[.!?]$/.test(text) ? "" : "."}`;
}

/** Splits typed text into tags at commas and spaces ("#" dropped), leaving the unfinished last word. */
export function splitTags(text: string): { done: string[]; rest: string } {
  const parts = text.split(/[,\s]+/);
  const rest = parts.pop() ?? "";
  return { done: parts.map((p) => p.replace(/^#+/, "")).filter(Boolean), rest };
}

/** Adds tags, keeping the first spelling of each (case-insensitively), as the server does. */
export function addTags(tags: readonly string[], more: readonly string[]): string[] {
  const next = [...tags];
  for (const tag of more) if (!next.some((t) => t.toLowerCase() === tag.toLowerCase())) next.push(tag);
  return next;
}
