import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type TaskDto, toTaskDto } from "./service";

// The task side of firing reminders (lib/reminders/fire.ts runs it in its transaction).

type TaskRow = Parameters<typeof toTaskDto>[0];

export type ClaimedReminder = {
  userId: string;
  /** The task as it now stands: a one-off task's `remind_at` is cleared. */
  task: TaskDto;
  /** A one-off task changed (its reminder is gone); a recurring one kept its reminder. */
  changed: boolean;
};

/**
 * Claims up to `limit` due reminders of open tasks, skipping rows another transaction holds
 * (`FOR UPDATE SKIP LOCKED`), and marks them fired in the same statement: a one-off task's
 * `remind_at` is cleared; a recurring task keeps it (completing the occurrence moves it to the
 * next one) and records it in `reminded_at`, so it fires once. The WHERE clause is the predicate
 * of the partial index tasks_due_reminders_idx: fired reminders leave the index.
 */
export async function claimDueReminders(tx: Prisma.TransactionClient, limit: number): Promise<ClaimedReminder[]> {
  const rows = await tx.$queryRaw<(TaskRow & { userId: string; oneOff: boolean })[]>`
    WITH due AS (
      SELECT id FROM tasks
      WHERE remind_at IS NOT NULL AND remind_at <= now() AND NOT completed
        AND reminded_at IS DISTINCT FROM remind_at
      ORDER BY remind_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE tasks t
    SET reminded_at = CASE WHEN t.recurrence IS NULL THEN NULL ELSE t.remind_at END,
      remind_at = CASE WHEN t.recurrence IS NULL THEN NULL ELSE t.remind_at END,
      updated_at = CASE WHEN t.recurrence IS NULL THEN now() ELSE t.updated_at END
    FROM due WHERE t.id = due.id
    RETURNING t.id, t.user_id AS "userId", t.recurrence IS NULL AS "oneOff", t.title, t.description, t.completed,
      t.created_at AS "createdAt", t.updated_at AS "updatedAt", t.due_at AS "dueAt", t.all_day AS "allDay",
      t.priority::text AS priority, t.tags::text[] AS tags, t.recurrence, t.remind_at AS "remindAt",
      t.completed_at AS "completedAt"`;
  return rows
    .sort((a, b) => a.id - b.id)
    .map(({ userId, oneOff, ...row }) => ({ userId, task: toTaskDto(row), changed: oneOff }));
}
