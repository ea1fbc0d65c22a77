// PUT /api/messages/:id/feedback — a thumbs up / down on an assistant message ({kind: null} clears it)
import { withUser } from "@/lib/auth/with-user";
import { setMessageFeedback } from "@/lib/chat/feedback";
import { messageFeedbackSchema, messagePathSchema } from "@/lib/chat/schemas";
import { methods, parseWith, readBody } from "@/lib/http";

type Params = { id: string };

export const { GET, POST, PUT, PATCH, DELETE } = methods<Params>({
  PUT: withUser<Params>(async (req, { user, params }) => {
    const { id } = parseWith(messagePathSchema, params);
    const { kind } = await readBody(req, messageFeedbackSchema);
    await setMessageFeedback(user.id, null, [id], kind);
    return Response.json({ message_id: id, feedback: kind });
  }),
});
