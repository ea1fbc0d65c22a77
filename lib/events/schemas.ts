import { z } from "zod";

const eventId = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,19}$/, `must be ${what}`)
    .transform((v) => BigInt(v));

/** Where a stream starts: `Last-Event-ID` (a browser's reconnect), else `?after=`, else "from now". */
export const eventsQuerySchema = z.strictObject({
  after: eventId("an event id").optional(),
});
export const lastEventIdSchema = eventId("an event id (the `id:` of an event this stream sent)");

export const activityQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: eventId("an event id (next_before of the previous page)").optional(),
});
