import { setTimeout as sleep } from "node:timers/promises";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Session, call, signUp } from "../helpers/api";
import { baseUrl } from "../helpers/database";
import { openEvents } from "../helpers/events";
import { type FakePushService, startFakePushService, verifyVapid } from "../helpers/fake-push";
import { type TestServer, startServer } from "../helpers/server";

// Reminders through a real server: the cron route (the scheduler is off, so only the route
// fires), Web Push to a fake push service over HTTPS, and a server killed mid-pass.

const CRON_SECRET = "cron-secret-for-tests-0123456789";
const vapid = webpush.generateVAPIDKeys();

let push: FakePushService;
let server: TestServer;
let alice: Session;

const serverEnv = () => ({
  AUTH_RATE_LIMIT: "false",
  REMINDER_SCHEDULER: "false",
  CRON_SECRET,
  VAPID_PUBLIC_KEY: vapid.publicKey,
  VAPID_PRIVATE_KEY: vapid.privateKey,
  VAPID_SUBJECT: "mailto:ops@example.com",
  NODE_EXTRA_CA_CERTS: push.certFile,
  // The fake push service is the one allowed push host here.
  PUSH_ENDPOINT_HOSTS: "127.0.0.1",
});

beforeAll(async () => {
  push = await startFakePushService();
  server = await startServer({ label: "left_reminders_server", env: serverEnv() });
  alice = await signUp(server.url, { name: "Alice" });
});
afterAll(async () => {
  await server?.close();
  await push?.close();
});

const cron = (authorization?: string, url = server.url) =>
  call(url, "GET", "/api/cron/reminders", { headers: authorization ? { authorization } : {} });

