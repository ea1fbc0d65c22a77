"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ApiError, tasksApi } from "@/lib/api-client";
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from "@/lib/tasks/schemas";
import type { TaskDto, TaskList } from "@/lib/tasks/service";
import type { LiveEvent } from "../../_lib/live-events";

// The page's copy of the task list. `base` is what the server last confirmed (the first render's
// list, then API answers and refetches); optimistic changes are overlays on top of it that vanish
// when their request settles, so a failure rolls back by itself. A refetch that was in flight
// while a change was being made may predate it, so its answer is dropped and asked again.
// The confirmed list is built on one server render (`from`): once the page shows a newer one
// (other filters, or a navigation back), the list starts again from it, and an answer or a
// change's commit begun under the older one is dropped, so a late refetch of "Completed" can
// never overwrite the list of "All" that holds a task just added. (A derived value rather than a
// state reset during render: React may drop a render-time update when it rebases the queue.)

type Confirmed = {
  from: TaskList;
  tasks: TaskDto[];
  /** All matches as the server last counted them, beside how many of them the list then held. */
  count: number;
  listed: number;
  nextCursor: string | null;
};

const confirmedOf = (list: TaskList, from = list): Confirmed => ({
  from,
  tasks: list.tasks,
  count: list.count,
  listed: list.tasks.length,
  nextCursor: list.next_cursor,
});

type Overlay = { key: number; taskId: number; apply: (tasks: TaskDto[]) => TaskDto[] };

export type MutationResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

type Mutation<T> = {
  /** The task this changes, if it already exists (marks it busy while the request runs). */
  taskId?: number;
  /** What the list should look like right away. */
  optimistic?: (tasks: TaskDto[]) => TaskDto[];
  request: () => Promise<T>;
  /** Folds the server's answer into the confirmed list. */
  commit: (tasks: TaskDto[], value: T) => TaskDto[];
};

/**
 * `initial` is the server render's first page for `query` (the filters and order, as /api/tasks
 * parameters); later pages come with `loadMore`.
 */
