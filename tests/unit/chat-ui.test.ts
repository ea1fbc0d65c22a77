import { isStaticToolUIPart } from "ai";
import { describe, expect, it } from "vitest";
import { isTaskToolPart, summarizeToolPart } from "@/app/(app)/chat/_lib/tool-summary";
import { ApiError, errorOfResponse, messageOf } from "@/lib/api-client";
import { titleFromMessage } from "@/lib/chat/title";
import type { ChatMessage, ToolPart } from "@/lib/chat/types";
import { TASK_TOOL_NAMES } from "@/lib/tasks/tools";
import { taskDto } from "../helpers/tasks";

const task = (id: number, title: string, completed = false) => taskDto(id, title, { completed });
const toolCallId = "call-1";
const state = "output-available";

describe("tool card summaries", () => {
  it.each<[ToolPart, string]>([
    [
      { toolCallId, state, type: "tool-add_task", input: { title: "Buy milk" }, output: task(12, "Buy milk") },
      "Added #12 · Buy milk",
    ],
    [
      { toolCallId, state, type: "tool-complete_task", input: { task_id: 3 }, output: task(3, "Pay bills", true) },
      "Completed #3 · Pay bills",
    ],
    [
      { toolCallId, state, type: "tool-complete_task", input: { task_id: 3 }, output: task(3, "Pay bills", false) },
      "Reopened #3 · Pay bills",
    ],
    [
      { toolCallId, state, type: "tool-update_task", input: { task_id: 1 }, output: task(1, "Call mom tonight") },
      "Updated #1 · Call mom tonight",
    ],
    [
      {
        toolCallId,
        state,
        type: "tool-delete_task",
        input: { task_id: 5 },
        output: { id: 5, title: "Old", deleted: true },
      },
      "Deleted #5 · Old",
    ],
    [
      {
        toolCallId,
        state,
        type: "tool-list_tasks",
        input: { status: "pending" },
        output: { tasks: [task(1, "a"), task(2, "b")], count: 2, next_cursor: null },
      },
      "Found 2 pending tasks",
    ],
    [
      {
        toolCallId,
        state,
        type: "tool-list_tasks",
        input: { status: "completed" },
        output: { tasks: [], count: 0, next_cursor: null },
      },
      "No completed tasks",
    ],
    [
      {
        toolCallId,
        state,
        type: "tool-list_tasks",
        input: {},
        output: { tasks: [task(1, "a")], count: 1, next_cursor: null },
      },
      "Found 1 task",
    ],
  ])("%# %j", (part, summary) => {
    expect(summarizeToolPart(part)).toMatchObject({ state: "done", summary });
  });

  it("shows a tool's {error} result and a tool error as failed", () => {
    const notFound: ToolPart = {
      toolCallId,
      state,
      type: "tool-complete_task",
      input: { task_id: 7 },
      output: { error: "Task 7 not found" },
    };
    expect(summarizeToolPart(notFound)).toEqual({ state: "failed", summary: "Task 7 not found" });
    const invalid: ToolPart = {
      toolCallId,
      type: "tool-add_task",
      state: "output-error",
      input: { title: "" },
      errorText: "Invalid input",
    };
    expect(summarizeToolPart(invalid)).toEqual({ state: "failed", summary: "Invalid input" });
  });

  it("shows a call in progress as running", () => {
    const part: ToolPart = { toolCallId, type: "tool-add_task", state: "input-available", input: { title: "x" } };
    expect(summarizeToolPart(part)).toEqual({ state: "running", summary: "Adding a task…" });
  });

  it("returns the listed tasks for the card's small list", () => {
    const part: ToolPart = {
      toolCallId,
      state,
      type: "tool-list_tasks",
      input: {},
      output: { tasks: [task(1, "a", true)], count: 1, next_cursor: null },
    };
    expect(summarizeToolPart(part).tasks).toEqual([task(1, "a", true)]);
  });
});

describe("which parts are tool cards", () => {
  it("agrees with the SDK's isStaticToolUIPart on every kind of part a chat message has", () => {
    const parts: ChatMessage["parts"] = [
      { type: "text", text: "hi" },
      { type: "reasoning", text: "hmm" },
      { type: "step-start" },
      { type: "data-turn-status", data: { status: "stopped" } },
      ...TASK_TOOL_NAMES.map(
        (name): ToolPart => ({ type: `tool-${name}`, toolCallId: name, state: "input-streaming", input: undefined }),
      ),
    ];
    expect(parts.map(isTaskToolPart)).toEqual(parts.map(isStaticToolUIPart));
    expect(parts.filter(isTaskToolPart)).toHaveLength(TASK_TOOL_NAMES.length);
  });
});

describe("error messages shown on the pages", () => {
  it.each([
    [
      new Error('{"error":"rate_limited","message":"Too many messages: at most 20 per minute."}'),
      "Too many messages: at most 20 per minute.",
    ],
    [new Error("AI service temporarily unavailable"), "AI service temporarily unavailable"],
    [new Error("Failed to fetch"), "Couldn't reach the server. Check your connection and try again."],
    [new ApiError(404, "not_found", "Task 7 not found"), "Task 7 not found"],
    ["thrown string", "Something went wrong. Please try again."],
  ])("%s → %s", (error, message) => {
    expect(messageOf(error)).toBe(message);
  });

  it.each([
    [
      401,
      { error: "unauthorized", message: "Authentication failed" },
      "unauthorized",
      "You have been signed out. Sign in again to continue.",
    ],
    [
      503,
      { error: "unavailable", message: "Service temporarily unavailable" },
      "unavailable",
      "Service temporarily unavailable",
    ],
    [502, "<html>Bad gateway</html>", "http_error", "The server answered 502. Please try again."],
  ])("a %i response → %s", (status, body, code, message) => {
    expect(errorOfResponse(status, body)).toMatchObject({ status, code, message });
  });
});

describe("conversation titles", () => {
  it.each([
    ["Add a task to buy milk", "Add a task to buy milk"],
    ["  first line\nsecond line", "first line"],
    ["word ".repeat(30), "word word word word word word word word word word word word…"],
    ["x".repeat(100), `${"x".repeat(60)}…`],
  ])("%j → %j", (message, title) => {
    expect(titleFromMessage(message)).toBe(title);
  });
});
