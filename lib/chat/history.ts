import type { HistoryRow } from "./conversations";

/** A rough token estimate (≈ 4 characters per token), good enough for budgeting history. */
export function estimateTokens(row: Pick<HistoryRow, "content" | "parts">): number {
  const size = row.parts.length > 0 ? JSON.stringify(row.parts).length : row.content.length;
  return Math.ceil(size / 4);
}

/**
 * The most recent messages that fit the token budget, oldest first. `newestFirst` comes from
 * the bounded history query. The window starts at a user message, as chat models expect.
 */
export function fitHistory(newestFirst: HistoryRow[], budget: number): HistoryRow[] {
  const window: HistoryRow[] = [];
  let used = 0;
  for (const row of newestFirst) {
    used += estimateTokens(row);
    if (used > budget) break;
    window.push(row);
  }
  window.reverse();
  while (window.length > 0 && window[0]!.role !== "user") window.shift();
  return window;
}
