// 1 + 2: the cost of a chat turn against GET /api/health on the same server, interleaved, and
// the database round trips a turn makes. The turn measured against the target is a tool-calling
// one ("Show me my tasks": the model calls list_tasks, then answers) in a conversation of 60
// messages; "hello" in a 10-message conversation and in a new one are measured beside it.
import { type Session, signUp } from "../../tests/helpers/api";
import { type ChatReply, type RoundTrips, type Timed, getHealth, postChat } from "../client";
import { CpuTally } from "../cpu";
import { type Row, type ScenarioResult, infoRow, targetRow } from "../report";
import { longConversation, seedConversations, seedTasks, tenMessageConversations } from "../seed";
import type { BenchServer } from "../server";
import { type Summary, mode, ms, ratio, summarize } from "../stats";

/** Messages in the conversations of the tool-calling turn (the spec: at least 50). */
const TOOL_CONVERSATION = 60;
const TOOL_TURN = "Show me my tasks";
const TASKS = 12;

export type TurnOptions = {
  warmup: number;
  samples: number;
  title: string;
  /** PASS/FAIL against the targets (the PostgreSQL run), or figures for the record. */
  checkTargets: boolean;
  /** Explain the round trips, step by step. */
  explain?: boolean;
};

// What each round trip is for (Server-Timing names statements by the tables they write, else read).
const STEPS: Record<string, string> = {
  "sessions+users": "session lookup: the session with its user, one query",
  "chat_rate_limits+messages": "rate limit counted + user message stored, one statement",
  "chat_rate_limits+conversations+events+messages":
    "rate limit counted + conversation created with its event and first message, one statement",
  "messages+conversations": "history: the newest messages, ownership checked",
  users: "the user's time zone (for the system prompt and the task tools)",
  "messages+events": "assistant message stored + the conversation's update event, one statement",
  tasks: "task tools (list_tasks: one page, which also gives the count)",
  jwks: "JWT signing key (Better Auth jwt plugin)",
  begin: "transaction BEGIN",
  commit: "transaction COMMIT",
};

