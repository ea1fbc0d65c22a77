// Runs once when a server process starts (`npm run dev`, `npm start`; not `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { checkStartup } = await import("@/lib/startup");
  await checkStartup();
  const [{ env }, { startSchedulerForServer }] = await Promise.all([
    import("@/lib/env"),
    import("@/lib/reminders/scheduler"),
  ]);
  const e = env();
  // On Vercel no process lives between requests: Vercel Cron calls /api/cron/reminders instead.
  startSchedulerForServer({ intervalMs: e.REMINDER_POLL_MS, enabled: e.REMINDER_SCHEDULER ?? !e.VERCEL });
}
