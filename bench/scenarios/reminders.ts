// 9: 1,000 reminders due in the same second across 3 `npm start` instances on one PostgreSQL,
// each running the reminder scheduler every REMINDER_POLL_MS: every one fired exactly once, the
// last within REMINDER_POLL_MS + 2 s of the second they were due.
import { setTimeout as sleep } from "node:timers/promises";
import { type Row, type ScenarioResult, infoRow, targetRow } from "../report";
import { type BenchServer, startPostgresServer, startSibling } from "../server";
import { ms } from "../stats";

const REMINDERS = 1000;
const USERS = 10;
const INSTANCES = 3;

export async function measureReminders(options: { pollMs: number }): Promise<ScenarioResult> {
  const env = { REMINDER_POLL_MS: String(options.pollMs) };
  const first = await startPostgresServer(env);
  const servers: BenchServer[] = [first];
  try {
    for (let i = 1; i < INSTANCES; i++) servers.push(await startSibling(first, env));
    const query = first.query!;
    await query(
      `INSERT INTO users (id, name, email, email_verified, created_at, updated_at)
       SELECT 'bench-reminders-' || n, 'Reminder user ' || n, 'reminders-' || n || '@example.com', true, now(), now()
       FROM generate_series(1, $1::int) n`,
      [USERS],
    );
    // All due in the same second, a few seconds from now: every scheduler is mid-cycle then.
    const { rows } = await query<{ due: Date }>(
      `WITH due AS (SELECT date_trunc('second', now()) + interval '4 seconds' AS at)
       INSERT INTO tasks (user_id, title, remind_at, updated_at)
       SELECT 'bench-reminders-' || (n % $2::int + 1), 'Reminder ' || n, due.at, now()
       FROM generate_series(1, $1::int) n, due
       RETURNING remind_at AS due`,
      [REMINDERS, USERS],
    );
    const dueAt = rows[0]!.due.getTime();
    const deadline = dueAt + options.pollMs + 15_000;
    let fired = 0;
    while (Date.now() < deadline) {
      await sleep(250);
      fired = Number((await query<{ n: string }>("SELECT count(*) AS n FROM notifications")).rows[0]!.n);
      if (fired >= REMINDERS) break;
    }
    await sleep(options.pollMs); // one more tick on every instance: nothing may fire twice
    const { rows: stats } = await query<{ total: string; tasks: string; last: Date; first: Date }>(
      `SELECT count(*) AS total, count(DISTINCT task_id) AS tasks, max(fired_at) AS last, min(fired_at) AS first
       FROM notifications`,
    );
    const s = stats[0]!;
    const total = Number(s.total);
    const distinct = Number(s.tasks);
    const lastMs = s.last ? s.last.getTime() - dueAt : Number.POSITIVE_INFINITY;
    const firstMs = s.first ? s.first.getTime() - dueAt : Number.POSITIVE_INFINITY;
    const rowsOut: Row[] = [
      {
        metric: `reminders fired / fired twice or more (of ${REMINDERS})`,
        value: `${distinct} / ${total - distinct}`,
        target: `${REMINDERS} / 0`,
        pass: distinct === REMINDERS && total === REMINDERS,
      },
      targetRow(
        `last fired after its due second (REMINDER_POLL_MS = ${options.pollMs})`,
        lastMs,
        options.pollMs + 2000,
        ms,
      ),
      infoRow("first fired after its due second", ms(firstMs)),
    ];
    return {
      title: `9. ${REMINDERS} reminders due in the same second, ${INSTANCES} instances on one PostgreSQL`,
      rows: rowsOut,
      data: { reminders: REMINDERS, instances: INSTANCES, pollMs: options.pollMs, total, distinct, lastMs, firstMs },
    };
  } finally {
    for (const server of servers.slice(1).reverse()) await server.stop();
    await first.close();
  }
}
