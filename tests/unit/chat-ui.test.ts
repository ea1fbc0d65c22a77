import { describe, expect, it } from "vitest";
import { chatErrorMessage } from "@/app/(app)/chat/_lib/errors";
import { summarizeToolPart } from "@/app/(app)/chat/_lib/tool-summary";
import { titleFromMessage } from "@/lib/chat/title";

const task = (id: number, title: string, completed = false) => ({
  id,
  title,
  completed,
  description: "",
  created_at: "",
  updated_at: "",
});
const done = (tool: string, output: unknown, input: unknown = {}) => ({
  type: `tool-${tool}`,
  state: "output-available",
  input,
  output,
});

describe("tool card summaries", () => {
  it.each([
    [done("add_task", task(12, "Buy milk")), "Added #12 · Buy milk"],
    [done("complete_task", task(3, "Pay bills", true)), "Completed #3 · Pay bills"],
    [done("complete_task", task(3, "Pay bills", false)), "Reopened #3 · Pay bills"],
    [done("update_task", task(1, "Call mom tonight")), "Updated #1 · Call mom tonight"],
    [done("delete_task", { id: 5, title: "Old", deleted: true }), "Deleted #5 · Old"],
    [
      done("list_tasks", { tasks: [task(1, "a"), task(2, "b")], count: 2 }, { status: "pending" }),
      "Found 2 pending tasks",
    ],
    [done("list_tasks", { tasks: [], count: 0 }, { status: "completed" }), "No completed tasks"],
    [done("list_tasks", { tasks: [task(1, "a")], count: 1 }), "Found 1 task"],
  ])("%# %j", (part, summary) => {
    expect(summarizeToolPart(part)).toMatchObject({ state: "done", summary });
  });

  it("shows a tool's {error} result and a tool error as failed", () => {
    expect(summarizeToolPart(done("complete_task", { error: "Task 7 not found" }))).toEqual({
      state: "failed",
      summary: "Task 7 not found",
    });
    expect(summarizeToolPart({ type: "tool-add_task", state: "output-error", errorText: "Invalid input" })).toEqual({
      state: "failed",
      summary: "Invalid input",
    });
  });

  it("shows a call in progress as running", () => {
    expect(summarizeToolPart({ type: "tool-add_task", state: "input-available", input: { title: "x" } })).toEqual({
      state: "running",
      summary: "Adding a task…",
    });
  });

  it("returns the listed tasks for the card's small list", () => {
    const card = summarizeToolPart(done("list_tasks", { tasks: [task(1, "a", true)], count: 1 }));
    expect(card.tasks).toEqual([task(1, "a", true)]);
  });
});

describe("chat error messages", () => {
  it.each([
    [
      new Error('{"error":"rate_limited","message":"Too many messages: at most 20 per minute."}'),
      "Too many messages: at most 20 per minute.",
    ],
    [new Error("AI service temporarily unavailable"), "AI service temporarily unavailable"],
    [new Error("Failed to fetch"), "Can't reach the server. Check your connection."],
    [undefined, null],
  ])("%s → %s", (error, message) => {
    expect(chatErrorMessage(error)).toBe(message);
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
