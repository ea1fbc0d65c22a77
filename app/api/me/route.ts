// GET /api/me — the authenticated user
import { getProfile } from "@/lib/auth/profile";
import { withUser } from "@/lib/auth/with-user";
import { methods } from "@/lib/http";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: withUser(async (_req, { user }) => Response.json(await getProfile(user.id))),
});
