import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Session, call, signUp } from "../helpers/api";
import { connectMcp } from "../helpers/mcp";
import { type TestServer, startServer } from "../helpers/server";

let server: TestServer;
let alice: Session;
let bob: Session;
let aliceMcp: Client;
let bobMcp: Client;

beforeAll(async () => {
  server = await startServer({ label: "mcp", env: { AUTH_RATE_LIMIT: "false" } });
  [alice, bob] = await Promise.all([signUp(server.url, { name: "Alice" }), signUp(server.url, { name: "Bob" })]);
  [aliceMcp, bobMcp] = await Promise.all([connectMcp(server.url, alice.token), connectMcp(server.url, bob.token)]);
});
afterAll(async () => {
  await Promise.all([aliceMcp?.close(), bobMcp?.close()]);
  await server?.close();
});

type ToolResult = { structuredContent?: any; content: { type: string; text?: string }[]; isError?: boolean };
const callTool = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as ToolResult;

describe("the MCP server at /api/mcp", () => {
  it("initializes and lists exactly the five task tools with JSON schemas", async () => {
    expect(aliceMcp.getServerVersion()?.name).toBe("taskchat");
    const { tools } = await aliceMcp.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "add_task",
      "complete_task",
      "delete_task",
      "list_tasks",
      "update_task",
    ]);
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    expect(byName.add_task!.inputSchema).toMatchObject({
      type: "object",
      properties: { title: { type: "string" } },
      required: ["title"],
    });
    expect(byName.complete_task!.inputSchema).toMatchObject({
      properties: { task_id: { type: "integer" }, completed: { type: "boolean" } },
    });
    expect(byName.list_tasks!.inputSchema.properties!.status).toMatchObject({ enum: ["all", "pending", "completed"] });
    for (const tool of tools) {
      expect(Object.keys(tool.inputSchema.properties ?? {}).filter((p) => /user/i.test(p))).toEqual([]);
      expect(tool.description).toBeTruthy();
    }
  });

  it("publishes the part-2 fields and filters, and takes them as the chat tools do", async () => {
    const { tools } = await aliceMcp.listTools();
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    expect(Object.keys(byName.add_task!.inputSchema.properties!)).toEqual(
      expect.arrayContaining(["due_at", "priority", "tags", "recurrence", "remind_at"]),
    );
    expect(Object.keys(byName.list_tasks!.inputSchema.properties!)).toEqual(
      expect.arrayContaining([
        "q",
        "priority",
        "tag",
        "due",
        "due_before",
        "due_after",
        "sort",
        "order",
        "limit",
        "cursor",
      ]),
    );
    const added = await callTool(aliceMcp, "add_task", {
      title: "Pay rent",
      due_at: "2030-07-01",
      priority: "p1",
      tags: ["home", "money"],
      recurrence: "monthly on the 1st",
    });
    expect(added.isError).toBeFalsy();
    expect(added.structuredContent).toMatchObject({
      priority: "high",
      tags: ["home", "money"],
      all_day: true,
      recurrence: "FREQ=MONTHLY;BYMONTHDAY=1",
      recurrence_text: "every month on the 1st",
    });
    const id = added.structuredContent.id;
    const listed = await callTool(aliceMcp, "list_tasks", { tag: "money", due: "any", sort: "due", limit: 10 });
    expect(listed.structuredContent).toMatchObject({ count: 1, tasks: [{ id }], next_cursor: null });
    const done = await callTool(aliceMcp, "complete_task", { task_id: id });
    expect(done.structuredContent.next).toMatchObject({ title: "Pay rent", due_at: "2030-08-01T00:00:00.000Z" });
    const cleared = await callTool(aliceMcp, "update_task", { task_id: id, tags: null, priority: null });
    expect(cleared.structuredContent).toMatchObject({ tags: [], priority: "none" });
    const bad = await callTool(aliceMcp, "update_task", { task_id: id, due_at: "someday maybe" });
    expect(bad.isError).toBe(true);
    expect(bad.structuredContent).toEqual({ error: expect.stringMatching(/^due_at: /) });
  });

  it("adds, lists, renames, completes and deletes a task, with structured results and JSON text", async () => {
    const added = await callTool(aliceMcp, "add_task", { title: "Buy milk", description: "oat" });
    expect(added.isError).toBeFalsy();
    expect(added.structuredContent).toMatchObject({
      id: expect.any(Number),
      title: "Buy milk",
      description: "oat",
      completed: false,
    });
    expect(JSON.parse(added.content[0]!.text!)).toEqual(added.structuredContent);
    const id = added.structuredContent.id as number;

    const listed = await callTool(aliceMcp, "list_tasks", { status: "pending" });
    expect(listed.structuredContent.tasks.map((t: { id: number }) => t.id)).toContain(id);
    expect(listed.structuredContent.count).toBe(listed.structuredContent.tasks.length);

    expect(
      (await callTool(aliceMcp, "update_task", { task_id: id, title: "Buy oat milk" })).structuredContent,
    ).toMatchObject({ title: "Buy oat milk" });
    expect((await callTool(aliceMcp, "complete_task", { task_id: id })).structuredContent).toMatchObject({
      completed: true,
    });
    expect(
      (await callTool(aliceMcp, "complete_task", { task_id: id, completed: false })).structuredContent,
    ).toMatchObject({ completed: false });

    // The same rows REST sees.
    expect((await call(server.url, "GET", `/api/tasks/${id}`, { token: alice.token })).body).toMatchObject({
      title: "Buy oat milk",
    });

    expect((await callTool(aliceMcp, "delete_task", { task_id: id })).structuredContent).toEqual({
      id,
      title: "Buy oat milk",
      deleted: true,
    });
    expect((await call(server.url, "GET", `/api/tasks/${id}`, { token: alice.token })).status).toBe(404);
  });

  it("reports a missing task as an error result", async () => {
    const res = await callTool(aliceMcp, "complete_task", { task_id: 2147483000 });
    expect(res.isError).toBe(true);
    expect(res.structuredContent).toEqual({ error: "Task 2147483000 not found" });
  });

  it("reports input that breaks the schema as an error result", async () => {
    for (const [name, args] of [
      ["add_task", { title: "" }],
      ["add_task", {}],
      ["complete_task", { task_id: "three" }],
      ["complete_task", { task_id: -1 }],
      ["list_tasks", { status: "done" }],
      ["update_task", { task_id: 1 }],
    ] as const) {
      const res = await callTool(aliceMcp, name, args);
      expect(res.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
    }
  });

  it("Bob can neither see nor change Alice's tasks", async () => {
    const task = (await callTool(aliceMcp, "add_task", { title: "Alice's MCP task" })).structuredContent;
    const bobList = await callTool(bobMcp, "list_tasks", {});
    expect(bobList.structuredContent.tasks.map((t: { id: number }) => t.id)).not.toContain(task.id);
    for (const [name, args] of [
      ["complete_task", { task_id: task.id }],
      ["update_task", { task_id: task.id, title: "pwned" }],
      ["delete_task", { task_id: task.id }],
    ] as const) {
      const res = await callTool(bobMcp, name, args);
      expect(res.isError).toBe(true);
      expect(res.structuredContent).toEqual({ error: `Task ${task.id} not found` });
    }
    expect((await call(server.url, "GET", `/api/tasks/${task.id}`, { token: alice.token })).body).toMatchObject({
      title: "Alice's MCP task",
      completed: false,
    });
  });

  it("works with a JWT from /api/auth/token too", async () => {
    const jwt = (await call(server.url, "GET", "/api/auth/token", { token: alice.token })).body.token;
    const client = await connectMcp(server.url, jwt);
    try {
      expect((await client.listTools()).tools).toHaveLength(5);
    } finally {
      await client.close();
    }
  });

  it("answers 401 without or with a bad token", async () => {
    await expect(connectMcp(server.url, "forged-token")).rejects.toThrow();
    const res = await call(server.url, "POST", "/api/mcp", {
      body: { jsonrpc: "2.0", id: 1, method: "tools/list" },
      headers: { accept: "application/json, text/event-stream" },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: "unauthorized", message: "Authentication failed" });
  });
});
