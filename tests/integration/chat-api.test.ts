import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Session, call, signUp } from "../helpers/api";
import { type TestServer, startServer } from "../helpers/server";
import { postChatStream, streamedText } from "../helpers/sse";

// The chat turn over HTTP, answered by the built-in offline model.
let server: TestServer;
let alice: Session;
let bob: Session;

beforeAll(async () => {
  server = await startServer({ label: "chat_api", env: { AUTH_RATE_LIMIT: "false", CHAT_RATE_LIMIT: "1000" } });
  [alice, bob] = await Promise.all([signUp(server.url, { name: "Alice" }), signUp(server.url, { name: "Bob" })]);
});
afterAll(async () => server?.close());

const chat = (session: Session, body: unknown) => call(server.url, "POST", "/api/chat", { token: session.token, body });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("the quickstart flow (JSON mode, offline model)", () => {
  it("hello → add → list → complete → restart → the next turn still has the conversation", async () => {
    const user = await signUp(server.url);
    const hello = await chat(user, { message: "Hello! Can you help me manage my tasks?" });
    expect(hello.status).toBe(200);
    expect(hello.body).toEqual({
      conversation_id: expect.stringMatching(UUID),
      response: expect.any(String),
      tool_calls: [],
    });
    expect(hello.body.response).toMatch(/task/i);
    const conversation_id = hello.body.conversation_id;

    const add = await chat(user, { message: "Add a task to buy milk", conversation_id });
    expect(add.status).toBe(200);
    expect(add.body.conversation_id).toBe(conversation_id);
    expect(add.body.tool_calls).toEqual([
      {
        tool: "add_task",
        arguments: expect.objectContaining({ title: "Buy milk" }),
        result: expect.objectContaining({
          id: expect.any(Number),
          title: "Buy milk",
          description: "",
          completed: false,
          created_at: expect.stringMatching(/Z$/),
          updated_at: expect.stringMatching(/Z$/),
        }),
      },
    ]);
    const milkId = add.body.tool_calls[0].result.id;
    expect(add.body.response).toContain("Buy milk");

    const list = await chat(user, { message: "Show me my tasks", conversation_id });
    expect(list.body.tool_calls).toEqual([
      expect.objectContaining({ tool: "list_tasks", result: expect.objectContaining({ count: 1 }) }),
    ]);
    expect(list.body.response).toContain("Buy milk");

    const done = await chat(user, { message: "Mark the milk task as done", conversation_id });
    expect(done.body.tool_calls.map((c: { tool: string }) => c.tool)).toEqual(["list_tasks", "complete_task"]);
    expect(done.body.tool_calls[1]).toMatchObject({
      arguments: { task_id: milkId },
      result: { id: milkId, completed: true },
    });
    expect((await call(server.url, "GET", `/api/tasks/${milkId}`, { token: user.token })).body.completed).toBe(true);

    await server.restart();

    const after = await chat(user, { message: "What tasks do I have?", conversation_id });
    expect(after.status).toBe(200);
    expect(after.body.conversation_id).toBe(conversation_id);
    expect(after.body.response).toContain("Buy milk");

    const history = await call(server.url, "GET", `/api/conversations/${conversation_id}`, { token: user.token });
    expect(history.status).toBe(200);
    expect(history.body.messages.map((m: { role: string }) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    expect(history.body.messages[0].content).toBe("Hello! Can you help me manage my tasks?");
    expect(history.body.title).toBe("Hello! Can you help me manage my tasks?");
    const addReply = history.body.messages[3];
    expect(addReply.parts).toContainEqual(
      expect.objectContaining({
        type: "tool-add_task",
        state: "output-available",
        output: expect.objectContaining({ id: milkId }),
      }),
    );
  });

  it("a failed tool call carries its error and the reply says so honestly", async () => {
    const res = await chat(alice, { message: "mark task 2147483000 as complete" });
    expect(res.status).toBe(200);
    expect(res.body.tool_calls).toEqual([
      {
        tool: "complete_task",
        arguments: expect.objectContaining({ task_id: 2147483000 }),
        error: "Task 2147483000 not found",
      },
    ]);
    expect(res.body.response).not.toMatch(/marked .* done/i);
  });
});

describe("stream mode (Accept: text/event-stream)", () => {
  it("streams the UI message stream with the conversation id in a header and metadata", async () => {
    const res = await postChatStream(server.url, alice.token, { message: "Add a task to water the plants" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    const conversationId = res.headers.get("x-conversation-id");
    expect(conversationId).toMatch(UUID);
    const start = res.chunks.find((c) => c.type === "start");
    expect(start?.messageMetadata).toMatchObject({ conversationId, model: "Offline model" });
    expect(res.chunks.filter((c) => c.type === "text-delta").length).toBeGreaterThan(1);
    expect(res.chunks).toContainEqual(expect.objectContaining({ type: "tool-input-available", toolName: "add_task" }));
    expect(res.chunks).toContainEqual(
      expect.objectContaining({
        type: "tool-output-available",
        output: expect.objectContaining({ title: "Water the plants" }),
      }),
    );
    expect(res.chunks.at(-1)?.type).toBe("finish");

    // What was streamed is what is stored.
    const stored = await call(server.url, "GET", `/api/conversations/${conversationId}`, { token: alice.token });
    const assistant = stored.body.messages[1];
    expect(assistant.content).toBe(streamedText(res.chunks).trim());
    expect(assistant.id).toBe(start?.messageId);
    expect(assistant.parts.map((p: { type: string }) => p.type)).toEqual(
      expect.arrayContaining(["tool-add_task", "text"]),
    );
  });

  it("continues a conversation in stream mode", async () => {
    const first = await chat(alice, { message: "add a task to call the plumber" });
    const res = await postChatStream(server.url, alice.token, {
      message: "what's pending?",
      conversation_id: first.body.conversation_id,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-conversation-id")).toBe(first.body.conversation_id);
    expect(streamedText(res.chunks)).toContain("Call the plumber");
  });

  it("answers errors before the stream as JSON", async () => {
    const res = await postChatStream(server.url, alice.token, {
      message: "hi",
      conversation_id: "00000000-0000-4000-8000-000000000000",
    });
    expect(res.status).toBe(404);
    expect(res.body.error).toBe("not_found");
  });
});

describe("validation: bad bodies get 400 and write nothing", () => {
  const cases: [string, string][] = [
    ["no body", ""],
    ["invalid JSON", "{"],
    ["an array body", '[{"message":"hi"}]'],
    ["a missing message", "{}"],
    ["an empty message", '{"message":""}'],
    ["a whitespace message", '{"message":"   \\n\\t "}'],
    ["a message over 8000 characters", JSON.stringify({ message: "x".repeat(8001) })],
    ["a numeric message", '{"message":42}'],
    ["a null message", '{"message":null}'],
    ["a malformed conversation id", '{"message":"hi","conversation_id":"abc"}'],
    ["a numeric conversation id", '{"message":"hi","conversation_id":7}'],
    ["an unknown field", '{"message":"hi","user_id":"x"}'],
    ["a NUL byte", JSON.stringify({ message: "a\u0000b" })],
  ];
  it.each(cases)("%s", async (_name, raw) => {
    const user = await signUp(server.url);
    const res = await call(server.url, "POST", "/api/chat", {
      token: user.token,
      raw,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_request", message: expect.any(String) });
    const conversations = await call(server.url, "GET", "/api/conversations", { token: user.token });
    expect(conversations.body.conversations).toEqual([]);
  });

  it("8000 characters (after trimming) is fine", async () => {
    const res = await chat(alice, { message: `  ${"y".repeat(8000)}  ` });
    expect(res.status).toBe(200);
  });

  it("requires authentication", async () => {
    const res = await call(server.url, "POST", "/api/chat", { body: { message: "hi" } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: "unauthorized", message: "Authentication failed" });
  });
});

describe("conversations", () => {
  it("lists newest first with a cursor, reads pages of messages, renames and deletes", async () => {
    const user = await signUp(server.url);
    const ids: string[] = [];
    for (const message of ["first chat", "second chat", "third chat"]) {
      ids.push((await chat(user, { message })).body.conversation_id);
    }
    // A new message moves a conversation to the top.
    await chat(user, { message: "hello again", conversation_id: ids[0] });

    const page1 = await call(server.url, "GET", "/api/conversations?limit=2", { token: user.token });
    expect(page1.body.conversations.map((c: { id: string }) => c.id)).toEqual([ids[0], ids[2]]);
    expect(page1.body.conversations[0]).toEqual({
      id: ids[0],
      title: "first chat",
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(page1.body.next_cursor).toEqual(expect.any(String));
    const page2 = await call(server.url, "GET", `/api/conversations?limit=2&cursor=${page1.body.next_cursor}`, {
      token: user.token,
    });
    expect(page2.body.conversations.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    expect(page2.body.next_cursor).toBeNull();

    const recent = await call(server.url, "GET", `/api/conversations/${ids[0]}?limit=2`, { token: user.token });
    expect(recent.body.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    expect(recent.body.messages[0].content).toBe("hello again");
    const older = await call(
      server.url,
      "GET",
      `/api/conversations/${ids[0]}?limit=2&before=${recent.body.next_before}`,
      { token: user.token },
    );
    expect(older.body.messages[0].content).toBe("first chat");
    expect(older.body.next_before).toBeNull();

    const renamed = await call(server.url, "PATCH", `/api/conversations/${ids[1]}`, {
      token: user.token,
      body: { title: "  Groceries  " },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe("Groceries");

    const task = (await call(server.url, "POST", "/api/tasks", { token: user.token, body: { title: "stays" } })).body;
    expect((await call(server.url, "DELETE", `/api/conversations/${ids[1]}`, { token: user.token })).status).toBe(204);
    expect((await call(server.url, "GET", `/api/conversations/${ids[1]}`, { token: user.token })).status).toBe(404);
    expect((await call(server.url, "GET", `/api/tasks/${task.id}`, { token: user.token })).status).toBe(200);
  });

  it.each([
    ["GET", "/api/conversations?limit=0"],
    ["GET", "/api/conversations?limit=101"],
    ["GET", "/api/conversations?limit=ten"],
    ["GET", "/api/conversations?cursor=not-a-cursor"],
    ["GET", "/api/conversations/not-a-uuid"],
    ["GET", "/api/conversations/00000000-0000-4000-8000-000000000000?before=nope"],
    ["PATCH", "/api/conversations/not-a-uuid"],
  ])("%s %s — 400", async (method, path) => {
    const res = await call(server.url, method, path, {
      token: alice.token,
      body: method === "PATCH" ? { title: "x" } : undefined,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");
  });

  it.each([{}, { title: "" }, { title: "   " }, { title: "x".repeat(201) }, { title: 5 }])(
    "PATCH with %j — 400",
    async (body) => {
      const id = (await chat(alice, { message: "rename me" })).body.conversation_id;
      const res = await call(server.url, "PATCH", `/api/conversations/${id}`, { token: alice.token, body });
      expect(res.status).toBe(400);
      expect((await call(server.url, "GET", `/api/conversations/${id}`, { token: alice.token })).body.title).toBe(
        "rename me",
      );
    },
  );
});

describe("isolation", () => {
  it("Bob gets 404 for Alice's conversation: chat, read, rename, delete — and nothing changes", async () => {
    const { conversation_id } = (await chat(alice, { message: "Alice's private chat" })).body;
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const id of [conversation_id, missing]) {
      const attempts = [
        await chat(bob, { message: "let me in", conversation_id: id }),
        await call(server.url, "GET", `/api/conversations/${id}`, { token: bob.token }),
        await call(server.url, "PATCH", `/api/conversations/${id}`, { token: bob.token, body: { title: "mine" } }),
        await call(server.url, "DELETE", `/api/conversations/${id}`, { token: bob.token }),
      ];
      for (const res of attempts) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ error: "not_found", message: "Conversation not found" });
      }
    }
    const stream = await postChatStream(server.url, bob.token, { message: "let me in", conversation_id });
    expect(stream.status).toBe(404);
    const mine = await call(server.url, "GET", `/api/conversations/${conversation_id}`, { token: alice.token });
    expect(mine.body.title).toBe("Alice's private chat");
    expect(mine.body.messages).toHaveLength(2);
    const bobs = await call(server.url, "GET", "/api/conversations", { token: bob.token });
    expect(bobs.body.conversations.map((c: { id: string }) => c.id)).not.toContain(conversation_id);
  });
});

describe("concurrency", () => {
  it("50 concurrent turns across 10 users: all succeed, every message stored exactly once, in order per turn", async () => {
    const users = await Promise.all(Array.from({ length: 10 }, (_, i) => signUp(server.url, { name: `Load ${i}` })));
    const conversations = await Promise.all(
      users.map(async (u) => (await chat(u, { message: "start" })).body.conversation_id as string),
    );
    const turns = users.flatMap((u, i) =>
      Array.from({ length: 5 }, (_, j) => ({
        user: u,
        conversation_id: conversations[i]!,
        message: `add a task to load test ${i}-${j}`,
      })),
    );
    const results = await Promise.all(
      turns.map((t) => chat(t.user, { message: t.message, conversation_id: t.conversation_id })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));

    for (const [i, user] of users.entries()) {
      const { body } = await call(server.url, "GET", `/api/conversations/${conversations[i]}?limit=200`, {
        token: user.token,
      });
      const messages = body.messages as { role: string; content: string; parts: any[] }[];
      expect(messages).toHaveLength(2 + 5 * 2);
      for (let j = 0; j < 5; j++) {
        const text = `add a task to load test ${i}-${j}`;
        const userIndex = messages.findIndex((m) => m.role === "user" && m.content === text);
        expect(messages.filter((m) => m.content === text)).toHaveLength(1);
        const reply = messages
          .slice(userIndex + 1)
          .find((m) => m.role === "assistant" && m.parts.some((p) => p.output?.title === `Load test ${i}-${j}`));
        expect(reply, `reply to ${text}`).toBeDefined();
      }
      const tasks = await call(server.url, "GET", "/api/tasks", { token: user.token });
      expect(tasks.body.count).toBe(5);
    }
  });
});
