// POST /api/chatkit — the ChatKit server protocol, for OpenAI's ChatKit UI in "custom backend"
// mode: threads are conversations, items are messages, answers stream as ChatKit events
import { withUser } from "@/lib/auth/with-user";
import { withChatKitErrors } from "@/lib/chatkit/errors";
import { handleChatKitRequest, parseChatKitRequest } from "@/lib/chatkit/server";
import { methods, readJson } from "@/lib/http";

// On Vercel, let a long streamed reply run past the default function duration.
export const maxDuration = 60;

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: withUser((req, { user }) =>
    withChatKitErrors(async () => handleChatKitRequest(user, parseChatKitRequest(await readJson(req)), req.signal)),
  ),
});
