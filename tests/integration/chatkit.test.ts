import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ThreadItem, ThreadStreamEvent, WidgetComponent, WidgetItem, WidgetRoot } from "@/lib/chatkit/schemas";
import { type Session, call, signUp } from "../helpers/api";
import {
  type Credentials,
  doneItems,
  eventsOfType,
  expectShape,
  input,
  postChatKit,
  shapes,
  streamedText,
} from "../helpers/chatkit";
import { type TestServer, startServer } from "../helpers/server";

// The ChatKit protocol (openai/chatkit-python's request and event shapes) over HTTP, against the
// production build, answered by the offline model.
let server: TestServer;
let alice: Session;
let bob: Session;

beforeAll(async () => {
  server = await startServer({ label: "chatkit", env: { AUTH_RATE_LIMIT: "false", CHAT_RATE_LIMIT: "1000" } });
  [alice, bob] = await Promise.all([signUp(server.url, { name: "Alice" }), signUp(server.url, { name: "Bob" })]);
});
afterAll(async () => server?.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const as = (session: Session): Credentials => ({ token: session.token });
const ck = (session: Session, body: unknown) => postChatKit(server.url, as(session), body);
const create = (session: Session, text: string) =>
  ck(session, { type: "threads.create", params: { input: input(text) } });
const say = (session: Session, threadId: string, text: string) =>
  ck(session, { type: "threads.add_user_message", params: { thread_id: threadId, input: input(text) } });
/** A widget's button pressed: the action it sends back. */
const act = (session: Session, threadId: string, itemId: string, type: string, taskId: number) =>
  ck(session, {
    type: "threads.custom_action",
    params: { thread_id: threadId, item_id: itemId, action: { type, payload: { task_id: taskId } } },
  });
const conversation = (session: Session, id: string) =>
  call(server.url, "GET", `/api/conversations/${id}`, { token: session.token });

function threadIdOf(events: ThreadStreamEvent[]): string {
  const created = eventsOfType(events, "thread.created")[0];
  if (!created) throw new Error(`no thread.created in ${JSON.stringify(events)}`);
  return created.thread.id;
}

const widgets = (items: ThreadItem[]) => items.filter((i): i is WidgetItem => i.type === "widget");

/** Every component of a widget, depth first. */
function components(root: WidgetRoot | WidgetComponent): WidgetComponent[] {
  const children: WidgetComponent[] = "children" in root ? root.children : [];
  return children.flatMap((c) => [c, ...components(c)]);
}
const buttonLabels = (root: WidgetRoot | WidgetComponent) =>
  components(root).flatMap((c) => (c.type === "Button" ? [c.label] : []));
const texts = (root: WidgetRoot | WidgetComponent) =>
  components(root).flatMap((c) => (c.type === "Text" || c.type === "Caption" ? [c.value] : []));

async function tasksOf(session: Session) {
  return (await call(server.url, "GET", "/api/tasks", { token: session.token })).body.tasks as {
    id: number;
    title: string;
    completed: boolean;
  }[];
}

describe("threads.create", () => {
  it("streams the new thread, the stored question, a tool widget and the streamed answer, in that order", async () => {
    const res = await create(alice, "Add a task to buy milk");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const { events } = res;
    const threadId = threadIdOf(events);
    const [task] = (await tasksOf(alice)).filter((t) => t.title === "Buy milk");
    expect(task).toBeDefined();

    const [created, question, options, progress, widget, added, partAdded, ...rest] = events;
    expect(created).toEqual({
      type: "thread.created",
      thread: {
        id: expect.stringMatching(UUID),
        title: "Add a task to buy milk",
        created_at: expect.stringMatching(ISO),
        status: { type: "active" },
        metadata: {},
        items: { data: [], has_more: false },
      },
    });
    expect(question).toEqual({
      type: "thread.item.done",
      item: {
        type: "user_message",
        id: expect.stringMatching(UUID),
        thread_id: threadId,
        created_at: expect.stringMatching(ISO),
        content: [{ type: "input_text", text: "Add a task to buy milk" }],
        attachments: [],
        inference_options: {},
      },
    });
    expect(options).toEqual({ type: "stream_options", stream_options: { allow_cancel: true } });
    expect(progress).toEqual({ type: "progress_update", icon: "plus", text: "Adding a task…" });

    // The tool result as a Card widget with the task and its actions.
    expect(widget).toMatchObject({ type: "thread.item.done", item: { type: "widget", thread_id: threadId } });
    const card = (widget as { item: WidgetItem }).item;
    expect(card.id).toMatch(new RegExp(`^[0-9a-f-]{36}:tool:\\S+$`));
    expect(card.copy_text).toBe(`#${task!.id} Buy milk`);
    expect(card.widget).toMatchObject({ type: "Card", status: { text: "Task added", icon: "plus" } });
    expect(texts(card.widget)).toEqual(["Buy milk", `#${task!.id}`]);
    const buttons = components(card.widget).filter((c) => c.type === "Button");
    expect(buttons).toEqual([
      expect.objectContaining({
        label: "Complete",
        onClickAction: {
          type: "task.complete",
          payload: { task_id: task!.id },
          handler: "server",
          loadingBehavior: "self",
        },
      }),
      expect.objectContaining({
        label: "Delete",
        onClickAction: {
          type: "task.delete",
          payload: { task_id: task!.id },
          handler: "server",
          loadingBehavior: "self",
        },
      }),
    ]);

    // The answer: added (empty), a content part, text deltas, the part done, the item done.
    const answerId = `${card.id.split(":")[0]}:text:0`;
    expect(added).toEqual({
      type: "thread.item.added",
      item: {
        type: "assistant_message",
        id: answerId,
        thread_id: threadId,
        created_at: expect.stringMatching(ISO),
        content: [],
      },
    });
    expect(partAdded).toEqual({
      type: "thread.item.updated",
      item_id: answerId,
      update: {
        type: "assistant_message.content_part.added",
        content_index: 0,
        content: { type: "output_text", text: "", annotations: [] },
      },
    });
    const text = streamedText(events);
    expect(text).toBe(`Added task #${task!.id} · Buy milk.`);
    const tail = rest.filter((e) => !(e.type === "thread.item.updated" && e.update.type.endsWith("text_delta")));
    expect(tail).toEqual([
      {
        type: "thread.item.updated",
        item_id: answerId,
        update: {
          type: "assistant_message.content_part.done",
          content_index: 0,
          content: { type: "output_text", text, annotations: [] },
        },
      },
      {
        type: "thread.item.done",
        item: {
          type: "assistant_message",
          id: answerId,
          thread_id: threadId,
          created_at: (added as { item: { created_at: string } }).item.created_at,
          content: [{ type: "output_text", text, annotations: [] }],
        },
      },
    ]);
  });

  it("reads back the same conversation through /api/conversations/:id and the same items through threads.get_by_id", async () => {
    const { events } = await create(alice, "Add a task to water the plants");
    const threadId = threadIdOf(events);
    const streamed = doneItems(events);

    const stored = await conversation(alice, threadId);
    expect(stored.status).toBe(200);
    expect(stored.body.title).toBe("Add a task to water the plants");
    expect(
      stored.body.messages.map((m: { id: string; role: string; feedback: unknown }) => [m.id, m.role, m.feedback]),
    ).toEqual([
      [streamed[0]!.id, "user", null],
      [streamed[1]!.id.split(":")[0], "assistant", null],
    ]);
    expect(stored.body.messages[1].parts.map((p: { type: string }) => p.type)).toContain("tool-add_task");

    const thread = expectShape(
      shapes.thread,
      (await ck(alice, { type: "threads.get_by_id", params: { thread_id: threadId } })).body,
    );
    expect(thread).toMatchObject({ id: threadId, title: "Add a task to water the plants", status: { type: "active" } });
    expect(thread.items.has_more).toBe(false);
    // Same ids, kinds and content as streamed; stored times are the database's.
    const strip = (items: ThreadItem[]) => items.map((item) => ({ ...item, created_at: "" }));
    expect(strip(thread.items.data)).toEqual(strip(streamed));
  });
});

describe("threads.add_user_message", () => {
  it("continues the thread; a list comes back as a ListView of tasks with their actions", async () => {
    const user = await signUp(server.url);
    const threadId = threadIdOf((await create(user, "Add a task to call mom")).events);
    await say(user, threadId, "add a task to pay bills");
    const res = await say(user, threadId, "what's still pending?");
    expect(res.status).toBe(200);
    expect(eventsOfType(res.events, "thread.created")).toEqual([]);
    expect(res.events[0]).toMatchObject({
      type: "thread.item.done",
      item: {
        type: "user_message",
        thread_id: threadId,
        content: [{ type: "input_text", text: "what's still pending?" }],
      },
    });
    expect(res.events[1]).toEqual({ type: "stream_options", stream_options: { allow_cancel: true } });
    expect(eventsOfType(res.events, "progress_update")).toEqual([
      { type: "progress_update", icon: "search", text: "Looking at your tasks…" },
    ]);
    const [list] = widgets(doneItems(res.events));
    expect(list!.widget).toMatchObject({ type: "ListView", status: { text: "2 pending tasks", icon: "check-circle" } });
    expect(list!.widget.children.map((row) => texts(row)[0])).toEqual(["Pay bills", "Call mom"]);
    expect(list!.widget.children.map((row) => buttonLabels(row))).toEqual([
      ["Complete", "Delete"],
      ["Complete", "Delete"],
    ]);
    expect(streamedText(res.events)).toContain("You have 2 pending tasks");
  });
});

describe("threads.custom_action", () => {
  it("task.complete runs the task service and streams the widget as it now stands, which stays that way", async () => {
    const user = await signUp(server.url);
    const threadId = threadIdOf((await create(user, "add milk, eggs and bread")).events);
    const listed = await say(user, threadId, "show my tasks");
    const [list] = widgets(doneItems(listed.events));
    const eggs = (await tasksOf(user)).find((t) => t.title === "Eggs")!;

    const res = await act(user, threadId, list!.id, "task.complete", eggs.id);
    expect(res.status).toBe(200);
    expect(res.events.map((e) => e.type)).toEqual(["stream_options", "thread.item.replaced"]);
    const replaced = (res.events[1] as { item: WidgetItem }).item;
    expect(replaced.id).toBe(list!.id);
    const row = replaced.widget.children.find((r) => texts(r)[0] === "Eggs")!;
    expect(components(row)).toContainEqual({ type: "Icon", name: "check-circle-filled", color: "success" });
    expect(components(row)).toContainEqual(expect.objectContaining({ type: "Text", value: "Eggs", lineThrough: true }));
    expect(buttonLabels(row)).toEqual(["Delete"]);
    expect((await call(server.url, "GET", `/api/tasks/${eggs.id}`, { token: user.token })).body.completed).toBe(true);

    // Kept with the message: a reload draws the same widget.
    const page = expectShape(
      shapes.itemPage,
      (await ck(user, { type: "items.list", params: { thread_id: threadId, limit: 100 } })).body,
    );
    expect(page.data.find((i) => i.id === list!.id)).toEqual({ ...replaced, created_at: expect.stringMatching(ISO) });

    // Delete from the same widget: the row is marked deleted and loses its buttons.
    const bread = (await tasksOf(user)).find((t) => t.title === "Bread")!;
    const deleted = await act(user, threadId, list!.id, "task.delete", bread.id);
    const breadRow = (deleted.events[1] as { item: WidgetItem }).item.widget.children.find(
      (r) => texts(r)[0] === "Bread",
    )!;
    expect(components(breadRow)).toContainEqual(expect.objectContaining({ type: "Badge", label: "Deleted" }));
    expect(buttonLabels(breadRow)).toEqual([]);
    expect((await call(server.url, "GET", `/api/tasks/${bread.id}`, { token: user.token })).status).toBe(404);
  });

  it("refuses actions that are not the widget's, writing nothing", async () => {
    const user = await signUp(server.url);
    const created = await create(user, "Add a task to sweep the floor");
    const threadId = threadIdOf(created.events);
    const [card] = widgets(doneItems(created.events));
    const [task] = await tasksOf(user);
    const other = (await call(server.url, "POST", "/api/tasks", { token: user.token, body: { title: "Not shown" } }))
      .body;
    const answer = doneItems(created.events).find((i) => i.type === "assistant_message")!;
    const before = (await conversation(user, threadId)).body;

    const cases: [string, Record<string, unknown>, number][] = [
      [
        "a task the widget does not show",
        { item_id: card!.id, action: { type: "task.complete", payload: { task_id: other.id } } },
        400,
      ],
      [
        "an unknown action",
        { item_id: card!.id, action: { type: "task.archive", payload: { task_id: task!.id } } },
        400,
      ],
      ["a payload without a task id", { item_id: card!.id, action: { type: "task.complete", payload: {} } }, 400],
      [
        "a task id that is not a number",
        { item_id: card!.id, action: { type: "task.delete", payload: { task_id: "1" } } },
        400,
      ],
      ["no widget", { action: { type: "task.complete", payload: { task_id: task!.id } } }, 400],
      [
        "an item that is not a widget",
        { item_id: answer.id, action: { type: "task.complete", payload: { task_id: task!.id } } },
        404,
      ],
      ["an unknown item", { item_id: "nope", action: { type: "task.complete", payload: { task_id: task!.id } } }, 404],
    ];
    for (const [what, params, status] of cases) {
      const res = await ck(user, { type: "threads.custom_action", params: { thread_id: threadId, ...params } });
      expect(res.status, what).toBe(status);
      expect(expectShape(shapes.error, res.body), what).toMatchObject({
        type: "error",
        code: "custom",
        allow_retry: false,
      });
    }
    expect((await conversation(user, threadId)).body).toEqual(before);
    expect((await tasksOf(user)).map((t) => t.completed)).toEqual([false, false]);
  });

  it("a task deleted elsewhere since: an error event in the thread, nothing kept", async () => {
    const user = await signUp(server.url);
    const created = await create(user, "Add a task to renew the passport");
    const threadId = threadIdOf(created.events);
    const [card] = widgets(doneItems(created.events));
    const [task] = await tasksOf(user);
    await call(server.url, "DELETE", `/api/tasks/${task!.id}`, { token: user.token });
    const before = (await conversation(user, threadId)).body;

    const res = await act(user, threadId, card!.id, "task.complete", task!.id);
    expect(res.status).toBe(200);
    expect(res.events).toEqual([
      { type: "stream_options", stream_options: { allow_cancel: true } },
      { type: "error", code: "custom", message: `Task ${task!.id} not found`, allow_retry: false },
    ]);
    expect((await conversation(user, threadId)).body).toEqual(before);
  });
});

describe("threads.retry_after_item", () => {
  it("drops what followed the question and answers it again, without storing it twice", async () => {
    const user = await signUp(server.url);
    const threadId = threadIdOf((await create(user, "Add a task to feed the cat")).events);
    const second = await say(user, threadId, "show my tasks");
    const question = doneItems(second.events)[0]!;
    const oldAnswer = doneItems(second.events).slice(1);
    await call(server.url, "POST", "/api/tasks", { token: user.token, body: { title: "Brush the dog" } });

    const res = await ck(user, {
      type: "threads.retry_after_item",
      params: { thread_id: threadId, item_id: question.id },
    });
    expect(res.status).toBe(200);
    expect(res.events[0]).toEqual({ type: "stream_options", stream_options: { allow_cancel: true } });
    expect(eventsOfType(res.events, "thread.created")).toEqual([]);
    expect(doneItems(res.events).map((i) => i.type)).toEqual(["widget", "assistant_message"]);
    expect(streamedText(res.events)).toContain("Brush the dog");
    const newIds = doneItems(res.events).map((i) => i.id);
    for (const old of oldAnswer) expect(newIds).not.toContain(old.id);

    const stored = (await conversation(user, threadId)).body.messages as {
      id: string;
      role: string;
      content: string;
    }[];
    expect(stored.map((m) => `${m.role}:${m.content.slice(0, 20)}`)).toEqual([
      "user:Add a task to feed t",
      expect.stringMatching(/^assistant:/),
      "user:show my tasks",
      expect.stringMatching(/^assistant:.*/),
    ]);
    expect(stored[2]!.id).toBe(question.id);
    expect(stored[3]!.id).toBe(newIds[0]!.split(":")[0]);
  });

  it("refuses an item that is not a user message", async () => {
    const user = await signUp(server.url);
    const created = await create(user, "Add a task to fix the bike");
    const answer = doneItems(created.events).at(-1)!;
    const res = await ck(user, {
      type: "threads.retry_after_item",
      params: { thread_id: threadIdOf(created.events), item_id: answer.id },
    });
    expect(res.status).toBe(400);
    expect(expectShape(shapes.error, res.body).message).toMatch(/not a user message/);
    expect((await conversation(user, threadIdOf(created.events))).body.messages).toHaveLength(2);
  });
});

describe("threads.update, threads.delete, items.feedback", () => {
  it("renames a thread, deletes it, and records feedback per message, shown by /api/conversations/:id", async () => {
    const user = await signUp(server.url);
    const created = await create(user, "Add a task to plan the trip");
    const threadId = threadIdOf(created.events);
    const items = doneItems(created.events);
    const answerItems = items.filter((i) => i.type !== "user_message").map((i) => i.id);

    const renamed = await ck(user, { type: "threads.update", params: { thread_id: threadId, title: "  Holiday  " } });
    expect(renamed.status).toBe(200);
    expect(expectShape(shapes.thread, renamed.body)).toMatchObject({
      id: threadId,
      title: "Holiday",
      items: { data: [], has_more: false },
    });
    expect((await conversation(user, threadId)).body.title).toBe("Holiday");

    const up = await ck(user, {
      type: "items.feedback",
      params: { thread_id: threadId, item_ids: answerItems, kind: "positive" },
    });
    expect(up.status).toBe(200);
    expect(up.body).toEqual({});
    const feedbackOf = async () =>
      (await conversation(user, threadId)).body.messages.map((m: { role: string; feedback: unknown }) => [
        m.role,
        m.feedback,
      ]);
    expect(await feedbackOf()).toEqual([
      ["user", null],
      ["assistant", "positive"],
    ]);
    await ck(user, {
      type: "items.feedback",
      params: { thread_id: threadId, item_ids: [answerItems[0]], kind: "negative" },
    });
    expect(await feedbackOf()).toEqual([
      ["user", null],
      ["assistant", "negative"],
    ]);

    // Not on a question, not on an unknown item: refused, nothing changed.
    for (const [ids, status] of [
      [[items[0]!.id], 400],
      [[answerItems[0], "00000000-0000-4000-8000-000000000000"], 404],
      [["not-an-item"], 404],
    ] as const) {
      const res = await ck(user, {
        type: "items.feedback",
        params: { thread_id: threadId, item_ids: ids, kind: "positive" },
      });
      expect(res.status).toBe(status);
      expectShape(shapes.error, res.body);
    }
    expect(await feedbackOf()).toEqual([
      ["user", null],
      ["assistant", "negative"],
    ]);

    const deleted = await ck(user, { type: "threads.delete", params: { thread_id: threadId } });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    expect((await conversation(user, threadId)).status).toBe(404);
    expect((await ck(user, { type: "threads.get_by_id", params: { thread_id: threadId } })).status).toBe(404);
    // Tasks stay.
    expect((await tasksOf(user)).map((t) => t.title)).toEqual(["Plan the trip"]);
  });
});

describe("another user's thread", () => {
  it("is not found for Bob, whatever he asks, and stays as it was", async () => {
    const created = await create(alice, "Add a task to buy stamps");
    const threadId = threadIdOf(created.events);
    const [question, widget, answer] = doneItems(created.events);
    const before = (await conversation(alice, threadId)).body;
    const stamps = (await tasksOf(alice)).find((t) => t.title === "Buy stamps")!;

    const requests = [
      { type: "threads.get_by_id", params: { thread_id: threadId } },
      { type: "items.list", params: { thread_id: threadId } },
      { type: "items.list", params: { thread_id: threadId, after: question!.id } },
      { type: "threads.add_user_message", params: { thread_id: threadId, input: input("delete everything") } },
      { type: "threads.retry_after_item", params: { thread_id: threadId, item_id: question!.id } },
      {
        type: "threads.custom_action",
        params: {
          thread_id: threadId,
          item_id: widget!.id,
          action: { type: "task.delete", payload: { task_id: stamps.id } },
        },
      },
      { type: "threads.update", params: { thread_id: threadId, title: "Mine now" } },
      { type: "items.feedback", params: { thread_id: threadId, item_ids: [answer!.id], kind: "negative" } },
      { type: "threads.delete", params: { thread_id: threadId } },
    ];
    for (const request of requests) {
      const res = await ck(bob, request);
      expect(res.status, request.type).toBe(404);
      expect(expectShape(shapes.error, res.body), request.type).toMatchObject({ type: "error", error: "not_found" });
    }
    const bobsThreads = expectShape(shapes.threadPage, (await ck(bob, { type: "threads.list", params: {} })).body);
    expect(bobsThreads.data.map((t) => t.id)).not.toContain(threadId);
    expect((await conversation(alice, threadId)).body).toEqual(before);
    expect((await tasksOf(alice)).find((t) => t.id === stamps.id)).toMatchObject({ completed: false });
  });
});

describe("malformed and unsupported requests", () => {
  it("get ChatKit's error shape and a 4xx, and write nothing", async () => {
    const user = await signUp(server.url);
    const threadId = threadIdOf((await create(user, "hello")).events);
    const before = (await call(server.url, "GET", "/api/conversations", { token: user.token })).body;
    const messagesBefore = (await conversation(user, threadId)).body;

    const cases: [string, string, number, RegExp][] = [
      ["not JSON", "{oops", 400, /valid JSON/],
      ["empty", "", 400, /JSON object/],
      ["an array", "[]", 400, /object/],
      ["no type", JSON.stringify({ params: {} }), 400, /type/],
      [
        "an unknown type",
        JSON.stringify({ type: "threads.explode", params: {} }),
        400,
        /unknown request type "threads\.explode"/,
      ],
      ["no params", JSON.stringify({ type: "threads.create" }), 400, /params/],
      ["no input", JSON.stringify({ type: "threads.create", params: {} }), 400, /params\.input/],
      [
        "content not a list",
        JSON.stringify({ type: "threads.create", params: { input: { ...input("x"), content: "x" } } }),
        400,
        /content/,
      ],
      [
        "blank text",
        JSON.stringify({ type: "threads.create", params: { input: input("   ") } }),
        400,
        /must not be empty/,
      ],
      [
        "text too long",
        JSON.stringify({ type: "threads.create", params: { input: input("x".repeat(8001)) } }),
        400,
        /8000/,
      ],
      [
        "an attachment",
        JSON.stringify({ type: "threads.create", params: { input: { ...input("see file"), attachments: ["atc_1"] } } }),
        400,
        /attachments are not supported/,
      ],
      [
        "a message to a thread that is not a uuid",
        JSON.stringify({ type: "threads.add_user_message", params: { thread_id: "thr_123", input: input("hi") } }),
        404,
        /not found/,
      ],
      ["a bad order", JSON.stringify({ type: "threads.list", params: { order: "sideways" } }), 400, /order/],
      ["an unknown thread cursor", JSON.stringify({ type: "threads.list", params: { after: "nope" } }), 400, /cursor/],
      [
        "a negative limit",
        JSON.stringify({ type: "items.list", params: { thread_id: threadId, limit: -1 } }),
        400,
        /limit/,
      ],
      [
        "an unknown cursor",
        JSON.stringify({ type: "items.list", params: { thread_id: threadId, after: "x" } }),
        400,
        /after/,
      ],
      [
        "an empty title",
        JSON.stringify({ type: "threads.update", params: { thread_id: threadId, title: " " } }),
        400,
        /title/,
      ],
      [
        "an unknown feedback kind",
        JSON.stringify({ type: "items.feedback", params: { thread_id: threadId, item_ids: ["a"], kind: "meh" } }),
        400,
        /kind/,
      ],
      [
        "client tool output",
        JSON.stringify({ type: "threads.add_client_tool_output", params: { thread_id: threadId, result: {} } }),
        400,
        /not supported/,
      ],
      [
        "an attachment upload",
        JSON.stringify({ type: "attachments.create", params: { name: "a", size: 1, mime_type: "text/plain" } }),
        400,
        /not supported/,
      ],
      [
        "a body over 64 KiB",
        JSON.stringify({ type: "threads.create", params: { input: input("x".repeat(70_000)) } }),
        413,
        /64 KiB/,
      ],
    ];
    for (const [what, raw, status, message] of cases) {
      const res = await postChatKit(server.url, as(user), undefined, { raw });
      expect(res.status, what).toBe(status);
      const error = expectShape(shapes.error, res.body);
      expect(error, what).toMatchObject({ type: "error", code: "custom", allow_retry: false });
      expect(error.message, what).toMatch(message);
    }
    expect((await call(server.url, "GET", "/api/conversations", { token: user.token })).body).toEqual(before);
    expect((await conversation(user, threadId)).body).toEqual(messagesBefore);
  });

  it("answers other methods with 405 and a missing credential with the API's 401", async () => {
    const get = await call(server.url, "GET", "/api/chatkit", { token: alice.token });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const anonymous = await call(server.url, "POST", "/api/chatkit", { body: { type: "threads.list", params: {} } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ error: "unauthorized", message: "Authentication failed" });
  });

  it("accepts the session cookie from the app's own origin, and refuses it from another", async () => {
    const own = await postChatKit(
      server.url,
      { cookie: alice.cookie, origin: server.url },
      { type: "threads.list", params: {} },
    );
    expect(own.status).toBe(200);
    expectShape(shapes.threadPage, own.body);
    const foreign = await postChatKit(
      server.url,
      { cookie: alice.cookie, origin: "https://evil.example" },
      { type: "threads.list", params: {} },
    );
    expect(foreign.status).toBe(403);
  });
});

describe("pagination", () => {
  it("items.list walks a thread in pages of `limit`, both orders, following `after`", async () => {
    const user = await signUp(server.url);
    const threadId = threadIdOf((await create(user, "add milk, eggs and bread")).events);
    await say(user, threadId, "show my tasks");
    await say(user, threadId, "thanks");
    const all = expectShape(
      shapes.itemPage,
      (await ck(user, { type: "items.list", params: { thread_id: threadId, order: "asc", limit: 100 } })).body,
    );
    expect(all.has_more).toBe(false);
    expect(all.after).toBeUndefined();
    expect(all.data.length).toBeGreaterThan(8);
    expect(all.data.map((i) => i.type)).toEqual(
      expect.arrayContaining(["user_message", "widget", "assistant_message"]),
    );

    for (const order of ["asc", "desc"] as const) {
      for (const limit of [1, 2, 3]) {
        const seen: ThreadItem[] = [];
        let after: string | undefined;
        for (let pages = 0; pages < 50; pages++) {
          const res = await ck(user, { type: "items.list", params: { thread_id: threadId, order, limit, after } });
          const page = expectShape(shapes.itemPage, res.body);
          expect(page.data.length).toBeLessThanOrEqual(limit);
          seen.push(...page.data);
          if (!page.has_more) {
            expect(page.after).toBeUndefined();
            break;
          }
          expect(page.after).toBe(page.data.at(-1)!.id);
          after = page.after;
        }
        const expected = order === "asc" ? all.data : [...all.data].reverse();
        expect(
          seen.map((i) => i.id),
          `${order} by ${limit}`,
        ).toEqual(expected.map((i) => i.id));
      }
    }
    // The default: newest first, 20 at a time.
    const latest = expectShape(
      shapes.itemPage,
      (await ck(user, { type: "items.list", params: { thread_id: threadId } })).body,
    );
    expect(latest.data[0]!.id).toBe(all.data.at(-1)!.id);
  });

  it("threads.list pages through the user's threads, most recently active first (or oldest first)", async () => {
    const user = await signUp(server.url);
    const ids: string[] = [];
    for (const text of ["first thread", "second thread", "third thread"])
      ids.push(threadIdOf((await create(user, text)).events));
    // Activity moves the first thread to the top.
    await say(user, ids[0]!, "hello again");
    const expected = [ids[0], ids[2], ids[1]];

    const first = expectShape(shapes.threadPage, (await ck(user, { type: "threads.list", params: { limit: 2 } })).body);
    expect(first.data.map((t) => t.id)).toEqual(expected.slice(0, 2));
    expect(first.has_more).toBe(true);
    expect(first.data[0]).toEqual({
      id: ids[0],
      title: "first thread",
      created_at: expect.stringMatching(ISO),
      status: { type: "active" },
      metadata: {},
      items: { data: [], has_more: false },
    });
    const second = expectShape(
      shapes.threadPage,
      (await ck(user, { type: "threads.list", params: { limit: 2, after: first.after } })).body,
    );
    expect(second.data.map((t) => t.id)).toEqual(expected.slice(2));
    expect(second.has_more).toBe(false);

    const asc = expectShape(
      shapes.threadPage,
      (await ck(user, { type: "threads.list", params: { order: "asc" } })).body,
    );
    expect(asc.data.map((t) => t.id)).toEqual([...expected].reverse());
  });
});
