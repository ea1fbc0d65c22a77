// Dates and times as people write them, read in the user's IANA time zone. One module for every
// door (REST, chat tools, MCP, the offline model): chrono-node reads English phrases, @date-fns/tz
// places wall-clock times in the zone (DST-correct).
import { TZDate, tzOffset } from "@date-fns/tz";
import * as chrono from "chrono-node";
import { addDays, startOfDay } from "date-fns";

/** A resolved date: the instant, and whether it named a whole day (no time of day). */
export type When = { at: Date; allDay: boolean };

export type WhenResult = { ok: true; when: When } | { ok: false; message: string };

const MIN_YEAR = 1970;
const MAX_YEAR = 9999;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A date and time with an explicit offset (or Z): an instant whatever the user's zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
// A date and a time without an offset: wall-clock time in the user's zone.
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
// Phrases that name an amount of time from now: the instant matters, not the wall clock.
const FROM_NOW = /\b(hours?|hrs?|minutes?|mins?|seconds?|secs?|now)\b/i;
// What may surround the date in a phrase ("due tomorrow", "by Friday", "on June 3").
const FILLER = /^[\s,.]*(?:(?:due|by|on|at|for|until|before)\s*)*[\s,.]*$/i;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** The instant of a wall-clock time in a zone (the later one when a DST change skips it). */
export function zonedTime(zone: string, y: number, m: number, d: number, h = 0, min = 0, s = 0): Date {
  return new Date(new TZDate(y, m - 1, d, h, min, s, zone).getTime());
}

/** The start of the day `offset` days from `now`'s day, in the zone. */
export function startOfZonedDay(zone: string, now: Date, offset = 0): Date {
  return new Date(addDays(startOfDay(new TZDate(now.getTime(), zone)), offset).getTime());
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const fail = (message: string): WhenResult => ({ ok: false, message });

function fromComponents(zone: string, y: number, mo: number, d: number, time?: [number, number, number]): WhenResult {
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(`year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
  if (!validDate(y, mo, d)) return fail("is not a real date");
  if (!time) return { ok: true, when: { at: zonedTime(zone, y, mo, d), allDay: true } };
  const [h, mi, s] = time;
  if (h > 23 || mi > 59 || s > 59) return fail("is not a real time of day");
  return { ok: true, when: { at: zonedTime(zone, y, mo, d, h, mi, s), allDay: false } };
}

// chrono reads "next Friday" said on a Wednesday as the Friday of the following week; people
// mean the coming one (as "Friday" alone). On a Friday, "next Friday" stays a week away.
function comingWeekday(text: string, zone: string, now: Date): string {
  const today = WEEKDAYS[new TZDate(now.getTime(), zone).getDay()];
  return text.replace(
    /\bnext\s+(sun|mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?)(day)?\b/gi,
    (all, stem: string) => {
      const day = WEEKDAYS.find((w) => w.startsWith(stem.toLowerCase().slice(0, 3)));
      return day && day !== today ? day : all;
    },
  );
}

/**
 * Reads a date: an ISO-8601 instant (with `Z` or an offset), `YYYY-MM-DD` (a whole day),
 * `YYYY-MM-DDTHH:mm` (wall clock), or an English phrase ("tomorrow 5pm", "next Friday",
 * "in 2 hours", "June 3"), in `zone` as of `now`.
 */
export function parseWhen(input: string, zone: string, now: Date = new Date()): WhenResult {
  const text = input.trim();
  if (!text) return fail("must not be empty");
  if (text.length > 100) return fail("must be at most 100 characters");

  const date = ISO_DATE.exec(text)?.slice(1).map(Number);
  if (date) return fromComponents(zone, date[0] ?? 0, date[1] ?? 0, date[2] ?? 0);
  const local = ISO_LOCAL.exec(text)
    ?.slice(1)
    .map((n) => Number(n ?? 0));
  if (local) {
    const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = local;
    return fromComponents(zone, y, mo, d, [h, mi, s]);
  }
  if (ISO_INSTANT.test(text)) {
    const at = new Date(text.replace(" ", "T"));
    const [y = 0, mo = 0, d = 0] = text.slice(0, 10).split("-").map(Number);
    if (Number.isNaN(at.getTime()) || !validDate(y, mo, d)) return fail("is not a real date");
    return { ok: true, when: { at, allDay: false } };
  }
  if (/^\d{4,}-/.test(text)) return fail("is not a valid ISO-8601 date");

  const reference = { instant: now, timezone: tzOffset(zone, now) };
  const phrase = comingWeekday(text, zone, now);
  const [result] = chrono.parse(phrase, reference, { forwardDate: true });
  const rest = result ? phrase.slice(0, result.index) + phrase.slice(result.index + result.text.length) : phrase;
  if (!result || !FILLER.test(rest)) return fail(`cannot read "${text}" as a date`);

  const start = result.start;
  if (FROM_NOW.test(result.text)) {
    const at = start.date();
    if (at.getUTCFullYear() > MAX_YEAR) return fail(`year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
    return { ok: true, when: { at, allDay: false } };
  }
  const y = start.get("year") ?? 0;
  const mo = start.get("month") ?? 0;
  const d = start.get("day") ?? 0;
  if (!start.isCertain("hour")) return fromComponents(zone, y, mo, d);
  return fromComponents(zone, y, mo, d, [start.get("hour") ?? 0, start.get("minute") ?? 0, start.get("second") ?? 0]);
}

/** The wall-clock parts of an instant in a zone. */
export function zonedParts(at: Date, zone: string) {
  const t = new TZDate(at.getTime(), zone);
  return {
    year: t.getFullYear(),
    month: t.getMonth() + 1,
    day: t.getDate(),
    hour: t.getHours(),
    minute: t.getMinutes(),
    second: t.getSeconds(),
    weekday: t.getDay(),
  };
}
