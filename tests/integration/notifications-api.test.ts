import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Session, call, signUp } from "../helpers/api";
import { type TestServer, startServer } from "../helpers/server";

let server: TestServer;
let alice: Session;
let bob: Session;
const vapid = webpush.generateVAPIDKeys();

beforeAll(async () => {
  server = await startServer({
    label: "notifications_api",
    env: {
      AUTH_RATE_LIMIT: "false",
      REMINDER_SCHEDULER: "false",
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: "mailto:ops@example.com",
    },
  });
  [alice, bob] = await Promise.all([signUp(server.url, { name: "Alice" }), signUp(server.url, { name: "Bob" })]);
});
afterAll(async () => server?.close());

const as = (session: Session) => ({
  get: (path: string) => call(server.url, "GET", path, { token: session.token }),
  post: (path: string, body?: unknown) => call(server.url, "POST", path, { token: session.token, body }),
  del: (path: string, body: unknown) => call(server.url, "DELETE", path, { token: session.token, body }),
});

const keys = { p256dh: Buffer.alloc(65, 4).toString("base64url"), auth: Buffer.alloc(16, 7).toString("base64url") };
// On a known push service (the default PUSH_ENDPOINT_HOSTS).
const endpoint = "https://fcm.googleapis.com/fcm/send/abc";

describe("Web Push subscriptions", () => {
  it("GET /api/push/key — the configured VAPID public key", async () => {
    const res = await call(server.url, "GET", "/api/push/key");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ publicKey: vapid.publicKey });
  });

  it("POST /api/push/subscriptions — saves a browser's PushSubscription JSON (204)", async () => {
    const res = await as(alice).post("/api/push/subscriptions", { endpoint, expirationTime: null, keys });
    expect(res.status).toBe(204);
    expect(await as(alice).del("/api/push/subscriptions", { endpoint })).toMatchObject({
      status: 200,
      body: { deleted: true },
    });
  });

  it.each([
    "https://fcm.googleapis.com/fcm/send/one",
    "https://updates.push.services.mozilla.com/wpush/v2/two",
    "https://web.push.apple.com/three",
    "https://wns2-by3p.notify.windows.com/w/?token=four",
  ])("POST /api/push/subscriptions — accepts a push service's endpoint: %s", async (url) => {
    expect((await as(alice).post("/api/push/subscriptions", { endpoint: url, keys })).status).toBe(204);
    expect((await as(alice).del("/api/push/subscriptions", { endpoint: url })).body).toEqual({ deleted: true });
  });

  it("needs a signed-in user", async () => {
    expect((await call(server.url, "POST", "/api/push/subscriptions", { body: { endpoint, keys } })).status).toBe(401);
    expect((await call(server.url, "DELETE", "/api/push/subscriptions", { body: { endpoint } })).status).toBe(401);
  });

  it.each([
    ["no endpoint", { keys }, "endpoint"],
    ["an http endpoint", { endpoint: "http://push.example.com/x", keys }, "endpoint"],
    ["not a URL", { endpoint: "push me", keys }, "endpoint"],
    [
      "an endpoint over 2048 characters",
      { endpoint: `https://fcm.googleapis.com/${"a".repeat(2048)}`, keys },
      "endpoint",
    ],
    // The server POSTs to the endpoint: only known push services (no SSRF into the network).
    ["an endpoint that is no push service", { endpoint: "https://internal.example.com/admin", keys }, "endpoint"],
    ["a loopback endpoint", { endpoint: "https://127.0.0.1:8443/x", keys }, "endpoint"],
    ["a look-alike host", { endpoint: "https://fcm.googleapis.com.evil.example/x", keys }, "endpoint"],
    ["a host that only ends like one", { endpoint: "https://evilfcm.googleapis.com/x", keys }, "endpoint"],
    ["no keys", { endpoint }, "keys"],
    ["a short p256dh", { endpoint, keys: { ...keys, p256dh: "AAAA" } }, "keys.p256dh"],
    ["an auth secret that is not base64url", { endpoint, keys: { ...keys, auth: "!!not base64!!" } }, "keys.auth"],
    ["an unknown key", { endpoint, keys: { ...keys, extra: "x" } }, "keys"],
  ])("POST /api/push/subscriptions — rejects %s (400, nothing saved)", async (_name, body, field) => {
    const res = await as(alice).post("/api/push/subscriptions", body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");
    expect(res.body.message).toMatch(new RegExp(`^${field.replace(".", "\\.")}`));
  });

  it("DELETE /api/push/subscriptions — Bob cannot remove Alice's browser", async () => {
    await as(alice).post("/api/push/subscriptions", { endpoint, keys });
    expect((await as(bob).del("/api/push/subscriptions", { endpoint })).body).toEqual({ deleted: false });
    expect((await as(alice).del("/api/push/subscriptions", { endpoint })).body).toEqual({ deleted: true });
    expect((await as(alice).del("/api/push/subscriptions", { nope: 1 })).status).toBe(400);
  });
});

describe("notifications over REST", () => {
  it("GET /api/notifications?unread=1 — {notifications, unread} for a new user", async () => {
    const res = await as(alice).get("/api/notifications?unread=1");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ notifications: [], unread: 0 });
  });

  it.each([
    ["/api/notifications?unread=maybe", "unread"],
    ["/api/notifications?limit=0", "limit"],
    ["/api/notifications?limit=101", "limit"],
    ["/api/notifications?color=red", ""],
  ])("GET %s — 400", async (path, field) => {
    const res = await as(alice).get(path);
    expect(res.status).toBe(400);
    if (field) expect(res.body.message).toMatch(new RegExp(`^${field}`));
  });

  it("POST /api/notifications/:id/read — 400 for a malformed id, 404 for an unknown one", async () => {
    expect((await as(alice).post("/api/notifications/12/read")).status).toBe(400);
    expect((await as(alice).post("/api/notifications/00000000-0000-4000-8000-000000000000/read")).status).toBe(404);
  });

  it("POST /api/notifications/read-all — counts what it marked", async () => {
    expect((await as(alice).post("/api/notifications/read-all")).body).toEqual({ updated: 0 });
  });

  it("needs a signed-in user, and refuses other methods", async () => {
    expect((await call(server.url, "GET", "/api/notifications")).status).toBe(401);
    expect((await call(server.url, "POST", "/api/notifications/read-all")).status).toBe(401);
    const put = await as(alice).post("/api/notifications", {});
    expect(put.status).toBe(405);
  });
});

describe("a production server without VAPID keys or a cron secret", () => {
  it("keeps running with Web Push off, says so, and refuses cron calls", async () => {
    const bare = await startServer({ label: "no_vapid", env: { REMINDER_SCHEDULER: "false" } });
    try {
      const res = await call(bare.url, "GET", "/api/push/key");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ publicKey: null });
      expect((await call(bare.url, "GET", "/api/cron/reminders")).status).toBe(401);
      expect(bare.output()).toMatch(/Web Push is disabled: set VAPID_PUBLIC_KEY/);
    } finally {
      await bare.close();
    }
  });
});
