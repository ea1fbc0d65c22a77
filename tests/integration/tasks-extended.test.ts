import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runTaskTool } from "@/lib/tasks/tools";
import { createTaskSchema, updateTaskSchema } from "@/lib/tasks/schemas";
import {
  addTask as addParsed,
  deleteTask,
  getTask,
  listTags,
  listTasks,
  setTaskCompleted,
  setTimezone,
  updateTask as updateParsed,
} from "@/lib/tasks/service";
import { actor, captureQueries, createUser, setupTestDatabase } from "../helpers/in-process";

setupTestDatabase("tasks_extended");

let alice: { id: string };

beforeAll(async () => {
  alice = await createUser("Alice");
  await setTimezone(alice.id, "America/Los_Angeles");
});

// As the doors call the service: with input their schema has read.
const addTask = (userId: string, input: unknown) => addParsed(actor({ id: userId }), createTaskSchema.parse(input));
const updateTask = (userId: string, id: number, input: unknown) =>
  updateParsed(actor({ id: userId }), id, updateTaskSchema.parse(input));

const taskRows = (userId: string) => prisma.task.count({ where: { userId } });

describe("tasks, extended (service and tools)", () => {
  it("stores due dates, priority, tags and a repeat rule, and reads them back", async () => {
    const task = await addTask(alice.id, {
      title: "Call the dentist",
      due_at: "2030-06-03T09:00",
      priority: "p1",
      tags: "#health #Calls",
      recurrence: "every Monday",
      remind_at: "2030-06-03T08:30",
    });
    expect(task).toMatchObject({
      due_at: "2030-06-03T16:00:00.000Z", // 09:00 PDT
      all_day: false,
      priority: "high",
      tags: ["health", "Calls"],
      recurrence: "FREQ=WEEKLY;BYDAY=MO",
      recurrence_text: "every week on Monday",
      remind_at: "2030-06-03T15:30:00.000Z",
      completed_at: null,
    });
    expect(await getTask(alice.id, task.id)).toEqual(task);
  });

  it("clears a field with null, and a rule without a date starts from today", async () => {
    const task = await addTask(alice.id, {
      title: "Water plants",
      due_at: "2030-01-01",
      priority: "low",
      tags: ["home"],
    });
    expect(task).toMatchObject({ all_day: true, due_at: "2030-01-01T08:00:00.000Z" });
    const cleared = await updateTask(alice.id, task.id, { due_at: null, priority: null, tags: null });
    expect(cleared).toMatchObject({ due_at: null, all_day: false, priority: "none", tags: [] });
    const repeating = await updateTask(alice.id, task.id, { recurrence: "daily" });
    expect(repeating).toMatchObject({ recurrence: "FREQ=DAILY", all_day: true, due_at: expect.any(String) });
  });

  it.each([
    [{ due_at: "2026-02-30" }, /^due_at: /],
    [{ due_at: "someday maybe" }, /^due_at: /],
    [{ due_at: "99999-01-01" }, /^due_at: /],
    [{ remind_at: "whenever" }, /^remind_at: /],
    [{ recurrence: "FREQ=SECONDLY" }, /^recurrence: /],
    [{ recurrence: "every blue moon" }, /^recurrence: /],
    [{ priority: "critical" }, /^priority: /],
    [{ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, /^tags: /],
  ])("add_task with %j → {error} naming the field, nothing written", async (fields, error) => {
    const before = await taskRows(alice.id);
    const result = await runTaskTool("add_task", actor(alice, "chat"), { title: "Bad", ...fields });
    expect(result).toEqual({ error: expect.stringMatching(error) });
    expect(await taskRows(alice.id)).toBe(before);
  });

  it("completing a recurring task creates the next occurrence once, returned as next", async () => {
    const task = await addTask(alice.id, {
      title: "Take out the bins",
      due_at: "2030-06-03T19:00",
      recurrence: "every Monday",
      remind_at: "2030-06-03T18:00",
      tags: ["home"],
      priority: "medium",
    });
    const done = await setTaskCompleted(actor(alice), task.id, true);
    expect(done).toMatchObject({ completed: true, completed_at: expect.any(String) });
    expect(done.next).toMatchObject({
      title: "Take out the bins",
      due_at: "2030-06-11T02:00:00.000Z", // Monday 10 June, 19:00 PDT
      remind_at: "2030-06-11T01:00:00.000Z",
      tags: ["home"],
      priority: "medium",
      recurrence: "FREQ=WEEKLY;BYDAY=MO",
      completed: false,
    });
    // Twice, or re-opened and completed again: still one next occurrence.
    expect((await setTaskCompleted(actor(alice), task.id, true)).next?.id).toBe(done.next?.id);
    await setTaskCompleted(actor(alice), task.id, false);
    expect((await setTaskCompleted(actor(alice), task.id, true)).next?.id).toBe(done.next?.id);
    expect((await listTasks(alice.id, { q: "bins" })).count).toBe(2);
  });

  it("two racing completions create exactly one next occurrence", async () => {
    const task = await addTask(alice.id, { title: "Race", due_at: "2030-06-03", recurrence: "daily" });
    const results = await Promise.all(Array.from({ length: 4 }, () => setTaskCompleted(actor(alice), task.id, true)));
    const nextIds = new Set(results.map((r) => r.next?.id));
    expect(nextIds.size).toBe(1);
    expect((await listTasks(alice.id, { q: "race" })).count).toBe(2);
  });

  it("a rule with COUNT ends", async () => {
    const task = await addTask(alice.id, { title: "Twice", due_at: "2030-06-03", recurrence: "FREQ=DAILY;COUNT=2" });
    const first = await setTaskCompleted(actor(alice), task.id, true);
    expect(first.next?.recurrence).toBe("FREQ=DAILY;COUNT=1");
    const second = await setTaskCompleted(actor(alice), first.next!.id, true);
    expect(second.next).toBeNull();
  });

  it("filters by words (case- and accent-insensitive), priority, tag and due, sorts and pages", async () => {
    const user = await createUser();
    await setTimezone(user.id, "Asia/Karachi");
    const now = Date.now();
    const inHours = (h: number) => new Date(now + h * 3600_000).toISOString();
    const a = await addTask(user.id, { title: "Crème brûlée", priority: "high", tags: ["Food"], due_at: inHours(-2) });
    const b = await addTask(user.id, {
      title: "Buy creme",
      priority: "low",
      tags: ["food", "errands"],
      due_at: inHours(30),
    });
    const c = await addTask(user.id, { title: "Tax return", description: "for the accountant", tags: ["work"] });
    const d = await addTask(user.id, { title: "Report", priority: "medium", tags: ["Work"], due_at: inHours(24 * 20) });
    const ids = async (params: Parameters<typeof listTasks>[1]) =>
      (await listTasks(user.id, params)).tasks.map((t) => t.id);

    expect(await ids({ q: "CREME" })).toEqual([b.id, a.id]);
    expect(await ids({ q: "brulee creme" })).toEqual([a.id]);
    expect(await ids({ q: "accountant" })).toEqual([c.id]);
    expect(await ids({ priority: ["high", "medium"] })).toEqual([d.id, a.id]);
    expect(await ids({ tag: ["WORK"] })).toEqual([d.id, c.id]);
    expect(await ids({ tag: ["errands", "work"] })).toEqual([d.id, c.id, b.id]);
    expect(await ids({ due: "overdue" })).toEqual([a.id]);
    expect(await ids({ due: "none" })).toEqual([c.id]);
    expect(await ids({ due: "any", sort: "due" })).toEqual([a.id, b.id, d.id]);
    expect(await ids({ due: "week", sort: "due" })).toEqual([a.id, b.id]);
    expect(await ids({ sort: "due" })).toEqual([a.id, b.id, d.id, c.id]);
    expect(await ids({ sort: "priority" })).toEqual([a.id, d.id, b.id, c.id]);
    expect(await ids({ sort: "title" })).toEqual([b.id, a.id, d.id, c.id]);
    expect(await ids({ sort: "created", order: "asc" })).toEqual([a.id, b.id, c.id, d.id]);
    expect(await ids({ due_after: inHours(1), sort: "due" })).toEqual([b.id, d.id]);

    // Pages through a nullable sort: every task once, count of all matches on every page.
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTasks(user.id, { sort: "due", limit: 1, cursor });
      expect(page.count).toBe(4);
      seen.push(...page.tasks.map((t) => t.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([a.id, b.id, d.id, c.id]);

    expect(await listTags(user.id)).toEqual([
      { name: "Food", count: 2 },
      { name: "work", count: 2 },
      { name: "errands", count: 1 },
    ]);
  });

  it("a tag filter's count (from task_tags) follows every change of a task: tags, completion, priority, due date, deletion", async () => {
    const user = await createUser();
    // limit 1: the first page never holds every match, so the count is a query of its own.
    const count = async (params: Parameters<typeof listTasks>[1]) =>
      (await listTasks(user.id, { limit: 1, ...params })).count;
    const a = await addTask(user.id, {
      title: "A",
      tags: ["Work", "home"],
      priority: "high",
      due_at: "2030-01-01T09:00",
    });
    const b = await addTask(user.id, { title: "B", tags: ["work"], priority: "high" });
    const c = await addTask(user.id, { title: "C", tags: ["WORK"], priority: "medium", due_at: "2030-01-02T09:00" });
    await addTask(user.id, { title: "D", tags: ["home"] });
    const e = await addTask(user.id, { title: "E", tags: ["work"], due_at: "2030-01-03T09:00" });

    const queries = await captureQueries(async () => expect(await count({ tag: ["work"] })).toBe(4));
    expect(queries.map((q) => q.sql).join("\n")).toMatch(/"task_tags"/);
    expect(await count({ tag: ["work"], priority: ["high"] })).toBe(2);
    expect(await count({ tag: ["home"], status: "pending" })).toBe(2);
    expect(await count({ tag: ["work"], due: "any" })).toBe(3);

    await setTaskCompleted(actor(user), a.id, true);
    expect(await count({ tag: ["work"], status: "pending" })).toBe(3);
    expect(await count({ tag: ["work"], status: "completed" })).toBe(1);
    expect(await count({ tag: ["home"], status: "pending" })).toBe(1);
    await updateTask(user.id, b.id, { tags: ["errands"] });
    expect(await count({ tag: ["work"] })).toBe(3);
    await updateTask(user.id, c.id, { priority: "high" });
    expect(await count({ tag: ["work"], priority: ["high"] })).toBe(2);
    await updateTask(user.id, c.id, { due_at: null });
    expect(await count({ tag: ["work"], due: "any" })).toBe(2);
    await deleteTask(actor(user), e.id);
    expect(await count({ tag: ["work"] })).toBe(2);
    // Several tags: a task with two of them counts once.
    expect(await count({ tag: ["work", "home"] })).toBe(3);
  });

  it("list_tasks and update_task take the new filters and fields as a model sends them", async () => {
    const user = await createUser();
    const task = await addTask(user.id, { title: "Dentist" });
    const moved = await runTaskTool("update_task", actor(user, "chat"), {
      task_id: task.id,
      due_at: "2030-06-07T15:00",
      priority: "urgent",
    });
    expect(moved).toEqual({ error: expect.stringMatching(/^priority: /) });
    expect(
      await runTaskTool("update_task", actor(user, "chat"), {
        task_id: task.id,
        due_at: "2030-06-07T15:00",
        tags: "work",
      }),
    ).toMatchObject({
      due_at: "2030-06-07T15:00:00.000Z",
      tags: ["work"],
    });
    expect(
      await runTaskTool("list_tasks", actor(user, "chat"), { tag: "work", due: "any", sort: "due", limit: 5 }),
    ).toMatchObject({
      count: 1,
      tasks: [{ id: task.id }],
      next_cursor: null,
    });
    expect(await runTaskTool("list_tasks", actor(user, "chat"), { due: "soon" })).toEqual({
      error: expect.stringMatching(/^due: /),
    });
  });
});
