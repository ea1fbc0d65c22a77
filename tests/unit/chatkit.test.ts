import { type UIMessageChunk, readUIMessageStream } from "ai";
import { describe, expect, it } from "vitest";
import type { StoredMessage } from "@/lib/chat/conversations";
import type { ChatMessage, ChatMetadata } from "@/lib/chat/types";
import { itemsOfMessage, parseItemId } from "@/lib/chatkit/items";
import {
  type ThreadStreamEvent,
  type WidgetComponent,
  type WidgetRoot,
  threadStreamEventSchema,
  widgetRootSchema,
} from "@/lib/chatkit/schemas";
import { turnEvents } from "@/lib/chatkit/stream";
import { LIST_WIDGET_ROWS, taskToolWidget } from "@/lib/chatkit/widgets";
import type { TaskDto } from "@/lib/tasks/service";
import { taskDto } from "../helpers/tasks";

type Chunk = UIMessageChunk<ChatMetadata>;
const THREAD = "11111111-1111-4111-8111-111111111111";
const MESSAGE = "22222222-2222-4222-8222-222222222222";
const AT = "2026-12-01T10:00:00.000Z";

const chunks = (...list: Chunk[]) =>
  new ReadableStream<Chunk>({
    start(controller) {
      for (const chunk of list) controller.enqueue(chunk);
      controller.close();
    },
  });

async function eventsOf(list: Chunk[], prefix: ThreadStreamEvent[] = []): Promise<ThreadStreamEvent[]> {
  const events: ThreadStreamEvent[] = [];
  const reader = chunks(...list)
    .pipeThrough(turnEvents(THREAD, prefix, "UTC"))
    .getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    events.push(threadStreamEventSchema.parse(next.value));
  }
  return events;
}

const task = (id: number, title: string, extra: Partial<TaskDto> = {}) =>
  taskDto(id, title, { created_at: AT, updated_at: AT, ...extra });

const start: Chunk = { type: "start", messageId: MESSAGE, messageMetadata: { createdAt: AT } };
const addMilk: Chunk[] = [
  { type: "start-step" },
  { type: "tool-input-start", toolCallId: "call_1", toolName: "add_task" },
  { type: "tool-input-available", toolCallId: "call_1", toolName: "add_task", input: { title: "Milk" } },
  { type: "tool-output-available", toolCallId: "call_1", output: task(7, "Milk") },
  { type: "finish-step" },
];
const say = (id: string, ...deltas: string[]): Chunk[] => [
  { type: "text-start", id },
  ...deltas.map((delta): Chunk => ({ type: "text-delta", id, delta })),
  { type: "text-end", id },
];

function components(root: WidgetRoot | WidgetComponent): WidgetComponent[] {
  const children: WidgetComponent[] = "children" in root ? root.children : [];
  return children.flatMap((c) => [c, ...components(c)]);
}

