import { PrismaClient } from "@/lib/generated/prisma/client";
import { type DatabaseConfig, type EmbeddedListen, createAdapter } from "./adapter";
import { instrument } from "./instrument";

/**
 * A Prisma client on the configured database (PostgreSQL, or the embedded PGlite). With
 * `countQueries` (DB_QUERY_STATS=1: benchmarks and the tests that count round trips) every
 * statement goes through lib/database/instrument.ts; otherwise Prisma talks to the adapter directly.
 */
export function createDatabase(
  config: DatabaseConfig,
  { countQueries = false }: { countQueries?: boolean } = {},
): {
  prisma: PrismaClient;
  /** The embedded database's in-process LISTEN (PostgreSQL listens on a connection of its own). */
  listenEmbedded?: EmbeddedListen;
  close: () => Promise<void>;
} {
  const adapter = createAdapter(config);
  const prisma = new PrismaClient({ adapter: countQueries ? instrument(adapter) : adapter });
  return {
    prisma,
    listenEmbedded: adapter.listen?.bind(adapter),
    close: async () => {
      await prisma.$disconnect();
      await adapter.close?.();
    },
  };
}
