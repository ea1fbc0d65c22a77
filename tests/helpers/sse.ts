// Reads server-sent events of JSON (the AI SDK's UI message stream, ChatKit's events) with the
// AI SDK's own parser, each event checked against a schema.
import { type FlexibleSchema, type UIMessageChunk, parseJsonEventStream, uiMessageChunkSchema } from "ai";

/** The events of an SSE body (a whole text, or a stream), each validated by `schema`. */
export async function parseSse<T>(body: string | ReadableStream<Uint8Array>, schema: FlexibleSchema<T>): Promise<T[]> {
  const stream = typeof body === "string" ? new Response(body).body! : body;
  const events: T[] = [];
  const reader = parseJsonEventStream({ stream, schema }).getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (!next.value.success) throw next.value.error;
    events.push(next.value.value);
  }
  return events;
}

export function streamedText(chunks: UIMessageChunk[]): string {
  return chunks.map((c) => (c.type === "text-delta" ? c.delta : "")).join("");
}

export async function postChatStream(
  baseUrl: string,
  token: string,
  body: unknown,
  init: { signal?: AbortSignal } = {},
): Promise<{ status: number; headers: Headers; chunks: UIMessageChunk[]; body: any }> {
  const res = await fetch(`${baseUrl}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: init.signal,
  });
  const isStream = res.headers.get("content-type")?.includes("text/event-stream");
  return {
    status: res.status,
    headers: res.headers,
    chunks: isStream ? await parseSse(res.body!, uiMessageChunkSchema) : [],
    body: isStream ? undefined : await res.json(),
  };
}
