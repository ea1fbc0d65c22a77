import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type WidgetItem, threadStreamEventSchema } from "@/lib/chatkit/schemas";
import { type Session, call, signUp } from "../helpers/api";
import { doneItems, eventsOfType, expectShape, input, postChatKit, shapes, streamedText } from "../helpers/chatkit";
import { type FakeGemini, lastUserText, quickstartResponder, startFakeGemini } from "../helpers/fake-gemini";
import { type TestServer, startServerOnFakeGemini } from "../helpers/server";
import { parseSse } from "../helpers/sse";

// The ChatKit protocol with the real @ai-sdk/google provider, in the real server, talking to a
// local fake Gemini: streamed text arrives in several deltas, tools run between model calls,
// and the provider can fail.
const TIMEOUT_MS = 3000;
let gemini: FakeGemini;
let server: TestServer;

beforeAll(async () => {
  gemini = await startFakeGemini({ respond: quickstartResponder });
  server = await startServerOnFakeGemini("chatkit_gemini", gemini, { CHAT_TIMEOUT_MS: String(TIMEOUT_MS) });
});
afterAll(async () => Promise.all([server?.close(), gemini?.close()]));
beforeEach(() => gemini.setResponder(quickstartResponder, 0));

/** A new user, and a ChatKit client acting for them. */
async function client() {
  const user = await signUp(server.url);
  return { user, ck: (body: unknown) => postChatKit(server.url, { token: user.token }, body) };
}
const messagesOf = async (user: Session, threadId: string) =>
  (await call(server.url, "GET", `/api/conversations/${threadId}`, { token: user.token })).body.messages as {
    id: string;
    role: string;
    content: string;
  }[];
const widgetsOf = (items: ReturnType<typeof doneItems>) => items.filter((i): i is WidgetItem => i.type === "widget");

describe("a thread answered by Gemini", () => {
  it("create → add → complete: tool widgets between model calls, text in several deltas", async () => {
    const { user, ck } = await client();
    const created = await ck({ type: "threads.create", params: { input: input("Add a task to buy milk") } });
    expect(created.status).toBe(200);
    const threadId = eventsOfType(created.events, "thread.created")[0]!.thread.id;
    const milk = (await call(server.url, "GET", "/api/tasks", { token: user.token })).body.tasks[0];
    expect(milk).toMatchObject({ title: "Buy milk", completed: false });

    expect(doneItems(created.events).map((i) => i.type)).toEqual(["user_message", "widget", "assistant_message"]);
    expect(widgetsOf(doneItems(created.events))[0]!.widget).toMatchObject({
      type: "Card",
      status: { text: "Task added" },
    });
    const deltas = eventsOfType(created.events, "thread.item.updated").filter(
      (e) => e.update.type === "assistant_message.content_part.text_delta",
    );
    expect(deltas.length).toBeGreaterThan(1);
    expect(streamedText(created.events)).toBe(`Added task #${milk.id} · Buy milk`);
    expect(lastUserText(gemini.requests.at(-1)!)).toBe("Add a task to buy milk");

    const done = await ck({
      type: "threads.add_user_message",
      params: { thread_id: threadId, input: input("Mark the milk task as done") },
    });
    expect(eventsOfType(done.events, "progress_update").map((e) => e.text)).toEqual([
      "Looking at your tasks…",
      "Updating a task…",
    ]);
    const [list, completed] = widgetsOf(doneItems(done.events));
    expect(list!.widget).toMatchObject({ type: "ListView", status: { text: "1 task" } });
    expect(completed!.widget).toMatchObject({ type: "Card", status: { text: "Task completed", icon: "check-circle" } });
    expect(streamedText(done.events)).toBe(`Marked #${milk.id} Buy milk as done`);
    expect((await call(server.url, "GET", `/api/tasks/${milk.id}`, { token: user.token })).body.completed).toBe(true);

    // Read back: the same items, in the same order, under the same ids.
    const page = expectShape(
      shapes.itemPage,
      (await ck({ type: "items.list", params: { thread_id: threadId, order: "asc" } })).body,
    );
    expect(page.data.map((i) => i.id)).toEqual(
      [...doneItems(created.events), ...doneItems(done.events)].map((i) => i.id),
    );
  });
});

