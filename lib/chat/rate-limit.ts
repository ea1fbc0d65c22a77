import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

const WINDOW_SECONDS = 60;

export type TurnCount = { count: number; retry_after: number };

/**
 * A CTE, `turn_count (count, retry_after)`, that counts a chat turn for the user in the current
 * one-minute window with one atomic upsert (so the limit holds across server instances). The
 * statement that stores the turn's first message includes it and writes only while
 * `count <= limit`: counting and storing are one round trip and one commit.
 */
export function countTurn(userId: string): Prisma.Sql {
  return Prisma.sql`turn_count AS (
    INSERT INTO chat_rate_limits AS r (user_id, window_start_at, count)
    VALUES (${userId}, now(), 1)
    ON CONFLICT (user_id) DO UPDATE SET
      count = CASE WHEN r.window_start_at <= now() - make_interval(secs => ${WINDOW_SECONDS}) THEN 1 ELSE r.count + 1 END,
      window_start_at = CASE WHEN r.window_start_at <= now() - make_interval(secs => ${WINDOW_SECONDS}) THEN now() ELSE r.window_start_at END
    RETURNING count,
      CEIL(EXTRACT(EPOCH FROM (window_start_at + make_interval(secs => ${WINDOW_SECONDS}) - now())))::int AS retry_after
  )`;
}

/** Refuses a turn past the limit with a 429 and Retry-After. */
export function assertWithinLimit(counted: TurnCount, limit: number): void {
  if (counted.count > limit) {
    throw new AppError("rate_limited", `Too many messages: at most ${limit} per minute. Try again shortly.`, {
      headers: { "Retry-After": String(Math.max(1, counted.retry_after)) },
    });
  }
}
