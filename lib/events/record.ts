import "server-only";
import type { ConversationSummary } from "@/lib/chat/conversations";
import { Prisma } from "@/lib/generated/prisma/client";
import type { EventSource } from "@/lib/generated/prisma/enums";
import type { TaskDto } from "@/lib/tasks/service";

// The outbox: every change to a user's tasks, conversations or notifications writes one `events`
// row in the same transaction as the change, through this module only. A trigger announces it
// on the `taskchat_events` channel at commit (see lib/events/hub.ts); the row itself is the
// user's activity log and what a reconnecting stream replays.

/** The door a change came through. */
export type ChangeSource = EventSource;

/**
 * Who is changing something, and through which door: what every writing service takes. The
 * user's IANA zone comes along when the door already has it (the session carries it), so dates
 * in words are read without another query.
 */
export type Actor = { userId: string; source: ChangeSource; timezone?: string };

export type ChangeEvent =
  | { type: "task.created" | "task.updated"; data: TaskDto }
  | { type: "task.deleted"; data: { id: number; title: string } }
  | { type: "conversation.created" | "conversation.updated"; data: ConversationSummary }
  | { type: "conversation.deleted"; data: { id: string } }
  | { type: "notification"; data: { id: string; task_id: number | null; title: string; body: string } }
  | { type: "notification.read"; data: { ids: string[] } };

export type ChangeType = ChangeEvent["type"];

/** Records a change inside the caller's transaction (`prisma.$transaction(async (tx) => …)`). */
export async function recordEvent(tx: Prisma.TransactionClient, actor: Actor, event: ChangeEvent): Promise<void> {
  await tx.$executeRaw(eventInsert(actor, event.type, Prisma.sql`SELECT ${JSON.stringify(event.data)}::jsonb`));
}

/**
 * The same record as an `INSERT` for a data-modifying CTE, where the change itself is one
 * statement (a chat turn's writes): `select` yields one `jsonb` column per event to record,
 * built from the CTE's own rows.
 */
export function eventInsert(actor: Actor, type: ChangeType, select: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`INSERT INTO events (user_id, type, source, data)
    SELECT ${actor.userId}, ${type}, ${actor.source}::event_source, d.data FROM (${select}) AS d (data)`;
}

/** A timestamp column as JSON would carry it from JavaScript (`Date#toISOString`). */
export function isoTimestamp(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
