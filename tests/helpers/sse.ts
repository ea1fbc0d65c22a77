// Reads an AI SDK UI message stream (server-sent events) into its chunks.
export type Chunk = { type: string; [key: string]: any };

export function parseSse(text: string): Chunk[] {
  return text
    .split("\n\n")
    .map((block) =>
      block
        .split("\n")
        .filter((l) => l.startsWith("data: "))
        .map((l) => l.slice(6))
        .join(""),
    )
    .filter((data) => data && data !== "[DONE]")
    .map((data) => JSON.parse(data) as Chunk);
}

export function streamedText(chunks: Chunk[]): string {
  return chunks
    .filter((c) => c.type === "text-delta")
    .map((c) => c.delta as string)
    .join("");
}

export async function postChatStream(
  baseUrl: string,
  token: string,
  body: unknown,
  init: { signal?: AbortSignal } = {},
): Promise<{ status: number; headers: Headers; chunks: Chunk[]; body: any }> {
  const res = await fetch(`${baseUrl}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: init.signal,
  });
  const text = await res.text();
  const isStream = res.headers.get("content-type")?.includes("text/event-stream");
  return {
    status: res.status,
    headers: res.headers,
    chunks: isStream ? parseSse(text) : [],
    body: isStream ? undefined : JSON.parse(text),
  };
}
