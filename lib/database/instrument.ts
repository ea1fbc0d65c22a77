// Counts the database round trips Prisma makes, by wrapping its driver adapter. Tests listen to
// see the SQL (and its parameters) a piece of code runs; `npm run bench` reads per-request
// counts from a Server-Timing header when DB_QUERY_STATS=1.
import { AsyncLocalStorage } from "node:async_hooks";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";

export type QueryEvent = { kind: "query" | "execute" | "begin"; sql: string; args?: unknown[]; ms: number };
type Listener = (event: QueryEvent) => void;

// Process-wide, like the Prisma client they observe: the bundle that creates the client (for the
// embedded database, instrumentation.ts at start-up) may hold another copy of this module than
// the route handler that records.
const shared = globalThis as typeof globalThis & {
  __taskchatQueryListeners?: Set<Listener>;
  __taskchatQueryScope?: AsyncLocalStorage<QueryEvent[]>;
};
const listeners = (shared.__taskchatQueryListeners ??= new Set<Listener>());
const scope = (shared.__taskchatQueryScope ??= new AsyncLocalStorage<QueryEvent[]>());

/** Calls `listener` for every round trip until the returned function is called. */
export function onQuery(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs `fn`, recording the round trips made on its behalf (across awaits) into `events`. */
export function recordQueries<T>(events: QueryEvent[], fn: () => T): T {
  return scope.run(events, fn);
}

function emit(event: QueryEvent) {
  scope.getStore()?.push(event);
  for (const listener of listeners) listener(event);
}

async function timed<T>(
  kind: QueryEvent["kind"],
  query: Pick<SqlQuery, "sql" | "args">,
  run: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    emit({ kind, sql: query.sql, args: query.args, ms: performance.now() - started });
  }
}

function wrapTransaction(tx: Transaction): Transaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === "queryRaw") return (q: SqlQuery) => timed("query", q, () => target.queryRaw(q));
      if (property === "executeRaw") return (q: SqlQuery) => timed("execute", q, () => target.executeRaw(q));
      // commit()/rollback() only release the connection: Prisma sends COMMIT/ROLLBACK itself
      // through executeRaw, which is counted above.
      return Reflect.get(target, property, receiver);
    },
  });
}

function wrapAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === "queryRaw") return (q: SqlQuery) => timed("query", q, () => target.queryRaw(q));
      if (property === "executeRaw") return (q: SqlQuery) => timed("execute", q, () => target.executeRaw(q));
      if (property === "startTransaction") {
        return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) =>
          wrapTransaction(await timed("begin", { sql: "BEGIN", args: [] }, () => target.startTransaction(...args)));
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

export function instrument<F extends SqlMigrationAwareDriverAdapterFactory>(factory: F): F {
  return new Proxy(factory, {
    get(target, property, receiver) {
      if (property === "connect") return async () => wrapAdapter(await target.connect());
      return Reflect.get(target, property, receiver);
    },
  });
}

const TABLE = String.raw`\s+(?:"public"\.)?"?(\w+)"?`;
const WRITES = new RegExp(String.raw`(?:\bINSERT\s+INTO|(?<!\bDO\s)\bUPDATE|\bDELETE\s+FROM)${TABLE}`, "gi");
const READS = new RegExp(String.raw`\b(?:FROM|JOIN)(?!\s+LATERAL\b)${TABLE}`, "gi");

/**
 * The tables a statement is about, for breakdowns: those it writes, else those it reads, joined
 * with "+" ("messages", "sessions+users", "chat_rate_limits+messages"), or "begin"/"commit".
 */
export function tableOf(event: QueryEvent): string {
  if (event.kind === "begin") return "begin";
  if (/^\s*(COMMIT|ROLLBACK)/i.test(event.sql)) return "commit";
  const tables = (pattern: RegExp) => [...new Set([...event.sql.matchAll(pattern)].map((m) => m[1]!))];
  const written = tables(WRITES);
  const touched = written.length > 0 ? written : tables(READS);
  return touched.join("+") || "other";
}

/** A Server-Timing header value: total round trips and time, then counts per table. */
export function serverTiming(events: QueryEvent[]): string {
  const total = events.reduce((ms, e) => ms + e.ms, 0);
  const byTable = new Map<string, number>();
  for (const e of events) byTable.set(tableOf(e), (byTable.get(tableOf(e)) ?? 0) + 1);
  return [
    `db;dur=${total.toFixed(1)};desc="${events.length}"`,
    ...[...byTable].map(([table, n]) => `db-${table};desc="${n}"`),
  ].join(", ");
}
