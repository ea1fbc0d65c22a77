import type { Metadata } from "next";

export const metadata: Metadata = { title: "Tasks" };

export default function TasksPage() {
  return (
    <main className="mx-auto flex h-full max-w-2xl flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>
      <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">Your task list arrives here soon.</p>
    </main>
  );
}
