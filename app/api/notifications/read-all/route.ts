// POST /api/notifications/read-all — mark every notification read
import { withUser } from "@/lib/auth/with-user";
import { methods } from "@/lib/http";
import { markAllNotificationsRead } from "@/lib/notifications/service";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: withUser(async (_req, { actor }) => Response.json(await markAllNotificationsRead(actor))),
});