async function remindSoon(session: Session, title: string, description = "", url = server.url) {
  const res = await call(url, "POST", "/api/tasks", {
    token: session.token,
    body: { title, description, remind_at: new Date(Date.now() - 1000).toISOString() },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: number };
}

describe("GET /api/cron/reminders", () => {
  it.each([
    ["no Authorization header", undefined],
    ["a wrong secret", "Bearer not-the-secret"],
    ["the secret without Bearer", CRON_SECRET],
  ])("401 with %s, and fires nothing", async (_name, authorization) => {
    await remindSoon(alice, "Not yet");
    const res = await cron(authorization);
    expect(res.status).toBe(401);
    expect((await call(server.url, "GET", "/api/notifications", { token: alice.token })).body.unread).toBe(0);
  });

  it("one pass with the secret: due reminders become notifications, once", async () => {
    const res = await cron(`Bearer ${CRON_SECRET}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ fired: 3, pushed: 0, pruned: { events: 0, sign_in_failures: 0 } });
    const list = await call(server.url, "GET", "/api/notifications?unread=1", { token: alice.token });
    expect(list.body.unread).toBe(3);
    expect(list.body.notifications.map((n: { title: string }) => n.title)).toEqual(["Not yet", "Not yet", "Not yet"]);
    expect((await cron(`Bearer ${CRON_SECRET}`)).body).toMatchObject({ fired: 0, pushed: 0 });
    const task = await call(server.url, "GET", `/api/tasks/${list.body.notifications[0].task_id}`, {
      token: alice.token,
    });
    expect(task.body.remind_at).toBeNull();
  });
});

// Vercel has no long-running process to prune expired rows: its cron calls do it.
describe.skipIf(!baseUrl)("the cron pass prunes", () => {
  it("events past their 7 days and forgotten sign-in failures; nothing newer", async () => {
    const query = server.database.query!;
    const count = async (sql: string) => Number((await query<{ n: string }>(sql)).rows[0]!.n);
    await query(
      `INSERT INTO events (user_id, type, source, data, created_at)
       SELECT $1, 'task.created', 'rest', '{}', now() - interval '8 days' FROM generate_series(1, 2)`,
      [alice.user.id],
    );
    await query(
      `INSERT INTO sign_in_failures (email, failures, last_failed_at)
       VALUES ('stale@example.com', 9, now() - interval '25 hours'), ('fresh@example.com', 9, now())`,
    );
    const recent = await count("SELECT count(*) AS n FROM events WHERE created_at > now() - interval '1 day'");
    expect(recent).toBeGreaterThan(0);

    const res = await cron(`Bearer ${CRON_SECRET}`);
    expect(res.status).toBe(200);
    expect(res.body.pruned).toEqual({ events: 2, sign_in_failures: 1 });
    expect(await count("SELECT count(*) AS n FROM events WHERE created_at < now() - interval '7 days'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM events")).toBe(recent);
    expect(await count("SELECT count(*) AS n FROM sign_in_failures")).toBe(1);
    expect((await cron(`Bearer ${CRON_SECRET}`)).body.pruned).toEqual({ events: 0, sign_in_failures: 0 });
  });
});

describe("Web Push", () => {
  it("one encrypted POST per subscribed browser, with VAPID headers; a 410 removes the subscription", async () => {
    const bob = await signUp(server.url, { name: "Bob" });
    const laptop = push.subscribe("laptop");
    const phone = push.subscribe("phone");
    const stranger = push.subscribe("stranger");
    for (const s of [laptop, phone]) {
      const res = await call(server.url, "POST", "/api/push/subscriptions", { token: bob.token, body: s.subscription });
      expect(res.status).toBe(204);
    }
    await call(server.url, "POST", "/api/push/subscriptions", { token: alice.token, body: stranger.subscription });
    const task = await remindSoon(bob, "Stretch", "Neck and back");

    expect((await cron(`Bearer ${CRON_SECRET}`)).body).toMatchObject({ fired: 1, pushed: 2 });
    const [notification] = (await call(server.url, "GET", "/api/notifications", { token: bob.token })).body
      .notifications;
    const expected = {
      title: "Stretch",
      body: "Neck and back",
      url: `/tasks?task=${task.id}`,
      tag: `taskchat-notification-${notification.id}`,
      notification_id: notification.id,
    };
    expect(laptop.received()).toEqual([expected]);
    expect(phone.received()).toEqual([expected]);
    expect(stranger.received()).toEqual([]);
    for (const request of push.requests.filter((r) => r.path !== "/push/stranger")) {
      expect(request.headers["content-encoding"]).toBe("aes128gcm");
      expect(Number(request.headers.ttl)).toBeGreaterThan(0);
      const claims = verifyVapid(request, push.url);
      expect(claims.k).toBe(vapid.publicKey);
      expect(claims.sub).toBe("mailto:ops@example.com");
      expect(request.body.includes(Buffer.from("Stretch"))).toBe(false);
    }

    // The phone's subscription expired: its push service answers 410 Gone, once.
    push.answer("phone", 410);
    await remindSoon(bob, "Water the plants");
    expect((await cron(`Bearer ${CRON_SECRET}`)).body).toMatchObject({ fired: 1, pushed: 1 });
    await remindSoon(bob, "Call mom");
    expect((await cron(`Bearer ${CRON_SECRET}`)).body).toMatchObject({ fired: 1, pushed: 1 });
    expect(push.requests.filter((r) => r.path === "/push/phone")).toHaveLength(2);
    expect(laptop.received().map((m) => (m as { title: string }).title)).toEqual([
      "Stretch",
      "Water the plants",
      "Call mom",
    ]);
  });
});

describe("a push endpoint off PUSH_ENDPOINT_HOSTS", () => {
  it("saved while the list allowed it, it is never sent to once the list is narrowed, and is deleted", async () => {
    const erin = await signUp(server.url, { name: "Erin" });
    const legacy = push.subscribe("legacy");
    const saved = await call(server.url, "POST", "/api/push/subscriptions", {
      token: erin.token,
      body: legacy.subscription,
    });
    expect(saved.status).toBe(204);

    // The operator narrows the list; the row is still in the database.
    await server.stop();
    const narrowed = await startServer({
      label: "left_reminders_narrowed",
      database: server.database,
      env: { ...serverEnv(), PUSH_ENDPOINT_HOSTS: "push.example.com" },
    });
    try {
      await remindSoon(erin, "Stretch", "", narrowed.url);
      expect((await cron(`Bearer ${CRON_SECRET}`, narrowed.url)).body).toMatchObject({ fired: 1, pushed: 0 });
    } finally {
      await narrowed.stop();
    }
    expect(push.requests.filter((r) => r.path === "/push/legacy")).toEqual([]);

    // Back on a list that allows the host: the row is gone, so nothing is sent either.
    await server.restart();
    await remindSoon(erin, "Water the plants");
    expect((await cron(`Bearer ${CRON_SECRET}`)).body).toMatchObject({ fired: 1, pushed: 0 });
    expect(push.requests.filter((r) => r.path === "/push/legacy")).toEqual([]);
    // Subscribing again from that browser works as before.
    await call(server.url, "POST", "/api/push/subscriptions", { token: erin.token, body: legacy.subscription });
    await remindSoon(erin, "Call mom");
    expect((await cron(`Bearer ${CRON_SECRET}`)).body).toMatchObject({ fired: 1, pushed: 1 });
    expect(legacy.received().map((m) => (m as { title: string }).title)).toEqual(["Call mom"]);
    // Two server starts and a restart.
  }, 180_000);
});

describe("every open page follows the bell", () => {
  it("a fired reminder and each read reach all of the user's streams, and none of another user's", async () => {
    const carol = await signUp(server.url, { name: "Carol" });
    const dave = await signUp(server.url, { name: "Dave" });
    const [laptop, phone, stranger] = await Promise.all([
      openEvents(server.url, carol.token),
      openEvents(server.url, carol.token),
      openEvents(server.url, dave.token),
    ]);
    try {
      await remindSoon(carol, "Stretch");
      await remindSoon(carol, "Drink water");
      expect((await cron(`Bearer ${CRON_SECRET}`)).body).toMatchObject({ fired: 2 });
      for (const s of [laptop, phone]) await s.waitFor((e) => e.event === "notification", 5000, 2);
      const { notifications } = (await call(server.url, "GET", "/api/notifications", { token: carol.token })).body;
      const [first, second] = notifications as { id: string }[];

      const read = await call(server.url, "POST", `/api/notifications/${first!.id}/read`, { token: carol.token });
      expect(read.status).toBe(200);
      for (const s of [laptop, phone]) {
        const [event] = await s.waitFor((e) => e.event === "notification.read", 5000);
        expect(event!.data).toEqual({ ids: [first!.id] });
      }
      // Reading it again changes nothing and tells nobody.
      await call(server.url, "POST", `/api/notifications/${first!.id}/read`, { token: carol.token });
      expect((await call(server.url, "POST", "/api/notifications/read-all", { token: carol.token })).body).toEqual({
        updated: 1,
      });
      for (const s of [laptop, phone]) {
        const reads = await s.waitFor((e) => e.event === "notification.read", 5000, 2);
        expect(reads.map((e) => e.data)).toEqual([{ ids: [first!.id] }, { ids: [second!.id] }]);
      }
      const activity = await call(server.url, "GET", "/api/activity?limit=2", { token: carol.token });
      expect(activity.body.events.map((e: { type: string; source: string }) => [e.type, e.source])).toEqual([
        ["notification.read", "rest"],
        ["notification.read", "rest"],
      ]);
      // A later event on Carol's streams proves the repeat read sent nothing in between.
      await call(server.url, "POST", "/api/tasks", { token: carol.token, body: { title: "After" } });
      for (const s of [laptop, phone]) {
        await s.waitFor((e) => e.event === "task.created", 5000);
        expect(s.events.filter((e) => e.event === "notification.read")).toHaveLength(2);
      }
      expect(stranger.events).toEqual([]);
    } finally {
      for (const s of [laptop, phone, stranger]) s.close();
    }
  });
});

describe.skipIf(!baseUrl)("a scheduler killed mid-pass", () => {
  it("loses no reminder and fires none twice: the next server fires the rest", async () => {
    const first = await startServer({ label: "reminders_killed", env: { REMINDER_POLL_MS: "200" } });
    const query = first.database.query!;
    const count = async () =>
      Number((await query<{ n: string }>("SELECT count(*) AS n FROM notifications")).rows[0]!.n);
    try {
      await query(
        `INSERT INTO users (id, name, email, created_at, updated_at) VALUES ('killed', 'K', 'k@example.com', now(), now())`,
      );
      await query(
        `INSERT INTO tasks (user_id, title, remind_at, updated_at)
         SELECT 'killed', 'Reminder ' || n, now() - interval '1 second', now() FROM generate_series(1, 5000) n`,
      );
      // SIGKILL as soon as the first batch is committed: the batch in flight never commits.
      while ((await count()) === 0) await sleep(10);
      await first.kill();
      const atKill = await count();
      const second = await startServer({ label: "reminders_after_kill", database: first.database });
      try {
        await expect.poll(count, { timeout: 30_000 }).toBe(5000);
        const { rows } = await query<{ n: string }>("SELECT count(DISTINCT task_id) AS n FROM notifications");
        expect(Number(rows[0]!.n)).toBe(5000);
        console.info(`[reminders] ${atKill} of 5000 fired before the kill`);
      } finally {
        await second.stop();
      }
    } finally {
      await first.close();
    }
  });
});
