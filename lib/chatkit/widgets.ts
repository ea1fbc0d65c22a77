// Task tool results as ChatKit widgets: a Card for one task, a ListView for a list, each task
// with "Complete" and "Delete" buttons whose actions come back as `threads.custom_action`.
import { z } from "zod";
import type { TaskAction } from "@/lib/chat/types";
import type { TaskDto } from "@/lib/tasks/service";
import type { ActionConfig, ListViewItem, WidgetComponent, WidgetIconName, WidgetRoot } from "./schemas";

/** What a widget shows of a task: the DTO's fields, and the scheduling fields when a task has them. */
const widgetTaskSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string().default(""),
  completed: z.boolean(),
  due_at: z.string().nullish(),
  all_day: z.boolean().optional(),
  priority: z.enum(["none", "low", "medium", "high"]).optional(),
  tags: z.array(z.string()).optional(),
  recurrence_text: z.string().nullish(),
});
type WidgetTask = z.infer<typeof widgetTaskSchema>;

// Every TaskDto can be drawn: this fails to compile if the DTO stops fitting the schema.
const drawn = (task: TaskDto): WidgetTask => task;

const deletedSchema = z.object({ id: z.number().int(), title: z.string(), deleted: z.literal(true) });
const listSchema = z.object({ tasks: z.array(widgetTaskSchema), count: z.number().int() });
const errorSchema = z.object({ error: z.string() });

export const TASK_ACTIONS = { complete: "task.complete", delete: "task.delete" } as const;

/** Rows a list widget draws; the rest are counted ("and 12 more"). */
export const LIST_WIDGET_ROWS = 25;

/** What is shown while a tool runs (`progress_update`). */
export const toolProgress: Record<string, { icon: WidgetIconName; text: string }> = {
  add_task: { icon: "plus", text: "Adding a task…" },
  list_tasks: { icon: "search", text: "Looking at your tasks…" },
  complete_task: { icon: "check", text: "Updating a task…" },
  update_task: { icon: "write", text: "Updating a task…" },
  delete_task: { icon: "write", text: "Deleting a task…" },
};

const action = (type: string, taskId: number): ActionConfig => ({
  type,
  payload: { task_id: taskId },
  handler: "server",
  loadingBehavior: "self",
});

/** "Due Jun 3, 2099, 2:30 PM PDT" (a whole day: "Due Jun 3, 2099"), in the user's zone. */
function dueText(task: WidgetTask, zone: string): string | null {
  if (!task.due_at) return null;
  const due = new Date(task.due_at);
  if (Number.isNaN(due.getTime())) return null;
  const format = new Intl.DateTimeFormat(
    "en-US",
    task.all_day
      ? { dateStyle: "medium", timeZone: zone }
      : {
          year: "numeric",
          month: "short",
          day: "numeric",
          hour: "numeric",
          minute: "2-digit",
          timeZone: zone,
          timeZoneName: "short",
        },
  );
  return `Due ${format.format(due)}`;
}

const priorityBadge: Record<string, WidgetComponent> = {
  high: { type: "Badge", label: "High priority", color: "danger", variant: "soft", size: "sm" },
  medium: { type: "Badge", label: "Medium priority", color: "warning", variant: "soft", size: "sm" },
  low: { type: "Badge", label: "Low priority", color: "info", variant: "soft", size: "sm" },
};

type TaskState = { task: WidgetTask; deleted: boolean };

/** One task: done state, title, details (due date, repeat, priority, tags) and its buttons. */
function taskRow({ task, deleted }: TaskState, zone: string): WidgetComponent[] {
  const overdue = Boolean(task.due_at && !task.completed && new Date(task.due_at).getTime() < Date.now());
  const details = [`#${task.id}`, dueText(task, zone), task.recurrence_text ? `Repeats ${task.recurrence_text}` : null]
    .filter((d): d is string => Boolean(d))
    .join(" · ");
  const badges: WidgetComponent[] = [
    ...(deleted ? [{ type: "Badge", label: "Deleted", color: "secondary", size: "sm" } as const] : []),
    ...(task.priority && priorityBadge[task.priority] ? [priorityBadge[task.priority]!] : []),
    ...(task.tags ?? []).map((tag): WidgetComponent => ({
      type: "Badge",
      label: `#${tag}`,
      color: "discovery",
      size: "sm",
    })),
  ];
  const buttons: WidgetComponent[] = [];
  if (!deleted && !task.completed) {
    buttons.push({
      type: "Button",
      label: "Complete",
      iconStart: "check",
      size: "sm",
      variant: "outline",
      onClickAction: action(TASK_ACTIONS.complete, task.id),
    });
  }
  if (!deleted) {
    buttons.push({
      type: "Button",
      label: "Delete",
      size: "sm",
      variant: "ghost",
      color: "danger",
      onClickAction: action(TASK_ACTIONS.delete, task.id),
    });
  }
  return [
    {
      type: "Icon",
      name: task.completed ? "check-circle-filled" : "empty-circle",
      color: task.completed ? "success" : "secondary",
    },
    {
      type: "Col",
      gap: 1,
      flex: 1,
      children: [
        { type: "Text", value: task.title, weight: "medium", lineThrough: task.completed || deleted, truncate: true },
        { type: "Caption", value: details, color: overdue ? "danger" : "secondary" },
        ...(badges.length ? [{ type: "Row", gap: 1, wrap: "wrap", children: badges } as const] : []),
      ],
    },
    ...buttons,
  ];
}

