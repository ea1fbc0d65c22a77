// GET /api/sessions — the user's signed-in devices · DELETE /api/sessions — sign out everywhere
import { listSessions, revokeAllSessions } from "@/lib/auth/sessions";
import { withUser } from "@/lib/auth/with-user";
import { methods } from "@/lib/http";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: withUser(async (_req, { user }) => Response.json({ sessions: await listSessions(user.id, user.sessionId) })),
  DELETE: withUser(async (_req, { user }) => {
    await revokeAllSessions(user.id);
    return new Response(null, { status: 204 });
  }),
});
