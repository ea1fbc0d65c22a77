import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requireUser } from "@/lib/auth/current-user";
import { listTasks } from "@/lib/tasks/service";
import { ActivityPanel } from "./_components/activity-panel";
import { FocusTask } from "./_components/focus-task";
import { TaskBoard } from "./_components/task-board";
import { listQueryOf } from "./_lib/filter";

export const metadata: Metadata = { title: "Tasks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TasksPage({ searchParams }: Props) {
  // Rendered for every request, never from a cache: the assistant changes these tasks from Chat.
  await connection();
  const user = await requireUser();
  // The status tab, filters and order in the URL; due filters in the session's zone.
  const list = await listTasks(user.id, listQueryOf(await searchParams), user.timezone);
  return (
    <main className="h-full overflow-y-auto">
      <div className="mx-auto w-full max-w-2xl px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
        <header className="mb-6">
          <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>
          <p className="mt-1 text-sm text-muted">
            The same list the assistant keeps in{" "}
            <Link href="/chat" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              Chat
            </Link>
            : change it here or there.
          </p>
        </header>
        <TaskBoard initial={list} />
        <FocusTask />
        <div className="mt-10 border-t border-zinc-200 pt-6 dark:border-zinc-800">
          <ActivityPanel />
        </div>
      </div>
    </main>
  );
}
