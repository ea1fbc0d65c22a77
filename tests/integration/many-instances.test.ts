import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Session, call, signUp } from "../helpers/api";
import { type TestDatabase, baseUrl } from "../helpers/database";
import { type EventStreamReader, openEvents } from "../helpers/events";
import { connectMcp } from "../helpers/mcp";
import { type TestServer, startServers } from "../helpers/server";

// Three `next start` processes from one build on one PostgreSQL database are one app: a change
// made through any door on any instance reaches the event streams open on the others, a
// conversation moves between them turn by turn, the chat rate limit counts across them, and a
// stream that reconnects — or whose instance lost its LISTEN connection — misses nothing.
// (Several instances need a shared PostgreSQL: with DATABASE_URL unset these tests are skipped.)

const TURN_LIMIT = 6;
let servers: TestServer[];
let database: TestDatabase;
let closeAll: () => Promise<void>;
let alice: Session;
let bob: Session;
const open: EventStreamReader[] = [];
const mcpClients: Client[] = [];

const url = (i: number) => servers[i]!.url;

async function stream(i: number, who: Session, options: { lastEventId?: string; after?: string } = {}) {
  const reader = await openEvents(url(i), who.token, options);
  expect(reader.status).toBe(200);
  open.push(reader);
  return reader;
}

async function mcp(i: number, who: Session): Promise<Client> {
  const client = await connectMcp(url(i), who.token);
  mcpClients.push(client);
  return client;
}

const titled = (type: string, title: string) => (e: { event: string; data: any }) =>
  e.event === type && String(e.data?.title).toLowerCase() === title.toLowerCase();

