// POST /api/notifications/:id/read — mark one notification read
import { withUser } from "@/lib/auth/with-user";
import { methods, parseWith } from "@/lib/http";
import { notificationPathSchema } from "@/lib/notifications/schemas";
import { markNotificationRead } from "@/lib/notifications/service";

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods<Params>({
  POST: withUser<Params>(async (_req, { actor, params }) => {
    const { id } = parseWith(notificationPathSchema, params);
    return Response.json(await markNotificationRead(actor, id));
  }),
});
