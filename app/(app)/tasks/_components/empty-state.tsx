import Link from "next/link";
import type { TaskStatus } from "@/lib/tasks/schemas";

const copy: Record<TaskStatus, { icon: string; title: string; body: string }> = {
  all: { icon: "+", title: "No tasks yet", body: "Add one above, or ask the assistant in" },
  pending: { icon: "☀", title: "Nothing pending 🎉", body: "No open tasks on your list." },
  completed: { icon: "✓", title: "Nothing completed yet", body: "Tick a task off and it will show up here." },
};

const noMatch = { icon: "⌕", title: "No tasks match", body: "Try other filters, or clear them." };

/**
 * What an empty list says: per status tab, or "no tasks match" under search or filters. (A status
 * tab's list comes from the server alone, so its copy holds whether or not other tasks exist.)
 */
export function EmptyState({ status, filtered }: { status: TaskStatus; filtered: boolean }) {
  const { icon, title, body } = filtered ? noMatch : copy[status];
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
      <div
        aria-hidden="true"
        className="mx-auto mb-3 flex size-10 items-center justify-center rounded-xl bg-indigo-50 text-lg text-indigo-600 dark:bg-indigo-500/10 dark:text-indigo-300"
      >
        {icon}
      </div>
      <p className="font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
      <p className="mt-1 text-sm text-muted">
        {body}
        {status === "all" && !filtered && (
          <>
            {" "}
            <Link href="/chat" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              Chat
            </Link>
            .
          </>
        )}
      </p>
    </div>
  );
}
