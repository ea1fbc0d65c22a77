// GET /api/conversations?limit=&cursor= — the user's conversations, newest first
import { withUser } from "@/lib/auth/with-user";
import { listConversations } from "@/lib/chat/conversations";
import { listConversationsQuerySchema } from "@/lib/chat/schemas";
import { methods, parseWith, searchParams } from "@/lib/http";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: withUser(async (req, { user }) =>
    Response.json(await listConversations(user.id, parseWith(listConversationsQuerySchema, searchParams(req)))),
  ),
});
