// A ChatKit client for tests: posts protocol requests to /api/chatkit and checks every event and
// response against the protocol's schemas (lib/chatkit/schemas.ts), field by field.
import type { z } from "zod";
import {
  type ThreadItem,
  type ThreadStreamEvent,
  errorResponseSchema,
  itemPageSchema,
  threadPageSchema,
  threadSchema,
  threadStreamEventSchema,
} from "@/lib/chatkit/schemas";
import { parseSse } from "./sse";

export type Credentials = { token: string } | { cookie: string; origin?: string };

export type ChatKitReply = {
  status: number;
  headers: Headers;
  /** The events of a streamed answer, each checked against the protocol. */
  events: ThreadStreamEvent[];
  /** The JSON of a non-streamed answer. */
  body: unknown;
};

export async function postChatKit(
  baseUrl: string,
  who: Credentials,
  body: unknown,
  init: { raw?: string; signal?: AbortSignal } = {},
): Promise<ChatKitReply> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if ("token" in who) headers.authorization = `Bearer ${who.token}`;
  else {
    headers.cookie = who.cookie;
    if (who.origin) headers.origin = who.origin;
  }
  const res = await fetch(`${baseUrl}/api/chatkit`, {
    method: "POST",
    headers,
    body: init.raw ?? JSON.stringify(body),
    signal: init.signal,
  });
  const text = await res.text();
  if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
    const events = await parseSse(text, threadStreamEventSchema);
    return { status: res.status, headers: res.headers, events, body: undefined };
  }
  return { status: res.status, headers: res.headers, events: [], body: text ? JSON.parse(text) : undefined };
}

/** Parses a JSON answer with the protocol schema it must match. */
export function expectShape<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return schema.parse(body);
}

export const shapes = {
  thread: threadSchema,
  threadPage: threadPageSchema,
  itemPage: itemPageSchema,
  error: errorResponseSchema,
};

/** A user message input as ChatKit's composer sends it. */
export const input = (text: string) => ({
  content: [{ type: "input_text", text }],
  attachments: [],
  inference_options: {},
});

export function eventsOfType<T extends ThreadStreamEvent["type"]>(events: ThreadStreamEvent[], type: T) {
  return events.filter((e): e is Extract<ThreadStreamEvent, { type: T }> => e.type === type);
}

/** The items an answer finished (`thread.item.done`), in order. */
export const doneItems = (events: ThreadStreamEvent[]): ThreadItem[] =>
  eventsOfType(events, "thread.item.done").map((e) => e.item);

/** The assistant text an answer streamed, from its text deltas. */
export function streamedText(events: ThreadStreamEvent[]): string {
  return eventsOfType(events, "thread.item.updated")
    .map((e) => (e.update.type === "assistant_message.content_part.text_delta" ? e.update.delta : ""))
    .join("");
}
