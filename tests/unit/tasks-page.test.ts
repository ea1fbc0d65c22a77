import { describe, expect, it } from "vitest";
import { apiQueryOf, isFiltered, listQueryOf, statusOf, urlWith } from "@/app/(app)/tasks/_lib/filter";
import {
  addTags,
  changedFields,
  draftOf,
  emptyDraft,
  fieldMessage,
  splitTags,
  toInputValue,
  withAllDay,
} from "@/app/(app)/tasks/_lib/task-fields";
import type { TaskDto } from "@/lib/tasks/service";
import { taskDto } from "../helpers/tasks";

const task = (extra: Partial<TaskDto> = {}) =>
  taskDto(1, "Dentist", { created_at: "2026-12-01T10:00:00.000Z", updated_at: "2026-12-01T10:00:00.000Z", ...extra });

describe("the tasks page's URL filters", () => {
  it("keeps the valid filters of a URL and drops the rest", () => {
    const params = new URLSearchParams("q=dentist&priority=HIGH,p2&tag=%23work&due=someday&sort=title&order=up&task=7");
    expect(listQueryOf(params)).toEqual({ q: "dentist", priority: ["high", "medium"], tag: ["work"], sort: "title" });
    expect(listQueryOf({ due: "overdue", sort: ["due", "title"] })).toEqual({ due: "overdue" });
  });

  it("takes the status tab as a filter the server answers; 'all' and anything unknown are none", () => {
    expect(listQueryOf(new URLSearchParams("status=completed&q=rent"))).toEqual({ status: "completed", q: "rent" });
    expect(listQueryOf({ status: "pending" })).toEqual({ status: "pending" });
    for (const status of ["all", "done", ""]) expect(listQueryOf({ status })).toEqual({});
    expect(statusOf({ status: "completed" })).toBe("completed");
    expect(statusOf({ q: "rent" })).toBe("all");
  });

  it("tells a status tab alone from a filtered list", () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ status: "pending" })).toBe(false);
    expect(isFiltered({ priority: [] })).toBe(false);
    expect(isFiltered({ status: "pending", tag: ["work"] })).toBe(true);
    expect(isFiltered({ order: "desc" })).toBe(true);
  });

  it("writes them back as /api/tasks parameters, in one canonical order", () => {
    expect(apiQueryOf({ sort: "due", priority: ["high", "medium"], q: "rent", status: "pending" }).toString()).toBe(
      "status=pending&q=rent&priority=high%2Cmedium&sort=due",
    );
    expect(apiQueryOf({}).toString()).toBe("");
  });

  it("changes some filters of a URL, keeping the status and dropping a reminder's focus", () => {
    const current = new URL("http://x/tasks?status=pending&q=rent&task=3");
    expect(urlWith(current, { q: null, priority: "high" })).toBe("/tasks?status=pending&priority=high");
    expect(urlWith(new URL("http://x/tasks?q=a"), { q: "" })).toBe("/tasks");
    expect(urlWith(new URL("http://x/tasks?q=a"), { status: "completed" })).toBe("/tasks?q=a&status=completed");
    expect(urlWith(new URL("http://x/tasks?status=completed"), { status: null })).toBe("/tasks");
  });
});

describe("the task forms' fields", () => {
  it("show an instant on the user's wall clock, not the browser's", () => {
    expect(toInputValue("2030-06-03T09:00:00.000Z", "Asia/Karachi")).toBe("2030-06-03T14:00");
    expect(toInputValue("2030-06-03T09:00:00.000Z", "America/Los_Angeles")).toBe("2030-06-03T02:00");
    // A whole day is stored as the zone's midnight: the evening before in UTC, east of it.
    expect(toInputValue("2030-06-02T19:00:00.000Z", "Asia/Karachi", true)).toBe("2030-06-03");
    expect(toInputValue(null, "UTC")).toBe("");
  });

  it("switch between a date-time and a whole day keeping the day", () => {
    expect(withAllDay("2030-06-03T14:00", true)).toBe("2030-06-03");
    expect(withAllDay("2030-06-03", false)).toBe("2030-06-03T09:00");
    expect(withAllDay("", true)).toBe("");
  });

  it("send only what changed, null clearing a field", () => {
    const initial = draftOf(
      task({
        due_at: "2030-06-03T09:00:00.000Z",
        priority: "high",
        tags: ["work"],
        recurrence: "FREQ=WEEKLY",
        remind_at: "2030-06-03T08:00:00.000Z",
      }),
      "UTC",
    );
    expect(initial).toMatchObject({ due: "2030-06-03T09:00", repeat: "weekly", remind: "2030-06-03T08:00" });
    expect(changedFields(initial, initial)).toEqual({});
    expect(
      changedFields(
        { ...initial, due: "", tags: ["work", "home"], repeat: "custom", repeatText: "every 2 weeks" },
        initial,
      ),
    ).toEqual({ due_at: null, tags: ["work", "home"], recurrence: "every 2 weeks" });
    expect(changedFields({ ...initial, repeat: "none", remind: "" }, initial)).toEqual({
      recurrence: null,
      remind_at: null,
    });
    expect(changedFields({ ...emptyDraft, priority: "low" }, emptyDraft)).toEqual({ priority: "low" });
  });

  it("keep a rule that is not a preset as typed text", () => {
    const draft = draftOf(task({ recurrence: "FREQ=MONTHLY;BYMONTHDAY=1" }), "UTC");
    expect(draft).toMatchObject({ repeat: "custom", repeatText: "FREQ=MONTHLY;BYMONTHDAY=1" });
  });

  it("split typed tags at commas and spaces, without '#', keeping the first spelling", () => {
    expect(splitTags("work, #errands home")).toEqual({ done: ["work", "errands"], rest: "home" });
    expect(splitTags("wor")).toEqual({ done: [], rest: "wor" });
    expect(addTags(["Work"], ["work", "home"])).toEqual(["Work", "home"]);
  });

  it("name a server error by the form's label", () => {
    expect(fieldMessage("due_at", "due_at: is not a real date")).toBe("Due: is not a real date.");
    expect(fieldMessage("recurrence", 'cannot read "x" as a repeat rule (try "daily")')).toBe(
      'Repeat: cannot read "x" as a repeat rule (try "daily").',
    );
  });
});
