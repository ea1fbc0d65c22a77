// npm run bench — measures Taskchat against the performance targets of SPEC.md ("Targets"):
// builds if needed, starts the production server on a fresh PostgreSQL database (then on the
// embedded one), runs the scenarios, prints a table and writes bench/results.json.
//
//   BENCH_DATABASE_URL  PostgreSQL server for the benchmark database (default: DATABASE_URL,
//                       else postgresql://postgres@127.0.0.1:5432/postgres)
//   BENCH_QUICK=1       fewer samples (a smoke run, not for the record)
import { writeFileSync } from "node:fs";
import path from "node:path";
import { signUp } from "../tests/helpers/api";
import { type Machine, describeMachine, formatMachine } from "./machine";
import { type ScenarioResult, formatTable } from "./report";
import { measureBundle } from "./scenarios/bundle";
import { measureConcurrency } from "./scenarios/concurrency";
import { measureHistoryLength } from "./scenarios/history";
import { measureListing } from "./scenarios/listing";
import { measureLiveSync } from "./scenarios/live-sync";
import { measureReminders } from "./scenarios/reminders";
import { measureStreaming } from "./scenarios/streaming";
import { measureTurns } from "./scenarios/turn";
import {
  type BenchServer,
  ensureFreshBuild,
  postgresServerUrl,
  root,
  startEmbeddedServer,
  startPostgresServer,
  startSibling,
} from "./server";

const quick = process.env.BENCH_QUICK === "1";
/** The slow offline model's pause per word: its short answers (25-35 words) take 0.25-0.35 s. */
const MODEL_DELAY_MS = 10;
/** The fake Gemini server's time per model call (the whole reply at once, after it). */
const GEMINI_CALL_MS = 300;
const size = (full: number, smoke: number) => (quick ? smoke : full);
const log = (line: string) => console.log(`[bench] ${line}`);

async function withServer<T>(start: () => Promise<BenchServer>, run: (server: BenchServer) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    return await run(server);
  } catch (error) {
    console.error(`[bench] server output (last lines):\n${server.output().split("\n").slice(-30).join("\n")}`);
    throw error;
  } finally {
    await server.close();
  }
}

async function main() {
  const started = performance.now();
  ensureFreshBuild(log);
  const results: ScenarioResult[] = [];
  let machine: Machine | undefined;

  log(`production server on a fresh PostgreSQL database (on ${new URL(postgresServerUrl).host})`);
  await withServer(startPostgresServer, async (server) => {
    machine = await describeMachine(server);
    log("1–2: chat turns vs GET /api/health, round trips");
    const turn = await measureTurns(server, {
      warmup: size(30, 5),
      samples: size(200, 20),
      title: "1–2. Chat turn (PostgreSQL, JSON, Bearer session token, offline model), vs GET /api/health, interleaved",
      checkTargets: true,
      explain: true,
    });
    results.push(turn);
    // A second server process on the same database whose offline model takes time per word,
    // as real models do: streaming and concurrency are about that case.
    const slow = await startSibling(server, { OFFLINE_MODEL_DELAY_MS: String(MODEL_DELAY_MS) });
    try {
      log("3: streaming");
      results.push(
        await measureStreaming(server, slow, {
          warmup: size(10, 3),
          samples: size(60, 10),
          slowSamples: size(20, 5),
          modelDelayMs: MODEL_DELAY_MS,
        }),
      );
      log("8: live sync from one instance to another");
      results.push(await measureLiveSync(server, slow, { warmup: size(20, 5), samples: size(200, 30) }));
    } finally {
      await slow.stop();
    }
    log("4: concurrent turns (instant offline model; Gemini provider against a fake Gemini server)");
    results.push(await measureConcurrency(server, { bursts: size(4, 1), modelDelayMs: GEMINI_CALL_MS }));
    log("5: 1,000 vs 10,000 messages");
    results.push(await measureHistoryLength(server, { warmup: size(10, 3), samples: size(80, 10) }));
    log("10: a filtered task page, 100,000 vs 100 tasks");
    results.push(await measureListing(server, { warmup: size(20, 5), samples: size(200, 20) }));
    log("6: /chat first-load JavaScript");
    const viewer = await signUp(server.url, { name: "Bench Viewer" });
    const page = await fetch(`${server.url}/chat`, { headers: { cookie: viewer.cookie } });
    if (!page.ok) throw new Error(`GET /chat → ${page.status}`);
    results.push(measureBundle("/chat", await page.text()));
  });

  log("7: the same turn on the embedded database (PGlite)");
  await withServer(startEmbeddedServer, async (server) => {
    const turn = await measureTurns(server, {
      warmup: size(10, 3),
      samples: size(60, 10),
      title: "7. Chat turn on the embedded database (PGlite), for the record",
      checkTargets: false,
    });
    results.push(turn);
  });

  log("9: 1,000 reminders due at once, 3 instances");
  results.push(await measureReminders({ pollMs: 2000 }));

  console.log(`\n${formatMachine(machine!)}`);
  console.log(formatTable(results));
  const targets = results.flatMap((r) => r.rows).filter((row) => row.pass !== undefined);
  const failed = targets.filter((row) => !row.pass);
  console.log(
    `\n${targets.length - failed.length}/${targets.length} targets met${failed.length ? `; missed: ${failed.map((r) => r.metric).join("; ")}` : ""}`,
  );
  writeFileSync(
    path.join(root, "bench", "results.json"),
    `${JSON.stringify({ at: new Date().toISOString(), quick, machine, results }, null, 2)}\n`,
  );
  log(`wrote bench/results.json in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (failed.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
