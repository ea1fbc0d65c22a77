import "server-only";
import { prisma } from "@/lib/db";
import { eventInsert } from "@/lib/events/record";
import { Prisma } from "@/lib/generated/prisma/client";
import { type PushPayload, sendPush } from "@/lib/notifications/push";
import { type NotificationDto, toNotificationDto } from "@/lib/notifications/service";

// Firing reminders, exactly once, from any number of processes (schedulers in `npm start`
// instances, the Vercel cron route, both at once). One statement claims a batch of due tasks
// with `FOR UPDATE SKIP LOCKED`, marks them reminded and writes their notifications; the same
// transaction records their events. A second process skips the rows the first one holds, and
// once the transaction commits they are no longer due. A process that dies mid-batch never
// commits, so its rows unlock and the next pass fires them. Push messages go out after the
// commit: they must never announce a reminder that was then rolled back. Plain SQL row locks
// work the same on PostgreSQL and on the embedded PGlite, which a job queue (pg-boss,
// graphile-worker) would not give without a second process and a second schema to migrate.
//
// A one-off task's `remind_at` is cleared when it fires. A recurring task keeps it (marked by
// `reminded_at`, so it fires once): completing the occurrence creates the next one with its
// reminder moved by the same offset as its due date, so "every Monday, remind me at 8" reminds
// every Monday.

/** Tasks claimed per transaction; a pass keeps claiming until nothing is due. */
export const REMINDER_BATCH = 250;

export type FiredReminder = NotificationDto & { user_id: string };

type ClaimedRow = { id: string; user_id: string; task_id: number; title: string; body: string; fired_at: Date };

// Served by the partial index tasks_due_reminders_idx, whose predicate is this WHERE clause: a
// fired reminder leaves the index.
function claimBatch(tx: Prisma.TransactionClient, limit: number): Promise<ClaimedRow[]> {
  return tx.$queryRaw<ClaimedRow[]>`
    WITH due AS (
      SELECT id FROM tasks
      WHERE remind_at IS NOT NULL AND remind_at <= now() AND NOT completed
        AND reminded_at IS DISTINCT FROM remind_at
      ORDER BY remind_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ),
    task AS (
      UPDATE tasks t
      SET reminded_at = t.remind_at,
        remind_at = CASE WHEN t.recurrence IS NULL THEN NULL ELSE t.remind_at END,
        updated_at = CASE WHEN t.recurrence IS NULL THEN now() ELSE t.updated_at END
      FROM due WHERE t.id = due.id
      RETURNING t.id, t.user_id, t.title, t.description
    )
    INSERT INTO notifications (id, user_id, task_id, title, body, fired_at)
    SELECT gen_random_uuid(), user_id, id, title, LEFT(description, 500), now() FROM task
    RETURNING id::text AS id, user_id, task_id, title, body, fired_at`;
}

// Each fired reminder is a `notification` event on its user's stream (the server is the actor):
// one statement per user in the batch.
async function recordFired(tx: Prisma.TransactionClient, fired: FiredReminder[]): Promise<void> {
  const byUser = new Map<string, FiredReminder[]>();
  for (const f of fired) byUser.set(f.user_id, [...(byUser.get(f.user_id) ?? []), f]);
  for (const [userId, list] of byUser) {
    const data = list.map((n) => JSON.stringify({ id: n.id, task_id: n.task_id, title: n.title, body: n.body }));
    await tx.$executeRaw(
      eventInsert({ userId, source: "system" }, "notification", Prisma.sql`SELECT unnest(${data}::jsonb[])`),
    );
  }
}

function toFired(row: ClaimedRow): FiredReminder {
  const dto = toNotificationDto({
    id: row.id,
    taskId: row.task_id,
    title: row.title,
    body: row.body,
    firedAt: row.fired_at,
    readAt: null,
  });
  return { ...dto, user_id: row.user_id };
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
async function fireBatch(limit: number): Promise<FiredReminder[]> {
  return prisma.$transaction(
    async (tx) => {
      const rows = await claimBatch(tx, limit);
      if (rows.length === 0) return [];
      const fired = rows.map(toFired);
      await recordFired(tx, fired);
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
      // Sent while the next batch is claimed; a slow push service never delays a reminder.
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
