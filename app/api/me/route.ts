// GET /api/me — the authenticated user · PATCH /api/me {timezone} — change their time zone
import { getProfile } from "@/lib/auth/profile";
import { withUser } from "@/lib/auth/with-user";
import { methods, readBody } from "@/lib/http";
import { updateMeSchema } from "@/lib/tasks/schemas";
import { setTimezone } from "@/lib/tasks/service";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: withUser(async (_req, { user }) => Response.json(await getProfile(user.id))),
  PATCH: withUser(async (req, { user }) => {
    const { timezone } = await readBody(req, updateMeSchema);
    await setTimezone(user.id, timezone);
    return Response.json(await getProfile(user.id));
  }),
});