describe.skipIf(!baseUrl)("many instances on one PostgreSQL", () => {
  beforeAll(async () => {
    ({
      servers,
      database,
      close: closeAll,
    } = await startServers(3, {
      label: "instances",
      databaseUrl: baseUrl!,
      env: { AUTH_RATE_LIMIT: "false", CHAT_RATE_LIMIT: String(TURN_LIMIT), EVENTS_HEARTBEAT_SECONDS: "1" },
    }));
    alice = await signUp(url(0), { name: "Alice" });
    bob = await signUp(url(1), { name: "Bob" });
  });

  afterAll(async () => {
    open.forEach((s) => s.close());
    await Promise.all(mcpClients.map((c) => c.close()));
    await closeAll?.();
  });

  it("a change through REST on A, a chat turn on B and an MCP call on C reach the streams on the other two within a second", async () => {
    const [a, b, c] = [await stream(0, alice), await stream(1, alice), await stream(2, alice)];

    const added = await call(url(0), "POST", "/api/tasks", { token: alice.token, body: { title: "From REST on A" } });
    expect(added.status).toBe(201);
    for (const s of [b, c]) {
      const [event] = await s.waitFor(titled("task.created", "From REST on A"));
      expect(event!.data).toEqual(added.body);
    }

    const turn = await call(url(1), "POST", "/api/chat", {
      token: alice.token,
      body: { message: "add a task to buy bread" },
    });
    expect(turn.status).toBe(200);
    for (const s of [a, c]) {
      await s.waitFor(titled("task.created", "buy bread"));
      await s.waitFor((e) => e.event === "conversation.created" && e.data.id === turn.body.conversation_id);
    }

    const client = await mcp(2, alice);
    const result = await client.callTool({ name: "add_task", arguments: { title: "From MCP on C" } });
    expect(result.isError).toBe(false);
    for (const s of [a, b]) {
      const [event] = await s.waitFor(titled("task.created", "From MCP on C"));
      expect(event!.data).toEqual(result.structuredContent);
    }

    // Every stream got the same events, in the same order, once each.
    const ids = (s: EventStreamReader) => s.events.map((e) => e.id);
    await c.waitFor(titled("task.created", "From MCP on C"));
    expect(new Set(ids(a)).size).toBe(ids(a).length);
    const common = ids(a).filter((id) => ids(b).includes(id) && ids(c).includes(id));
    expect(common.length).toBeGreaterThanOrEqual(4);
    expect(ids(b).filter((id) => common.includes(id))).toEqual(common);
  });

  it("a conversation continues turn by turn on A, B and C", async () => {
    const first = await call(url(0), "POST", "/api/chat", {
      token: alice.token,
      body: { message: "add a task to call the plumber" },
    });
    expect(first.status).toBe(200);
    const id = first.body.conversation_id as string;
    const second = await call(url(1), "POST", "/api/chat", {
      token: alice.token,
      body: { message: "what's still pending?", conversation_id: id },
    });
    expect(second.status).toBe(200);
    expect(second.body.response).toMatch(/plumber/i);
    const third = await call(url(2), "POST", "/api/chat", {
      token: alice.token,
      body: { message: "mark the plumber one done", conversation_id: id },
    });
    expect(third.status).toBe(200);
    expect(third.body.tool_calls.map((t: { tool: string }) => t.tool)).toContain("complete_task");

    const stored = await call(url(0), "GET", `/api/conversations/${id}`, { token: alice.token });
    expect(stored.body.messages.map((m: { role: string; content: string }) => `${m.role}: ${m.content}`)).toEqual([
      "user: add a task to call the plumber",
      expect.stringMatching(/^assistant: /),
      "user: what's still pending?",
      expect.stringMatching(/^assistant: /),
      "user: mark the plumber one done",
      expect.stringMatching(/^assistant: /),
    ]);
  });

  it("the chat rate limit counts a user's turns on every instance together", async () => {
    const carol = await signUp(url(2), { name: "Carol" });
    const statuses: number[] = [];
    for (let i = 0; i <= TURN_LIMIT; i++) {
      const res = await call(url(i % 3), "POST", "/api/chat", { token: carol.token, body: { message: `hello ${i}` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(TURN_LIMIT).fill(200), 429]);
  });

  it("a stream resumed with Last-Event-ID on another instance gets exactly the events it missed, then live ones", async () => {
    const first = await stream(1, alice);
    const marker = await call(url(0), "POST", "/api/tasks", { token: alice.token, body: { title: "Before the drop" } });
    const [seen] = await first.waitFor(titled("task.created", "Before the drop"));
    first.close();

    const missed: string[] = [];
    const t1 = await call(url(0), "POST", "/api/tasks", { token: alice.token, body: { title: "Missed one" } });
    await call(url(1), "PATCH", `/api/tasks/${t1.body.id}`, { token: alice.token, body: { completed: true } });
    await call(url(2), "DELETE", `/api/tasks/${marker.body.id}`, { token: alice.token });
    missed.push("task.created Missed one", "task.updated Missed one", "task.deleted Before the drop");

    const resumed = await stream(2, alice, { lastEventId: seen!.id });
    await resumed.waitFor(() => true, 1000, 3);
    expect(resumed.events.map((e) => `${e.event} ${e.data.title}`)).toEqual(missed);
    expect(BigInt(resumed.events[0]!.id)).toBeGreaterThan(BigInt(seen!.id));

    await call(url(0), "POST", "/api/tasks", { token: alice.token, body: { title: "Live again" } });
    await resumed.waitFor(titled("task.created", "Live again"));
    expect(resumed.events).toHaveLength(4);
  });

  it("after every instance's LISTEN connection is killed, the streams resume and miss nothing", async () => {
    const streams = [await stream(0, alice), await stream(1, alice), await stream(2, alice)];
    const killed = await database.query!(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
    );
    expect(killed.rowCount).toBe(3);
    // Changes made while no instance is listening (and right after).
    const titles = ["While deaf 1", "While deaf 2", "While deaf 3"];
    for (const [i, title] of titles.entries()) {
      expect((await call(url(i), "POST", "/api/tasks", { token: alice.token, body: { title } })).status).toBe(201);
    }
    for (const s of streams) {
      await s.waitFor((e) => e.event === "task.created" && titles.includes(e.data.title), 5000, 3);
      expect(s.events.map((e) => e.data.title)).toEqual(titles);
    }
    // The listeners are back: a new change arrives within a second again.
    await call(url(0), "POST", "/api/tasks", { token: alice.token, body: { title: "Heard again" } });
    for (const s of streams) await s.waitFor(titled("task.created", "Heard again"));
    const listening = await database.query!(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
    );
    expect(listening.rows[0]!.n).toBe(3);
  });

  it("Bob's streams never carry Alice's events, whatever the door or the instance", async () => {
    const bobs = [await stream(0, bob), await stream(1, bob), await stream(2, bob)];
    const replayAll = await stream(2, bob, { after: "0" });

    const task = await call(url(0), "POST", "/api/tasks", { token: alice.token, body: { title: "Alice private" } });
    await call(url(1), "PATCH", `/api/tasks/${task.body.id}`, {
      token: alice.token,
      body: { title: "Alice private 2" },
    });
    const turn = await call(url(2), "POST", "/api/chat", {
      token: alice.token,
      body: { message: "add a task to see the doctor" },
    });
    await call(url(0), "PATCH", `/api/conversations/${turn.body.conversation_id}`, {
      token: alice.token,
      body: { title: "Alice's doctor" },
    });
    await (await mcp(1, alice)).callTool({ name: "delete_task", arguments: { task_id: task.body.id } });
    await call(url(2), "DELETE", `/api/conversations/${turn.body.conversation_id}`, { token: alice.token });
    // Bob's own change, made last: once it has arrived everywhere, Alice's would have too.
    await call(url(1), "POST", "/api/tasks", { token: bob.token, body: { title: "Bob's own" } });

    for (const s of [...bobs, replayAll]) {
      await s.waitFor(titled("task.created", "Bob's own"));
      expect(s.events.map((e) => e.data.title)).toEqual(["Bob's own"]);
    }
    const activity = await call(url(0), "GET", "/api/activity?limit=100", { token: bob.token });
    expect(activity.body.events.map((e: { type: string; source: string }) => `${e.type} ${e.source}`)).toEqual([
      "task.created rest",
    ]);
  });

  it("refuses a stream without credentials or with a bad Last-Event-ID, and sends heartbeats", async () => {
    expect((await call(url(0), "GET", "/api/events")).status).toBe(401);
    expect((await openEvents(url(0), alice.token, { lastEventId: "abc" })).status).toBe(400);
    expect((await call(url(0), "GET", "/api/events?after=-1", { token: alice.token })).status).toBe(400);
    const s = await stream(1, alice);
    await expect.poll(() => s.comments.filter((c) => c === ": heartbeat").length, { timeout: 3000 }).toBeGreaterThan(0);
    expect(s.comments[0]).toBe("retry: 1000");
  });
});
