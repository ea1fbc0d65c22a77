import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

const WINDOW_SECONDS = 60;

/**
 * Counts a chat turn for the user in the current one-minute window, in one atomic statement
 * (so it holds across server instances), and refuses turns past the limit with a 429.
 */
export async function consumeChatTurn(userId: string, limit: number): Promise<void> {
  const [row] = await prisma.$queryRaw<{ count: number; retry_after: number }[]>`
    INSERT INTO chat_rate_limits AS r (user_id, window_start_at, count)
    VALUES (${userId}, now(), 1)
    ON CONFLICT (user_id) DO UPDATE SET
      count = CASE WHEN r.window_start_at <= now() - make_interval(secs => ${WINDOW_SECONDS}) THEN 1 ELSE r.count + 1 END,
      window_start_at = CASE WHEN r.window_start_at <= now() - make_interval(secs => ${WINDOW_SECONDS}) THEN now() ELSE r.window_start_at END
    RETURNING count,
      CEIL(EXTRACT(EPOCH FROM (window_start_at + make_interval(secs => ${WINDOW_SECONDS}) - now())))::int AS retry_after`;
  if (row && row.count > limit) {
    throw new AppError("rate_limited", `Too many messages: at most ${limit} per minute. Try again shortly.`, {
      headers: { "Retry-After": String(Math.max(1, row.retry_after)) },
    });
  }
}
