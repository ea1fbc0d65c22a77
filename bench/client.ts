// The benchmark's HTTP client: timed requests, and the Server-Timing header that a server with
// DB_QUERY_STATS=1 adds to every API response (its database round trips, by table).
import { performance } from "node:perf_hooks";

export type RoundTrips = { total: number; dbMs: number; byTable: Record<string, number> };

/** `db;dur=3.1;desc="5", db-sessions;desc="1", …` → {total: 5, dbMs: 3.1, byTable: {sessions: 1, …}} */
export function parseServerTiming(header: string | null): RoundTrips | undefined {
  if (!header) return undefined;
  const result: RoundTrips = { total: 0, dbMs: 0, byTable: {} };
  for (const metric of header.split(",")) {
    const [name, ...params] = metric.trim().split(";");
    const value = (key: string) =>
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith(`${key}=`))
        ?.slice(key.length + 1)
        .replace(/"/g, "");
    if (name === "db") {
      result.total = Number(value("desc") ?? 0);
      result.dbMs = Number(value("dur") ?? 0);
    } else if (name?.startsWith("db-")) {
      result.byTable[name.slice(3)] = Number(value("desc") ?? 0);
    }
  }
  return result;
}

export type Timed<T> = { ms: number; status: number; body: T; roundTrips?: RoundTrips };

export async function timedJson<T>(url: string, init: RequestInit): Promise<Timed<T>> {
  const started = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { ms, status: res.status, body: body as T, roundTrips: parseServerTiming(res.headers.get("server-timing")) };
}

export function getHealth(baseUrl: string): Promise<Timed<{ status: string }>> {
  return timedJson(`${baseUrl}/api/health`, {});
}

export type ChatReply = { conversation_id: string; response: string; tool_calls: unknown[] };

/** POST /api/chat in JSON mode with a Bearer session token. */
export function postChat(
  baseUrl: string,
  token: string,
  body: { message: string; conversation_id?: string },
): Promise<Timed<ChatReply>> {
  return timedJson(`${baseUrl}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

export type StreamTiming = {
  /** Until the response headers arrived. */
  headersMs: number;
  /** Until the first body bytes arrived. */
  firstByteMs: number;
  /** Until the first `text-delta` chunk arrived. */
  firstTextMs: number;
  totalMs: number;
  status: number;
};

/** POST /api/chat as the UI message stream, timing headers, first byte, first text and the end. */
export async function postChatStream(
  baseUrl: string,
  token: string,
  body: { message: string; conversation_id?: string },
): Promise<StreamTiming> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const headersMs = performance.now() - started;
  let firstByteMs = Number.NaN;
  let firstTextMs = Number.NaN;
  let buffered = "";
  const decoder = new TextDecoder();
  const reader = res.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started;
    if (Number.isNaN(firstTextMs)) {
      buffered += decoder.decode(chunk.value, { stream: true });
      if (buffered.includes('"type":"text-delta"')) firstTextMs = performance.now() - started;
    }
  }
  return { headersMs, firstByteMs, firstTextMs, totalMs: performance.now() - started, status: res.status };
}

export type StoredConversation = {
  id: string;
  messages: { id: string; role: string; content: string }[];
  next_before: string | null;
};

/** Every message of a conversation, following the pagination. */
export async function getAllMessages(
  baseUrl: string,
  token: string,
  conversationId: string,
): Promise<StoredConversation["messages"]> {
  const messages: StoredConversation["messages"] = [];
  let before: string | null = null;
  do {
    const query: string = `limit=200${before ? `&before=${before}` : ""}`;
    const res = await fetch(`${baseUrl}/api/conversations/${conversationId}?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`GET /api/conversations/${conversationId} → ${res.status}`);
    const page = (await res.json()) as StoredConversation;
    messages.unshift(...page.messages);
    before = page.next_before;
  } while (before);
  return messages;
}
