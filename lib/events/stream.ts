import "server-only";
import { env } from "@/lib/env";
import { eventHub } from "./hub";
import { type StoredEvent, latestEventId, listEventsAfter } from "./service";

// One user's Server-Sent Events stream: what they missed since `after` first, then every new
// event as the hub wakes it, a heartbeat comment, and an end before the host's time limit (the
// browser's EventSource then resumes with Last-Event-ID, losing nothing).

const PAGE = 200;
const encoder = new TextEncoder();

const format = (e: StoredEvent) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;

/** The stream's longest life: EVENTS_STREAM_MAX_SECONDS, by default under a Vercel function's 300 s. */
function maxSeconds(): number {
  const e = env();
  return e.EVENTS_STREAM_MAX_SECONDS ?? (e.VERCEL ? 270 : 3600);
}

export async function openEventStream(
  userId: string,
  after: bigint | undefined,
  signal: AbortSignal,
): Promise<Response> {
  let cursor = after ?? (await latestEventId(userId));
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let closed = false;
  let running = false;
  let again = false;
  const timers: NodeJS.Timeout[] = [];

  const send = (text: string) => {
    if (!closed) controller?.enqueue(encoder.encode(text));
  };

  // Reads and sends everything after the cursor; a wake during a read makes it read again, so
  // events reach the stream once each and in order.
  const catchUp = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (let full = true; full && !closed;) {
          const events = await listEventsAfter(userId, cursor, PAGE);
          for (const event of events) send(format(event));
          if (events.length > 0) cursor = BigInt(events.at(-1)!.id);
          full = events.length === PAGE;
        }
      } while (again && !closed);
    } catch (error) {
      // The database is away: the hub wakes every stream again once it has reconnected.
      console.warn("[taskchat] live sync: reading events failed:", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };

  const unsubscribe = await eventHub().subscribe(userId, () => void catchUp());
  const close = () => {
    if (closed) return;
    closed = true;
    timers.forEach(clearTimeout);
    unsubscribe();
    try {
      controller?.close();
    } catch {
      // already closed by the client
    }
  };
  signal.addEventListener("abort", close, { once: true });

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      send(`retry: 1000\n: taskchat events\n\n`);
      void catchUp();
      const { EVENTS_HEARTBEAT_SECONDS } = env();
      timers.push(
        setInterval(() => send(": heartbeat\n\n"), EVENTS_HEARTBEAT_SECONDS * 1000),
        setTimeout(close, maxSeconds() * 1000),
      );
    },
    cancel: close,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      // nginx: do not buffer the stream.
      "X-Accel-Buffering": "no",
    },
  });
}
