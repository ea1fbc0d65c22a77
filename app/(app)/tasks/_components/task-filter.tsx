"use client";

import type { TaskStatus } from "@/lib/tasks/schemas";
import { STATUSES, STATUS_LABELS } from "../_lib/filter";

type Props = { value: TaskStatus; counts: Record<TaskStatus, number>; onChange: (status: TaskStatus) => void };

/** A segmented control: one pressed button per filter, each with its count. */
export function TaskFilter({ value, counts, onChange }: Props) {
  return (
    <div
      role="group"
      aria-label="Filter tasks"
      className="grid w-full grid-cols-3 gap-1 rounded-xl bg-zinc-100 p-1 sm:inline-grid sm:w-auto dark:bg-zinc-900"
    >
      {STATUSES.map((status) => {
        const active = status === value;
        return (
          <button
            key={status}
            type="button"
            aria-pressed={active}
            onClick={() => onChange(status)}
            className={`inline-flex min-h-10 items-center justify-center gap-1.5 rounded-lg px-3 text-sm font-medium transition-colors sm:min-h-8 ${
              active
                ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-700/70 dark:text-white"
                : "text-muted hover:bg-white/60 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-white"
            }`}
          >
            {STATUS_LABELS[status]}
            <span
              className={`min-w-5 rounded-full px-1.5 text-xs tabular-nums ${
                active ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-500/20 dark:text-indigo-200" : "text-muted"
              }`}
            >
              {counts[status]}
            </span>
          </button>
        );
      })}
    </div>
  );
}