describe("when the model provider fails", () => {
  it("the thread and its question are still sent, then an error with a retry; retrying answers that question", async () => {
    const { user, ck } = await client();
    gemini.setResponder(() => ({ status: 500, error: { message: "fake INTERNAL", status: "INTERNAL" } }));
    const failed = await ck({ type: "threads.create", params: { input: input("Add a task to buy bread") } });
    expect(failed.status).toBe(200);
    expect(failed.events.map((e) => e.type)).toEqual(["thread.created", "thread.item.done", "stream_options", "error"]);
    expect(failed.events.at(-1)).toEqual({
      type: "error",
      code: "custom",
      message: "AI service temporarily unavailable",
      allow_retry: true,
    });
    const threadId = eventsOfType(failed.events, "thread.created")[0]!.thread.id;
    const question = doneItems(failed.events)[0]!;
    expect(question).toMatchObject({
      type: "user_message",
      content: [{ type: "input_text", text: "Add a task to buy bread" }],
    });
    expect((await messagesOf(user, threadId)).map((m) => m.role)).toEqual(["user"]);

    gemini.setResponder(quickstartResponder);
    const before = gemini.requests.length;
    const retried = await ck({
      type: "threads.retry_after_item",
      params: { thread_id: threadId, item_id: question.id },
    });
    expect(retried.status).toBe(200);
    expect(streamedText(retried.events)).toMatch(/^Added task #\d+ · Buy bread$/);
    // The model was asked the question once, not twice.
    const asked = gemini.requests[before]!;
    expect(lastUserText(asked)).toBe("Add a task to buy bread");
    expect(JSON.stringify(asked.body.contents).split("Add a task to buy bread")).toHaveLength(2);
    const stored = await messagesOf(user, threadId);
    expect(stored.map((m) => `${m.role}:${m.content}`)).toEqual([
      "user:Add a task to buy bread",
      expect.stringMatching(/^assistant:Added task #\d+ · Buy bread$/),
    ]);
    expect(stored[0]!.id).toBe(question.id);
  });

  it("a silent model: the error says the request took too long", async () => {
    const { user, ck } = await client();
    const first = await ck({ type: "threads.create", params: { input: input("Hello!") } });
    const threadId = eventsOfType(first.events, "thread.created")[0]!.thread.id;
    gemini.setResponder(() => ({ hang: true }));
    const res = await ck({
      type: "threads.add_user_message",
      params: { thread_id: threadId, input: input("Add a task to wait forever") },
    });
    expect(res.events.map((e) => e.type)).toEqual(["thread.item.done", "stream_options", "error"]);
    expect(res.events.at(-1)).toEqual({
      type: "error",
      code: "custom",
      message: "Request took too long to process",
      allow_retry: true,
    });
    expect((await messagesOf(user, threadId)).map((m) => `${m.role}:${m.content}`).at(-1)).toBe(
      "user:Add a task to wait forever",
    );
  });

  it("closing the stream (ChatKit's cancel) stops the turn and keeps exactly what was said", async () => {
    const { user } = await client();
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
    gemini.setResponder(() => ({ text: long }), 150);
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/chatkit`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ type: "threads.create", params: { input: input("Tell me a long story") } }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let seen = "";
    while (!/word5\b/.test(seen)) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const threadId = eventsOfType(
      await parseSse(seen.slice(0, seen.indexOf("\n\n") + 2), threadStreamEventSchema),
      "thread.created",
    )[0]!.thread.id;

    await expect.poll(async () => (await messagesOf(user, threadId)).length).toBe(2);
    const answer = (await call(server.url, "GET", `/api/conversations/${threadId}`, { token: user.token })).body
      .messages[1];
    expect(answer.content).toMatch(/^word0 word1 word2 word3 word4 word5\b/);
    expect(answer.content).not.toContain("word39");
    expect(answer.parts.at(-1)).toEqual({ type: "data-turn-status", data: { status: "stopped" } });
    await expect.poll(() => gemini.requests.at(-1)?.aborted).toBe(true);
  });
});
