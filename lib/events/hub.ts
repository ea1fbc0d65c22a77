import "server-only";
import pg from "pg";
import { embeddedListen } from "@/lib/db";
import { env } from "@/lib/env";

// Fan-out: one LISTEN connection per process (not per stream) on the `taskchat_events` channel,
// which a trigger on `events` notifies at every commit with "<user_id> <id>". The hub wakes the
// streams open on this process for that user; each then reads what it has not sent yet from the
// table. After the listening connection drops (a database restart, a terminated backend, a
// network cut) the hub reconnects and wakes every stream, so nothing committed meanwhile is
// missed. PostgreSQL listens on DIRECT_DATABASE_URL when set (a pooler cannot LISTEN); the
// embedded database through PGlite's in-process listen.

export const EVENTS_CHANNEL = "taskchat_events";
const RETRY_MS = [100, 250, 500, 1000, 2000, 5000];

type Wake = () => void;

class EventHub {
  private readonly streams = new Map<string, Set<Wake>>();
  private started?: Promise<void>;
  private client?: pg.Client;
  private failures = 0;

  /** Calls `wake` whenever the user may have new events; returns the unsubscribe. */
  async subscribe(userId: string, wake: Wake): Promise<() => void> {
    let set = this.streams.get(userId);
    if (!set) this.streams.set(userId, (set = new Set()));
    set.add(wake);
    await this.start();
    return () => {
      set.delete(wake);
      if (set.size === 0 && this.streams.get(userId) === set) this.streams.delete(userId);
    };
  }

  /** The backend pid of the listening connection (PostgreSQL only): for tests and diagnostics. */
  listenerPid(): number | undefined {
    return (this.client as (pg.Client & { processID?: number }) | undefined)?.processID;
  }

  private start(): Promise<void> {
    this.started ??= this.connect().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  private async connect(): Promise<void> {
    const listen = embeddedListen();
    if (listen) {
      await listen(EVENTS_CHANNEL, (payload) => this.notify(payload));
    } else {
      await this.listenOnPostgres();
    }
  }

  private async listenOnPostgres(): Promise<void> {
    const e = env();
    const client = new pg.Client({ connectionString: e.DIRECT_DATABASE_URL ?? e.DATABASE_URL, keepAlive: true });
    client.on("notification", (message) => {
      if (message.channel === EVENTS_CHANNEL && message.payload) this.notify(message.payload);
    });
    // Until it listens, a failure is the caller's to handle (connect rejects); after, it is a loss.
    let listening = false;
    const onLost = (error?: Error) => {
      if (!listening) return;
      listening = false;
      if (this.client === client) this.client = undefined;
      console.warn(
        `[taskchat] live sync: listening connection lost${error ? ` (${error.message})` : ""}; reconnecting`,
      );
      client.end().catch(() => {});
      this.reconnect();
    };
    client.on("error", onLost);
    client.on("end", () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    listening = true;
    this.client = client;
    this.failures = 0;
  }

  private reconnect(): void {
    const delay = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
    this.failures++;
    setTimeout(() => {
      this.listenOnPostgres().then(
        // Whatever committed while nobody listened is in the table: every stream catches up.
        () => this.wakeAll(),
        (error: unknown) => {
          console.warn(`[taskchat] live sync: cannot listen yet (${error instanceof Error ? error.message : error})`);
          this.reconnect();
        },
      );
    }, delay).unref();
  }

  private notify(payload: string): void {
    const userId = payload.slice(0, payload.lastIndexOf(" "));
    for (const wake of this.streams.get(userId) ?? []) wake();
  }

  private wakeAll(): void {
    for (const set of this.streams.values()) for (const wake of set) wake();
  }
}

// One hub per process, kept on globalThis so hot reloads in development reuse it.
const holder = globalThis as typeof globalThis & { __taskchatEventHub?: EventHub };

export function eventHub(): EventHub {
  holder.__taskchatEventHub ??= new EventHub();
  return holder.__taskchatEventHub;
}
