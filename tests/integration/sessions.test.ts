import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Session, call, signUp } from "../helpers/api";
import { type TestServer, startServer } from "../helpers/server";

// Issue #15 findings 2 and 3 against the production server: tokens do not leak, Bearer takes
// only signed tokens, and ending a session ends every credential made from it at once.
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ label: "sessions", env: { AUTH_RATE_LIMIT: "false" } });
});
afterAll(async () => server?.close());

async function login(session: Session, userAgent = "curl/8.5.0"): Promise<string> {
  const res = await call(server.url, "POST", "/api/auth/login", {
    body: { email: session.user.email, password: session.password },
    headers: { "user-agent": userAgent },
  });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

const me = (credentials: { token?: string; headers?: Record<string, string> }) =>
  call(server.url, "GET", "/api/me", credentials);
const jwtOf = async (token: string) =>
  (await call(server.url, "GET", "/api/auth/token", { token })).body.token as string;

describe("finding 2: one session does not reveal the others", () => {
  it("/api/auth/list-sessions answers without any session's token", async () => {
    const alice = await signUp(server.url);
    const second = await login(alice);
    const res = await call(server.url, "GET", "/api/auth/list-sessions", { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    for (const s of res.body) expect(s).not.toHaveProperty("token");
    expect(res.text).not.toContain(second.split(".")[0]);
    expect(res.text).not.toContain(alice.token.split(".")[0]);
  });

  it("the bare (unsigned) session token is not a Bearer credential", async () => {
    const alice = await signUp(server.url);
    expect((await me({ token: alice.token })).status).toBe(200);
    expect((await me({ token: alice.token.split(".")[0]! })).status).toBe(401);
  });

  it("GET /api/sessions lists devices (this one marked) without tokens", async () => {
    const alice = await signUp(server.url);
    const script = await login(alice, "curl/8.5.0");
    const res = await call(server.url, "GET", "/api/sessions", { token: script });
    expect(res.status).toBe(200);
    expect(res.body.sessions).toHaveLength(2);
    expect(res.body.sessions.filter((s: { current: boolean }) => s.current)).toEqual([
      expect.objectContaining({ device: "curl", current: true }),
    ]);
    for (const s of res.body.sessions) {
      expect(Object.keys(s).sort()).toEqual(["created_at", "current", "device", "id", "ip_address", "last_active_at"]);
    }
  });
});

describe("finding 3: ending a session ends every credential made from it", () => {
  it("a JWT stops working when its session signs out (long before its exp)", async () => {
    const alice = await signUp(server.url);
    const jwt = await jwtOf(alice.token);
    expect((await me({ token: jwt })).status).toBe(200);
    const out = await call(server.url, "POST", "/api/auth/sign-out", { token: alice.token, body: {} });
    expect(out.status).toBe(200);
    expect((await me({ token: jwt })).status).toBe(401);
    expect((await me({ token: alice.token })).status).toBe(401);
  });

  it("signing out another device ends its cookie (no cached session), its token and its JWTs at once", async () => {
    const alice = await signUp(server.url); // the browser: cookie (with any cache cookie Better Auth sets)
    const laptop = await login(alice, "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36");
    const jwt = await jwtOf(alice.token);
    expect((await me({ headers: { cookie: alice.cookie } })).status).toBe(200);

    const list = await call(server.url, "GET", "/api/sessions", { token: laptop });
    const browser = list.body.sessions.find((s: { current: boolean }) => !s.current);
    const revoked = await call(server.url, "DELETE", `/api/sessions/${browser.id}`, { token: laptop });
    expect(revoked.status).toBe(204);

    expect((await me({ headers: { cookie: alice.cookie } })).status).toBe(401);
    expect((await me({ token: alice.token })).status).toBe(401);
    expect((await me({ token: jwt })).status).toBe(401);
    expect((await me({ token: laptop })).status).toBe(200);
  });

  it("another user's session id is a 404 and stays signed in", async () => {
    const alice = await signUp(server.url);
    const bob = await signUp(server.url);
    const bobs = await call(server.url, "GET", "/api/sessions", { token: bob.token });
    const res = await call(server.url, "DELETE", `/api/sessions/${bobs.body.sessions[0].id}`, { token: alice.token });
    expect(res.status).toBe(404);
    expect((await me({ token: bob.token })).status).toBe(200);
  });

  it("sign out everywhere ends every session of the user, and only theirs", async () => {
    const alice = await signUp(server.url);
    const bob = await signUp(server.url);
    const second = await login(alice);
    const jwt = await jwtOf(second);
    const res = await call(server.url, "DELETE", "/api/sessions", { token: alice.token });
    expect(res.status).toBe(204);
    for (const token of [alice.token, second, jwt]) expect((await me({ token })).status).toBe(401);
    expect((await me({ token: bob.token })).status).toBe(200);
  });
});
