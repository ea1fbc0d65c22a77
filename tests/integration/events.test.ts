import { beforeAll, describe, expect, it } from "vitest";
import { deleteConversation, renameConversation } from "@/lib/chat/conversations";
import { chatTurnJson } from "@/lib/chat/turn";
import { latestEventId, listActivity, listEventsAfter, pruneEvents } from "@/lib/events/service";
import { openEventStream } from "@/lib/events/stream";
import { addTask, deleteTask, setTaskCompleted, updateTask } from "@/lib/tasks/service";
import { actor, createUser, setupTestDatabase } from "../helpers/in-process";
import { mockTurnSettings, replyingModel } from "../helpers/mock-model";

// The outbox: every change writes its event in its own transaction, with the door it came
// through; a refused change writes none; each user sees only their own.
setupTestDatabase("events");

let alice: { id: string };
let bob: { id: string };

beforeAll(async () => {
  alice = await createUser("Alice");
  bob = await createUser("Bob");
});

const eventsOf = async (user: { id: string }, after: bigint) =>
  (await listEventsAfter(user.id, after, 100)).map(({ type, source, data }) => ({ type, source, data }));

describe("the events outbox", () => {
  it("records each task change with its door and the task as a tool returns it", async () => {
    const start = await latestEventId(alice.id);
    const task = await addTask(actor(alice, "mcp"), { title: "Buy milk" });
    const done = await setTaskCompleted(actor(alice, "page"), task.id, true);
    const renamed = await updateTask(actor(alice, "rest"), task.id, { title: "Buy oat milk" });
    await deleteTask(actor(alice, "chat"), task.id);
    expect(await eventsOf(alice, start)).toEqual([
      { type: "task.created", source: "mcp", data: task },
      { type: "task.updated", source: "page", data: done },
      { type: "task.updated", source: "rest", data: renamed },
      { type: "task.deleted", source: "chat", data: { id: task.id, title: "Buy oat milk" } },
    ]);
  });

  it("writes nothing for a refused change, and nothing on another user's log", async () => {
    const task = await addTask(actor(alice), { title: "Alice's secret" });
    const [aliceAt, bobAt] = [await latestEventId(alice.id), await latestEventId(bob.id)];
    await expect(updateTask(actor(bob), task.id, { title: "hacked" })).rejects.toThrow(/not found/);
    await expect(deleteTask(actor(bob), task.id)).rejects.toThrow(/not found/);
    await expect(renameConversation(actor(bob), crypto.randomUUID(), "x")).rejects.toThrow(/not found/);
    expect(await eventsOf(alice, aliceAt)).toEqual([]);
    expect(await eventsOf(bob, bobAt)).toEqual([]);
    expect((await listActivity(bob.id, { limit: 50 })).events.map((e) => e.data)).not.toContainEqual(
      expect.objectContaining({ title: "Alice's secret" }),
    );
  });

  it("records a chat turn's new conversation, its answer, a rename and a deletion", async () => {
    const start = await latestEventId(alice.id);
    const turn = await chatTurnJson(
      { userId: alice.id, timezone: "UTC", message: "hello there" },
      mockTurnSettings(replyingModel("Hi!")),
      new AbortController().signal,
    );
    const renamed = await renameConversation(actor(alice, "page"), turn.conversation_id, "Greetings");
    await deleteConversation(actor(alice, "page"), turn.conversation_id);
    const events = await eventsOf(alice, start);
    expect(events.map(({ type, source }) => `${type} ${source}`)).toEqual([
      "conversation.created chat",
      "conversation.updated chat",
      "conversation.updated page",
      "conversation.deleted page",
    ]);
    const [created, answered] = events;
    expect(created!.data).toEqual({
      id: turn.conversation_id,
      title: "hello there",
      created_at: renamed.created_at,
      updated_at: expect.any(String),
    });
    expect(answered!.data).toMatchObject({ id: turn.conversation_id, title: "hello there" });
    expect(events[2]!.data).toEqual(renamed);
    expect(events[3]!.data).toEqual({ id: turn.conversation_id });
  });

  it("streams a user's new events from this process's listener (PGlite's listen, or LISTEN on PostgreSQL)", async () => {
    const abort = new AbortController();
    const response = await openEventStream(alice.id, undefined, abort.signal);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const task = await addTask(actor(alice), { title: "Heard in process" });
    await addTask(actor(bob), { title: "Not for Alice" });
    while (!text.includes("Heard in process")) text += (await reader.read()).value;
    abort.abort();
    const events = await listEventsAfter(alice.id, 0n, 1000);
    const block = text.split("\n\n").find((b) => b.startsWith(`id: ${events.at(-1)!.id}\n`))!;
    const [, type, data] = /^id: \d+\nevent: (.+)\ndata: (.+)$/.exec(block)!;
    expect({ type, data: JSON.parse(data!) }).toEqual({ type: "task.created", data: task });
    expect(text).not.toContain("Not for Alice");
  });

  it("pages the activity log newest first", async () => {
    const user = await createUser();
    for (const title of ["one", "two", "three"]) await addTask(actor(user), { title });
    const first = await listActivity(user.id, { limit: 2 });
    expect(first.events.map((e) => (e.data as { title: string }).title)).toEqual(["three", "two"]);
    const rest = await listActivity(user.id, { limit: 2, before: BigInt(first.next_before!) });
    expect(rest.events.map((e) => (e.data as { title: string }).title)).toEqual(["one"]);
    expect(rest.next_before).toBeNull();
  });

  it("prunes events after seven days", async () => {
    const user = await createUser();
    await addTask(actor(user), { title: "old news" });
    const eightDaysOn = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    expect(await pruneEvents(eightDaysOn)).toBeGreaterThan(0);
    expect(await listEventsAfter(user.id, 0n, 10)).toEqual([]);
  });
});