const line = ({ task, deleted }: TaskState) =>
  `#${task.id} ${task.title}${deleted ? " (deleted)" : task.completed ? " (done)" : ""}`;

function card(status: { text: string; icon: WidgetIconName }, state: TaskState, zone: string): WidgetRoot {
  return {
    type: "Card",
    key: `task-${state.task.id}`,
    status,
    children: [{ type: "Row", gap: 3, align: "center", children: taskRow(state, zone) }],
  };
}

function errorCard(message: string): { widget: WidgetRoot; copyText: string } {
  return {
    widget: {
      type: "Card",
      status: { text: "That didn't work", icon: "info" },
      children: [{ type: "Text", value: message, color: "danger" }],
    },
    copyText: message,
  };
}

/** The state of tasks after the actions taken on this widget, by task id. */
function applyActions(actions: TaskAction[]): Map<number, Partial<TaskState>> {
  const changes = new Map<number, Partial<TaskState>>();
  for (const a of actions) {
    if (a.action === "delete") changes.set(a.task.id, { ...changes.get(a.task.id), deleted: true });
    else changes.set(a.task.id, { ...changes.get(a.task.id), task: drawn(a.task) });
  }
  return changes;
}

const withChanges = (task: WidgetTask, changes: Map<number, Partial<TaskState>>): TaskState => ({
  task: changes.get(task.id)?.task ?? task,
  deleted: changes.get(task.id)?.deleted ?? false,
});

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function listWidget(
  input: unknown,
  list: z.infer<typeof listSchema>,
  changes: Map<number, Partial<TaskState>>,
  zone: string,
) {
  const filter = z.object({ status: z.enum(["pending", "completed"]) }).safeParse(input);
  const noun = filter.success ? `${filter.data.status} task` : "task";
  const rows = list.tasks.slice(0, LIST_WIDGET_ROWS).map((t) => withChanges(t, changes));
  const more = list.count - rows.length;
  if (rows.length === 0) {
    return {
      widget: {
        type: "Card",
        status: { text: `No ${noun}s`, icon: "check-circle" },
        children: [{ type: "Text", value: "Nothing here.", color: "secondary" }],
      } satisfies WidgetRoot,
      copyText: `No ${noun}s`,
    };
  }
  const items: ListViewItem[] = rows.map((state) => ({
    type: "ListViewItem",
    key: `task-${state.task.id}`,
    gap: 3,
    align: "center",
    children: taskRow(state, zone),
  }));
  if (more > 0) {
    items.push({
      type: "ListViewItem",
      key: "more",
      children: [{ type: "Caption", value: `and ${more} more`, color: "secondary" }],
    });
  }
  return {
    widget: {
      type: "ListView",
      status: { text: plural(list.count, noun), icon: "check-circle" },
      children: items,
    } satisfies WidgetRoot,
    copyText: rows.map(line).join("\n"),
  };
}

const singleStatus: Record<string, (task: WidgetTask) => { text: string; icon: WidgetIconName }> = {
  add_task: () => ({ text: "Task added", icon: "plus" }),
  update_task: () => ({ text: "Task updated", icon: "write" }),
  complete_task: (task) =>
    task.completed ? { text: "Task completed", icon: "check-circle" } : { text: "Task reopened", icon: "reload" },
};

export type ToolOutcome = { output: unknown } | { errorText: string };

/**
 * The widget for a task tool's result (or failure), drawn with the actions taken on it since and
 * its dates in the user's zone; null for a tool this module does not know.
 */
export function taskToolWidget(
  tool: string,
  input: unknown,
  outcome: ToolOutcome,
  zone: string,
  actions: TaskAction[] = [],
): { widget: WidgetRoot; copyText: string } | null {
  if ("errorText" in outcome) return errorCard(outcome.errorText);
  const failed = errorSchema.safeParse(outcome.output);
  if (failed.success) return errorCard(failed.data.error);
  const changes = applyActions(actions);

  if (tool === "list_tasks") {
    const list = listSchema.safeParse(outcome.output);
    return list.success ? listWidget(input, list.data, changes, zone) : null;
  }
  if (tool === "delete_task") {
    const deleted = deletedSchema.safeParse(outcome.output);
    if (!deleted.success) return null;
    const task: WidgetTask = { id: deleted.data.id, title: deleted.data.title, description: "", completed: false };
    return {
      widget: card({ text: "Task deleted", icon: "check" }, { task, deleted: true }, zone),
      copyText: `Deleted #${task.id} ${task.title}`,
    };
  }
  const status = singleStatus[tool];
  const task = widgetTaskSchema.safeParse(outcome.output);
  if (!status || !task.success) return null;
  const state = withChanges(task.data, changes);
  return {
    widget: card(state.deleted ? { text: "Task deleted", icon: "check" } : status(state.task), state, zone),
    copyText: line(state),
  };
}

/** The task ids a widget shows, so an action can only touch a task its widget offered. */
export function taskIdsOf(widget: WidgetRoot): number[] {
  const ids: number[] = [];
  const visit = (component: WidgetComponent | WidgetRoot) => {
    if (component.type === "Button" && component.onClickAction) {
      const payload = z.object({ task_id: z.number().int() }).safeParse(component.onClickAction.payload);
      if (payload.success) ids.push(payload.data.task_id);
    }
    if ("children" in component) component.children.forEach(visit);
  };
  visit(widget);
  return [...new Set(ids)];
}
