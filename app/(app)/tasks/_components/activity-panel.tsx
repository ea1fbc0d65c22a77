"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { StoredEvent } from "@/lib/events/service";
import { useLiveEvents } from "../../_lib/live-events";
import { activityApi } from "@/lib/api-client";
import { RelativeTime } from "@/app/_components/relative-time";

// What changed lately, and through which door: "Added “Buy milk” · chat · 2 min ago". Read from
// GET /api/activity, and again whenever a live event says something changed.

const SHOWN = 10;
const REREAD_AFTER_MS = 300;

const doors: Record<StoredEvent["source"], string> = {
  chat: "chat",
  rest: "API",
  mcp: "MCP",
  page: "web",
  system: "system",
};

function describe(event: StoredEvent): string {
  const data = (typeof event.data === "object" && event.data !== null ? event.data : {}) as { title?: unknown };
  const title = typeof data.title === "string" ? `“${data.title}”` : "";
  switch (event.type) {
    case "task.created":
      return `Added ${title}`;
    case "task.updated":
      return `Updated ${title}`;
    case "task.deleted":
      return `Deleted ${title}`;
    case "conversation.created":
      return `Started the chat ${title}`;
    case "conversation.updated":
      return `Continued the chat ${title}`;
    case "conversation.deleted":
      return "Deleted a chat";
    case "notification":
      return `Reminder ${title}`;
    case "notification.read":
      return "Read notifications";
  }
}

export function ActivityPanel() {
  const [events, setEvents] = useState<StoredEvent[] | null>(null);
  const [failed, setFailed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const reread = useCallback(
    () =>
      activityApi.recent(SHOWN).then(
        (page) => {
          setEvents(page.events);
          setFailed(false);
        },
        () => setFailed(true),
      ),
    [],
  );

  useEffect(() => {
    void reread();
    return () => clearTimeout(timer.current);
  }, [reread]);

  // A burst of changes (a chat turn adding three tasks) is read once.
  useLiveEvents(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void reread(), REREAD_AFTER_MS);
  });

  return (
    <section aria-labelledby="activity-heading" className="space-y-2">
      <h2 id="activity-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        Activity
      </h2>
      {failed && <p className="text-sm text-muted">Couldn&apos;t load the activity.</p>}
      {events?.length === 0 && <p className="text-sm text-muted">Nothing yet: changes from anywhere show up here.</p>}
      {events && events.length > 0 && (
        <ol aria-label="Recent changes" className="space-y-1 text-sm text-zinc-700 dark:text-zinc-300">
          {events.map((event) => (
            <li key={event.id} className="truncate">
              {describe(event)}
              <span className="text-muted">
                {" · "}
                {doors[event.source]}
                {" · "}
                <RelativeTime iso={event.created_at} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