describe("a turn's chunks as ChatKit events", () => {
  it("streams text as an assistant message item and a tool result as a widget, progress once per call", async () => {
    const events = await eventsOf([
      start,
      ...addMilk,
      { type: "start-step" },
      ...say("t1", "Added ", "#7."),
      { type: "finish" },
    ]);
    const textId = `${MESSAGE}:text:0`;
    expect(events.map((e) => (e.type === "thread.item.updated" ? e.update.type : e.type))).toEqual([
      "progress_update",
      "thread.item.done",
      "thread.item.added",
      "assistant_message.content_part.added",
      "assistant_message.content_part.text_delta",
      "assistant_message.content_part.text_delta",
      "assistant_message.content_part.done",
      "thread.item.done",
    ]);
    expect(events[1]).toMatchObject({ item: { type: "widget", id: `${MESSAGE}:tool:call_1`, created_at: AT } });
    expect(events.at(-1)).toEqual({
      type: "thread.item.done",
      item: {
        type: "assistant_message",
        id: textId,
        thread_id: THREAD,
        created_at: AT,
        content: [{ type: "output_text", text: "Added #7.", annotations: [] }],
      },
    });
  });

  it("sends the prefix first, skips empty text, and numbers text items as the stored message does", async () => {
    const prefix: ThreadStreamEvent[] = [{ type: "stream_options", stream_options: { allow_cancel: true } }];
    const list = [start, ...say("t0", ""), ...say("t1", "Checking."), ...addMilk, ...say("t2", "Done.")];
    const events = await eventsOf(list, prefix);
    expect(events[0]).toEqual(prefix[0]);
    const done = events.flatMap((e) => (e.type === "thread.item.done" ? [e.item.id] : []));
    expect(done).toEqual([`${MESSAGE}:text:0`, `${MESSAGE}:tool:call_1`, `${MESSAGE}:text:1`]);

    // The message the AI SDK builds from the same chunks, as stored, gives the same items.
    let message: ChatMessage | undefined;
    for await (const m of readUIMessageStream<ChatMessage>({ stream: chunks(...list, { type: "finish" }) }))
      message = m;
    const stored: StoredMessage = {
      id: MESSAGE,
      role: "assistant",
      content: "",
      parts: message!.parts,
      created_at: AT,
      feedback: null,
    };
    const streamed = events.flatMap((e) => (e.type === "thread.item.done" ? [e.item] : []));
    expect(itemsOfMessage(THREAD, stored, "UTC")).toEqual(streamed);
  });

  it("withdraws the text of a turn that fails, then reports the error with a retry", async () => {
    const events = await eventsOf([
      start,
      ...say("t1", "Let me"),
      { type: "text-start", id: "t2" },
      { type: "text-delta", id: "t2", delta: "half" },
      { type: "error", errorText: "AI service temporarily unavailable" },
    ]);
    expect(events.slice(-3)).toEqual([
      { type: "thread.item.removed", item_id: `${MESSAGE}:text:0` },
      { type: "thread.item.removed", item_id: `${MESSAGE}:text:1` },
      { type: "error", code: "custom", message: "AI service temporarily unavailable", allow_retry: true },
    ]);
  });

  it("shows a failed tool call as an error card", async () => {
    const events = await eventsOf([
      start,
      { type: "tool-input-available", toolCallId: "c", toolName: "complete_task", input: { task_id: 9 } },
      { type: "tool-output-available", toolCallId: "c", output: { error: "Task 9 not found" } },
    ]);
    const widget = events.find((e) => e.type === "thread.item.done");
    expect(widget).toMatchObject({
      item: {
        type: "widget",
        copy_text: "Task 9 not found",
        widget: {
          type: "Card",
          status: { text: "That didn't work", icon: "info" },
          children: [{ type: "Text", value: "Task 9 not found", color: "danger" }],
        },
      },
    });
  });
});

