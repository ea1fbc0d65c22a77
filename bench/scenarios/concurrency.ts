// 4: 50 concurrent turns across 10 users (5 into each user's one conversation), checked for
// errors and for lost or duplicated messages through GET /api/conversations/:id, and timed
// against single turns on the same server.
//
// Run twice. With the instant offline model a turn is nothing but server CPU, so 50 at once
// queue on the one Node.js process: the slowest waits for about all 50, whatever the code does
// (p99 ≈ 50 × CPU per turn ÷ cores). That run is for the record, with the throughput it shows.
// The target is checked on a second server process (same database) that talks to Gemini through
// the real @ai-sdk/google provider, pointed at a fake Gemini server answering each call after
// 300 ms: there the turns wait on the model together, and the spread between the slowest and a
// single turn is the server CPU the 50 turns queue for on the one thread, plus anything that
// serializes them (a lock, a starved pool).
import { type Session, signUp } from "../../tests/helpers/api";
import { getAllMessages, postChat } from "../client";
import { type Row, type ScenarioResult, infoRow, targetRow } from "../report";
import { tenMessageConversations } from "../seed";
import type { BenchServer } from "../server";
import { median, ms, ratio, summarize } from "../stats";

const USERS = 10;
const TURNS_PER_USER = 5;

type User = { session: Session; conversationId: string };
type Run = { latencies: number[]; errors: string[]; wallMs: number[]; asked: string[] };

async function burst(server: BenchServer, users: User[], label: string, run: Run): Promise<void> {
  const started = performance.now();
  const latencies = await Promise.all(
    users.flatMap(({ session, conversationId }, u) =>
      Array.from({ length: TURNS_PER_USER }, async (_, k) => {
        const message = `${label} user ${u} turn ${k}`;
        run.asked.push(message);
        const reply = await postChat(server.url, session.token, { message, conversation_id: conversationId });
        if (reply.status !== 200) run.errors.push(`${reply.status} ${JSON.stringify(reply.body)}`);
        return reply.ms;
      }),
    ),
  );
  run.wallMs.push(performance.now() - started);
  run.latencies.push(...latencies);
}

/** Single turns, one at a time, in fresh 10-message conversations of the first user. */
async function singleTurns(server: BenchServer, user: User, count: number): Promise<number> {
  const conversations = await tenMessageConversations(server, user.session, count);
  const samples: number[] = [];
  for (const [i, id] of conversations.entries()) {
    const reply = await postChat(server.url, user.session.token, {
      message: `single user 0 turn ${i}`,
      conversation_id: id,
    });
    if (reply.status !== 200) throw new Error(`single turn → ${reply.status}`);
    samples.push(reply.ms);
  }
  return median(samples.slice(Math.floor(count / 5)));
}

/** Each question stored exactly once, and one answer per question. */
async function checkMessages(server: BenchServer, users: User[], before: number[], asked: string[]) {
  let lost = 0;
  let duplicated = 0;
  await Promise.all(
    users.map(async (user, u) => {
      const after = await getAllMessages(server.url, user.session.token, user.conversationId);
      const added = after.slice(before[u]);
      if (new Set(after.map((m) => m.id)).size !== after.length) duplicated++;
      const mine = asked.filter((m) => m.includes(` user ${u} turn `));
      for (const question of mine) {
        const copies = added.filter((m) => m.role === "user" && m.content === question).length;
        if (copies === 0) lost++;
        if (copies > 1) duplicated += copies - 1;
      }
      const answers = added.filter((m) => m.role === "assistant").length;
      if (answers < mine.length) lost += mine.length - answers;
      if (answers > mine.length) duplicated += answers - mine.length;
    }),
  );
  return { lost, duplicated };
}

async function measure(server: BenchServer, users: User[], bursts: number, label: string) {
  const warmup: Run = { latencies: [], errors: [], wallMs: [], asked: [] };
  await burst(server, users, `${label} warm-up`, warmup);
  const single = await singleTurns(server, users[0]!, 25);
  const before = await Promise.all(
    users.map(async (u) => (await getAllMessages(server.url, u.session.token, u.conversationId)).length),
  );
  const measured: Run = { latencies: [], errors: [], wallMs: [], asked: [] };
  for (let b = 0; b < bursts; b++) await burst(server, users, `${label} burst ${b}`, measured);
  const { lost, duplicated } = await checkMessages(server, users, before, measured.asked);
  return {
    ...summarize(measured.latencies),
    single,
    errors: [...warmup.errors, ...measured.errors],
    lost,
    duplicated,
    wallMs: median(measured.wallMs),
  };
}

export async function measureConcurrency(
  server: BenchServer,
  geminiServer: BenchServer,
  options: { bursts: number; modelDelayMs: number },
): Promise<ScenarioResult> {
  const users: User[] = await Promise.all(
    Array.from({ length: USERS }, async (_, u) => {
      const session = await signUp(server.url, { name: `Bench Concurrent ${u}` });
      const [conversationId] = await tenMessageConversations(server, session, 1);
      return { session, conversationId: conversationId! };
    }),
  );

  const instant = await measure(server, users, options.bursts, "instant");
  const delayed = await measure(geminiServer, users, options.bursts, "delayed");

  const turns = USERS * TURNS_PER_USER;
  const line = (r: typeof instant) => `p50 ${ms(r.median)}, p99 ${ms(r.p99)}; single turn ${ms(r.single)}`;
  const rows: Row[] = [
    targetRow("errors", instant.errors.length + delayed.errors.length, 0, String),
    targetRow(
      "lost or duplicated messages",
      instant.lost + instant.duplicated + delayed.lost + delayed.duplicated,
      0,
      String,
    ),
    infoRow(`Gemini provider, fake Gemini answering in ${options.modelDelayMs} ms`, line(delayed)),
    targetRow("  p99 ÷ single-turn median", delayed.p99 / delayed.single, 1.5, ratio),
    infoRow("instant offline model", line(instant)),
    infoRow("  p99 ÷ single-turn median (CPU-bound)", ratio(instant.p99 / instant.single)),
    infoRow(
      "  throughput",
      `${turns} turns in ${ms(instant.wallMs)}: ${((turns / instant.wallMs) * 1000).toFixed(0)} turns/s, ${ms(instant.wallMs / turns)} of server time per turn`,
    ),
  ];
  return {
    title: `4. ${turns} concurrent turns across ${USERS} users (${TURNS_PER_USER} per conversation), ${options.bursts} bursts per model`,
    rows,
    notes: [
      "Instant model: each turn is only server CPU, so 50 at once wait for each other on one Node.js",
      "process (p99 ≈ 50 × CPU per turn ÷ cores, whatever the code); the target is checked with a model",
      `that takes ${options.modelDelayMs} ms a call (the real Gemini provider against a fake Gemini server),`,
      "where turns must overlap.",
      ...[...instant.errors, ...delayed.errors].slice(0, 1).map((e) => `first error: ${e}`),
    ],
    data: { instant, delayed, modelDelayMs: options.modelDelayMs },
  };
}
