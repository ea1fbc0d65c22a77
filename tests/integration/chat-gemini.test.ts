import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Session, call, signUp } from "../helpers/api";
import {
  type FakeGemini,
  declaredTools,
  functionResponses,
  lastUserText,
  quickstartResponder,
  startFakeGemini,
  systemText,
} from "../helpers/fake-gemini";
import { type TestServer, startServerOnFakeGemini } from "../helpers/server";
import { postChatStream, streamedText } from "../helpers/sse";

// The real @ai-sdk/google provider, in the real server, talking to a local fake Gemini.
// Short enough to keep the timeout tests quick, long enough for a loaded machine.
const TIMEOUT_MS = 3000;
let gemini: FakeGemini;
let server: TestServer;
let user: Session;

beforeAll(async () => {
  gemini = await startFakeGemini({ respond: quickstartResponder });
  server = await startServerOnFakeGemini("chat_gemini", gemini, { CHAT_TIMEOUT_MS: String(TIMEOUT_MS) });
});
afterAll(async () => {
  await server?.close();
  await gemini?.close();
});
beforeEach(async () => {
  gemini.setResponder(quickstartResponder, 0);
  user = await signUp(server.url);
});

const chat = (body: unknown) => call(server.url, "POST", "/api/chat", { token: user.token, body });
const conversation = (id: string) => call(server.url, "GET", `/api/conversations/${id}`, { token: user.token });

describe("the quickstart flow through Gemini", () => {
  it("hello → add → list → complete → restart → the model sees the full history", async () => {
    const hello = await chat({ message: "Hello! Can you help me manage my tasks?" });
    expect(hello.status).toBe(200);
    expect(hello.body.tool_calls).toEqual([]);
    expect(hello.body.response).toMatch(/task/i);
    const conversation_id = hello.body.conversation_id;

    const add = await chat({ message: "Add a task to buy milk", conversation_id });
    expect(add.body.tool_calls).toEqual([
      {
        tool: "add_task",
        arguments: { title: "Buy milk", description: "" },
        result: expect.objectContaining({ title: "Buy milk", completed: false }),
      },
    ]);
    const id = add.body.tool_calls[0].result.id;
    expect(add.body.response).toBe(`Added task #${id} · Buy milk`);

    const list = await chat({ message: "Show me my tasks", conversation_id });
    expect(list.body.tool_calls).toEqual([
      expect.objectContaining({ tool: "list_tasks", result: expect.objectContaining({ count: 1 }) }),
    ]);

    const done = await chat({ message: "Mark the milk task as done", conversation_id });
    expect(done.body.tool_calls.map((c: { tool: string }) => c.tool)).toEqual(["list_tasks", "complete_task"]);
    expect(done.body.response).toBe(`Marked #${id} Buy milk as done`);

    await server.restart();
    const before = gemini.requests.length;
    const after = await chat({ message: "What tasks do I have?", conversation_id });
    expect(after.status).toBe(200);
    expect(after.body.conversation_id).toBe(conversation_id);

    // What the model received after the restart: the whole conversation, from the database.
    const first = gemini.requests[before]!;
    expect(first.apiKey).toBe("test-gemini-key");
    expect(first.model).toBe("gemini-2.5-flash");
    expect(systemText(first)).toMatch(/It is now .* where the user is \(UTC\+00:00\)\.\nUser's time zone: UTC/);
    expect(declaredTools(first).sort()).toEqual([
      "add_task",
      "complete_task",
      "delete_task",
      "list_tasks",
      "update_task",
    ]);
    const declarations = first.body.tools[0].functionDeclarations as { name: string; parameters?: unknown }[];
    // No tool takes a user: the user comes from the session.
    const properties = declarations.flatMap((d) =>
      Object.keys((d.parameters as { properties?: object })?.properties ?? {}),
    );
    expect(properties.filter((p) => /user/i.test(p))).toEqual([]);
    const said = JSON.stringify(first.body.contents);
    for (const text of [
      "Hello! Can you help me manage my tasks?",
      "Add a task to buy milk",
      "Show me my tasks",
      "Mark the milk task as done",
      `Added task #${id} · Buy milk`,
    ]) {
      expect(said).toContain(text);
    }
    expect(said).toContain("complete_task");
    expect(lastUserText(first)).toBe("What tasks do I have?");
  });
});

describe("a reminder through Gemini", () => {
  it("remind me to stretch in 10 minutes: the model's phrase becomes a reminder ten minutes on, told in the user's zone", async () => {
    expect(
      (await call(server.url, "PATCH", "/api/me", { token: user.token, body: { timezone: "Asia/Karachi" } })).status,
    ).toBe(200);
    // The fake plays the model: it passes the user's phrase through, then tells the time from
    // what the app gave it (the tool's remind_at, and the user's zone in the system prompt).
    gemini.setResponder((request) => {
      const done = functionResponses(request).at(-1);
      if (!done)
        return { functionCalls: [{ name: "add_task", args: { title: "Stretch", remind_at: "in 10 minutes" } }] };
      const zone = /User's time zone: (\S+)/.exec(systemText(request))?.[1];
      const { remind_at } = done.output as { remind_at: string };
      const clock = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hour: "numeric",
        minute: "2-digit",
        hourCycle: "h23",
      });
      return { text: `I'll remind you to stretch at ${clock.format(new Date(remind_at))}.` };
    });
    const before = Date.now();
    const res = await chat({ message: "remind me to stretch in 10 minutes" });
    const after = Date.now();
    expect(res.status, res.text).toBe(200);
    const [added] = res.body.tool_calls;
    expect(added).toMatchObject({ tool: "add_task", arguments: { title: "Stretch", remind_at: "in 10 minutes" } });
    const remindAt = Date.parse(added.result.remind_at);
    expect(remindAt).toBeGreaterThanOrEqual(before + 9 * 60_000);
    expect(remindAt).toBeLessThanOrEqual(after + 10 * 60_000 + 1000);
    const task = await call(server.url, "GET", `/api/tasks/${added.result.id}`, { token: user.token });
    expect(task.body.remind_at).toBe(added.result.remind_at);
    // Karachi is UTC+5 all year.
    const karachi = new Date(remindAt + 5 * 3600_000);
    const clock = [karachi.getUTCHours(), karachi.getUTCMinutes()].map((n) => String(n).padStart(2, "0")).join(":");
    expect(res.body.response).toBe(`I'll remind you to stretch at ${clock}.`);
    expect(systemText(gemini.requests.at(-1)!)).toMatch(/\(UTC\+05:00\)\.\nUser's time zone: Asia\/Karachi/);
  });
});

