"use client";

import { Bell, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { notificationsApi } from "@/lib/api-client";
import type { NotificationDto } from "@/lib/notifications/service";
import { relativeDate } from "@/lib/relative-time";
import { useLiveEvents } from "../_lib/live-events";
import {
  askNotificationPermission,
  notificationHref,
  notificationPermission,
  showSystemNotification,
  subscribeToPush,
} from "../_lib/reminders-client";

// The bell follows the tab's event stream (useLiveEvents): a `notification` event is a reminder
// that just fired, on any instance; `notification.read`, one read anywhere. A slow poll covers a stream that cannot connect.
const POLL_MS = 60_000;

type Feed = { notifications: NotificationDto[]; unread: number };

/**
 * The user's notifications, kept fresh; `onFired` hears of each one that fires while the page is
 * open, `onReminderSet` of each task given a reminder (from any door).
 */
function useNotificationFeed(onFired: (n: NotificationDto) => void, onReminderSet: () => void) {
  const [feed, setFeed] = useState<Feed>({ notifications: [], unread: 0 });
  const seen = useRef<Set<string> | null>(null);
  const onFiredRef = useRef(onFired);
  const onReminderSetRef = useRef(onReminderSet);
  useEffect(() => {
    onFiredRef.current = onFired;
    onReminderSetRef.current = onReminderSet;
  }, [onFired, onReminderSet]);

  // Only the latest request's answer counts: an older one may predate a read or a new reminder.
  const latest = useRef(0);
  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const next = await notificationsApi.list();
      if (request !== latest.current) return;
      // Those present at the first load are history; only later ones are announced.
      if (seen.current) {
        for (const n of next.notifications) if (!seen.current.has(n.id) && !n.read_at) onFiredRef.current(n);
      }
      seen.current = new Set([...(seen.current ?? []), ...next.notifications.map((n) => n.id)]);
      setFeed(next);
    } catch {
      // Offline or signed out: the next tick tries again.
    }
  }, []);

  useEffect(() => {
    const first = setTimeout(refresh, 0);
    const timer = setInterval(refresh, POLL_MS);
    const onVisible = () => document.visibilityState === "visible" && void refresh();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [refresh]);

  useLiveEvents((event) => {
    // A reminder fired, or was read in another tab or browser: the list and count catch up.
    if (event.type === "notification" || event.type === "notification.read") void refresh();
    if ((event.type === "task.created" || event.type === "task.updated") && event.data.remind_at) {
      if (Date.parse(event.data.remind_at) > Date.now()) onReminderSetRef.current();
    }
  });

  return { feed, setFeed, refresh };
}

type Toast = { kind: "reminder"; notification: NotificationDto } | { kind: "permission" };

const ASKED_KEY = "taskchat:notifications-asked";

