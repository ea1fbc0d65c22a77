// The machine the figures come from, and the PostgreSQL facts that bound them.
import { readFileSync } from "node:fs";
import os from "node:os";
import type { BenchServer } from "./server";
import { median } from "./stats";

export type Machine = {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  loadAverage: number[];
  /** Median time of a one-row INSERT that commits (waits for the WAL flush), and of SELECT 1. */
  commitMs: number;
  selectMs: number;
};

function cpuModel(): string {
  try {
    return (
      /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? os.cpus()[0]?.model ?? "?"
    );
  } catch {
    return os.cpus()[0]?.model ?? "?";
  }
}

/** Machine facts, and how long a commit takes on this PostgreSQL (its disk flush). */
export async function describeMachine(server: BenchServer): Promise<Machine> {
  const query = server.query!;
  const { rows } = await query<{ server_version: string }>("SHOW server_version");
  await query("CREATE TABLE IF NOT EXISTS bench_commit_probe (id serial PRIMARY KEY, at timestamptz DEFAULT now())");
  const commit: number[] = [];
  const select: number[] = [];
  for (let i = 0; i < 60; i++) {
    let started = performance.now();
    await query("INSERT INTO bench_commit_probe DEFAULT VALUES");
    commit.push(performance.now() - started);
    started = performance.now();
    await query("SELECT 1");
    select.push(performance.now() - started);
  }
  await query("DROP TABLE bench_commit_probe");
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: rows[0]!.server_version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    commitMs: median(commit),
    selectMs: median(select),
  };
}

export function formatMachine(m: Machine): string {
  return [
    `machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB RAM, Node ${m.node}, PostgreSQL ${m.postgres}`,
    `load average at start: ${m.loadAverage.join(", ")} (other work on the machine shows up as noise)`,
    `PostgreSQL: a committed one-row INSERT takes ${m.commitMs.toFixed(2)} ms (WAL flush), SELECT 1 ${m.selectMs.toFixed(2)} ms`,
  ].join("\n");
}
