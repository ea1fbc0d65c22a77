/**
 * String helpers for the phrasing parser: normalising what people type, keeping quoted titles
 * intact while splitting sentences, and tidying titles.
 */

/** Curly quotes and odd spaces from phone keyboards would otherwise defeat every pattern. */
export function normalize(text: string): string {
  return text
    .replace(/[‘’ʼ`]/g, "'")
    .replace(/[“”„«»]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

interface Span {
  start: number;
  end: number;
  inner: string;
}

/**
 * Quoted spans: "double" anywhere, 'single' only when the quotes stand outside words, so that
 * apostrophes ("mom's", "I'm") are not mistaken for quotes while 'Mom's birthday' still is one.
 */
const QUOTED = /"([^"]+)"|(?<![\p{L}\p{N}])'(.+?)'(?![\p{L}\p{N}])/gu;

export function quotedSpans(text: string): Span[] {
  return [...text.matchAll(QUOTED)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    inner: m[1] ?? m[2] ?? "",
  }));
}

/** The text with every quoted span blanked out (same length), so separators inside quotes are ignored. */
function maskQuotes(text: string): string {
  let masked = text;
  for (const span of quotedSpans(text)) {
    masked = masked.slice(0, span.start) + "\u0000".repeat(span.end - span.start) + masked.slice(span.end);
  }
  return masked;
}

/** Every match of `separator` (a global regex) that lies outside quotes, as [start, end] offsets. */
export function separatorsOutsideQuotes(text: string, separator: RegExp): Array<[number, number]> {
  return [...maskQuotes(text).matchAll(separator)]
    .filter((m) => m[0].length > 0)
    .map((m) => [m.index, m.index + m[0].length]);
}

export function splitOutsideQuotes(text: string, separator: RegExp): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const [from, to] of separatorsOutsideQuotes(text, separator)) {
    pieces.push(text.slice(start, from));
    start = to;
  }
  pieces.push(text.slice(start));
  return pieces.map((piece) => piece.trim()).filter((piece) => piece !== "");
}

/** The inside of `text` if the whole of it is one quoted span. */
export function wholeQuote(text: string): string | undefined {
  const trimmed = text.trim();
  const [span] = quotedSpans(trimmed);
  return span && span.start === 0 && span.end === trimmed.length ? span.inner.trim() : undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "... to my list", "... on my todo list", "... for me": words about the list, not the task. */
const TRAILING_LIST_FILLER =
  /\s+(?:to|on|onto|in|into|for|from|off)\s+(?:my|the|our)\s+(?:(?:todo|to-do|to do|task|tasks|shopping|grocery)\s+)?(?:list|tasks|todos|to-dos|agenda)$/i;
const TRAILING_POLITENESS =
  /[\s,]*(?:\bplease\b|\bpls\b|\bthanks\b|\bthank you\b|\bfor me\b|\bas a (?:task|todo|to-do)\b)$/i;
const TRAILING_PUNCTUATION = /[\s.,;:!?…]+$/;

/** Strips list filler, politeness and punctuation from the end, as often as they repeat. */
export function stripTrailingFiller(text: string): string {
  let current = text.trim();
  for (;;) {
    const next = current
      .replace(TRAILING_PUNCTUATION, "")
      .replace(TRAILING_LIST_FILLER, "")
      .replace(TRAILING_POLITENESS, "")
      .trim();
    if (next === current) return current;
    current = next;
  }
}

/**
 * A task title from what the user typed: quoted titles are kept verbatim; otherwise filler is
 * dropped ("I need to", "to my list", "please", trailing punctuation) and the first letter is
 * capitalised.
 */
export function cleanTitle(raw: string): string {
  const quoted = wholeQuote(stripTrailingFiller(raw)) ?? wholeQuote(raw);
  if (quoted !== undefined) return quoted;
  const title = stripTrailingFiller(raw)
    .replace(/^(?:that\s+)?(?:i\s+(?:need|have|must|should|want)\s+to|i\s+must|to)\s+/i, "")
    .replace(/^[\s:\-–—]+/, "");
  return capitalize(title.trim());
}

/** Descriptions are kept as typed, minus surrounding quotes and a final full stop. */
export function cleanDescription(raw: string): string {
  const trimmed = raw.trim().replace(/^[:\-–—]\s*/, "");
  const quoted = wholeQuote(trimmed.replace(/[.!]+$/, ""));
  if (quoted !== undefined) return quoted;
  return trimmed.replace(/[\s.!]+$/, "").replace(/[\s,]*\bplease$/i, "");
}