export function NotificationBell() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [now, setNow] = useState<number | null>(null);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  const onFired = useCallback(async (n: NotificationDto) => {
    if (!(await showSystemNotification(n))) setToasts((t) => [...t, { kind: "reminder", notification: n }]);
  }, []);
  // The first time a reminder is set, offer system notifications (asking needs a click).
  const onReminderSet = useCallback(() => {
    if (notificationPermission() !== "default" || localStorage.getItem(ASKED_KEY)) return;
    localStorage.setItem(ASKED_KEY, "1");
    setToasts((t) => [...t, { kind: "permission" }]);
  }, []);
  const { feed, setFeed, refresh } = useNotificationFeed(onFired, onReminderSet);

  // Permission already granted (an earlier visit): keep this browser subscribed to Web Push.
  useEffect(() => {
    void subscribeToPush();
  }, []);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const toggle = () => {
    setNow(Date.now());
    setOpen((o) => !o);
    if (!open) void refresh();
  };

  const markRead = (n: NotificationDto) => {
    if (n.read_at) return;
    setFeed((f) => ({
      unread: Math.max(0, f.unread - 1),
      notifications: f.notifications.map((x) => (x.id === n.id ? { ...x, read_at: new Date().toISOString() } : x)),
    }));
    void notificationsApi.read(n.id).then(refresh, refresh);
  };

  const markAllRead = async () => {
    setFeed((f) => ({
      unread: 0,
      notifications: f.notifications.map((x) => ({ ...x, read_at: x.read_at ?? new Date().toISOString() })),
    }));
    await notificationsApi.readAll().catch(() => {});
    await refresh();
  };

  const dismiss = (toast: Toast) => setToasts((t) => t.filter((x) => x !== toast));
  const label = feed.unread > 0 ? `Notifications, ${feed.unread} unread` : "Notifications";

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
        onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        className="relative flex size-9 items-center justify-center rounded-lg text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white"
      >
        <Bell className="size-5" aria-hidden />
        {feed.unread > 0 && (
          <span
            data-testid="unread-count"
            aria-hidden
            className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-red-600 px-1 text-[10px] leading-none font-semibold text-white"
          >
            {feed.unread > 99 ? "99+" : feed.unread}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          role="region"
          aria-label="Notifications"
          onKeyDown={(e) => {
            if (e.key !== "Escape") return;
            setOpen(false);
            buttonRef.current?.focus();
          }}
          className="absolute right-0 z-30 mt-2 w-80 max-w-[calc(100vw-1.5rem)] rounded-xl border border-zinc-200 bg-white shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-2 dark:border-zinc-700">
            <h2 className="text-sm font-semibold">Notifications</h2>
            {feed.unread > 0 && (
              <button
                type="button"
                onClick={markAllRead}
                className="rounded px-1.5 py-0.5 text-xs text-indigo-700 hover:underline dark:text-indigo-300"
              >
                Mark all as read
              </button>
            )}
          </div>
          {feed.notifications.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-muted">
              No notifications yet. Reminders you set show up here.
            </p>
          ) : (
            <ul className="max-h-96 overflow-y-auto py-1">
              {feed.notifications.map((n) => (
                <li key={n.id}>
                  <Link
                    href={notificationHref(n)}
                    onClick={() => {
                      markRead(n);
                      setOpen(false);
                    }}
                    className="flex gap-2 px-3 py-2 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  >
                    <span
                      aria-hidden
                      className={`mt-1.5 size-2 shrink-0 rounded-full ${n.read_at ? "bg-transparent" : "bg-indigo-600 dark:bg-indigo-400"}`}
                    />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-sm font-medium">
                        {!n.read_at && <span className="sr-only">Unread: </span>}
                        {n.title}
                      </span>
                      {n.body && <span className="block truncate text-xs text-muted">{n.body}</span>}
                      <time dateTime={n.fired_at} className="block text-xs text-muted">
                        {now === null ? null : relativeDate(n.fired_at, now)}
                      </time>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div
        role="status"
        aria-live="polite"
        className="pointer-events-none fixed right-3 bottom-3 z-40 flex w-80 max-w-[calc(100vw-1.5rem)] flex-col gap-2"
      >
        {toasts.map((toast, i) => (
          <div
            key={toast.kind === "reminder" ? toast.notification.id : `permission-${i}`}
            className="pointer-events-auto flex items-start gap-2 rounded-xl border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
          >
            {toast.kind === "reminder" ? (
              <div className="min-w-0 flex-1">
                <p className="font-medium">Reminder: {toast.notification.title}</p>
                <button
                  type="button"
                  onClick={() => {
                    markRead(toast.notification);
                    dismiss(toast);
                    router.push(notificationHref(toast.notification));
                  }}
                  className="mt-1 text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  Open task
                </button>
              </div>
            ) : (
              <div className="min-w-0 flex-1">
                <p>Get your reminders as notifications, even when Taskchat is closed?</p>
                <div className="mt-2 flex gap-2">
                  <button
                    type="button"
                    onClick={() => {
                      dismiss(toast);
                      void askNotificationPermission();
                    }}
                    className="rounded-lg bg-indigo-600 px-2.5 py-1 text-white hover:bg-indigo-700"
                  >
                    Turn on
                  </button>
                  <button
                    type="button"
                    onClick={() => dismiss(toast)}
                    className="rounded-lg px-2.5 py-1 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                  >
                    Not now
                  </button>
                </div>
              </div>
            )}
            <button
              type="button"
              aria-label="Dismiss"
              onClick={() => dismiss(toast)}
              className="rounded p-0.5 text-muted hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              <X className="size-4" aria-hidden />
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
