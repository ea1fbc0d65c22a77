// POST /api/push/subscriptions — save this browser's PushSubscription · DELETE {endpoint} — forget it
import { withUser } from "@/lib/auth/with-user";
import { env } from "@/lib/env";
import { methods, readBody } from "@/lib/http";
import { deletePushSubscriptionSchema, pushSubscriptionSchema } from "@/lib/notifications/schemas";
import { deletePushSubscription, savePushSubscription } from "@/lib/notifications/service";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: withUser(async (req, { user }) => {
    await savePushSubscription(user.id, await readBody(req, pushSubscriptionSchema(env().PUSH_ENDPOINT_HOSTS)));
    return new Response(null, { status: 204 });
  }),
  DELETE: withUser(async (req, { user }) => {
    const { endpoint } = await readBody(req, deletePushSubscriptionSchema);
    return Response.json(await deletePushSubscription(user.id, endpoint));
  }),
});
