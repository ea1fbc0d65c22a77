import { PrismaClient } from "@/lib/generated/prisma/client";
import { type DatabaseConfig, createAdapter, describeDatabase } from "./adapter";
import { instrument } from "./instrument";

export type Database = PrismaClient;

/** A Prisma client on the configured database (PostgreSQL, or the embedded PGlite). */
export function createDatabase(config: DatabaseConfig): { prisma: PrismaClient; close: () => Promise<void> } {
  const adapter = createAdapter(config);
  const prisma = new PrismaClient({ adapter: instrument(adapter) });
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await adapter.close?.();
    },
  };
}

export { describeDatabase };
