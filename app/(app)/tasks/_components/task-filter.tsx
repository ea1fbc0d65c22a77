"use client";

import type { TaskStatus } from "@/lib/tasks/schemas";
import { STATUSES, STATUS_LABELS } from "../_lib/filter";

type Props = { value: TaskStatus; onChange: (status: TaskStatus) => void };

/**
 * A segmented control: one pressed button per status. No per-tab numbers: the server answers one
 * status at a time, and the list's own line states how many tasks match it.
 */
export function TaskFilter({ value, onChange }: Props) {
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
            className={`inline-flex min-h-10 items-center justify-center rounded-lg px-3 text-sm font-medium transition-colors sm:min-h-8 ${
              active
                ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-700/70 dark:text-white"
                : "text-muted hover:bg-white/60 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-white"
            }`}
          >
            {STATUS_LABELS[status]}
          </button>
        );
      })}
    </div>
  );
}
