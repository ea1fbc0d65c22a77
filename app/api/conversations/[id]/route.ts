// GET | PATCH | DELETE /api/conversations/:id — read (messages paginated), rename, delete
import { withUser } from "@/lib/auth/with-user";
import { deleteConversation, getConversation, renameConversation } from "@/lib/chat/conversations";
import { conversationMessagesQuerySchema, conversationPathSchema, renameConversationSchema } from "@/lib/chat/schemas";
import { methods, parseWith, readBody, searchParams } from "@/lib/http";

type Params = { id: string };
const conversationId = (params: Params) => parseWith(conversationPathSchema, params).id;

export const { GET, POST, PUT, PATCH, DELETE } = methods<Params>({
  GET: withUser<Params>(async (req, { user, params }) => {
    const id = conversationId(params);
    const query = parseWith(conversationMessagesQuerySchema, searchParams(req));
    return Response.json(await getConversation(user.id, id, query));
  }),
  PATCH: withUser<Params>(async (req, { actor, params }) => {
    const id = conversationId(params);
    const { title } = await readBody(req, renameConversationSchema);
    return Response.json(await renameConversation(actor, id, title));
  }),
  DELETE: withUser<Params>(async (_req, { actor, params }) => {
    await deleteConversation(actor, conversationId(params));
    return new Response(null, { status: 204 });
  }),
});
