// 5: a turn in a 10,000-message conversation against a turn in a 1,000-message one, interleaved
// (both far past the history a turn reads). The cost of a turn must not grow with the conversation.
import { signUp } from "../../tests/helpers/api";
import { type Timed, postChat } from "../client";
import { type ScenarioResult, infoRow, targetRow } from "../report";
import { seedConversations } from "../seed";
import type { BenchServer } from "../server";
import { ms, ratio, summarize } from "../stats";

const SHORT = 1_000;
const LONG = 10_000;

export async function measureHistoryLength(
  server: BenchServer,
  options: { warmup: number; samples: number },
): Promise<ScenarioResult> {
  if (!server.query) throw new Error("the history scenario seeds PostgreSQL directly");
  const user = await signUp(server.url, { name: "Bench History" });
  const seededAt = performance.now();
  const [long] = await seedConversations(server.query, user.user.id, 1, LONG);
  const seedMs = performance.now() - seededAt;
  const rounds = options.warmup + options.samples;
  const [short] = await seedConversations(server.query, user.user.id, 1, SHORT);

  const shortTurns: Timed<unknown>[] = [];
  const longTurns: Timed<unknown>[] = [];
  for (let i = 0; i < rounds; i++) {
    const a = await postChat(server.url, user.token, { message: "hello", conversation_id: short! });
    const b = await postChat(server.url, user.token, { message: "hello", conversation_id: long! });
    if (a.status !== 200 || b.status !== 200) throw new Error(`history scenario: ${a.status} / ${b.status}`);
    if (i < options.warmup) continue;
    shortTurns.push(a);
    longTurns.push(b);
  }

  const s = summarize(shortTurns.map((t) => t.ms));
  const l = summarize(longTurns.map((t) => t.ms));
  const trips = (turns: Timed<unknown>[]) => Math.max(...turns.map((t) => t.roundTrips?.total ?? Number.NaN));
  return {
    title: "5. Turn cost vs conversation length (1,000 vs 10,000 messages), interleaved",
    rows: [
      infoRow(`turn, ${SHORT.toLocaleString("en-US")} messages`, `median ${ms(s.median)}, p95 ${ms(s.p95)}`),
      infoRow(`turn, ${LONG.toLocaleString("en-US")} messages`, `median ${ms(l.median)}, p95 ${ms(l.p95)}`),
      targetRow("10,000-message turn ÷ 1,000-message turn (medians)", l.median / s.median, 1.2, ratio),
      infoRow("round trips (1,000 / 10,000 messages)", `${trips(shortTurns)} / ${trips(longTurns)}`),
    ],
    notes: [`seeded ${LONG.toLocaleString("en-US")} messages in one INSERT … SELECT in ${ms(seedMs)}`],
    data: { short: s, long: l, ratio: l.median / s.median, seedMs },
  };
}
