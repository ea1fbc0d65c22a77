import { AlertCircle, Check, ListTodo, Loader2 } from "lucide-react";
import { TaskMeta } from "../../_components/task-meta";
import type { ToolPart } from "@/lib/chat/types";
import { useLiveTaskStates } from "../../_lib/live-events";
import { summarizeToolPart, withLiveTasks } from "../_lib/tool-summary";

/** One tool call: what it did (or is doing), with the tasks it listed. */
export function ToolCard({ part }: { part: ToolPart }) {
  const card = withLiveTasks(summarizeToolPart(part), part.output, useLiveTaskStates());
  const icon =
    card.state === "running" ? (
      <Loader2 className="size-4 animate-spin text-muted" aria-hidden />
    ) : card.state === "failed" ? (
      <AlertCircle className="size-4 text-red-500" aria-hidden />
    ) : card.tasks ? (
      <ListTodo className="size-4 text-indigo-500" aria-hidden />
    ) : (
      <Check className="size-4 text-emerald-500" aria-hidden />
    );
  const shown = card.tasks?.slice(0, 8) ?? [];
  return (
    <div
      data-state={card.state}
      className={`inline-flex max-w-full flex-col rounded-xl border px-3 py-2 text-sm ${
        card.state === "failed"
          ? "border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
          : "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
      }`}
    >
      <div className="flex items-center gap-2">
        {icon}
        <span className="min-w-0 truncate font-medium">{card.summary}</span>
        <span className="sr-only">
          {card.state === "running" ? "(running)" : card.state === "failed" ? "(failed)" : "(done)"}
        </span>
      </div>
      {card.task && (
        <div className="mt-1 pl-6">
          <TaskMeta task={card.task} />
        </div>
      )}
      {card.now && (
        <p data-testid="tool-card-now" className="mt-0.5 text-xs text-muted">
          {card.now}
        </p>
      )}
      {shown.length > 0 && (
        <ul
          className="mt-1.5 space-y-0.5 border-t border-zinc-200 pt-1.5 text-xs dark:border-zinc-800"
          aria-label="Tasks found"
        >
          {shown.map((t) => (
            <li key={t.id} className="flex items-center gap-1.5">
              <span
                className={`inline-block size-1.5 rounded-full ${t.completed ? "bg-emerald-500" : "bg-zinc-400"}`}
                aria-hidden
              />
              <span className="text-muted">#{t.id}</span>
              <span className={`truncate ${t.completed || t.deleted ? "text-muted line-through" : ""}`}>{t.title}</span>
              {t.deleted ? (
                <span className="text-muted">(deleted)</span>
              ) : (
                t.completed && <span className="sr-only">(done)</span>
              )}
              {t.tags && !t.deleted && <TaskMeta task={t} />}
            </li>
          ))}
          {card.count !== undefined && card.count > shown.length && (
            <li className="text-muted">and {card.count - shown.length} more</li>
          )}
        </ul>
      )}
    </div>
  );
}
