import { z } from "zod";
import { CONVERSATION_TITLE_MAX, MAX_MESSAGE_CHARS } from "./limits";

export const chatRequestSchema = z.strictObject({
  message: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters"),
  conversation_id: z.uuid().optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

const limit = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const listConversationsQuerySchema = z.strictObject({
  limit: limit(20, 100),
  cursor: z.string().max(200).optional(),
});

export const conversationPathSchema = z.object({ id: z.uuid("must be a conversation id (uuid)") });

export const conversationMessagesQuerySchema = z.strictObject({
  limit: limit(50, 200),
  before: z.uuid("must be a message id (uuid)").optional(),
});

export const renameConversationSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(CONVERSATION_TITLE_MAX, `must be at most ${CONVERSATION_TITLE_MAX} characters`)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters"),
});

export const messagePathSchema = z.object({ id: z.uuid("must be a message id (uuid)") });

/** A thumbs up / down on an assistant message; null takes it back. */
export const messageFeedbackSchema = z.strictObject({ kind: z.enum(["positive", "negative"]).nullable() });