describe("when the model provider fails", () => {
  it.each([
    [429, "RESOURCE_EXHAUSTED"],
    [500, "INTERNAL"],
    [401, "UNAUTHENTICATED"],
  ])("Gemini %i → 503, the user message kept, no assistant message", async (status, code) => {
    const first = await chat({ message: "Hello!" });
    gemini.setResponder(() => ({ status, error: { message: `fake ${code}`, status: code } }));
    const started = Date.now();
    const res = await chat({ message: "Add a task to buy bread", conversation_id: first.body.conversation_id });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: "ai_unavailable", message: "AI service temporarily unavailable" });
    expect(res.text).not.toContain(code);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);

    const stored = (await conversation(first.body.conversation_id)).body.messages;
    expect(stored.map((m: { role: string; content: string }) => `${m.role}:${m.content}`)).toEqual([
      "user:Hello!",
      expect.stringMatching(/^assistant:/),
      "user:Add a task to buy bread",
    ]);

    // Retrying the same message answers it, without storing it twice.
    gemini.setResponder(quickstartResponder);
    const retry = await chat({ message: "Add a task to buy bread", conversation_id: first.body.conversation_id });
    expect(retry.status).toBe(200);
    const after = (await conversation(first.body.conversation_id)).body.messages;
    expect(after.map((m: { role: string; content: string }) => `${m.role}:${m.content}`)).toEqual([
      "user:Hello!",
      expect.stringMatching(/^assistant:/),
      "user:Add a task to buy bread",
      expect.stringMatching(/^assistant:Added task #\d+ · Buy bread/),
    ]);
  });

  it("a silent model → 504 within the deadline, and the model call is aborted", async () => {
    gemini.setResponder(() => ({ hang: true }));
    const started = Date.now();
    const res = await chat({ message: "Add a task to wait forever" });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(504);
    expect(res.body).toEqual({ error: "timeout", message: "Request took too long to process" });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 2000);
    await expect.poll(() => gemini.requests.at(-1)?.aborted).toBe(true);
    const list = await call(server.url, "GET", "/api/conversations", { token: user.token });
    const stored = (await conversation(list.body.conversations[0].id)).body.messages;
    expect(stored.map((m: { role: string }) => m.role)).toEqual(["user"]);
  });

  it("a tool call that already ran is kept when the next model step fails, without half-written text", async () => {
    let calls = 0;
    gemini.setResponder((req) => {
      calls += 1;
      if (calls === 1) return { functionCalls: [{ name: "add_task", args: { title: "Survives the outage" } }] };
      expect(functionResponses(req)).toHaveLength(1);
      return { status: 503, error: { message: "overloaded", status: "UNAVAILABLE" } };
    });
    const res = await chat({ message: "Add a task that survives" });
    expect(res.status).toBe(503);
    const tasks = (await call(server.url, "GET", "/api/tasks", { token: user.token })).body.tasks;
    expect(tasks.map((t: { title: string }) => t.title)).toEqual(["Survives the outage"]);

    const list = await call(server.url, "GET", "/api/conversations", { token: user.token });
    const [question, answer] = (await conversation(list.body.conversations[0].id)).body.messages;
    expect(question.content).toBe("Add a task that survives");
    expect(answer.role).toBe("assistant");
    expect(answer.content).toBe("");
    expect(answer.parts.map((p: { type: string }) => p.type)).toEqual([
      "step-start",
      "tool-add_task",
      "data-turn-status",
    ]);
    expect(answer.parts.at(-1).data).toEqual({ status: "failed", message: "AI service temporarily unavailable" });
  });
});

