// GET /api/cron/reminders — one reminder pass and the pruning of expired rows, for Vercel Cron
// (Authorization: Bearer $CRON_SECRET)
import { handle, methods } from "@/lib/http";
import { assertCronCaller } from "@/lib/reminders/cron";
import { fireDueReminders } from "@/lib/reminders/fire";
import { pruneExpired } from "@/lib/reminders/housekeeping";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: handle(async (req) => {
    assertCronCaller(req);
    const pass = await fireDueReminders();
    return Response.json({ ...pass, pruned: await pruneExpired() }, { headers: { "Cache-Control": "no-store" } });
  }),
});
