"use client";

import { primaryButton } from "./_components/styles";

// The list could not be loaded (the database did not answer, say): say so and offer a retry.
export default function TasksError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="flex h-full items-center justify-center px-4">
      <div role="alert" className="max-w-sm text-center">
        <h1 className="text-lg font-semibold tracking-tight">Couldn&apos;t load your tasks</h1>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
          Something went wrong on our side. Your tasks are safe; try again in a moment.
        </p>
        <button type="button" onClick={() => retry()} className={`${primaryButton} mt-5`}>
          Try again
        </button>
      </div>
    </main>
  );
}
