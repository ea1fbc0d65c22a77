// Taskchat's service worker: shows reminders that arrive by Web Push (the payload is built by
// lib/reminders/fire.ts: {title, body, url, tag, notification_id}) and opens the task on click.
// An open page shows the same reminder itself with the same tag, so the two are one notification.

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : "" };
  }
  const title = message.title || "Taskchat reminder";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: message.body || "Reminder",
      tag: message.tag,
      icon: "/icon.svg",
      data: { url: message.url || "/tasks", notificationId: message.notification_id },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const { url = "/tasks", notificationId } = event.notification.data || {};
  const target = new URL(url, self.location.origin).href;
  event.waitUntil(
    (async () => {
      // Opening it is reading it (the session cookie goes with this same-origin request).
      if (notificationId) {
        await fetch(`/api/notifications/${notificationId}/read`, { method: "POST", credentials: "same-origin" }).catch(
          () => {},
        );
      }
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        await open.focus();
        return open.navigate(target).catch(() => self.clients.openWindow(target));
      }
      return self.clients.openWindow(target);
    })(),
  );
});
