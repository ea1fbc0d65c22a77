import "server-only";
import { pruneSignInFailures } from "@/lib/auth/sign-in-backoff";
import { pruneEvents } from "@/lib/events/service";

// Rows that expire: events past their retention, sign-in failures nobody remembers. Pruned by
// whichever periodic job the host runs — the scheduler of a long-running server (hourly, see
// ./scheduler.ts) or, on a serverless host where no process lives on, the cron route at each call.
// Both prune through this one function; each delete reads an index on the age column.

export type Pruned = { events: number; sign_in_failures: number };

export async function pruneExpired(now = new Date()): Promise<Pruned> {
  const [events, signInFailures] = await Promise.all([pruneEvents(now), pruneSignInFailures(now)]);
  return { events, sign_in_failures: signInFailures };
}
