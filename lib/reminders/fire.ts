import "server-only";
import { prisma } from "@/lib/db";
import { eventInsert } from "@/lib/events/record";
import { Prisma } from "@/lib/generated/prisma/client";
import { type PushPayload, sendPush } from "@/lib/notifications/push";
import { type NotificationDto, createNotifications } from "@/lib/notifications/service";
import { type ClaimedReminder, claimDueReminders } from "@/lib/tasks/reminders";

// Firing reminders, exactly once, from any number of processes (schedulers in `npm start`
// instances, the Vercel cron route, both at once). One transaction claims a batch of due tasks
// with `FOR UPDATE SKIP LOCKED` (marking them fired), writes their notifications and records
// their events. A second process skips the rows the first one holds, and once the transaction
// commits they are no longer due. A process that dies mid-batch never commits, so its rows
// unlock and the next pass fires them. Push messages go out after the commit: they must never
// announce a reminder that was then rolled back. Plain SQL row locks work the same on
// PostgreSQL and on the embedded PGlite, which a job queue (pg-boss, graphile-worker) would not
// give without a worker process and a second schema to migrate.

/** Tasks claimed per transaction; a pass keeps claiming until nothing is due. */
export const REMINDER_BATCH = 250;

export type FiredReminder = NotificationDto & { user_id: string };

function groupByUser<T>(items: T[], userOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(userOf(item));
    if (group) group.push(item);
    else groups.set(userOf(item), [item]);
  }
  return groups;
}

// The batch's live-sync events, one statement per user and type, from the server itself: each
// fired reminder is a `notification` event; each one-off task, whose reminder is now cleared, a
// `task.updated`.
async function recordFired(tx: Prisma.TransactionClient, fired: FiredReminder[], changed: ClaimedReminder[]) {
  const events = [
    ...[...groupByUser(fired, (n) => n.user_id)].map(([userId, list]) => ({
      userId,
      type: "notification" as const,
      data: list.map((n) => ({ id: n.id, task_id: n.task_id, title: n.title, body: n.body })),
    })),
    ...[...groupByUser(changed, (c) => c.userId)].map(([userId, list]) => ({
      userId,
      type: "task.updated" as const,
      data: list.map((c) => c.task),
    })),
  ];
  for (const { userId, type, data } of events) {
    const json = data.map((d) => JSON.stringify(d));
    await tx.$executeRaw(eventInsert({ userId, source: "system" }, type, Prisma.sql`SELECT unnest(${json}::jsonb[])`));
  }
}

export function pushPayload(n: NotificationDto): PushPayload {
  return {
    title: n.title,
    body: n.body || "Reminder",
    url: n.task_id === null ? "/tasks" : `/tasks?task=${n.task_id}`,
    tag: `taskchat-notification-${n.id}`,
    notification_id: n.id,
  };
}

/** Claims and fires one batch; returns what it fired (empty when nothing was due). */
function fireBatch(limit: number): Promise<FiredReminder[]> {
  return prisma.$transaction(
    async (tx) => {
      const claimed = await claimDueReminders(tx, limit);
      if (claimed.length === 0) return [];
      const fired = await createNotifications(
        tx,
        claimed.map(({ userId, task }) => ({ userId, taskId: task.id, title: task.title, body: task.description })),
      );
      await recordFired(
        tx,
        fired,
        claimed.filter((c) => c.changed),
      );
      return fired;
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

export type ReminderPass = { fired: number; pushed: number };

/**
 * One pass: fires every reminder that is due (in batches), then sends the Web Push messages of
 * those it fired. Safe to run concurrently anywhere: each reminder fires once. `signal` ends the
 * pass after the batch in flight.
 */
export async function fireDueReminders(options: { batch?: number; signal?: AbortSignal } = {}): Promise<ReminderPass> {
  const batch = options.batch ?? REMINDER_BATCH;
  const pushes: Promise<{ sent: number }>[] = [];
  let fired = 0;
  for (;;) {
    const rows = await fireBatch(batch);
    fired += rows.length;
    if (rows.length > 0) {
      // Sent while the next batch is claimed: a slow push service never delays a reminder.
      pushes.push(
        sendPush(rows.map((r) => ({ userId: r.user_id, payload: pushPayload(r) }))).catch((error: unknown) => {
          console.error("[taskchat] push failed:", error);
          return { sent: 0 };
        }),
      );
    }
    // A stopping server ends the pass between batches: what is left is due for the next one.
    if (rows.length < batch || options.signal?.aborted) break;
  }
  const pushed = (await Promise.all(pushes)).reduce((sum, p) => sum + p.sent, 0);
  return { fired, pushed };
}
