"use client";

import { Check } from "lucide-react";

type Props = { id: string; title: string; checked: boolean; busy: boolean; onChange: (checked: boolean) => void };

/**
 * A native checkbox (keyboard, forms and screen readers for free) drawn as a rounded box, with a
 * 44 px hit area around the 20 px box.
 */
export function TaskCheckbox({ id, title, checked, busy, onChange }: Props) {
  return (
    <span className="relative -m-3 grid size-11 shrink-0 place-items-center">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-label={checked ? `Re-open “${title}”` : `Mark “${title}” as done`}
        aria-disabled={busy || undefined}
        onChange={(e) => {
          if (!busy) onChange(e.target.checked);
        }}
        className="peer absolute inset-0 z-10 cursor-pointer appearance-none rounded-lg focus-visible:outline-none aria-disabled:cursor-progress"
      />
      <span
        aria-hidden="true"
        className="grid size-5 place-items-center rounded-md border-[1.5px] border-zinc-300 bg-white text-white transition-colors peer-hover:border-indigo-500 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-500 peer-checked:border-indigo-600 peer-checked:bg-indigo-600 peer-aria-disabled:opacity-60 dark:border-zinc-600 dark:bg-zinc-900 dark:peer-checked:border-indigo-500 dark:peer-checked:bg-indigo-500 [&>svg]:opacity-0 peer-checked:[&>svg]:opacity-100"
      >
        <Check className="size-3.5" strokeWidth={3} aria-hidden />
      </span>
    </span>
  );
}
