"use client";

import { Loader2, X } from "lucide-react";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CreateTaskInput, TaskStatus, UpdateTaskInput } from "@/lib/tasks/schemas";
import { useHydrated } from "@/app/_components/use-hydrated";
import { ApiError, messageOf, tasksApi } from "@/lib/api-client";
import type { TaskDto, TaskList } from "@/lib/tasks/service";
import { useLiveEvents } from "../../_lib/live-events";
import { type QueryKey, apiQueryOf, isFiltered, listQueryOf, statusOf, urlWith } from "../_lib/filter";
import { patchTask, replaceTask, useTaskList, withTask, withoutTask } from "../_lib/use-task-list";
import { type SaveFailure, failureOf } from "../_lib/validation";
import { AddTaskForm } from "./add-task-form";
import { EmptyState } from "./empty-state";
import { secondaryButton } from "./styles";
import { TaskFilter } from "./task-filter";
import { TaskFilters } from "./task-filters";
import { TaskItem, toggleId } from "./task-item";

type Props = { initial: TaskList };

const REFRESH_THROTTLE_MS = 1_000;

export function TaskBoard({ initial }: Props) {
  const searchParams = useSearchParams();
  const router = useRouter();
  const query = listQueryOf(searchParams);
  const status = statusOf(query);
  const apiQuery = apiQueryOf(query).toString();
  const { tasks, count, nextCursor, loadingMore, loadMore, busyIds, mutate, refresh, applyRemote } = useTaskList(
    initial,
    apiQuery,
  );
  // Changes made anywhere else (Chat, another tab, a script, an agent) show here as they happen.
  useLiveEvents(applyRemote);
  const [errors, setErrors] = useState<Partial<Record<number, string>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const hydrated = useHydrated();

  // The assistant changes the same tasks from Chat: coming back to this tab refetches them.
  useEffect(() => {
    let last = 0;
    const onReturn = () => {
      if (document.visibilityState === "hidden" || Date.now() - last < REFRESH_THROTTLE_MS) return;
      last = Date.now();
      void refresh();
    };
    const onPageShow = (e: PageTransitionEvent) => {
      if (e.persisted) onReturn(); // restored from the back/forward cache
    };
    window.addEventListener("focus", onReturn);
    document.addEventListener("visibilitychange", onReturn);
    window.addEventListener("pageshow", onPageShow);
    return () => {
      window.removeEventListener("focus", onReturn);
      document.removeEventListener("visibilitychange", onReturn);
      window.removeEventListener("pageshow", onPageShow);
    };
  }, [refresh]);

  // The server renders the page for the new filters; replace, so Back leaves the page rather
  // than stepping through every keystroke of a search.
  // Changes build on the last URL asked for: the address bar only changes once the server has
  // answered, and two quick changes must not drop the first.
  const pendingUrl = useRef<string | null>(null);
  const searchString = searchParams.toString();
  useEffect(() => {
    const { pathname, search, hash } = window.location;
    if (pendingUrl.current === `${pathname}${search}${hash}`) pendingUrl.current = null;
  }, [searchString]);
  const setFilters = useCallback(
    (changes: Partial<Record<QueryKey, string | null>>) => {
      const next = urlWith(new URL(pendingUrl.current ?? window.location.href, window.location.href), changes);
      pendingUrl.current = next;
      router.replace(next, { scroll: false });
    },
    [router],
  );
  const setStatus = useCallback(
    (next: TaskStatus) => setFilters({ status: next === "all" ? null : next }),
    [setFilters],
  );
  /** The status tab last asked for: the list on screen may still be the previous one's. */
  const requestedStatus = () =>
    statusOf(listQueryOf(new URL(pendingUrl.current ?? window.location.href, window.location.href).searchParams));

  const setError = (id: number, message: string | undefined) => setErrors((e) => ({ ...e, [id]: message }));

  function report(task: TaskDto, error: unknown, action: string) {
    if (error instanceof ApiError && error.notFound) {
      setNotice(`“${task.title}” no longer exists — it may have been deleted in Chat.`);
      return;
    }
    setError(task.id, `Couldn't ${action}: ${messageOf(error)}`);
  }

  // An item that is about to vanish takes keyboard focus with it: hand it to its neighbour (or
  // the add form) rather than dropping it on <body>.
  function keepFocusInList(neighbour: TaskDto | undefined) {
    requestAnimationFrame(() =>
      document.getElementById(neighbour ? toggleId(neighbour.id) : "new-task-title")?.focus({ preventScroll: true }),
    );
  }

  async function add(input: CreateTaskInput) {
    const result = await mutate({ request: () => tasksApi.create(input), commit: withTask });
    if (result.ok) {
      setAnnouncement(`Added “${result.value.title}”.`);
      // Out of sight under Completed: show All, whose server render comes after this commit, so
      // it holds the new task.
      if (requestedStatus() === "completed") setStatus("all");
    }
    return result;
  }

  async function toggle(task: TaskDto, completed: boolean, neighbour: TaskDto | undefined) {
    setError(task.id, undefined);
    // In the Pending or Completed view the task leaves the list at once.
    const leaves = status !== "all";
    if (leaves) keepFocusInList(neighbour);
    const result = await mutate({
      taskId: task.id,
      optimistic: (list) => (leaves ? withoutTask(list, task.id) : patchTask(list, task.id, { completed })),
      request: () => tasksApi.update(task.id, { completed }),
      commit: (list, updated) => (leaves ? withoutTask(list, task.id) : replaceTask(list, updated)),
    });
    if (result.ok) setAnnouncement(completed ? `Marked “${task.title}” as done.` : `Re-opened “${task.title}”.`);
    else report(task, result.error, completed ? "mark it as done" : "re-open it");
  }

  async function save(task: TaskDto, changes: UpdateTaskInput): Promise<SaveFailure | null> {
    setError(task.id, undefined);
    const result = await mutate({
      taskId: task.id,
      request: () => tasksApi.update(task.id, changes),
      commit: replaceTask,
    });
    if (result.ok) {
      setAnnouncement(`Saved “${result.value.title}”.`);
      return null;
    }
    if (result.error instanceof ApiError && result.error.notFound) {
      report(task, result.error, "save it");
      return null;
    }
    return failureOf(result.error);
  }

  async function remove(task: TaskDto, neighbour: TaskDto | undefined) {
    setError(task.id, undefined);
    keepFocusInList(neighbour);
    const result = await mutate({
      taskId: task.id,
      optimistic: (list) => withoutTask(list, task.id),
      request: () => tasksApi.remove(task.id),
      commit: (list) => withoutTask(list, task.id),
    });
    const gone = result.ok || (result.error instanceof ApiError && result.error.notFound);
    if (gone) setAnnouncement(`Deleted “${task.title}”.`);
    else report(task, result.error, "delete it");
  }

  const filtered = isFiltered(query);
  const noun = `${status === "all" ? "" : `${status} `}${count === 1 ? "task" : "tasks"}`;

  return (
    // `data-ready` once hydrated, its listeners attached: what browser tests wait on.
    <div className="space-y-6" data-ready={hydrated || undefined}>
      <AddTaskForm onAdd={add} />

      <section aria-labelledby="task-list-heading" className="space-y-3">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <h2 id="task-list-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Your tasks
          </h2>
          <TaskFilter value={status} onChange={setStatus} />
        </div>
        <TaskFilters query={query} onChange={setFilters} />
        <p className="text-xs text-muted" aria-live="polite">
          {filtered ? `${count} matching ${noun}` : `${count} ${noun}`}
          {tasks.length < count ? ` · showing ${tasks.length}` : ""}
        </p>

        {notice && (
          <div className="flex items-start gap-2 rounded-lg bg-amber-50 py-2 pr-2 pl-3 text-sm text-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
            <p role="alert" className="min-w-0 flex-1 py-0.5 wrap-anywhere">
              {notice}
            </p>
            <button
              type="button"
              onClick={() => setNotice(null)}
              className="inline-flex size-7 shrink-0 items-center justify-center rounded-md hover:bg-amber-100 dark:hover:bg-amber-900/50"
            >
              <X className="size-4" aria-hidden />
              <span className="sr-only">Dismiss</span>
            </button>
          </div>
        )}

        {tasks.length === 0 ? (
          <EmptyState status={status} filtered={filtered} />
        ) : (
          <ul
            aria-label="Tasks"
            className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/40"
          >
            {tasks.map((task, index) => (
              <TaskItem
                key={task.id}
                task={task}
                busy={busyIds.has(task.id)}
                error={errors[task.id]}
                onToggle={(completed) => void toggle(task, completed, tasks[index + 1] ?? tasks[index - 1])}
                onSave={(changes) => save(task, changes)}
                onArmDelete={() => setAnnouncement(`Press again to delete “${task.title}”.`)}
                onDelete={() => void remove(task, tasks[index + 1] ?? tasks[index - 1])}
                onDismissError={() => setError(task.id, undefined)}
              />
            ))}
          </ul>
        )}

        {nextCursor && (
          <div className="flex justify-center">
            <button
              type="button"
              disabled={loadingMore}
              onClick={() =>
                void loadMore().then((error) => {
                  if (error) setNotice(`Couldn't load more tasks: ${messageOf(error)}`);
                })
              }
              className={`${secondaryButton} gap-1.5 border border-zinc-200 dark:border-zinc-700`}
            >
              {loadingMore && <Loader2 className="size-4 animate-spin" aria-hidden />}
              {loadingMore ? "Loading…" : "Load more"}
            </button>
          </div>
        )}
      </section>

      <p role="status" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
