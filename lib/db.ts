import "server-only";
import { createDatabase } from "@/lib/database/client";
import type { DatabaseConfig } from "@/lib/database/adapter";
import { env } from "@/lib/env";

export function databaseConfig(): DatabaseConfig {
  const e = env();
  return {
    url: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    embeddedDir: e.PGLITE_DIR,
    requireUrl: e.isProduction && Boolean(e.VERCEL),
  };
}

type Holder = { database?: ReturnType<typeof createDatabase> };
// One client per process, kept on globalThis so hot reloads in development reuse it.
const holder = globalThis as typeof globalThis & { __taskchatDb?: Holder };
const state: Holder = (holder.__taskchatDb ??= {});

function database() {
  if (!state.database) {
    state.database = createDatabase(databaseConfig(), { countQueries: env().DB_QUERY_STATS });
  }
  return state.database;
}

/** The process's Prisma client. Created on first use; the embedded database opens on first query. */
export const prisma = new Proxy({} as ReturnType<typeof createDatabase>["prisma"], {
  get(_target, property) {
    const client = database().prisma;
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** LISTEN on the embedded database (undefined on PostgreSQL, where lib/events/hub.ts connects itself). */
export function embeddedListen() {
  return database().listenEmbedded;
}
