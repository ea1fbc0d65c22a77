import { describe, expect, it } from "vitest";
import { FAILURE_MEMORY_HOURS } from "@/lib/auth/sign-in-backoff";
import { EVENT_RETENTION_DAYS, listEventsAfter } from "@/lib/events/service";
import { pruneExpired } from "@/lib/reminders/housekeeping";
import { startReminderScheduler } from "@/lib/reminders/scheduler";
import { addTask } from "@/lib/tasks/service";
import { uniqueEmail } from "../helpers/api";
import { actor, createUser, setupTestDatabase } from "../helpers/in-process";
import { HOUR, failureRow, failuresOf } from "../helpers/sign-in-failures";

// What expires, and the one function that prunes it: the scheduler's hourly pass and the cron
// route (tested through HTTP in reminders-server.test.ts) both call it.
setupTestDatabase("left_housekeeping");

const prisma = async () => (await import("@/lib/db")).prisma;

describe("pruning expired rows", () => {
  it(`deletes events older than ${EVENT_RETENTION_DAYS} days and sign-in failures forgotten after ${FAILURE_MEMORY_HOURS} h, nothing newer`, async () => {
    const user = await createUser();
    await addTask(actor(user), { title: "old news" });
    const [stale, fresh] = [uniqueEmail("stale"), uniqueEmail("fresh")];
    await failureRow(stale, 7, new Date(Date.now() - (FAILURE_MEMORY_HOURS + 1) * HOUR));
    await failureRow(fresh, 7, new Date(Date.now() - (FAILURE_MEMORY_HOURS - 1) * HOUR));

    // Today nothing but the forgotten run is old enough.
    expect(await pruneExpired()).toMatchObject({ events: 0, sign_in_failures: 1 });
    expect(await listEventsAfter(user.id, 0n, 10)).toHaveLength(1);
    expect(await failuresOf(stale)).toBeUndefined();
    expect(await failuresOf(fresh)).toBe(7);

    const eightDaysOn = new Date(Date.now() + (EVENT_RETENTION_DAYS + 1) * 24 * HOUR);
    expect((await pruneExpired(eightDaysOn)).events).toBeGreaterThan(0);
    expect(await listEventsAfter(user.id, 0n, 10)).toEqual([]);
    expect(await failuresOf(fresh)).toBeUndefined();
  });

  it("a long-running server's scheduler prunes at its first pass (then hourly)", async () => {
    const user = await createUser();
    const db = await prisma();
    const stale = uniqueEmail("scheduler");
    await db.event.create({
      data: {
        userId: user.id,
        type: "task.created",
        source: "rest",
        data: {},
        createdAt: new Date(Date.now() - 8 * 24 * HOUR),
      },
    });
    await failureRow(stale, 3, new Date(Date.now() - (FAILURE_MEMORY_HOURS + 1) * HOUR));
    const scheduler = startReminderScheduler(60_000);
    try {
      await expect.poll(() => db.event.count({ where: { userId: user.id } })).toBe(0);
      await expect.poll(() => failuresOf(stale)).toBeUndefined();
    } finally {
      await scheduler.stop();
    }
  });
});
