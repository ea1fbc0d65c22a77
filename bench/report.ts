// What a scenario reports: rows for the printed table (some with a target), and raw figures
// for bench/results.json.

export type Row = {
  metric: string;
  value: string;
  /** `≤ 3×`, `0`…; rows without a target are for the record. */
  target?: string;
  pass?: boolean;
};

export type ScenarioResult = { title: string; rows: Row[]; data: Record<string, unknown>; notes?: string[] };

export function targetRow(metric: string, value: number, max: number, format: (v: number) => string): Row {
  return { metric, value: format(value), target: `≤ ${format(max)}`, pass: value <= max };
}

export function infoRow(metric: string, value: string): Row {
  return { metric, value };
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - [...text].length));
}

/** A plain-text table: one section per scenario, PASS/FAIL beside every target. */
export function formatTable(results: ScenarioResult[]): string {
  const all = results.flatMap((r) => r.rows);
  const w = {
    metric: Math.max(6, ...all.map((r) => [...r.metric].length)),
    value: Math.max(5, ...all.map((r) => [...r.value].length)),
    target: Math.max(6, ...all.map((r) => [...(r.target ?? "")].length)),
  };
  const line = (metric: string, value: string, target: string, verdict: string) =>
    `  ${pad(metric, w.metric)}  ${pad(value, w.value)}  ${pad(target, w.target)}  ${verdict}`.trimEnd();
  const out: string[] = [];
  for (const result of results) {
    out.push("", result.title);
    for (const row of result.rows) {
      out.push(line(row.metric, row.value, row.target ?? "", row.pass === undefined ? "" : row.pass ? "PASS" : "FAIL"));
    }
    for (const note of result.notes ?? []) out.push(`  · ${note}`);
  }
  return out.join("\n");
}
