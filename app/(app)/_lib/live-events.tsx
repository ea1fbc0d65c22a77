"use client";

import { createContext, useContext, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { ChangeEvent } from "@/lib/events/record";
import type { TaskDto } from "@/lib/tasks/service";

// Live sync in the browser: one EventSource per tab on /api/events, shared by every part of the
// page that follows it (the /tasks list and activity, the chat sidebar, tool cards). The browser
// resumes a dropped or ended stream with Last-Event-ID by itself; if it gives up (signed out,
// server away) the provider opens a new one from the last event it saw.

export type LiveEvent = ChangeEvent & { id: string };
type Listener = (event: LiveEvent) => void;

const EVENT_TYPES: LiveEvent["type"][] = [
  "task.created",
  "task.updated",
  "task.deleted",
  "conversation.created",
  "conversation.updated",
  "conversation.deleted",
  "notification",
  "notification.read",
];
const REOPEN_MS = 5_000;

/** The latest state of each task an event told about since the page loaded (null: deleted). */
type TaskStates = Map<number, TaskDto | null>;

class LiveEvents {
  private readonly listeners = new Set<Listener>();
  private readonly taskListeners = new Set<() => void>();
  private tasks: TaskStates = new Map();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  subscribeTasks = (listener: () => void): (() => void) => {
    this.taskListeners.add(listener);
    return () => void this.taskListeners.delete(listener);
  };

  taskStates = (): TaskStates => this.tasks;

  dispatch(event: LiveEvent): void {
    if (event.type.startsWith("task.")) {
      const next = new Map(this.tasks);
      if (event.type === "task.deleted") next.set(event.data.id, null);
      else if (event.type === "task.created" || event.type === "task.updated") next.set(event.data.id, event.data);
      this.tasks = next;
      this.taskListeners.forEach((l) => l());
    }
    this.listeners.forEach((l) => l(event));
  }
}

const Context = createContext<LiveEvents | null>(null);

export function LiveEventsProvider({ after, children }: { after: string; children: React.ReactNode }) {
  const live = useMemo(() => new LiveEvents(), []);
  const lastId = useRef(after);

  useEffect(() => {
    let source: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const onEvent = (message: MessageEvent<string>) => {
      // Once each, in order: a replay after a reconnect never repeats what was shown.
      if (message.lastEventId && BigInt(message.lastEventId) <= BigInt(lastId.current)) return;
      lastId.current = message.lastEventId;
      // Our own stream: `event:` is the type and `data:` its JSON (lib/events/record.ts).
      live.dispatch({ id: message.lastEventId, type: message.type, data: JSON.parse(message.data) } as LiveEvent);
    };
    // The stream's state on <html data-live>: "open" once connected (what a browser test waits on).
    const mark = (state: "open" | "connecting") => (document.documentElement.dataset.live = state);
    const open = () => {
      mark("connecting");
      source = new EventSource(`/api/events?after=${lastId.current}`);
      for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
      source.onopen = () => mark("open");
      source.onerror = () => {
        mark("connecting");
        if (source?.readyState !== EventSource.CLOSED) return; // the browser is reconnecting
        source.close();
        reopen = setTimeout(open, REOPEN_MS);
      };
    };
    open();
    return () => {
      clearTimeout(reopen);
      source?.close();
      delete document.documentElement.dataset.live;
    };
  }, [live]);

  return <Context.Provider value={live}>{children}</Context.Provider>;
}

function useLive(): LiveEvents {
  const live = useContext(Context);
  if (!live) throw new Error("live events need a LiveEventsProvider");
  return live;
}

/** Calls `onEvent` for every live event while the component is mounted (the latest callback). */
export function useLiveEvents(onEvent: Listener): void {
  const live = useLive();
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => live.subscribe((event) => handler.current(event)), [live]);
}

/** The server's answer, and what hydration must start from: the server rendered no live events. */
const NO_TASK_STATES: TaskStates = new Map();
const noTaskStates = () => NO_TASK_STATES;

/** What live events said about tasks since the page loaded: each one's latest state, null once deleted. */
export function useLiveTaskStates(): ReadonlyMap<number, TaskDto | null> {
  const live = useLive();
  // Not live.taskStates as the server snapshot: a part that hydrates late (the lazily loaded chat
  // view) after the stream replayed an event would then differ from its server HTML (React #418).
  // With the empty one, React hydrates as the server rendered, then re-renders with the events.
  return useSyncExternalStore(live.subscribeTasks, live.taskStates, noTaskStates);
}
