// 4: 50 concurrent turns across 10 users (5 into each user's one conversation), checked for
// errors and for lost or duplicated messages through GET /api/conversations/:id, and timed
// against single turns on the same server.
//
// Run twice. With the instant offline model a turn is nothing but server CPU, so 50 at once
// queue on the one Node.js process: the slowest waits for about all 50, whatever the code does
// (p99 ≈ 50 × CPU per turn ÷ cores). That run is for the record, with the throughput it shows.
// The target is checked on a second server process (same database) that talks to Gemini through
// the real @ai-sdk/google provider, pointed at a fake Gemini server answering each call after
// 300 ms, in a process of its own (bench/fake-gemini-process.ts): there the turns wait on the
// model together, and the spread between the slowest and a single turn is the server CPU the 50
// turns queue for on the one thread, plus anything that serializes them (a lock, a starved pool).
//
// The arithmetic the scenario prints: 50 turns arriving at once on one Node.js thread each need
// c ms of CPU, so the last one finishes about (50 − 1) × c after a lone turn would, and
// p99 ≤ 1.5 × single needs c ≤ 0.5 × single ÷ 49. The server's CPU time is read from
// /proc/<pid>/stat around the bursts, so the budget and the cost sit side by side; so is the CPU
// of GET /api/health on the same process, the cheapest request there is, for scale.
import { fork } from "node:child_process";
import path from "node:path";
import { type Session, signUp } from "../../tests/helpers/api";
import { getAllMessages, getHealth, postChat } from "../client";
import { cpuMs, cpuPer } from "../cpu";
import { type Row, type ScenarioResult, infoRow, targetRow } from "../report";
import { tenMessageConversations } from "../seed";
import { type BenchServer, startSibling } from "../server";
import { median, ms, ratio, summarize } from "../stats";

const USERS = 10;
const TURNS_PER_USER = 5;
const HEALTH_SAMPLES = 200;

type User = { session: Session; conversationId: string };
type Fake = { url: string; pid: number | undefined; stop: () => Promise<void> };

/** The fake Gemini server (quickstart replies, `delayMs` per call) in its own process. */
async function startFakeGeminiProcess(delayMs: number): Promise<Fake> {
  const child = fork(path.join(import.meta.dirname, "..", "fake-gemini-process.ts"), {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, FAKE_GEMINI_DELAY_MS: String(delayMs) },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (message: { url: string }) => resolve(message.url));
    child.once("exit", (code) => reject(new Error(`fake Gemini process exited (${code})`)));
  });
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    },
  };
}
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

async function measure(server: BenchServer, users: User[], bursts: number, label: string, model?: Fake) {
  const warmup: Run = { latencies: [], errors: [], wallMs: [], asked: [] };
  await burst(server, users, `${label} warm-up`, warmup);
  const single = await singleTurns(server, users[0]!, 25);
  const before = await Promise.all(
    users.map(async (u) => (await getAllMessages(server.url, u.session.token, u.conversationId)).length),
  );
  const measured: Run = { latencies: [], errors: [], wallMs: [], asked: [] };
  const turns = bursts * users.length * TURNS_PER_USER;
  const modelBefore = cpuMs(model?.pid);
  const cpuPerTurn = await cpuPer(server.pid(), turns, async () => {
    for (let b = 0; b < bursts; b++) await burst(server, users, `${label} burst ${b}`, measured);
  });
  const modelAfter = cpuMs(model?.pid);
  const { lost, duplicated } = await checkMessages(server, users, before, measured.asked);
  // The cheapest request there is, for scale: what the server spends on GET /api/health.
  const healthCpu = await cpuPer(server.pid(), HEALTH_SAMPLES, async () => {
    for (let i = 0; i < HEALTH_SAMPLES; i++) await getHealth(server.url);
  });
  return {
    ...summarize(measured.latencies),
    single,
    /** The server's CPU per turn during the bursts (ms). */
    cpuPerTurn,
    /** The server's CPU per GET /api/health, one at a time (ms). */
    healthCpu,
    /** The fake Gemini process's CPU per turn (one model call each), if there is one. */
    modelCpuPerTurn:
      modelBefore === undefined || modelAfter === undefined ? Number.NaN : (modelAfter - modelBefore) / turns,
    errors: [...warmup.errors, ...measured.errors],
    lost,
    duplicated,
    wallMs: median(measured.wallMs),
  };
}

/** 50 turns on `server` (instant offline model), then on a sibling process talking to a fake Gemini. */
export async function measureConcurrency(
  server: BenchServer,
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
  const fake = await startFakeGeminiProcess(options.modelDelayMs);
  let delayed: typeof instant;
  try {
    const gemini = await startSibling(server, { GEMINI_API_KEY: "bench-fake-key", GEMINI_BASE_URL: fake.url });
    try {
      delayed = await measure(gemini, users, options.bursts, "delayed", fake);
    } finally {
      await gemini.stop();
    }
  } finally {
    await fake.stop();
  }

  const turns = USERS * TURNS_PER_USER;
  const line = (r: typeof instant) => `p50 ${ms(r.median)}, p99 ${ms(r.p99)}; single turn ${ms(r.single)}`;
  // p99 ≈ single + (turns − 1) × CPU per turn on one thread: the CPU per turn the target allows,
  // and the cores (one Node.js process each) that 50 simultaneous turns would need at today's cost.
  const budget = ((1.5 - 1) * delayed.single) / (turns - 1);
  const cores = Math.ceil((turns * delayed.cpuPerTurn) / ((1.5 - 1) * delayed.single));
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
    infoRow(
      "  server CPU per turn (/proc) vs what 1.5× allows",
      `${ms(delayed.cpuPerTurn)} vs ${ms(budget)} (0.5 × single ÷ ${turns - 1}): p99 ≈ single + ${turns - 1} × CPU = ${ms(delayed.single + (turns - 1) * delayed.cpuPerTurn)}`,
    ),
    infoRow(
      "  server CPU per GET /api/health (/proc), for scale",
      `${ms(delayed.healthCpu)}: ${ratio(delayed.healthCpu / budget)} what 1.5× allows a whole turn`,
    ),
    infoRow("  cores for 1.5× at this CPU per turn", `${cores} (one Node.js process each)`),
    infoRow("  fake Gemini's CPU per call (its own process)", ms(delayed.modelCpuPerTurn)),
    infoRow("instant offline model", line(instant)),
    infoRow("  p99 ÷ single-turn median (CPU-bound)", ratio(instant.p99 / instant.single)),
    infoRow(
      "  throughput",
      `${turns} turns in ${ms(instant.wallMs)}: ${((turns / instant.wallMs) * 1000).toFixed(0)} turns/s, ${ms(instant.wallMs / turns)} of server time per turn (CPU ${ms(instant.cpuPerTurn)}: the server had ${((100 * instant.cpuPerTurn * turns) / instant.wallMs).toFixed(0)}% of a core)`,
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