function expectOk<T>(reply: Timed<T>, what: string): Timed<T> {
  if (reply.status !== 200) throw new Error(`${what} → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

function describeRoundTrips(samples: (RoundTrips | undefined)[]): {
  usual: number;
  max: number;
  byTable: Record<string, number>;
} {
  const known = samples.filter((s): s is RoundTrips => s !== undefined);
  if (known.length === 0) throw new Error("no Server-Timing header: is DB_QUERY_STATS=1 set on the server?");
  const usual = mode(known.map((s) => s.total));
  return { usual, max: Math.max(...known.map((s) => s.total)), byTable: known.find((s) => s.total === usual)!.byTable };
}

/** `count` conversations of 60 messages: seeded per sample on PostgreSQL, one shared on PGlite. */
async function toolConversations(server: BenchServer, user: Session, count: number): Promise<string[]> {
  if (server.query) return seedConversations(server.query, user.user.id, count, TOOL_CONVERSATION);
  return Array<string>(count).fill(await longConversation(server, user, TOOL_CONVERSATION));
}

export async function measureTurns(server: BenchServer, options: TurnOptions): Promise<ScenarioResult> {
  const user = await signUp(server.url, { name: "Bench Turn" });
  const rounds = options.warmup + options.samples;
  await seedTasks(server, user, TASKS);
  const long = await toolConversations(server, user, rounds);
  const short = await tenMessageConversations(server, user, rounds);

  const health: number[] = [];
  const tool: Timed<ChatReply>[] = [];
  const hello: Timed<ChatReply>[] = [];
  const fresh: Timed<ChatReply>[] = [];
  // What each kind of request costs the server's CPU, beside how long it takes.
  const cpu = new CpuTally(server.pid());
  // Alternate health / turns so all see the same machine, the same noise, the same warm server.
  for (let i = 0; i < rounds; i++) {
    const measuring = i >= options.warmup;
    const timed = <T>(kind: string, run: () => Promise<T>) => (measuring ? cpu.measure(kind, run) : run());
    const h1 = expectOk(await timed("health", () => getHealth(server.url)), "GET /api/health");
    const t = expectOk(
      await timed("tool", () => postChat(server.url, user.token, { message: TOOL_TURN, conversation_id: long[i]! })),
      "tool turn",
    );
    const h2 = expectOk(await timed("health", () => getHealth(server.url)), "GET /api/health");
    const s = expectOk(
      await timed("hello", () => postChat(server.url, user.token, { message: "hello", conversation_id: short[i]! })),
      "turn",
    );
    const h3 = expectOk(await timed("health", () => getHealth(server.url)), "GET /api/health");
    const n = expectOk(
      await timed("new", () => postChat(server.url, user.token, { message: "hello" })),
      "new-conversation turn",
    );
    if (t.body.tool_calls.length === 0) throw new Error(`"${TOOL_TURN}" called no tool: ${JSON.stringify(t.body)}`);
    if (!measuring) continue;
    health.push(h1.ms, h2.ms, h3.ms);
    tool.push(t);
    hello.push(s);
    fresh.push(n);
  }

  const h = summarize(health);
  const t = summarize(tool.map((r) => r.ms));
  const s = summarize(hello.map((r) => r.ms));
  const n = summarize(fresh.map((r) => r.ms));
  const trips = describeRoundTrips(tool.map((r) => r.roundTrips));
  const tripsHello = describeRoundTrips(hello.map((r) => r.roundTrips));
  const tripsNew = describeRoundTrips(fresh.map((r) => r.roundTrips));
  const line = (x: Summary) => `median ${ms(x.median)}, p95 ${ms(x.p95)}`;

  const rows: Row[] = [
    infoRow("GET /api/health", line(h)),
    infoRow(`tool-calling turn ("${TOOL_TURN}", ${TOOL_CONVERSATION} messages)`, line(t)),
    infoRow(`"hello", 10-message conversation`, line(s)),
    infoRow(`"hello", new conversation`, line(n)),
    infoRow(
      "server CPU per request (/proc): health, tool turn, hello",
      `${ms(cpu.mean("health"))}, ${ms(cpu.mean("tool"))} (${ratio(cpu.mean("tool") / cpu.mean("health"))}), ${ms(cpu.mean("hello"))} (${ratio(cpu.mean("hello") / cpu.mean("health"))})`,
    ),
  ];
  const toolRatio = t.median / h.median;
  const helloRatio = s.median / h.median;
  const newRatio = n.median / h.median;
  const byTable = (b: Record<string, number>) =>
    Object.entries(b)
      .map(([table, count]) => `${table} ${count}`)
      .join(", ");
  if (options.checkTargets) {
    rows.push(
      targetRow("tool-calling turn median ÷ health median", toolRatio, 2.5, ratio),
      targetRow(`"hello" turn median ÷ health median`, helloRatio, 2, ratio),
      infoRow(`"hello" new-conversation turn median ÷ health median`, ratio(newRatio)),
      targetRow("database round trips per tool-calling turn", trips.usual, 6, String),
      targetRow(`database round trips per "hello" turn`, tripsHello.usual, 6, String),
      targetRow("database round trips per new-conversation turn", tripsNew.usual, 6, String),
    );
  } else {
    rows.push(
      infoRow("tool-calling turn median ÷ health median", ratio(toolRatio)),
      infoRow(`"hello" turn median ÷ health median`, ratio(helloRatio)),
      infoRow(`"hello" new-conversation turn median ÷ health median`, ratio(newRatio)),
      infoRow("database round trips per tool-calling turn", String(trips.usual)),
    );
  }
  const notes = options.explain
    ? [
        `round trips by table, tool-calling turn: ${byTable(trips.byTable)}`,
        `round trips by table, "hello": ${byTable(tripsHello.byTable)}`,
        `round trips by table, new conversation: ${byTable(tripsNew.byTable)}`,
        ...Object.keys({ ...trips.byTable, ...tripsHello.byTable, ...tripsNew.byTable }).map(
          (table) => `  ${table}: ${STEPS[table] ?? "?"}`,
        ),
      ]
    : [];
  if (!server.query)
    notes.push(`the tool-calling turns share one ${TOOL_CONVERSATION}-message conversation (chatted into existence)`);
  if (trips.max !== trips.usual) notes.push(`some tool-calling turns made up to ${trips.max} round trips`);

  return {
    title: options.title,
    rows,
    notes,
    data: {
      health: h,
      turnTool: t,
      turnHello: s,
      turnNew: n,
      toolRatio,
      helloRatio,
      newRatio,
      roundTrips: { tool: trips, hello: tripsHello, new: tripsNew },
      cpuMs: { health: cpu.mean("health"), tool: cpu.mean("tool"), hello: cpu.mean("hello"), new: cpu.mean("new") },
      dbMsMedian: summarize(tool.map((r) => r.roundTrips?.dbMs ?? Number.NaN)).median,
    },
  };
}
