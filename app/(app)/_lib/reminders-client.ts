// The browser side of reminders: the service worker and its Web Push
// subscription, and the permission to show notifications (asked the first time a reminder is
// set, never on page load).
import { pushApi } from "@/lib/api-client";
import type { NotificationDto } from "@/lib/notifications/service";

/** The page of a notification's task. */
export function notificationHref(n: Pick<NotificationDto, "task_id">): string {
  return n.task_id === null ? "/tasks" : `/tasks?task=${n.task_id}`;
}

const supportsNotifications = () => typeof window !== "undefined" && "Notification" in window;

export function notificationPermission(): NotificationPermission | "unsupported" {
  return supportsNotifications() ? Notification.permission : "unsupported";
}

async function serviceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!("serviceWorker" in navigator)) return null;
  return navigator.serviceWorker.register("/sw.js");
}

/**
 * With permission granted: registers the service worker and subscribes this browser to Web Push
 * (once; the server keeps one row per browser). Without a reachable push service (or with Web
 * Push off on the server) the open page still shows reminders itself.
 */
export async function subscribeToPush(): Promise<void> {
  if (notificationPermission() !== "granted") return;
  try {
    const registration = await serviceWorker();
    if (!registration || !("pushManager" in registration)) return;
    const { publicKey } = await pushApi.key();
    if (!publicKey) return;
    await navigator.serviceWorker.ready;
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey }));
    await pushApi.subscribe(subscription.toJSON());
  } catch (error) {
    console.info("[taskchat] Web Push is not available in this browser:", error);
  }
}

/** Asks for permission (call from a click), then subscribes. */
export async function askNotificationPermission(): Promise<NotificationPermission | "unsupported"> {
  if (!supportsNotifications()) return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission === "granted") await subscribeToPush();
  return permission;
}

/**
 * Shows a reminder as a system notification (through the service worker when there is one, as
 * Android requires). The tag makes the page's and the push message's copies one notification.
 * Returns false when the page has no permission (the caller shows a toast instead).
 */
export async function showSystemNotification(n: NotificationDto): Promise<boolean> {
  if (notificationPermission() !== "granted") return false;
  const options = {
    body: n.body || "Reminder",
    tag: `taskchat-notification-${n.id}`,
    data: { url: notificationHref(n) },
  };
  const registration = "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
  if (registration) await registration.showNotification(n.title, options);
  else new Notification(n.title, options).onclick = () => window.location.assign(notificationHref(n));
  return true;
}
