import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Session, call, signUp, uniqueEmail } from "../helpers/api";
import { type TestServer, startServer } from "../helpers/server";
import { baseUrl } from "../helpers/database";

// Issue #15 findings 7 (write limits) and 8 (passwords, per-account sign-in backoff), against the
// production server, with small limits so a test reaches them.
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    label: "limits",
    env: { AUTH_RATE_LIMIT: "false", WRITE_RATE_LIMIT: "5", MAX_TASKS_PER_USER: "3" },
  });
});
afterAll(async () => server?.close());

const signUpWith = (password: string, email = uniqueEmail("pw")) =>
  call(server.url, "POST", "/api/auth/sign-up/email", {
    headers: { origin: server.url },
    body: { name: "Pat", email, password },
  });
const login = (url: string, email: string, password: string) =>
  call(url, "POST", "/api/auth/login", { body: { email, password } });

describe("finding 8: passwords", () => {
  it.each([
    ["eight characters", "12345678", /at least 10 characters/],
    ["a common password", "password12", /commonly used/i],
    ["ten spaces", " ".repeat(10), /repeated/i],
    ["a keyboard row", "qwertyuiop", /frequently used|keyboard/i],
    ["the email itself", "", /./],
  ])("sign-up with %s is refused with the reason, and stores nothing", async (_case, password, reason) => {
    const email = uniqueEmail("weak");
    const res = await signUpWith(password || email, email);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(reason);
    expect((await login(server.url, email, password || email)).status).toBe(401);
  });

  it("a long, uncommon password is accepted", async () => {
    expect((await signUpWith("plum kettle orbit 42")).status).toBe(200);
  });

  // Two servers on one database: PostgreSQL only (the embedded database takes one process).
  describe.skipIf(!baseUrl)("per-account backoff", () => {
    let alice: Session;
    let bob: Session;
    let other: TestServer;
    beforeAll(async () => {
      [alice, bob] = await Promise.all([signUp(server.url), signUp(server.url)]);
      // A second instance on the same database: the count lives in the database.
      other = await startServer({ label: "limits_b", database: server.database, env: { AUTH_RATE_LIMIT: "false" } });
    });
    afterAll(async () => other?.stop());

    it("five wrong passwords across instances slow the account down, even for the right one, on every instance", async () => {
      for (const url of [server.url, other.url, server.url, other.url, server.url]) {
        expect((await login(url, alice.user.email, "wrong password!")).status).toBe(401);
      }
      const refused = await login(server.url, alice.user.email, alice.password);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await login(other.url, alice.user.email, alice.password)).status).toBe(429);
      // Case does not make it another account.
      expect((await login(server.url, alice.user.email.toUpperCase(), alice.password)).status).toBe(429);
      // Other accounts are not affected.
      expect((await login(server.url, bob.user.email, bob.password)).status).toBe(200);
    });

    it("20 wrong passwords at once on two instances: five are checked (401), the rest wait (429)", async () => {
      const carol = await signUp(server.url);
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          login(i % 2 ? other.url : server.url, carol.user.email, "wrong password!").then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);
      expect((await login(server.url, carol.user.email, carol.password)).status).toBe(429);
      const { rows } = await server.database.query!<{ failures: number }>(
        "SELECT failures FROM sign_in_failures WHERE email = $1",
        [carol.user.email.toLowerCase()],
      );
      expect(rows).toEqual([{ failures: 5 }]);
    });

    it("a right password before the fifth failure clears the count", async () => {
      for (let i = 0; i < 4; i++) expect((await login(server.url, bob.user.email, "wrong password!")).status).toBe(401);
      expect((await login(server.url, bob.user.email, bob.password)).status).toBe(200);
      for (let i = 0; i < 4; i++) expect((await login(server.url, bob.user.email, "wrong password!")).status).toBe(401);
      expect((await login(server.url, bob.user.email, bob.password)).status).toBe(200);
    });
  });
});

describe("finding 7: write limits", () => {
  const post = (s: Session, body: unknown) => call(server.url, "POST", "/api/tasks", { token: s.token, body });
  const patch = (s: Session, id: number, body: unknown) =>
    call(server.url, "PATCH", `/api/tasks/${id}`, { token: s.token, body });
  const taskTitles = async (s: Session) =>
    ((await call(server.url, "GET", "/api/tasks", { token: s.token })).body.tasks as { title: string }[]).map(
      (t) => t.title,
    );

  it("REST: past WRITE_RATE_LIMIT writes a minute, 429 with Retry-After, nothing written; reads still work", async () => {
    const user = await signUp(server.url);
    const task = (await post(user, { title: "Counted" })).body;
    for (let i = 1; i <= 4; i++) expect((await patch(user, task.id, { title: `Counted ${i}` })).status).toBe(200);
    const refused = await patch(user, task.id, { title: "One too many" });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: "rate_limited" });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await taskTitles(user)).toEqual(["Counted 4"]);
    // Someone else's writes are their own.
    const other = await signUp(server.url);
    expect((await post(other, { title: "Mine" })).status).toBe(201);
  });

  it("MCP: every call of a batch counts; the refused ones are errors with Retry-After, then 429", async () => {
    const user = await signUp(server.url);
    const task = (await post(user, { title: "Toggled" })).body; // write 1
    const headers = { accept: "application/json, text/event-stream" };
    const batch = Array.from({ length: 6 }, (_, i) => ({
      jsonrpc: "2.0",
      id: i + 1,
      method: "tools/call",
      params: { name: "complete_task", arguments: { task_id: task.id, completed: i % 2 === 0 } },
    }));
    const res = await call(server.url, "POST", "/api/mcp", { token: user.token, body: batch, headers });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const results = res.body as { result: { isError?: boolean; structuredContent: { error?: string } } }[];
    expect(results).toHaveLength(6);
    const errors = results.filter((r) => r.result.isError).map((r) => r.result.structuredContent.error);
    expect(errors).toEqual([expect.stringMatching(/Too many changes/), expect.stringMatching(/Too many changes/)]);
    const single = await call(server.url, "POST", "/api/mcp", {
      token: user.token,
      body: {
        jsonrpc: "2.0",
        id: 9,
        method: "tools/call",
        params: { name: "delete_task", arguments: { task_id: task.id } },
      },
      headers,
    });
    expect(single.status).toBe(429);
    expect(Number(single.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await taskTitles(user)).toEqual(["Toggled"]);
    // Reads are not writes.
    const list = await call(server.url, "POST", "/api/mcp", {
      token: user.token,
      body: { jsonrpc: "2.0", id: 10, method: "tools/call", params: { name: "list_tasks", arguments: {} } },
      headers,
    });
    expect(list.status).toBe(200);
  });

  it("MAX_TASKS_PER_USER: adding past the cap is a clear error; deleting makes room", async () => {
    const user = await signUp(server.url);
    const ids: number[] = [];
    for (let i = 1; i <= 3; i++) ids.push((await post(user, { title: `Capped ${i}` })).body.id);
    const refused = await post(user, { title: "Capped 4" });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: "limit_reached", message: expect.stringMatching(/at most 3 tasks/) });
    expect((await call(server.url, "DELETE", `/api/tasks/${ids[0]}`, { token: user.token })).status).toBe(204);
    expect((await post(user, { title: "Capped 4" })).status).toBe(201);
  });
});
