// GET /api/activity?limit=&before= — the user's activity log (their events), newest first
import { withUser } from "@/lib/auth/with-user";
import { activityQuerySchema } from "@/lib/events/schemas";
import { listActivity } from "@/lib/events/service";
import { methods, parseWith, searchParams } from "@/lib/http";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: withUser(async (req, { user }) =>
    Response.json(await listActivity(user.id, parseWith(activityQuerySchema, searchParams(req)))),
  ),
});
