import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { QueryEvent } from "@/lib/database/instrument";
import { captureQueries, setupTestDatabase } from "../helpers/in-process";
import { mockTurnSettings, replyingModel } from "../helpers/mock-model";
import { TEST_SECRET } from "../helpers/server";

// EXPLAIN on the statements a real request runs — as recorded from the driver adapter, with
// their parameters — against a 10,000-message conversation. With sequential scans disabled the
// planner still falls back to one when no index can serve the query, so a "Seq Scan" means a
// missing index, whatever the table sizes of the test.
setupTestDatabase("query_plans");

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function explain(event: QueryEvent): Promise<PlanNode[]> {
  const { prisma } = await import("@/lib/db");
  const rows = await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    return tx.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
      `EXPLAIN (FORMAT JSON) ${event.sql}`,
      ...(event.args ?? []),
    );
  });
  return nodes(rows[0]!["QUERY PLAN"][0].Plan);
}

const seqScans = (plan: PlanNode[]) => plan.filter((n) => n["Node Type"] === "Seq Scan").map((n) => n["Relation Name"]);

let token: string;
let userId: string;
let conversationId: string;

beforeAll(async () => {
  process.env.BETTER_AUTH_SECRET = TEST_SECRET;
  const { auth } = await import("@/lib/auth/server");
  const res = await auth().api.signUpEmail({
    body: { name: "Plans", email: "plans@example.com", password: "correct horse battery" },
    asResponse: true,
  });
  token = res.headers.get("set-auth-token")!;
  userId = ((await res.json()) as { user: { id: string } }).user.id;
  const { prisma } = await import("@/lib/db");
  conversationId = randomUUID();
  await prisma.$executeRaw`INSERT INTO conversations (id, user_id, title) VALUES (${conversationId}::uuid, ${userId}, 'long')`;
  await prisma.$executeRaw`
    INSERT INTO messages (id, conversation_id, role, content, parts, created_at)
    SELECT gen_random_uuid(), ${conversationId}::uuid, CASE WHEN i % 2 = 0 THEN 'user' ELSE 'assistant' END::message_role,
           'message ' || i, jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'message ' || i)),
           now() - make_interval(secs => 10000 - i)
    FROM generate_series(0, 9999) i`;
  await prisma.$executeRawUnsafe("ANALYZE");
});

describe("query plans on a 10,000-message conversation", () => {
  it("the Bearer session lookup uses the token's unique index and the user's primary key", async () => {
    const { authenticate } = await import("@/lib/auth/session");
    const [lookup] = await captureQueries(() => authenticate(new Headers({ authorization: `Bearer ${token}` })));
    const plan = await explain(lookup!);
    expect(seqScans(plan)).toEqual([]);
    expect(plan.map((n) => n["Index Name"])).toEqual(expect.arrayContaining(["sessions_token_key", "users_pkey"]));
  });

  it("a turn: the history is read newest first from the (conversation_id, created_at) index, nothing is sorted whole", async () => {
    const { chatTurnJson } = await import("@/lib/chat/turn");
    const events = await captureQueries(() =>
      chatTurnJson(
        { userId, timezone: "UTC", message: "hello", conversationId },
        mockTurnSettings(replyingModel("ok")),
        new AbortController().signal,
      ),
    );
    expect(events).toHaveLength(3); // the session brings the user's zone: no read of it here

    for (const event of events) expect(seqScans(await explain(event)), event.sql).toEqual([]);

    const history = events.find((e) => /^SELECT/.test(e.sql) && /"messages"/.test(e.sql))!;
    const plan = await explain(history);
    expect(plan.map((n) => n["Index Name"])).toContain("messages_conversation_id_created_at_idx");
    // Ties on created_at (microseconds) are ordered by id in small batches; a plain Sort would
    // mean reading and sorting the whole conversation.
    expect(plan.map((n) => n["Node Type"])).not.toContain("Sort");
    expect(plan[0]!["Node Type"]).toBe("Limit");
  });
});

describe("query plans for a user with 100,000 tasks", () => {
  let owner: string;

  beforeAll(async () => {
    const { prisma } = await import("@/lib/db");
    const { createUser } = await import("../helpers/in-process");
    owner = (await createUser("Many tasks")).id;
    await prisma.$executeRaw`
      INSERT INTO tasks (user_id, title, description, completed, created_at, updated_at, due_at, all_day, priority, tags)
      SELECT ${owner}, 'Task ' || i || CASE WHEN i % 1000 = 0 THEN ' dentist' ELSE '' END, '', i % 3 = 0,
             now() - make_interval(secs => i), now() - make_interval(secs => i),
             CASE WHEN i % 4 = 0 THEN NULL ELSE now() + make_interval(hours => (i % 2000) - 1000) END, false,
             (ARRAY['none', 'low', 'medium', 'high'])[1 + i % 4]::task_priority,
             CASE WHEN i % 50 = 0 THEN ARRAY['Work'] WHEN i % 7 = 0 THEN ARRAY['home', 'errands'] ELSE ARRAY[]::varchar[] END
      FROM generate_series(1, 100000) i`;
    // As autovacuum would soon after 100,000 inserts: statistics, and a visibility map that lets
    // the planner count from an index alone.
    await prisma.$executeRawUnsafe("VACUUM ANALYZE tasks, task_tags");
  });

  it.each([
    ["the default page (newest first)", {}],
    ["pending, newest first", { status: "pending" as const }],
    ["words", { q: "dentist" }],
    ["a priority", { priority: ["high" as const], sort: "priority" as const }],
    ["a tag", { tag: ["work"] }],
    ["due today", { due: "today" as const, sort: "due" as const }],
    ["overdue", { due: "overdue" as const }],
    ["due this week, soonest first", { due: "week" as const, sort: "due" as const, status: "pending" as const }],
    ["by title", { sort: "title" as const }],
    ["recently updated", { sort: "updated" as const }],
  ])("%s: every statement is served by an index", async (_name, params) => {
    const { listTasks } = await import("@/lib/tasks/service");
    const events = await captureQueries(() => listTasks(owner, { limit: 50, ...params }));
    const taskQueries = events.filter((e) => /"tasks"/.test(e.sql));
    expect(taskQueries.length).toBeGreaterThan(0);
    for (const event of taskQueries) expect(seqScans(await explain(event)), event.sql).toEqual([]);
  });

  it("one tag's count reads that tag's entries of task_tags alone (an index-only scan), not every task's", async () => {
    const { listTasks } = await import("@/lib/tasks/service");
    const params = {
      status: "pending" as const,
      priority: ["high" as const, "medium" as const],
      tag: ["work"],
      sort: "due" as const,
    };
    const events = await captureQueries(() => listTasks(owner, { limit: 50, ...params }));
    const count = events.find((e) => /COUNT/i.test(e.sql))!;
    const plan = await explain(count);
    expect(plan.map((n) => [n["Node Type"], n["Index Name"]])).toContainEqual([
      "Index Only Scan",
      "task_tags_user_id_tag_key_completed_priority_due_at_all_day_idx",
    ]);
  });

  it("tags with their counts come from the user's rows only", async () => {
    const { listTags } = await import("@/lib/tasks/service");
    const events = await captureQueries(() => listTags(owner));
    for (const event of events) expect(seqScans(await explain(event)), event.sql).toEqual([]);
  });
});
