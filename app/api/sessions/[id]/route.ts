// DELETE /api/sessions/:id — sign one of the user's sessions out
import { z } from "zod";
import { revokeSession } from "@/lib/auth/sessions";
import { withUser } from "@/lib/auth/with-user";
import { methods, parseWith } from "@/lib/http";

type Params = { id: string };
const sessionPathSchema = z.object({ id: z.string().min(1).max(64) });

export const { GET, POST, PUT, PATCH, DELETE } = methods<Params>({
  DELETE: withUser<Params>(async (_req, { user, params }) => {
    await revokeSession(user.id, parseWith(sessionPathSchema, params).id);
    return new Response(null, { status: 204 });
  }),
});
