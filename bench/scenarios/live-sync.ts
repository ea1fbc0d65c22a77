// 8: live sync across instances: a task added through REST on instance A reaches an
// /api/events stream open on instance B (a second process on the same database). Measured from
// the moment the request leaves for A — before the commit — to the event's arrival on B, so the
// figure is an upper bound of "commit on A → event on B".
import { call, signUp } from "../../tests/helpers/api";
import { openEvents } from "../../tests/helpers/events";
import { type ScenarioResult, infoRow, targetRow } from "../report";
import type { BenchServer } from "../server";
import { ms, summarize } from "../stats";

const TARGET_P99_MS = 250;

export async function measureLiveSync(
  a: BenchServer,
  b: BenchServer,
  options: { warmup: number; samples: number },
): Promise<ScenarioResult> {
  const user = await signUp(a.url, { name: "Bench Live Sync" });
  const stream = await openEvents(b.url, user.token);
  if (stream.status !== 200) throw new Error(`GET /api/events on B → ${stream.status}`);
  const delays: number[] = [];
  const writes: number[] = [];
  try {
    for (let i = 0; i < options.warmup + options.samples; i++) {
      const title = `Live ${i}`;
      const sent = performance.now();
      const arrived = stream.waitFor((e) => e.event === "task.created" && e.data.title === title, 5000);
      const res = await call(a.url, "POST", "/api/tasks", { token: user.token, body: { title } });
      const answered = performance.now();
      if (res.status !== 201) throw new Error(`live sync scenario: POST /api/tasks → ${res.status}`);
      await arrived;
      if (i < options.warmup) continue;
      delays.push(performance.now() - sent);
      writes.push(answered - sent);
    }
  } finally {
    stream.close();
  }
  const d = summarize(delays);
  const w = summarize(writes);
  return {
    title: "8. Live sync: task added on instance A → event on a stream on instance B (PostgreSQL LISTEN/NOTIFY)",
    rows: [
      targetRow("request sent to A → event on B, p99", d.p99, TARGET_P99_MS, ms),
      infoRow("… median / p95 / max", `${ms(d.median)} / ${ms(d.p95)} / ${ms(d.max)}`),
      infoRow("the POST on A itself, median / p99", `${ms(w.median)} / ${ms(w.p99)}`),
    ],
    data: { samples: d.n, delayMs: d, writeMs: w },
    notes: ["Upper bound of commit → delivery: the clock starts before the request reaches A."],
  };
}
