import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPGlite } from "@/lib/database/embedded";
import { applyMigrations, migrationsDir, postgresMigrationAdapter } from "@/lib/database/schema-engine";
import { type TestDatabase, createTestDatabase } from "../helpers/database";

let database: TestDatabase;
let pglite: PGlite | undefined;
let query: (sql: string) => Promise<Record<string, unknown>[]>;

const adapter = () =>
  database.env.DATABASE_URL ? postgresMigrationAdapter(database.env.DATABASE_URL) : new PrismaPGlite(pglite!);

beforeAll(async () => {
  database = await createTestDatabase("migrations", { memory: true });
  if (database.query) {
    const q = database.query;
    query = async (sql) => (await q(sql)).rows;
  } else {
    pglite = await createPGlite();
    query = async (sql) => (await pglite!.query<Record<string, unknown>>(sql)).rows;
  }
});
afterAll(async () => {
  await pglite?.close();
  await database?.drop();
});

const migrationNames = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe(`migrations (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"})`, () => {
  it("apply every migration to an empty database, once", async () => {
    expect(await applyMigrations(adapter())).toEqual(migrationNames);
    expect(await applyMigrations(adapter())).toEqual([]);
  });

  it("record them in _prisma_migrations exactly as prisma migrate deploy does", async () => {
    const rows = await query(
      "SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = readFileSync(path.join(migrationsDir, String(row.migration_name), "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("create the snake_case tables, columns and indexes of the spec", async () => {
    const columns = await query(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    );
    const byTable = (t: string) => columns.filter((c) => c.table_name === t).map((c) => c.column_name);
    expect(byTable("tasks")).toEqual([
      "id",
      "user_id",
      "title",
      "description",
      "completed",
      "created_at",
      "updated_at",
      "all_day",
      "completed_at",
      "due_at",
      "previous_id",
      "priority",
      "recurrence",
      "remind_at",
      "tags",
      "search_text",
      "tag_keys",
    ]);
    expect(byTable("users")).toContain("timezone");
    expect(byTable("conversations")).toEqual(["id", "user_id", "title", "created_at", "updated_at"]);
    expect(byTable("messages")).toEqual(["id", "conversation_id", "role", "content", "parts", "created_at"]);
    for (const t of ["users", "sessions", "accounts", "verifications", "jwks", "rate_limits"]) {
      expect(byTable(t).length).toBeGreaterThan(0);
    }
    const indexes = (await query("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'")).map((r) =>
      String(r.indexdef),
    );
    expect(indexes).toContainEqual(expect.stringMatching(/ON public\.tasks .*\(user_id, completed, created_at\)/));
    expect(indexes).toContainEqual(expect.stringMatching(/ON public\.conversations .*\(user_id, updated_at\)/));
    expect(indexes).toContainEqual(expect.stringMatching(/ON public\.messages .*\(conversation_id, created_at\)/));
  });

  it("delete a conversation's messages with it", async () => {
    await query("INSERT INTO users (id, name, email) VALUES ('u1', 'U', 'u1@example.com')");
    await query(
      "INSERT INTO conversations (id, user_id, title) VALUES ('00000000-0000-4000-8000-000000000001', 'u1', 'Hi')",
    );
    await query(
      "INSERT INTO messages (id, conversation_id, role, content) VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'user', 'hello')",
    );
    await query("DELETE FROM conversations WHERE id = '00000000-0000-4000-8000-000000000001'");
    expect(await query("SELECT * FROM messages")).toEqual([]);
  });
});
