// POST /api/chat — one chat turn: JSON by default, the AI SDK UI message stream with
// `Accept: text/event-stream`
import { createUIMessageStreamResponse } from "ai";
import { withUser } from "@/lib/auth/with-user";
import { chatRequestSchema } from "@/lib/chat/schemas";
import { chatSettings } from "@/lib/chat/settings";
import { chatTurnJson, chatTurnStream } from "@/lib/chat/turn";
import { methods, readBody } from "@/lib/http";

// On Vercel, let a long streamed reply run past the default function duration.
export const maxDuration = 60;

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: withUser(async (req, { user }) => {
    const body = await readBody(req, chatRequestSchema);
    const turn = { userId: user.id, timezone: user.timezone, message: body.message, conversationId: body.conversation_id };
    if (req.headers.get("accept")?.includes("text/event-stream")) {
      const { conversationId, stream } = await chatTurnStream(turn, chatSettings(), req.signal);
      return createUIMessageStreamResponse({ stream, headers: { "X-Conversation-Id": conversationId } });
    }
    return Response.json(await chatTurnJson(turn, chatSettings(), req.signal));
  }),
});
