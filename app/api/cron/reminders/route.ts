// GET /api/cron/reminders — one reminder pass, for Vercel Cron (Authorization: Bearer $CRON_SECRET)
import { handle, methods } from "@/lib/http";
import { assertCronCaller } from "@/lib/reminders/cron";
import { fireDueReminders } from "@/lib/reminders/fire";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: handle(async (req) => {
    assertCronCaller(req);
    return Response.json(await fireDueReminders(), { headers: { "Cache-Control": "no-store" } });
  }),
});
