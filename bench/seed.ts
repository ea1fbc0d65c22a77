// Test data written straight into PostgreSQL: conversations of any length in one multi-row
// INSERT … SELECT each, much faster than chatting them into existence.
import { type Session, call } from "../tests/helpers/api";
import { postChat } from "./client";
import type { BenchServer } from "./server";

type Query = NonNullable<BenchServer["query"]>;

/**
 * Creates `count` conversations for the user, each with `messages` alternating user/assistant
 * messages (about 100 characters each, stored like the app stores them). Returns their ids.
 */
export async function seedConversations(
  query: Query,
  userId: string,
  count: number,
  messages: number,
): Promise<string[]> {
  // The conversations are "now" and their messages in the past, so the trigger that bumps
  // conversations.updated_at on every message insert has nothing to update.
  const { rows } = await query<{ id: string }>(
    `INSERT INTO conversations (id, user_id, title, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'Seeded conversation ' || n, now(), now() FROM generate_series(1, $2::int) n
     RETURNING id`,
    [userId, count],
  );
  const ids = rows.map((r) => r.id);
  await query(
    `INSERT INTO messages (id, conversation_id, role, content, parts, created_at)
     SELECT gen_random_uuid(), c.id, m.role::message_role, m.content,
            jsonb_build_array(jsonb_build_object('type', 'text', 'text', m.content)),
            now() - make_interval(secs => $2::int - i)
     FROM unnest($1::uuid[]) AS c(id)
     CROSS JOIN LATERAL (
       SELECT i,
              CASE WHEN i % 2 = 0 THEN 'user' ELSE 'assistant' END AS role,
              CASE WHEN i % 2 = 0 THEN 'Please add a task number ' || i || ' to my list, something about groceries and errands.'
                   ELSE 'Done: I added task number ' || i || ' to your list. Anything else you would like me to do today?' END AS content
       FROM generate_series(0, $2::int - 1) i
     ) m`,
    [ids, messages],
  );
  // As autovacuum would soon: planner statistics that know about the new rows.
  await query("ANALYZE messages, conversations");
  return ids;
}

/**
 * `count` conversations of 10 messages for the user: seeded in SQL on PostgreSQL, chatted into
 * existence (5 turns each) on the embedded database, which only its server process can open.
 */
export async function tenMessageConversations(server: BenchServer, user: Session, count: number): Promise<string[]> {
  if (server.query) return seedConversations(server.query, user.user.id, count, 10);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const first = await postChat(server.url, user.token, { message: `Add a task to water plant ${i}` });
    if (first.status !== 200) throw new Error(`seeding turn failed: ${first.status} ${JSON.stringify(first.body)}`);
    const id = first.body.conversation_id;
    for (const message of ["What is still pending?", "Thanks", "hello", "Show me my tasks"]) {
      await postChat(server.url, user.token, { message, conversation_id: id });
    }
    ids.push(id);
  }
  return ids;
}

/** `count` tasks for the user, through the REST API (what a tool-calling turn then lists). */
export async function seedTasks(server: BenchServer, user: Session, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const reply = await call(server.url, "POST", "/api/tasks", {
      token: user.token,
      body: { title: `Bench task ${i}: water the plants and call the plumber`, description: "" },
    });
    if (reply.status !== 201 && reply.status !== 200) throw new Error(`seeding a task → ${reply.status} ${reply.text}`);
  }
}

/**
 * One conversation of at least `messages` messages: seeded in SQL on PostgreSQL, chatted into
 * existence on the embedded database.
 */
export async function longConversation(server: BenchServer, user: Session, messages: number): Promise<string> {
  if (server.query) return (await seedConversations(server.query, user.user.id, 1, messages))[0]!;
  const first = await postChat(server.url, user.token, { message: "hello" });
  if (first.status !== 200) throw new Error(`seeding turn failed: ${first.status} ${JSON.stringify(first.body)}`);
  const id = first.body.conversation_id;
  for (let i = 2; i < messages; i += 2) {
    const reply = await postChat(server.url, user.token, {
      message: `Thanks, that was number ${i}`,
      conversation_id: id,
    });
    if (reply.status !== 200) throw new Error(`seeding turn failed: ${reply.status}`);
  }
  return id;
}
