import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Session, call, signUp } from "../helpers/api";
import { type TestServer, startServer } from "../helpers/server";

let server: TestServer;
let alice: Session;
let bob: Session;

beforeAll(async () => {
  server = await startServer({ label: "tasks_api", env: { AUTH_RATE_LIMIT: "false" } });
  [alice, bob] = await Promise.all([signUp(server.url, { name: "Alice" }), signUp(server.url, { name: "Bob" })]);
});
afterAll(async () => server?.close());

const as = (session: Session) => ({
  get: (path: string) => call(server.url, "GET", path, { token: session.token }),
  post: (path: string, body: unknown) => call(server.url, "POST", path, { token: session.token, body }),
  patch: (path: string, body: unknown) => call(server.url, "PATCH", path, { token: session.token, body }),
  del: (path: string) => call(server.url, "DELETE", path, { token: session.token }),
  raw: (method: string, path: string, raw: string) =>
    call(server.url, method, path, { token: session.token, raw, headers: { "content-type": "application/json" } }),
});

async function taskCount(session: Session): Promise<number> {
  return (await as(session).get("/api/tasks")).body.count;
}

describe("tasks over REST", () => {
  it("POST /api/tasks — creates a task (201) with a trimmed title", async () => {
    const res = await as(alice).post("/api/tasks", { title: "  Buy milk  ", description: "2 litres" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      title: "Buy milk",
      description: "2 litres",
      completed: false,
    });
    const again = await as(alice).get(`/api/tasks/${res.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
  });

  it("GET /api/tasks — lists newest first, filtered by status", async () => {
    const user = await signUp(server.url);
    const first = (await as(user).post("/api/tasks", { title: "First" })).body;
    const second = (await as(user).post("/api/tasks", { title: "Second" })).body;
    await as(user).patch(`/api/tasks/${first.id}`, { completed: true });
    expect((await as(user).get("/api/tasks")).body).toMatchObject({
      count: 2,
      tasks: [{ id: second.id }, { id: first.id }],
    });
    expect((await as(user).get("/api/tasks?status=pending")).body).toMatchObject({
      count: 1,
      tasks: [{ id: second.id }],
    });
    expect((await as(user).get("/api/tasks?status=completed")).body).toMatchObject({
      count: 1,
      tasks: [{ id: first.id, completed: true }],
    });
  });

  it("PATCH /api/tasks/:id — updates title, description and completion", async () => {
    const task = (await as(alice).post("/api/tasks", { title: "Call mom" })).body;
    const res = await as(alice).patch(`/api/tasks/${task.id}`, {
      title: "Call mom tonight",
      description: "Sunday plans",
      completed: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: task.id,
      title: "Call mom tonight",
      description: "Sunday plans",
      completed: true,
    });
    expect((await as(alice).patch(`/api/tasks/${task.id}`, { completed: false })).body.completed).toBe(false);
  });

  it("DELETE /api/tasks/:id — 204, then 404", async () => {
    const task = (await as(alice).post("/api/tasks", { title: "Short-lived" })).body;
    const res = await as(alice).del(`/api/tasks/${task.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect((await as(alice).get(`/api/tasks/${task.id}`)).status).toBe(404);
    expect((await as(alice).del(`/api/tasks/${task.id}`)).status).toBe(404);
  });

  it("stores hostile but valid text verbatim", async () => {
    const title = `"quotes" 'single' <script>alert(1)</script> 🚀🔥 \u202Eevil\u202C ∑`;
    const description = "<img src=x onerror=alert(1)>\n\ttabs & newlines";
    const created = (await as(alice).post("/api/tasks", { title, description })).body;
    const read = (await as(alice).get(`/api/tasks/${created.id}`)).body;
    expect(read.title).toBe(title);
    expect(read.description).toBe(description);
  });

  it("requires authentication on every route", async () => {
    for (const [method, path] of [
      ["GET", "/api/tasks"],
      ["POST", "/api/tasks"],
      ["GET", "/api/tasks/1"],
      ["PATCH", "/api/tasks/1"],
      ["DELETE", "/api/tasks/1"],
    ]) {
      const res = await call(server.url, method!, path!, { body: method === "GET" ? undefined : {} });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: "unauthorized", message: "Authentication failed" });
    }
  });

  it("refuses a cookie-authenticated change from another origin, accepts it from the app's own", async () => {
    const before = await taskCount(alice);
    const foreign = await call(server.url, "POST", "/api/tasks", {
      body: { title: "csrf" },
      headers: { cookie: alice.cookie, origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error).toBe("forbidden");
    expect(await taskCount(alice)).toBe(before);
    const own = await call(server.url, "POST", "/api/tasks", {
      body: { title: "same origin" },
      headers: { cookie: alice.cookie, origin: server.url },
    });
    expect(own.status).toBe(201);
  });

  it("answers other methods with 405", async () => {
    expect((await call(server.url, "PUT", "/api/tasks", { token: alice.token })).status).toBe(405);
    expect((await call(server.url, "POST", "/api/tasks/1", { token: alice.token })).status).toBe(405);
  });
});

describe("validation: bad input gets 400 and writes nothing", () => {
  const createCases: [string, string][] = [
    ["no body", ""],
    ["invalid JSON", "{title:"],
    ["an array", '[{"title":"x"}]'],
    ["a string", '"Buy milk"'],
    ["null", "null"],
    ["a missing title", "{}"],
    ["an empty title", '{"title":""}'],
    ["a whitespace title", '{"title":"   \\t\\n "}'],
    ["a title of 201 characters", JSON.stringify({ title: "x".repeat(201) })],
    ["a numeric title", '{"title":42}'],
    ["a null title", '{"title":null}'],
    ["a description of 2001 characters", JSON.stringify({ title: "ok", description: "y".repeat(2001) })],
    ["a numeric description", '{"title":"ok","description":7}'],
    ["a NUL byte in the title", JSON.stringify({ title: "bad\u0000title" })],
    ["a NUL byte in the description", JSON.stringify({ title: "ok", description: "a\u0000b" })],
    ["an unknown field", '{"title":"ok","user_id":"someone-else"}'],
    ["a completed flag on create", '{"title":"ok","completed":true}'],
  ];

  it.each(createCases)("POST /api/tasks — %s", async (_name, raw) => {
    const before = await taskCount(alice);
    const res = await as(alice).raw("POST", "/api/tasks", raw);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_request", message: expect.any(String) });
    expect(await taskCount(alice)).toBe(before);
  });

  it("a title of exactly 200 characters (after trimming) is fine", async () => {
    const res = await as(alice).post("/api/tasks", { title: ` ${"x".repeat(200)} ` });
    expect(res.status).toBe(201);
    expect(res.body.title).toHaveLength(200);
  });

  const badIds = [
    "abc",
    "-1",
    "0",
    "1.5",
    "1e3",
    "1e309",
    "99999999999999999999",
    "2147483648",
    "0x10",
    "%20",
    "1;DROP TABLE tasks",
  ];
  it.each(badIds)("rejects the task id %j with 400 on GET, PATCH and DELETE", async (id) => {
    const path = `/api/tasks/${encodeURIComponent(id)}`;
    for (const res of [
      await as(alice).get(path),
      await as(alice).patch(path, { title: "x" }),
      await as(alice).del(path),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("invalid_request");
      expect(res.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: ["id"] })]));
    }
  });

  it("answers an id that does not exist with 404", async () => {
    const res = await as(alice).get("/api/tasks/2147483647");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: "not_found", message: "Task 2147483647 not found" });
  });

  const patchCases: [string, unknown][] = [
    ["an empty object", {}],
    ["an empty title", { title: "" }],
    ["a non-boolean completed", { completed: "yes" }],
    ["a long description", { description: "z".repeat(2001) }],
    ["an unknown field", { owner: "bob" }],
    ["a NUL byte", { title: "a\u0000" }],
  ];
  it.each(patchCases)("PATCH /api/tasks/:id — %s", async (_name, body) => {
    const task = (await as(alice).post("/api/tasks", { title: "Unchanged", description: "same" })).body;
    const res = await as(alice).patch(`/api/tasks/${task.id}`, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");
    expect((await as(alice).get(`/api/tasks/${task.id}`)).body).toEqual(task);
  });

  it.each(["done", "ALL", "", "pending,completed"])("GET /api/tasks?status=%j — 400", async (status) => {
    const res = await as(alice).get(`/api/tasks?status=${encodeURIComponent(status)}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");
  });

  it("a body over 64 KiB gets 413 and writes nothing", async () => {
    const before = await taskCount(alice);
    const res = await as(alice).raw(
      "POST",
      "/api/tasks",
      JSON.stringify({ title: "big", description: "x".repeat(70_000) }),
    );
    expect(res.status).toBe(413);
    expect(await taskCount(alice)).toBe(before);
  });
});

describe("tasks, extended, over REST", () => {
  it("POST, PATCH and GET carry due dates, priority, tags and repeat rules; PATCH completing one returns next", async () => {
    const user = await signUp(server.url);
    expect((await as(user).get("/api/me")).body).toMatchObject({ timezone: "UTC" });
    expect((await as(user).patch("/api/me", { timezone: "Asia/Karachi" })).body).toMatchObject({
      timezone: "Asia/Karachi",
    });
    const res = await as(user).post("/api/tasks", {
      title: "Standup",
      due_at: "2030-06-03T09:30",
      priority: "HIGH",
      tags: "#work, #daily",
      recurrence: "every weekday",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      due_at: "2030-06-03T04:30:00.000Z",
      all_day: false,
      priority: "high",
      tags: ["work", "daily"],
      recurrence: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
      recurrence_text: "every weekday",
    });
    const done = await as(user).patch(`/api/tasks/${res.body.id}`, { completed: true });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      completed: true,
      next: { title: "Standup", due_at: "2030-06-04T04:30:00.000Z" },
    });
    const listed = await as(user).get("/api/tasks?status=pending&tag=WORK&priority=p1,medium&sort=due&limit=1");
    expect(listed.body).toMatchObject({ count: 1, tasks: [{ id: done.body.next.id }], next_cursor: null });
    expect((await as(user).get("/api/tags")).body).toEqual({
      tags: [
        { name: "daily", count: 1 },
        { name: "work", count: 1 },
      ],
    });
    const cleared = await as(user).patch(`/api/tasks/${done.body.next.id}`, {
      due_at: null,
      recurrence: null,
      tags: [],
    });
    expect(cleared.body).toMatchObject({ due_at: null, recurrence: null, recurrence_text: null, tags: [] });
  });

  it.each([
    ["due_at", { due_at: "2026-02-30" }],
    ["due_at", { due_at: "someday maybe" }],
    ["due_at", { due_at: "99999-01-01" }],
    ["due_at", { due_at: 5 }],
    ["remind_at", { remind_at: "whenever" }],
    ["recurrence", { recurrence: "FREQ=SECONDLY" }],
    ["recurrence", { recurrence: "every blue moon" }],
    ["priority", { priority: "critical" }],
    ["tags", { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
    ["tags", { tags: ["x".repeat(33)] }],
  ])("POST and PATCH /api/tasks — a bad %s is a 400 naming it, nothing written", async (field, fields) => {
    const task = (await as(alice).post("/api/tasks", { title: "Unchanged" })).body;
    const before = await taskCount(alice);
    for (const res of [
      await as(alice).post("/api/tasks", { title: "Bad", ...fields }),
      await as(alice).patch(`/api/tasks/${task.id}`, fields),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: "invalid_request",
        message: expect.stringMatching(new RegExp(`^${field}: `)),
      });
      expect(res.body.issues[0].path).toEqual([field]);
    }
    expect(await taskCount(alice)).toBe(before);
    expect((await as(alice).get(`/api/tasks/${task.id}`)).body).toEqual(task);
  });

  it.each([
    ["priority", "priority=urgentish"],
    ["due", "due=soon"],
    ["sort", "sort=random"],
    ["order", "order=up"],
    ["limit", "limit=501"],
    ["cursor", "cursor=abc"],
    ["due_before", "due_before=someday"],
  ])("GET /api/tasks — a bad %s is a 400 naming it", async (field, query) => {
    const res = await as(alice).get(`/api/tasks?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(new RegExp(`^${field}(\\.\\d+)?: `));
  });

  it("PATCH /api/me — a chosen zone, UTC included, is marked as set (sign-in then keeps it)", async () => {
    const carol = await signUp(server.url, { name: "Carol" });
    const me = () => call(server.url, "GET", "/api/me", { token: carol.token });
    expect((await me()).body).toMatchObject({ timezone: "UTC", timezone_set: false });
    const res = await call(server.url, "PATCH", "/api/me", { token: carol.token, body: { timezone: "UTC" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timezone: "UTC", timezone_set: true });
    expect((await me()).body).toMatchObject({ timezone: "UTC", timezone_set: true });
  });

  it("PATCH /api/me — an unknown time zone is a 400, nothing changes", async () => {
    const res = await as(bob).patch("/api/me", { timezone: "Mars/Olympus_Mons" });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^timezone: /);
    expect((await as(bob).get("/api/me")).body.timezone).toBe("UTC");
  });
});

