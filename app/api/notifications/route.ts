// GET /api/notifications?unread=1&limit= — the newest notifications and the unread count
import { withUser } from "@/lib/auth/with-user";
import { methods, parseWith, searchParams } from "@/lib/http";
import { listNotificationsQuerySchema } from "@/lib/notifications/schemas";
import { listNotifications } from "@/lib/notifications/service";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: withUser(async (req, { user }) => {
    const query = parseWith(listNotificationsQuerySchema, searchParams(req));
    return Response.json(await listNotifications(user.id, query));
  }),
});
