"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, tasksApi } from "@/lib/api-client";
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from "@/lib/tasks/schemas";
import type { TaskDto, TaskList } from "@/lib/tasks/service";
import type { LiveEvent } from "../../_lib/live-events";

// The page's copy of the task list. `base` is what the server last confirmed (the first render's
// list, then API answers and refetches); optimistic changes are overlays on top of it that vanish
// when their request settles, so a failure rolls back by itself. A refetch that was in flight
// while a change was being made may predate it, so its answer is dropped and asked again.
// The confirmed list remembers the query it answers: once the view has moved to other filters
// (a new server render), an answer or a change's commit for the old query is dropped, so a late
// refetch of "Completed" can never overwrite the list of "All" that holds a task just added.

type Confirmed = {
  query: string;
  tasks: TaskDto[];
  /** All matches as the server last counted them, beside how many of them the list then held. */
  count: number;
  listed: number;
  nextCursor: string | null;
};

const confirmedOf = (list: TaskList, query: string): Confirmed => ({
  query,
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
  const [confirmed, setConfirmed] = useState(() => confirmedOf(initial, query));
  const [loadingMore, setLoadingMore] = useState(false);
  const [overlays, setOverlays] = useState<Overlay[]>([]);
  const [seenInitial, setSeenInitial] = useState(initial);

  // A new server render (other filters, or a navigation back to this page) brings fresher data.
  if (initial !== seenInitial) {
    setSeenInitial(initial);
    setConfirmed(confirmedOf(initial, query));
  }
  const base = confirmed.tasks;
  const nextCursor = confirmed.nextCursor;

  /** Changes the confirmed list if it still answers `forQuery` (else the view has moved on). */
  const change = useCallback(
    (forQuery: string, update: (list: Confirmed) => Confirmed) =>
      setConfirmed((list) => (list.query === forQuery ? update(list) : list)),
    [],
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
        change(query, () => confirmedOf(list, query));
        return;
      }
      // A change started or settled meanwhile, so this answer may predate it: ask again.
    }
  }, [change, query]);

  // The view's current query and refresh, for a change that settles after the view moved on.
  const current = useRef({ query, refresh });
  useEffect(() => {
    current.current = { query, refresh };
  }, [query, refresh]);

  /** The next page, appended (a task a change already brought in is not listed twice). */
  const loadMore = useCallback(async (): Promise<unknown> => {
    if (!nextCursor) return null;
    setLoadingMore(true);
    try {
      const params = new URLSearchParams(query);
      params.set("cursor", nextCursor);
      const page = await tasksApi.list(params);
      change(query, (list) => {
        const tasks = [...list.tasks, ...page.tasks.filter((t) => !list.tasks.some((x) => x.id === t.id))];
        return { query, tasks, count: page.count, listed: tasks.length, nextCursor: page.next_cursor };
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
        change(query, (list) => ({ ...list, tasks: commit(list.tasks, value) }));
        return { ok: true, value };
      } catch (error) {
        // Gone on the server (deleted in Chat, say): drop it here too instead of rolling back.
        if (taskId !== undefined && error instanceof ApiError && error.notFound) {
          change(query, (list) => ({ ...list, tasks: withoutTask(list.tasks, taskId) }));
        }
        return { ok: false, error };
      } finally {
        setOverlays((list) => list.filter((o) => o.key !== key));
        inFlight.current -= 1;
        generation.current += 1;
        if (current.current.query !== query) {
          // Its commit was dropped, and the new view's server render may predate the change.
          void current.current.refresh();
        } else if (inFlight.current === 0 && refreshWhenIdle.current) {
          refreshWhenIdle.current = false;
          void refresh();
        }
      }
    },
    [change, query, refresh],
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
      change(query, (list) => ({ ...list, tasks: applyEvent(list.tasks, event) }));
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