describe("streaming through Gemini", () => {
  it("streams text and tool calls, and stores what it streamed", async () => {
    const res = await postChatStream(server.url, user.token, { message: "Add a task to buy milk" });
    expect(res.status).toBe(200);
    expect(res.chunks).toContainEqual(expect.objectContaining({ type: "tool-output-available" }));
    const text = streamedText(res.chunks);
    expect(text).toMatch(/^Added task #\d+ · Buy milk$/);
    const stored = (await conversation(res.headers.get("x-conversation-id")!)).body.messages;
    expect(stored[1].content).toBe(text);
  });

  it.each([
    ["an unavailable provider", () => ({ status: 500, error: { message: "boom" } }), 503, "ai_unavailable"],
    ["a silent provider", () => ({ hang: true as const }), 504, "timeout"],
  ])("%s before the first token → a JSON error status", async (_name, respond, status, error) => {
    gemini.setResponder(respond);
    const res = await postChatStream(server.url, user.token, { message: "Hello?" });
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(error);
    // The user message was stored: the error says where, so a retry continues that conversation.
    const conversationId = res.headers.get("x-conversation-id")!;
    expect((await conversation(conversationId)).body.messages.map((m: { content: string }) => m.content)).toEqual([
      "Hello?",
    ]);
  });

  it("stopping mid-reply keeps exactly the partial text, marked stopped", async () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
    gemini.setResponder(() => ({ text: long }), 150);
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        authorization: `Bearer ${user.token}`,
      },
      body: JSON.stringify({ message: "Tell me a long story" }),
      signal: controller.signal,
    });
    const conversationId = res.headers.get("x-conversation-id")!;
    const reader = res.body!.getReader();
    let seen = "";
    while (!/word5\b/.test(seen)) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();

    await expect.poll(async () => (await conversation(conversationId)).body.messages.length, { timeout: 5000 }).toBe(2);
    const reply = (await conversation(conversationId)).body.messages[1];
    expect(long.startsWith(reply.content)).toBe(true);
    expect(reply.content.length).toBeGreaterThan(0);
    expect(reply.content.length).toBeLessThan(long.length);
    expect(reply.parts.at(-1)).toEqual({ type: "data-turn-status", data: { status: "stopped" } });
    await expect.poll(() => gemini.requests.at(-1)?.aborted).toBe(true);
  });
});

describe("the chat rate limit (default 20 turns a minute)", () => {
  it("answers the 21st turn in a minute with 429 and Retry-After, writing nothing", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await chat({ message: "hello" })).status);
    expect(statuses).toEqual(Array(20).fill(200));
    const res = await chat({ message: "hello" });
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ error: "rate_limited", message: expect.any(String) });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    const list = await call(server.url, "GET", "/api/conversations?limit=100", { token: user.token });
    expect(list.body.conversations).toHaveLength(20);
    // Another user is not affected.
    const other = await signUp(server.url);
    expect(
      (await call(server.url, "POST", "/api/chat", { token: other.token, body: { message: "hello" } })).status,
    ).toBe(200);
  });
});
