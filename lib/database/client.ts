import { PrismaClient } from "@/lib/generated/prisma/client";
import { type DatabaseConfig, type EmbeddedListen, createAdapter, describeDatabase } from "./adapter";
import { instrument } from "./instrument";

export type Database = PrismaClient;

/** A Prisma client on the configured database (PostgreSQL, or the embedded PGlite). */
export function createDatabase(config: DatabaseConfig): {
  prisma: PrismaClient;
  /** The embedded database's in-process LISTEN (PostgreSQL listens on a connection of its own). */
  listenEmbedded?: EmbeddedListen;
  close: () => Promise<void>;
} {
  const adapter = createAdapter(config);
  const prisma = new PrismaClient({ adapter: instrument(adapter) });
  return {
    prisma,
    listenEmbedded: adapter.listen?.bind(adapter),
    close: async () => {
      await prisma.$disconnect();
      await adapter.close?.();
    },
  };
}

export { describeDatabase };
