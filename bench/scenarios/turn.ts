// 1 + 2: the cost of a chat turn against GET /api/health on the same server, interleaved, and
// the database round trips a turn makes.
import { signUp } from "../../tests/helpers/api";
import { type RoundTrips, type Timed, getHealth, postChat } from "../client";
import { type Row, type ScenarioResult, infoRow, targetRow } from "../report";
import { tenMessageConversations } from "../seed";
import type { BenchServer } from "../server";
import { type Summary, mode, ms, ratio, summarize } from "../stats";

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
  "chat_rate_limits+conversations+messages":
    "rate limit counted + conversation created with its first message, one statement",
  "messages+conversations": "history: the newest messages, ownership checked",
  messages: "assistant message stored",
  tasks: "task tools",
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

export async function measureTurns(server: BenchServer, options: TurnOptions): Promise<ScenarioResult> {
  const user = await signUp(server.url, { name: "Bench Turn" });
  const conversations = await tenMessageConversations(server, user, options.warmup + options.samples);

  const health: number[] = [];
  const existing: Timed<unknown>[] = [];
  const fresh: Timed<unknown>[] = [];
  // Alternate health / turn so both see the same machine, the same noise, the same warm server.
  for (let i = 0; i < options.warmup + options.samples; i++) {
    const measuring = i >= options.warmup;
    const h1 = expectOk(await getHealth(server.url), "GET /api/health");
    const turn = expectOk(
      await postChat(server.url, user.token, { message: "hello", conversation_id: conversations[i]! }),
      "turn",
    );
    const h2 = expectOk(await getHealth(server.url), "GET /api/health");
    const created = expectOk(await postChat(server.url, user.token, { message: "hello" }), "new-conversation turn");
    if (!measuring) continue;
    health.push(h1.ms, h2.ms);
    existing.push(turn);
    fresh.push(created);
  }

  const h = summarize(health);
  const t = summarize(existing.map((r) => r.ms));
  const n = summarize(fresh.map((r) => r.ms));
  const trips = describeRoundTrips(existing.map((r) => r.roundTrips));
  const tripsNew = describeRoundTrips(fresh.map((r) => r.roundTrips));
  const line = (s: Summary) => `median ${ms(s.median)}, p95 ${ms(s.p95)}`;

  const rows: Row[] = [
    infoRow("GET /api/health", line(h)),
    infoRow("turn, existing conversation (10 messages)", line(t)),
    infoRow("turn, new conversation", line(n)),
  ];
  const turnRatio = t.median / h.median;
  const newRatio = n.median / h.median;
  const byTable = (b: Record<string, number>) =>
    Object.entries(b)
      .map(([table, count]) => `${table} ${count}`)
      .join(", ");
  if (options.checkTargets) {
    rows.push(
      targetRow("turn median ÷ health median", turnRatio, 3, ratio),
      targetRow("new-conversation turn median ÷ health median", newRatio, 3, ratio),
      targetRow("database round trips per turn", trips.usual, 6, String),
      targetRow("database round trips per new-conversation turn", tripsNew.usual, 6, String),
    );
  } else {
    rows.push(
      infoRow("turn median ÷ health median", ratio(turnRatio)),
      infoRow("new-conversation turn median ÷ health median", ratio(newRatio)),
      infoRow("database round trips per turn", String(trips.usual)),
    );
  }
  const notes = options.explain
    ? [
        `round trips by table, existing conversation: ${byTable(trips.byTable)}`,
        `round trips by table, new conversation: ${byTable(tripsNew.byTable)}`,
        ...Object.keys({ ...trips.byTable, ...tripsNew.byTable }).map((table) => `  ${table}: ${STEPS[table] ?? "?"}`),
      ]
    : [];
  if (trips.max !== trips.usual) notes.push(`some turns made up to ${trips.max} round trips`);

  return {
    title: options.title,
    rows,
    notes,
    data: {
      health: h,
      turnExisting: t,
      turnNew: n,
      turnRatio,
      newRatio,
      roundTrips: { existing: trips, new: tripsNew },
      dbMsMedian: summarize(existing.map((r) => r.roundTrips?.dbMs ?? Number.NaN)).median,
    },
  };
}