export function useTaskList(initial: TaskList, query: string) {
  const [stored, setStored] = useState(() => confirmedOf(initial));
  const [loadingMore, setLoadingMore] = useState(false);
  const [overlays, setOverlays] = useState<Overlay[]>([]);

  const confirmed = stored.from === initial ? stored : confirmedOf(initial);
  const base = confirmed.tasks;
  const nextCursor = confirmed.nextCursor;

  // The server render on screen, for answers and changes that settle after the view moved on.
  const shown = useRef(initial);
  useLayoutEffect(() => {
    shown.current = initial;
  }, [initial]);

  /** Changes the list built on this render's `initial`; a no-op once the page shows a newer one. */
  const change = useCallback(
    (update: (list: Confirmed) => Confirmed) => {
      if (shown.current !== initial) return;
      setStored((list) => update(list.from === initial ? list : confirmedOf(initial)));
    },
    [initial],
  );

  const nextKey = useRef(0);
  const inFlight = useRef(0);
  const generation = useRef(0); // bumped when a change starts or settles
  const latestRefresh = useRef(0);
  const refreshWhenIdle = useRef(false);

  // How many rows the list holds, for refetches that keep the pages "Load more" brought in.
  const loadedRows = useRef(base.length);
  useEffect(() => {
    loadedRows.current = base.length;
  }, [base]);

  const tasks = useMemo(() => overlays.reduce((list, overlay) => overlay.apply(list), base), [base, overlays]);
  const busyIds = useMemo(() => new Set(overlays.map((o) => o.taskId)), [overlays]);

  const refresh = useCallback(async (): Promise<void> => {
    for (;;) {
      if (shown.current !== initial) return; // the page shows a newer server render
      if (inFlight.current > 0) {
        refreshWhenIdle.current = true;
        return;
      }
      const startedAt = generation.current;
      const seq = ++latestRefresh.current;
      // As many pages as are loaded (within the API's bound), so a refetch drops none of them.
      const params = new URLSearchParams(query);
      const pages = Math.ceil(loadedRows.current / DEFAULT_LIST_LIMIT);
      if (pages > 1) params.set("limit", String(Math.min(pages * DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT)));
      let list;
      try {
        list = await tasksApi.list(params);
      } catch {
        return; // a background refresh that fails is not worth an alert: the next one will tell
      }
      if (seq !== latestRefresh.current) return; // a newer refresh is on its way
      if (startedAt === generation.current && inFlight.current === 0) {
        change(() => confirmedOf(list, initial));
        return;
      }
      // A change started or settled meanwhile, so this answer may predate it: ask again.
    }
  }, [change, initial, query]);

  const currentRefresh = useRef(refresh);
  useLayoutEffect(() => {
    currentRefresh.current = refresh;
  }, [refresh]);

  /** The next page, appended (a task a change already brought in is not listed twice). */
  const loadMore = useCallback(async (): Promise<unknown> => {
    if (!nextCursor) return null;
    setLoadingMore(true);
    try {
      const params = new URLSearchParams(query);
      params.set("cursor", nextCursor);
      const page = await tasksApi.list(params);
      change((list) => {
        const tasks = [...list.tasks, ...page.tasks.filter((t) => !list.tasks.some((x) => x.id === t.id))];
        return { ...list, tasks, count: page.count, listed: tasks.length, nextCursor: page.next_cursor };
      });
      return null;
    } catch (error) {
      return error;
    } finally {
      setLoadingMore(false);
    }
  }, [change, nextCursor, query]);

  const mutate = useCallback(
    async <T>({ taskId, optimistic, request, commit }: Mutation<T>): Promise<MutationResult<T>> => {
      const key = ++nextKey.current;
      inFlight.current += 1;
      generation.current += 1;
      if (optimistic) setOverlays((list) => [...list, { key, taskId: taskId ?? 0, apply: optimistic }]);
      else if (taskId !== undefined) setOverlays((list) => [...list, { key, taskId, apply: (t) => t }]);
      try {
        const value = await request();
        change((list) => ({ ...list, tasks: commit(list.tasks, value) }));
        return { ok: true, value };
      } catch (error) {
        // Gone on the server (deleted in Chat, say): drop it here too instead of rolling back.
        if (taskId !== undefined && error instanceof ApiError && error.notFound) {
          change((list) => ({ ...list, tasks: withoutTask(list.tasks, taskId) }));
        }
        return { ok: false, error };
      } finally {
        setOverlays((list) => list.filter((o) => o.key !== key));
        inFlight.current -= 1;
        generation.current += 1;
        if (shown.current !== initial) {
          // Its commit was dropped, and the newer server render may predate the change.
          void currentRefresh.current();
        } else if (inFlight.current === 0 && refreshWhenIdle.current) {
          refreshWhenIdle.current = false;
          void refresh();
        }
      }
    },
    [change, initial, refresh],
  );

  /**
   * A change made elsewhere (live sync). Applied by id, so the page's own change arriving again
   * as an event neither duplicates nor flickers; an older state never replaces a newer one.
   */
  const applyRemote = useCallback(
    (event: LiveEvent) => {
      if (event.type !== "task.created" && event.type !== "task.updated" && event.type !== "task.deleted") return;
      // Under filters or another order, where a change belongs is the server's to say.
      if (query) {
        void refresh();
        return;
      }
      generation.current += 1; // a refetch already in flight may predate it
      change((list) => ({ ...list, tasks: applyEvent(list.tasks, event) }));
    },
    [change, query, refresh],
  );

  // A task added or deleted here (or by an event) since the server counted moves the total by one.
  const count = confirmed.count + base.length - confirmed.listed;
  return { tasks, count, nextCursor, loadingMore, loadMore, busyIds, mutate, refresh, applyRemote };
}

function applyEvent(list: TaskDto[], event: Extract<LiveEvent, { type: `task.${string}` }>): TaskDto[] {
  if (event.type === "task.deleted") return withoutTask(list, event.data.id);
  const task = event.data;
  const current = list.find((t) => t.id === task.id);
  if (!current) return event.type === "task.created" ? withTask(list, task) : list;
  return current.updated_at > task.updated_at ? list : replaceTask(list, task);
}

export const replaceTask = (tasks: TaskDto[], task: TaskDto) => tasks.map((t) => (t.id === task.id ? task : t));
export const withoutTask = (tasks: TaskDto[], id: number) => tasks.filter((t) => t.id !== id);
export const patchTask = (tasks: TaskDto[], id: number, patch: Partial<TaskDto>) =>
  tasks.map((t) => (t.id === id ? { ...t, ...patch } : t));
/** Newest first, like the API; a refetch may already hold it. */
export const withTask = (tasks: TaskDto[], task: TaskDto) => [task, ...withoutTask(tasks, task.id)];
