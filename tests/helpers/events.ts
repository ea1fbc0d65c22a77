// Reads /api/events (Server-Sent Events) as a script would: fetch with a Bearer token, parsed
// incrementally, so a test can wait for the events it expects and see everything that came.
export type StreamedEvent = { id: string; event: string; data: any };

export type EventStreamReader = {
  status: number;
  events: StreamedEvent[];
  /** Comments (`: heartbeat`) and `retry:` lines seen so far. */
  comments: string[];
  /** Resolves with the first `count` events matching `match` that arrive, or throws after `timeoutMs`. */
  waitFor: (match: (e: StreamedEvent) => boolean, timeoutMs?: number, count?: number) => Promise<StreamedEvent[]>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close: () => void;
};

export async function openEvents(
  baseUrl: string,
  token: string,
  options: { lastEventId?: string; after?: string } = {},
): Promise<EventStreamReader> {
  const abort = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "text/event-stream" };
  if (options.lastEventId) headers["last-event-id"] = options.lastEventId;
  const query = options.after ? `?after=${options.after}` : "";
  const res = await fetch(`${baseUrl}/api/events${query}`, { headers, signal: abort.signal });
  const events: StreamedEvent[] = [];
  const comments: string[] = [];
  const listeners = new Set<() => void>();
  let ended: Promise<void> = Promise.resolve();

  if (res.ok && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    ended = (async () => {
      let buffer = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields: Record<string, string> = {};
            for (const line of block.split("\n")) {
              if (line.startsWith(":") || line.startsWith("retry:")) comments.push(line);
              else {
                const colon = line.indexOf(": ");
                if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 2);
              }
            }
            if (fields.id && fields.event) {
              events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data ?? "null") });
            }
            listeners.forEach((l) => l());
          }
        }
      } catch {
        // aborted by close()
      } finally {
        listeners.forEach((l) => l());
      }
    })();
  }

  const waitFor: EventStreamReader["waitFor"] = (match, timeoutMs = 1000, count = 1) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = events.filter(match);
        if (found.length >= count) {
          cleanup();
          resolve(found.slice(0, count));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  return { status: res.status, events, comments, waitFor, ended, close: () => abort.abort() };
}
