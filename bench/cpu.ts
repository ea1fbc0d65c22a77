// A process's CPU time from /proc (Linux): what a request costs the server, beside how long it took.
import { readFileSync } from "node:fs";

/** A process's CPU time so far (user + system, ms) from /proc/<pid>/stat; undefined off Linux. */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
  } catch {
    return undefined;
  }
}

/** CPU ms per unit of work that `run` made `pid` spend. */
export async function cpuPer(pid: number | undefined, units: number, run: () => Promise<void>): Promise<number> {
  const before = cpuMs(pid);
  await run();
  const after = cpuMs(pid);
  return before === undefined || after === undefined ? Number.NaN : (after - before) / units;
}

/**
 * The CPU one kind of request costs the server, summed over requests made one at a time: each
 * reading is in 10 ms ticks, but over many requests the ticks average out to the mean.
 */
export class CpuTally {
  private readonly totals = new Map<string, { ms: number; count: number }>();
  constructor(private readonly pid: number | undefined) {}

  async measure<T>(kind: string, run: () => Promise<T>): Promise<T> {
    const before = cpuMs(this.pid);
    const result = await run();
    const after = cpuMs(this.pid);
    if (before !== undefined && after !== undefined) {
      const total = this.totals.get(kind) ?? { ms: 0, count: 0 };
      this.totals.set(kind, { ms: total.ms + after - before, count: total.count + 1 });
    }
    return result;
  }

  /** Mean CPU ms per request of `kind` (NaN when unknown). */
  mean(kind: string): number {
    const total = this.totals.get(kind);
    return total ? total.ms / total.count : Number.NaN;
  }
}