describe("task widgets", () => {
  it("show a task's due date, repeat rule, priority and tags when it has them", () => {
    const drawn = taskToolWidget(
      "add_task",
      {},
      {
        output: task(4, "Dentist", {
          due_at: "2099-06-03T14:30:00.000Z",
          all_day: false,
          priority: "high",
          tags: ["health", "errands"],
          recurrence_text: "every 6 months",
          remind_at: null,
          completed_at: null,
        }),
      },
      "UTC",
    );
    const widget = widgetRootSchema.parse(drawn!.widget);
    const parts = components(widget);
    expect(parts).toContainEqual(
      expect.objectContaining({
        type: "Caption",
        value: "#4 · Due Jun 3, 2099, 2:30 PM UTC · Repeats every 6 months",
        color: "secondary",
      }),
    );
    expect(parts.filter((c) => c.type === "Badge").map((c) => c.type === "Badge" && c.label)).toEqual([
      "High priority",
      "#health",
      "#errands",
    ]);
  });

  it("show an all-day date without a time, overdue in the danger colour, and nothing extra without those fields", () => {
    const overdue = taskToolWidget(
      "add_task",
      {},
      { output: task(5, "Taxes", { due_at: "2020-04-15T00:00:00.000Z", all_day: true }) },
      "UTC",
    );
    expect(components(overdue!.widget)).toContainEqual(
      expect.objectContaining({ type: "Caption", value: "#5 · Due Apr 15, 2020", color: "danger" }),
    );
    const plain = taskToolWidget("add_task", {}, { output: task(6, "Plain") }, "UTC");
    expect(components(plain!.widget).filter((c) => c.type === "Badge")).toEqual([]);
    expect(components(plain!.widget)).toContainEqual(expect.objectContaining({ type: "Caption", value: "#6" }));
  });

  it("show dates in the user's time zone, not UTC", () => {
    const caption = (zone: string, fields: Partial<ReturnType<typeof task>>) =>
      components(taskToolWidget("add_task", {}, { output: task(7, "Call", fields) }, zone)!.widget).find(
        (c) => c.type === "Caption",
      );
    const at = { due_at: "2099-06-03T14:30:00.000Z", all_day: false };
    expect(caption("America/Los_Angeles", at)).toMatchObject({ value: "#7 · Due Jun 3, 2099, 7:30 AM PDT" });
    expect(caption("Asia/Karachi", at)).toMatchObject({ value: "#7 · Due Jun 3, 2099, 7:30 PM GMT+5" });
    // A whole day starts at local midnight: in Karachi that is the evening before in UTC.
    const day = { due_at: "2099-06-02T19:00:00.000Z", all_day: true };
    expect(caption("Asia/Karachi", day)).toMatchObject({ value: "#7 · Due Jun 3, 2099" });
  });

  it("list at most a page of rows, counting the rest", () => {
    const tasks = Array.from({ length: 30 }, (_, i) => task(i + 1, `Task ${i + 1}`));
    const drawn = taskToolWidget("list_tasks", { status: "all" }, { output: { tasks, count: 40 } }, "UTC");
    const widget = widgetRootSchema.parse(drawn!.widget);
    expect(widget).toMatchObject({ type: "ListView", status: { text: "40 tasks" } });
    expect(widget.children).toHaveLength(LIST_WIDGET_ROWS + 1);
    expect(widget.children.at(-1)).toMatchObject({ children: [{ type: "Caption", value: "and 15 more" }] });
  });

  it("draw actions taken on the widget: completed and deleted rows", () => {
    const tasks = [task(1, "One"), task(2, "Two")];
    const drawn = taskToolWidget("list_tasks", {}, { output: { tasks, count: 2 } }, "UTC", [
      { tool_call_id: "c", action: "complete", task: { ...task(1, "One"), completed: true } },
      { tool_call_id: "c", action: "delete", task: { id: 2, title: "Two", deleted: true } },
    ]);
    const [one, two] = widgetRootSchema.parse(drawn!.widget).children;
    expect(components(one!)).toContainEqual({ type: "Icon", name: "check-circle-filled", color: "success" });
    expect(components(one!).flatMap((c) => (c.type === "Button" ? [c.label] : []))).toEqual(["Delete"]);
    expect(components(two!)).toContainEqual(expect.objectContaining({ type: "Badge", label: "Deleted" }));
    expect(components(two!).some((c) => c.type === "Button")).toBe(false);
  });

  it("know only the task tools", () => {
    expect(taskToolWidget("send_email", {}, { output: {} }, "UTC")).toBeNull();
  });
});

describe("item ids", () => {
  it.each([
    [MESSAGE, { messageId: MESSAGE }],
    [`${MESSAGE}:text:3`, { messageId: MESSAGE, text: 3 }],
    [`${MESSAGE}:tool:call_ab-1.2`, { messageId: MESSAGE, toolCallId: "call_ab-1.2" }],
    [MESSAGE.toUpperCase(), { messageId: MESSAGE }],
    ["msg_123", null],
    [`${MESSAGE}:text:x`, null],
    [`${MESSAGE}:tool:`, null],
    [`${MESSAGE}:other:1`, null],
    [`x${MESSAGE}`, null],
  ])("%s", (id, ref) => {
    expect(parseItemId(id)).toEqual(ref && { text: undefined, toolCallId: undefined, ...ref });
  });
});