describe("isolation: Bob cannot touch Alice's tasks", () => {
  it("a foreign id answers exactly like a missing one, and nothing changes", async () => {
    const task = (await as(alice).post("/api/tasks", { title: "Alice's private task" })).body;
    const missing = 2147483000;
    const pairs = [
      [await as(bob).get(`/api/tasks/${task.id}`), await as(bob).get(`/api/tasks/${missing}`)],
      [
        await as(bob).patch(`/api/tasks/${task.id}`, { title: "pwned" }),
        await as(bob).patch(`/api/tasks/${missing}`, { title: "pwned" }),
      ],
      [
        await as(bob).patch(`/api/tasks/${task.id}`, { completed: true }),
        await as(bob).patch(`/api/tasks/${missing}`, { completed: true }),
      ],
      [await as(bob).del(`/api/tasks/${task.id}`), await as(bob).del(`/api/tasks/${missing}`)],
    ];
    for (const [foreign, absent] of pairs) {
      expect(foreign!.status).toBe(404);
      expect(absent!.status).toBe(404);
      expect(foreign!.body.error).toBe(absent!.body.error);
      expect(foreign!.body.message).toBe(`Task ${task.id} not found`);
    }
    expect((await as(bob).get("/api/tasks")).body.tasks.map((t: { id: number }) => t.id)).not.toContain(task.id);
    expect((await as(alice).get(`/api/tasks/${task.id}`)).body).toEqual(task);
  });
});
