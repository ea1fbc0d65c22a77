import { beforeAll, describe, expect, it } from "vitest";
import {
  TaskNotFoundError,
  addTask,
  deleteTask,
  getTask,
  listTasks,
  setTaskCompleted,
  updateTask,
} from "@/lib/tasks/service";
import { actor, captureQueries, createUser, setupTestDatabase } from "../helpers/in-process";
import { plainTaskFields } from "../helpers/tasks";

setupTestDatabase("tasks_service");

let alice: { id: string };
let bob: { id: string };

beforeAll(async () => {
  alice = await createUser("Alice");
  bob = await createUser("Bob");
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("the task service", () => {
  it("adds a task with an empty description by default, in the spec's shape", async () => {
    const task = await addTask(actor(alice), { title: "Buy milk" });
    expect(task).toEqual({
      id: expect.any(Number),
      title: "Buy milk",
      description: "",
      completed: false,
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
      ...plainTaskFields,
    });
    expect(await getTask(alice.id, task.id)).toEqual(task);
  });

  it("lists newest first and filters by status", async () => {
    const user = await createUser();
    const a = await addTask(actor(user), { title: "First" });
    const b = await addTask(actor(user), { title: "Second" });
    const c = await addTask(actor(user), { title: "Third" });
    await setTaskCompleted(actor(user), b.id, true);
    expect((await listTasks(user.id)).tasks.map((t) => t.id)).toEqual([c.id, b.id, a.id]);
    expect(await listTasks(user.id, { status: "completed" })).toMatchObject({
      count: 1,
      tasks: [{ id: b.id, completed: true }],
    });
    expect((await listTasks(user.id, { status: "pending" })).tasks.map((t) => t.id)).toEqual([c.id, a.id]);
    expect((await listTasks(user.id, { status: "all" })).count).toBe(3);
  });

  it("counts every match: a first page that holds them all in one query, a longer list with a count", async () => {
    const user = await createUser();
    for (const title of ["One", "Two", "Three"]) await addTask(actor(user), { title });
    const whole = await captureQueries(async () => expect((await listTasks(user.id)).count).toBe(3));
    expect(whole).toHaveLength(1);
    let page: Awaited<ReturnType<typeof listTasks>> | undefined;
    const paged = await captureQueries(async () => {
      page = await listTasks(user.id, { limit: 2 });
    });
    expect(paged).toHaveLength(2);
    expect(page).toMatchObject({ count: 3, tasks: [{ title: "Three" }, { title: "Two" }] });
    const rest = await listTasks(user.id, { limit: 2, cursor: page!.next_cursor! });
    expect(rest).toMatchObject({ count: 3, tasks: [{ title: "One" }], next_cursor: null });
  });

  it("completes, re-opens, renames and describes a task, bumping updated_at", async () => {
    const task = await addTask(actor(alice), { title: "Call mom" });
    await new Promise((r) => setTimeout(r, 5));
    const done = await setTaskCompleted(actor(alice), task.id, true);
    expect(done.completed).toBe(true);
    expect(done.updated_at > task.updated_at).toBe(true);
    expect((await setTaskCompleted(actor(alice), task.id, false)).completed).toBe(false);
    const renamed = await updateTask(actor(alice), task.id, { title: "Call mom tonight", description: "about Sunday" });
    expect(renamed).toMatchObject({ title: "Call mom tonight", description: "about Sunday", completed: false });
    expect(renamed.created_at).toBe(task.created_at);
  });

  it("deletes a task and reports what it deleted", async () => {
    const task = await addTask(actor(alice), { title: "Temporary" });
    expect(await deleteTask(actor(alice), task.id)).toEqual({ id: task.id, title: "Temporary", deleted: true });
    await expect(getTask(alice.id, task.id)).rejects.toThrow(`Task ${task.id} not found`);
  });

  it("treats another user's task exactly like a missing one", async () => {
    const task = await addTask(actor(alice), { title: "Alice's secret" });
    for (const attempt of [
      () => getTask(bob.id, task.id),
      () => updateTask(actor(bob), task.id, { title: "hacked" }),
      () => setTaskCompleted(actor(bob), task.id, true),
      () => deleteTask(actor(bob), task.id),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaskNotFoundError);
      expect((error as Error).message).toBe(`Task ${task.id} not found`);
    }
    expect((await listTasks(bob.id)).tasks.find((t) => t.id === task.id)).toBeUndefined();
    expect(await getTask(alice.id, task.id)).toMatchObject({ title: "Alice's secret", completed: false });
  });

  it("stores hostile but valid text verbatim", async () => {
    const title = `"Quotes" & <script>alert('x')</script> 🚀 \u202Eright-to-left\u202C`;
    const description = "line one\nline two\t' OR 1=1; --";
    const task = await addTask(actor(alice), { title, description });
    expect(await getTask(alice.id, task.id)).toMatchObject({ title, description });
  });
});

describe("the per-user task cap under concurrency", () => {
  it("ten concurrent adds from the chat with room for one: exactly one lands, the rest are refused", async () => {
    const { prisma } = await import("@/lib/db");
    const { env } = await import("@/lib/env");
    const user = await createUser("Near the cap");
    const room = 1;
    await prisma.$executeRaw`INSERT INTO tasks (user_id, title, updated_at)
      SELECT ${user.id}, 'filler ' || n, now() FROM generate_series(1, ${env().MAX_TASKS_PER_USER - room}) n`;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => addTask(actor(user, "chat"), { title: `Racer ${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(room);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "limit_reached" });
    expect(await prisma.task.count({ where: { userId: user.id } })).toBe(env().MAX_TASKS_PER_USER);
  });
});
