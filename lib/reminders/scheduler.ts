import "server-only";
import { fireDueReminders } from "./fire";
import { pruneExpired } from "./housekeeping";

// The in-process scheduler of a long-running server (`npm run dev`, `npm start`): one pass of
// fireDueReminders() every `intervalMs`, passes never overlapping, and the pruning of expired
// rows once an hour. Any number of servers may run it on one database: each reminder is claimed
// by exactly one of them (see ./fire.ts), and pruning twice deletes nothing twice.

const PRUNE_EVERY_MS = 60 * 60 * 1000;

export type Scheduler = { stop: () => Promise<void> };

export function startReminderScheduler(intervalMs: number): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let prunedAt = -Infinity;
  const abort = new AbortController();

  const pass = async () => {
    await fireDueReminders({ signal: abort.signal }).catch((error: unknown) =>
      console.error("[taskchat] reminder pass failed:", error),
    );
    if (abort.signal.aborted || Date.now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = Date.now();
    await pruneExpired().catch((error: unknown) => console.error("[taskchat] pruning expired rows failed:", error));
  };

  const tick = () => {
    running = pass().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, intervalMs).unref();
    });
  };
  // The first pass right away: reminders that came due while no server ran fire now.
  timer = setTimeout(tick, 0).unref();

  return {
    async stop() {
      stopped = true;
      abort.abort();
      clearTimeout(timer);
      await running;
    },
  };
}

// Kept on globalThis: the scheduler is process-wide, and `npm start` (scripts/start.mjs) awaits
// `__taskchatShutdown` before it exits, so a pass in flight finishes (or rolls back) first.
const shared = globalThis as typeof globalThis & {
  __taskchatScheduler?: Scheduler;
  __taskchatShutdown?: () => Promise<void>;
};

/**
 * Starts the scheduler of a long-running server, unless this is a build, a serverless host
 * (Vercel, where the cron route does the work) or REMINDER_SCHEDULER=false.
 */
export function startSchedulerForServer(config: { intervalMs: number; enabled: boolean }): boolean {
  if (!config.enabled || shared.__taskchatScheduler) return false;
  const scheduler = startReminderScheduler(config.intervalMs);
  shared.__taskchatScheduler = scheduler;
  shared.__taskchatShutdown = () => scheduler.stop();
  console.info(`[taskchat] reminder scheduler: a pass every ${config.intervalMs} ms`);
  return true;
}
