import { describe, expect, it } from "vitest";
import { fireDueReminders } from "@/lib/reminders/fire";
import { baseUrl } from "../helpers/database";
import { createUser, setupTestDatabase } from "../helpers/in-process";

setupTestDatabase("reminders_fire");

const prisma = async () => (await import("@/lib/db")).prisma;

/** `count` open tasks of the user whose reminder is `secondsFromNow` away (negative: due). */
async function tasksWithReminders(
  userId: string,
  count: number,
  secondsFromNow = -1,
  recurrence: string | null = null,
) {
  const db = await prisma();
  await db.$executeRaw`
    INSERT INTO tasks (user_id, title, description, remind_at, recurrence, updated_at)
    SELECT ${userId}, 'Reminder ' || n, 'Details of ' || n, now() + make_interval(secs => ${secondsFromNow}::int),
      ${recurrence}::text, now()
    FROM generate_series(1, ${count}::int) AS n`;
}

async function notificationsOf(userId: string) {
  return (await prisma()).notification.findMany({ where: { userId }, orderBy: { firedAt: "asc" } });
}

describe("firing reminders", () => {
  it("1,000 reminders due in the same second, three scheduler loops at once → 1,000 notifications, none doubled", async () => {
    const user = await createUser();
    await tasksWithReminders(user.id, 1000);
    const passes = await Promise.all([fireDueReminders(), fireDueReminders(), fireDueReminders()]);
    expect(passes.reduce((sum, p) => sum + p.fired, 0)).toBe(1000);

    const notifications = await notificationsOf(user.id);
    expect(notifications).toHaveLength(1000);
    expect(new Set(notifications.map((n) => n.taskId)).size).toBe(1000);
    const db = await prisma();
    expect(await db.task.count({ where: { userId: user.id, remindAt: { not: null } } })).toBe(0);
    // Each is an event on the user's stream, from the server itself.
    expect(await db.event.count({ where: { userId: user.id, type: "notification", source: "system" } })).toBe(1000);
    expect((await fireDueReminders()).fired).toBe(0);
  });

  it("writes the task's title and description; leaves future reminders and completed tasks alone", async () => {
    const user = await createUser();
    const db = await prisma();
    const due = await db.task.create({
      data: { userId: user.id, title: "Stretch", description: "Neck and back", remindAt: new Date(Date.now() - 1000) },
    });
    await db.task.create({ data: { userId: user.id, title: "Later", remindAt: new Date(Date.now() + 3_600_000) } });
    await db.task.create({
      data: { userId: user.id, title: "Done already", completed: true, remindAt: new Date(Date.now() - 1000) },
    });
    await fireDueReminders();
    const notifications = await notificationsOf(user.id);
    expect(notifications.map((n) => ({ title: n.title, body: n.body, taskId: n.taskId, readAt: n.readAt }))).toEqual([
      { title: "Stretch", body: "Neck and back", taskId: due.id, readAt: null },
    ]);
    expect(await db.task.findUnique({ where: { id: due.id } })).toMatchObject({ remindAt: null });
  });

  it("a recurring task keeps its reminder for the next occurrence, and fires it once", async () => {
    const user = await createUser();
    await tasksWithReminders(user.id, 1, -1, "FREQ=WEEKLY;BYDAY=MO");
    await fireDueReminders();
    await fireDueReminders();
    expect(await notificationsOf(user.id)).toHaveLength(1);
    const task = await (await prisma()).task.findFirstOrThrow({ where: { userId: user.id } });
    expect(task.remindAt).not.toBeNull();
    // Moved (as an edit or by completing the occurrence), it is a new reminder.
    await (await prisma()).task.update({ where: { id: task.id }, data: { remindAt: new Date(Date.now() - 500) } });
    await fireDueReminders();
    expect(await notificationsOf(user.id)).toHaveLength(2);
  });

  it.skipIf(!baseUrl)("reminders held by a process that dies are fired by the next pass, once", async () => {
    const user = await createUser();
    await tasksWithReminders(user.id, 300);
    const db = await prisma();
    // Another instance claims 100 of them and dies before committing.
    const crashed = db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM tasks WHERE user_id = ${user.id} ORDER BY id LIMIT 100 FOR UPDATE`;
      expect((await fireDueReminders()).fired).toBe(200);
      throw new Error("instance killed");
    });
    await expect(crashed).rejects.toThrow("instance killed");
    expect((await fireDueReminders()).fired).toBe(100);
    const notifications = await notificationsOf(user.id);
    expect(notifications).toHaveLength(300);
    expect(new Set(notifications.map((n) => n.taskId)).size).toBe(300);
  });
});
