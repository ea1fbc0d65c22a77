// 10: a filtered, sorted GET /api/tasks page for a user with 100,000 tasks against the same
// request for a user with 100, and against GET /api/health, interleaved. Every filter is served
// by an index, so the size of the list must not show in the time of a page.
import { signUp } from "../../tests/helpers/api";
import { type Timed, getHealth, timedJson } from "../client";
import { type ScenarioResult, infoRow, targetRow } from "../report";
import type { BenchServer } from "../server";
import { ms, ratio, summarize } from "../stats";

const BIG = 100_000;
const SMALL = 100;
/** Open, high or medium priority, tagged work, soonest due first: a filter, a tag, a sort, a page. */
export const LISTING_QUERY = "status=pending&priority=high,medium&tag=work&sort=due&limit=50";

type Query = NonNullable<BenchServer["query"]>;

/** `count` tasks for the user in one INSERT … SELECT: a spread of states, priorities, tags and due dates. */
async function insertTasks(query: Query, userId: string, count: number): Promise<void> {
  await query(
    `INSERT INTO tasks (user_id, title, description, completed, created_at, updated_at, due_at, priority, tags)
     SELECT $1, 'Seeded task ' || n, 'Something to do, number ' || n, n % 3 = 0,
            now() - make_interval(secs => n), now() - make_interval(secs => n),
            CASE WHEN n % 4 = 0 THEN NULL ELSE now() + make_interval(hours => n % 2000 - 1000) END,
            (ARRAY['none', 'low', 'medium', 'high'])[n % 4 + 1]::task_priority,
            ARRAY[(ARRAY['work', 'home', 'errands', 'health', 'money'])[n % 5 + 1]]::varchar(32)[]
     FROM generate_series(1, $2::int) n`,
    [userId, count],
  );
}

type TaskPage = { tasks: unknown[]; count: number; next_cursor: string | null };

export async function measureListing(
  server: BenchServer,
  options: { warmup: number; samples: number },
): Promise<ScenarioResult> {
  if (!server.query) throw new Error("the listing scenario seeds PostgreSQL directly");
  const big = await signUp(server.url, { name: "Bench Big List" });
  const small = await signUp(server.url, { name: "Bench Small List" });
  const seededAt = performance.now();
  await insertTasks(server.query, big.user.id, BIG);
  const seedMs = performance.now() - seededAt;
  await insertTasks(server.query, small.user.id, SMALL);
  // As autovacuum would soon after 100,000 inserts: planner statistics that know about the new
  // rows, and a visibility map that lets counts come from the index alone.
  await server.query("VACUUM ANALYZE tasks, task_tags");

  const list = async (token: string): Promise<Timed<TaskPage>> => {
    const reply = await timedJson<TaskPage>(`${server.url}/api/tasks?${LISTING_QUERY}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (reply.status !== 200) throw new Error(`GET /api/tasks → ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply;
  };

  const health: number[] = [];
  const smallPages: Timed<TaskPage>[] = [];
  const bigPages: Timed<TaskPage>[] = [];
  for (let i = 0; i < options.warmup + options.samples; i++) {
    const h = await getHealth(server.url);
    const s = await list(small.token);
    const b = await list(big.token);
    if (i < options.warmup) continue;
    health.push(h.ms);
    smallPages.push(s);
    bigPages.push(b);
  }

  const h = summarize(health);
  const s = summarize(smallPages.map((r) => r.ms));
  const b = summarize(bigPages.map((r) => r.ms));
  const last = (pages: Timed<TaskPage>[]) => pages.at(-1)!;
  const trips = (pages: Timed<TaskPage>[]) => last(pages).roundTrips?.total ?? Number.NaN;
  const dbMs = (pages: Timed<TaskPage>[]) => summarize(pages.map((p) => p.roundTrips?.dbMs ?? Number.NaN)).median;
  const line = (x: typeof s) => `median ${ms(x.median)}, p95 ${ms(x.p95)}`;
  return {
    title: `10. Filtered, sorted task page (${LISTING_QUERY}), 100,000 vs 100 tasks, vs GET /api/health, interleaved`,
    rows: [
      infoRow("GET /api/health", line(h)),
      infoRow(`page, ${SMALL} tasks (${last(smallPages).body.count} match)`, line(s)),
      infoRow(`page, ${BIG.toLocaleString("en-US")} tasks (${last(bigPages).body.count} match)`, line(b)),
      targetRow("100,000-task page ÷ 100-task page (medians)", b.median / s.median, 1.5, ratio),
      targetRow("100,000-task page ÷ GET /api/health (medians)", b.median / h.median, 3, ratio),
      infoRow("round trips (100 / 100,000 tasks)", `${trips(smallPages)} / ${trips(bigPages)}`),
      infoRow("time in the database (medians, 100 / 100,000 tasks)", `${ms(dbMs(smallPages))} / ${ms(dbMs(bigPages))}`),
    ],
    notes: [`seeded ${BIG.toLocaleString("en-US")} tasks in one INSERT … SELECT in ${ms(seedMs)}`],
    data: { health: h, small: s, big: b, seedMs },
  };
}
