// For tests that call lib/ code directly: point the app's database module at a fresh database
// (in-memory PGlite, or a new PostgreSQL database when DATABASE_URL is set) for this test file.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { type QueryEvent, onQuery } from "@/lib/database/instrument";
import type { Actor, ChangeSource } from "@/lib/events/record";
import { applyMigrations, postgresMigrationAdapter } from "@/lib/database/schema-engine";
import { type TestDatabase, createTestDatabase } from "./database";

export function setupTestDatabase(label: string): { database: () => TestDatabase } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(label, { memory: true });
    delete process.env.DATABASE_URL;
    delete process.env.PGLITE_DIR;
    Object.assign(process.env, database.env);
    // captureQueries() observes the statements through lib/database/instrument.ts.
    process.env.DB_QUERY_STATS = "1";
    if (database.env.DATABASE_URL) {
      await applyMigrations(postgresMigrationAdapter(database.env.DATABASE_URL));
    }
  });
  afterAll(async () => {
    const { prisma } = await import("@/lib/db");
    await prisma.$disconnect();
    await database?.drop();
  });
  return {
    database: () => {
      if (!database) throw new Error("database not ready (use inside tests or hooks)");
      return database;
    },
  };
}

/** A user row to own tasks and conversations. */
export async function createUser(name = "Test User"): Promise<{ id: string; email: string }> {
  const { prisma } = await import("@/lib/db");
  const id = `u_${randomBytes(8).toString("hex")}`;
  const email = `${id}@example.com`;
  await prisma.user.create({ data: { id, name, email } });
  return { id, email };
}

/** A user acting through a door (REST by default), as the writing services take it. */
export function actor(user: { id: string }, source: ChangeSource = "rest"): Actor {
  return { userId: user.id, source };
}

/** The database round trips `run` makes (every statement Prisma sends, in order). */
export async function captureQueries(run: () => Promise<unknown>): Promise<QueryEvent[]> {
  const events: QueryEvent[] = [];
  const stop = onQuery((e) => events.push(e));
  try {
    await run();
  } finally {
    stop();
  }
  return events;
}
