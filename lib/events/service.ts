import "server-only";
import { prisma } from "@/lib/db";
import type { ChangeSource, ChangeType } from "./record";

// Reading the outbox: a user's events after a point (stream replay) and their activity log.
// Every query is scoped by the user id.

export type StoredEvent = {
  /** The bigserial id as a decimal string (SSE `id:`, `Last-Event-ID`, the activity cursor). */
  id: string;
  type: ChangeType;
  source: ChangeSource;
  data: unknown;
  created_at: string;
};

/** How long events are kept (at least; lib/reminders/housekeeping.ts prunes them). */
export const EVENT_RETENTION_DAYS = 7;

type EventRow = { id: bigint; type: string; source: ChangeSource; data: unknown; createdAt: Date };
const select = { id: true, type: true, source: true, data: true, createdAt: true } as const;

function toStored(row: EventRow): StoredEvent {
  return {
    id: row.id.toString(),
    type: row.type as ChangeType,
    source: row.source,
    data: row.data,
    created_at: row.createdAt.toISOString(),
  };
}

/** The user's events after `afterId`, oldest first, at most `limit`. */
export async function listEventsAfter(userId: string, afterId: bigint, limit: number): Promise<StoredEvent[]> {
  const rows = await prisma.event.findMany({
    where: { userId, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
    select,
  });
  return rows.map(toStored);
}

/**
 * The id of the user's newest event (0 when none), or of the newest before `before`: where a
 * fresh stream starts.
 */
export async function latestEventId(userId: string, before?: Date): Promise<bigint> {
  const row = await prisma.event.findFirst({
    where: { userId, ...(before && { createdAt: { lt: before } }) },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return row?.id ?? 0n;
}

/**
 * Where a page's stream starts: a few seconds before the page read its data, since a page and
 * its layout read in parallel. Replayed events are applied idempotently (by id, in order).
 */
export const pageStreamStart = (userId: string) => latestEventId(userId, new Date(Date.now() - 5_000));

/** The activity log: newest first, keyset-paginated by id (`before` = the last id of a page). */
export async function listActivity(
  userId: string,
  params: { limit: number; before?: bigint },
): Promise<{ events: StoredEvent[]; next_before: string | null }> {
  const rows = await prisma.event.findMany({
    where: { userId, ...(params.before !== undefined && { id: { lt: params.before } }) },
    orderBy: { id: "desc" },
    take: params.limit + 1,
    select,
  });
  const page = rows.slice(0, params.limit);
  return {
    events: page.map(toStored),
    next_before: rows.length > params.limit ? page.at(-1)!.id.toString() : null,
  };
}

/** Deletes events older than the retention period; returns how many. */
export async function pruneEvents(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - EVENT_RETENTION_DAYS * 24 * 3600 * 1000);
  const { count } = await prisma.event.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
