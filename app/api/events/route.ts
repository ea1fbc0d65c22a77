// GET /api/events — the user's live event stream (Server-Sent Events, resumable with Last-Event-ID)
import { withUser } from "@/lib/auth/with-user";
import { eventsQuerySchema, lastEventIdSchema } from "@/lib/events/schemas";
import { openEventStream } from "@/lib/events/stream";
import { methods, parseWith, searchParams } from "@/lib/http";

export const dynamic = "force-dynamic";
// On Vercel the stream ends (EVENTS_STREAM_MAX_SECONDS, 270 s there) before this and resumes.
export const maxDuration = 300;

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: withUser(async (req, { user }) => {
    const { after } = parseWith(eventsQuerySchema, searchParams(req));
    const lastEventId = req.headers.get("last-event-id");
    const from = lastEventId ? parseWith(lastEventIdSchema, lastEventId) : after;
    return openEventStream(user.id, from, req.signal);
  }),
});
