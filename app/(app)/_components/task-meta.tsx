"use client";

import { CalendarClock, Flag, Repeat } from "lucide-react";
import { dueParts } from "@/lib/tasks/due-text";
import type { TaskDto } from "@/lib/tasks/service";
import { useNow } from "@/app/_components/use-now";
import { useUserZone } from "../_lib/user-zone";

type Meta = Pick<TaskDto, "due_at" | "all_day" | "priority" | "tags" | "recurrence_text" | "completed">;


const PRIORITY_STYLE = {
  high: "text-red-700 dark:text-red-300",
  medium: "text-amber-800 dark:text-amber-300",
  low: "text-sky-800 dark:text-sky-300",
} as const;

/** "Tomorrow 9:00" (red when overdue) in the user's zone, after hydration: the reader's clock decides "tomorrow". */
export function DueLabel({ dueAt, allDay, completed }: { dueAt: string; allDay: boolean; completed: boolean }) {
  const now = useNow();
  const zone = useUserZone();
  if (now === null) return null;
  const { day, time, overdue } = dueParts(dueAt, allDay, zone, new Date(now));
  const text = `${day.charAt(0).toUpperCase()}${day.slice(1)}${time ? ` ${time}` : ""}`;
  const late = overdue && !completed;
  return (
    <time
      dateTime={dueAt}
      data-overdue={late || undefined}
      className={`inline-flex items-center gap-1 ${late ? "font-medium text-red-700 dark:text-red-400" : ""}`}
    >
      <CalendarClock className="size-3.5" aria-hidden />
      <span className="sr-only">Due </span>
      {text}
      {late && <span className="sr-only"> (overdue)</span>}
    </time>
  );
}

/** A task's due date, priority, tags and repeat rule, in one wrapping row. */
export function TaskMeta({ task }: { task: Meta }) {
  const hasAny = task.due_at || task.priority !== "none" || task.tags.length > 0 || task.recurrence_text;
  if (!hasAny) return null;
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted">
      {task.due_at && <DueLabel dueAt={task.due_at} allDay={task.all_day} completed={task.completed} />}
      {task.priority !== "none" && (
        <span className={`inline-flex items-center gap-1 ${PRIORITY_STYLE[task.priority]}`}>
          <Flag className="size-3.5" aria-hidden />
          {task.priority.charAt(0).toUpperCase() + task.priority.slice(1)}
          <span className="sr-only"> priority</span>
        </span>
      )}
      {task.recurrence_text && (
        <span className="inline-flex items-center gap-1">
          <Repeat className="size-3.5" aria-hidden />
          <span className="sr-only">Repeats </span>
          {task.recurrence_text}
        </span>
      )}
      {task.tags.map((tag) => (
        <span
          key={tag}
          className="rounded-full bg-zinc-100 px-2 py-0.5 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
          data-tag={tag}
        >
          #{tag}
        </span>
      ))}
    </span>
  );
}
