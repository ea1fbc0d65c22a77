import { beforeAll, describe, expect, it } from "vitest";
import {
  MAX_PUSH_SUBSCRIPTIONS,
  deletePushSubscription,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  savePushSubscription,
} from "@/lib/notifications/service";
import { latestEventId, listEventsAfter } from "@/lib/events/service";
import { actor, createUser, setupTestDatabase } from "../helpers/in-process";

setupTestDatabase("notifications_service");

const prisma = async () => (await import("@/lib/db")).prisma;

// Notifications are written by the reminder firing; here rows stand in for fired reminders.
async function notify(userId: string, title: string, firedAt: Date) {
  return (await prisma()).notification.create({ data: { userId, title, body: `${title} body`, firedAt } });
}

const keys = { p256dh: Buffer.alloc(65, 4).toString("base64url"), auth: Buffer.alloc(16, 1).toString("base64url") };
const subscription = (endpoint: string) => ({ endpoint, keys });

let alice: { id: string };
let bob: { id: string };

beforeAll(async () => {
  alice = await createUser("Alice");
  bob = await createUser("Bob");
});

describe("the notifications service", () => {
  it("lists newest first with the unread count; unread=1 lists only unread ones", async () => {
    const user = await createUser();
    const old = await notify(user.id, "Old", new Date("2026-01-01T08:00:00Z"));
    const recent = await notify(user.id, "Recent", new Date("2026-01-02T08:00:00Z"));
    await markNotificationRead(actor(user), old.id);

    const all = await listNotifications(user.id, { unread: false, limit: 20 });
    expect(all.unread).toBe(1);
    expect(all.notifications.map((n) => n.title)).toEqual(["Recent", "Old"]);
    expect(all.notifications[0]).toEqual({
      id: recent.id,
      task_id: null,
      title: "Recent",
      body: "Recent body",
      fired_at: "2026-01-02T08:00:00.000Z",
      read_at: null,
    });
    const unread = await listNotifications(user.id, { unread: true, limit: 20 });
    expect(unread).toEqual({ notifications: [all.notifications[0]], unread: 1 });
    expect((await listNotifications(user.id, { unread: false, limit: 1 })).notifications).toHaveLength(1);
  });

  it("marks one read (keeping the first read time), then all", async () => {
    const user = await createUser();
    const a = await notify(user.id, "A", new Date());
    await notify(user.id, "B", new Date());
    const read = await markNotificationRead(actor(user), a.id);
    expect(read.read_at).toEqual(expect.any(String));
    expect((await markNotificationRead(actor(user), a.id)).read_at).toBe(read.read_at);
    expect(await markAllNotificationsRead(actor(user))).toEqual({ updated: 1 });
    expect((await listNotifications(user.id, { unread: true, limit: 20 })).unread).toBe(0);
  });

  it("records one notification.read event per read, in the door it came through, and none for a repeat", async () => {
    const user = await createUser();
    const [a, b, c] = [
      await notify(user.id, "A", new Date()),
      await notify(user.id, "B", new Date()),
      await notify(user.id, "C", new Date()),
    ];
    const start = await latestEventId(user.id);
    await markNotificationRead(actor(user, "page"), a.id);
    await markNotificationRead(actor(user, "page"), a.id);
    await markAllNotificationsRead(actor(user, "rest"));
    await markAllNotificationsRead(actor(user, "rest"));
    const events = (await listEventsAfter(user.id, start, 10)).map(({ type, source, data }) => ({
      type,
      source,
      data,
    }));
    expect(events).toEqual([
      { type: "notification.read", source: "page", data: { ids: [a.id] } },
      { type: "notification.read", source: "rest", data: { ids: expect.arrayContaining([b.id, c.id]) } },
    ]);
    expect((events[1]?.data as { ids: string[] }).ids).toHaveLength(2);
  });

  it("Bob can neither see nor read Alice's notifications", async () => {
    const n = await notify(alice.id, "Alice's", new Date());
    expect((await listNotifications(bob.id, { unread: false, limit: 20 })).notifications).toEqual([]);
    await expect(markNotificationRead(actor(bob), n.id)).rejects.toMatchObject({ code: "not_found" });
    const aliceStart = await latestEventId(alice.id);
    await markAllNotificationsRead(actor(bob));
    expect((await listNotifications(alice.id, { unread: true, limit: 20 })).unread).toBe(1);
    expect(await listEventsAfter(alice.id, aliceStart, 10)).toEqual([]);
  });

  it("keeps one row per browser endpoint, moving it to the user who subscribed last", async () => {
    const db = await prisma();
    const endpoint = "https://push.example.com/send/one";
    await savePushSubscription(alice.id, subscription(endpoint));
    await savePushSubscription(alice.id, subscription(endpoint));
    expect(await db.pushSubscription.count({ where: { endpoint } })).toBe(1);
    await savePushSubscription(bob.id, subscription(endpoint));
    expect(await db.pushSubscription.findUnique({ where: { endpoint } })).toMatchObject({ userId: bob.id });
  });

  it("deletes only the user's own subscription", async () => {
    const endpoint = "https://push.example.com/send/two";
    await savePushSubscription(alice.id, subscription(endpoint));
    expect(await deletePushSubscription(bob.id, endpoint)).toEqual({ deleted: false });
    expect(await deletePushSubscription(alice.id, endpoint)).toEqual({ deleted: true });
    expect(await deletePushSubscription(alice.id, endpoint)).toEqual({ deleted: false });
  });

  it(`keeps at most ${MAX_PUSH_SUBSCRIPTIONS} browsers per user, dropping the oldest`, async () => {
    const user = await createUser();
    for (let i = 0; i <= MAX_PUSH_SUBSCRIPTIONS; i++) {
      await savePushSubscription(user.id, subscription(`https://push.example.com/many/${i}`));
    }
    const rows = await (await prisma()).pushSubscription.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(MAX_PUSH_SUBSCRIPTIONS);
    expect(rows.map((r) => r.endpoint)).not.toContain("https://push.example.com/many/0");
  });
});
