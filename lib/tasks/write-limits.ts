import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/events/record";
import { Prisma } from "@/lib/generated/prisma/client";

const WINDOW_SECONDS = 60;

// The doors whose writes count: scripts (REST with a token), MCP clients and the pages. The chat
// is limited per turn (CHAT_RATE_LIMIT), and the server's own changes are not limited.
const LIMITED: ReadonlySet<Actor["source"]> = new Set(["rest", "mcp", "page"]);

/**
 * The write limits, checked inside the transaction of every task change (lib/tasks/service.ts's
 * `change`), so no door can skip them:
 * - `WRITE_RATE_LIMIT` changes per user per minute, counted with one atomic upsert (the limit
 *   holds across instances; the row lock it takes also orders the user's concurrent writes);
 *   past it, `429` with `Retry-After`, and the refused change (and its count) rolls back;
 * - `MAX_TASKS_PER_USER` tasks per user, for a change that adds one.
 */
export async function assertWriteAllowed(
  tx: Prisma.TransactionClient,
  actor: Actor,
  change: { addsTask: boolean },
): Promise<void> {
  const { WRITE_RATE_LIMIT, MAX_TASKS_PER_USER } = env();
  if (LIMITED.has(actor.source)) {
    const [counted] = await tx.$queryRaw<{ count: number; retry_after: number }[]>(Prisma.sql`
      INSERT INTO write_rate_limits AS r (user_id, window_start_at, count)
      VALUES (${actor.userId}, now(), 1)
      ON CONFLICT (user_id) DO UPDATE SET
        count = CASE WHEN r.window_start_at <= now() - make_interval(secs => ${WINDOW_SECONDS}) THEN 1 ELSE r.count + 1 END,
        window_start_at = CASE WHEN r.window_start_at <= now() - make_interval(secs => ${WINDOW_SECONDS}) THEN now() ELSE r.window_start_at END
      RETURNING count,
        CEIL(EXTRACT(EPOCH FROM (window_start_at + make_interval(secs => ${WINDOW_SECONDS}) - now())))::int AS retry_after`);
    if (counted && counted.count > WRITE_RATE_LIMIT) {
      const retryAfter = Math.max(1, counted.retry_after);
      throw new AppError(
        "rate_limited",
        `Too many changes: at most ${WRITE_RATE_LIMIT} per minute. Try again in ${retryAfter} seconds.`,
        { headers: { "Retry-After": String(retryAfter) } },
      );
    }
  }
  if (change.addsTask) {
    // One add per user at a time, until commit (the chat's writes take no rate-limit row lock):
    // two concurrent adds would otherwise both see room for one and both insert.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${actor.userId}))`;
    // Reads at most MAX_TASKS_PER_USER index entries, and only when the user is near the cap.
    const over = await tx.$queryRaw<unknown[]>(
      Prisma.sql`SELECT 1 FROM tasks WHERE user_id = ${actor.userId} OFFSET ${MAX_TASKS_PER_USER - 1} LIMIT 1`,
    );
    if (over.length > 0) {
      throw new AppError(
        "limit_reached",
        `Task limit reached: an account holds at most ${MAX_TASKS_PER_USER} tasks. Delete some to add more.`,
      );
    }
  }
}
