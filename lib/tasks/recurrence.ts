// Repeating tasks: RFC 5545 RRULEs (through rrule) in and out, the English phrases people use
// ("every Monday", "every 2 weeks", "every weekday", "monthly on the 1st", "daily") read by a
// small grammar of our own (chrono ignores "every"), and the next occurrence in the user's zone.
import { type Options, RRule } from "rrule";
import { zonedParts, zonedTime } from "./when";

export type RecurrenceResult = { ok: true; rule: string } | { ok: false; message: string };

const ALLOWED_FREQS = new Set([RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY]);
const DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
const DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const UNIT_FREQ: Record<string, string> = { day: "DAILY", week: "WEEKLY", month: "MONTHLY", year: "YEARLY" };
const ADVERB_FREQ: Record<string, string> = {
  daily: "DAILY",
  weekly: "WEEKLY",
  monthly: "MONTHLY",
  yearly: "YEARLY",
  annually: "YEARLY",
  fortnightly: "WEEKLY;INTERVAL=2",
};
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, other: 2 };

// "monday", "mondays", "mon", "tues", "thurs"
function dayCode(word: string): string | undefined {
  const w = word.replace(/s$/, "");
  const i = w.length >= 3 ? DAY_NAMES.findIndex((d) => d.startsWith(w)) : -1;
  return i >= 0 ? DAY_CODES[i] : undefined;
}

function ordinal(word: string): number | undefined {
  if (/^last$/i.test(word)) return -1;
  const n = Number(word.replace(/(st|nd|rd|th)$/i, ""));
  return Number.isInteger(n) && n >= 1 && n <= 31 ? n : undefined;
}

/** The English phrases of the spec, as RRULE text (no DTSTART), or undefined. */
export function phraseToRule(phrase: string): string | undefined {
  const p = phrase
    .toLowerCase()
    .replace(/^(repeat(s|ing)?|recurring)\s+/, "")
    .replace(/[.!]+$/, "")
    .trim();
  if (ADVERB_FREQ[p]) return `FREQ=${ADVERB_FREQ[p]}`;
  if (p === "every weekday" || p === "every weekdays" || p === "weekdays" || p === "on weekdays")
    return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
  if (p === "every weekend" || p === "weekends" || p === "on weekends") return "FREQ=WEEKLY;BYDAY=SA,SU";

  // "monthly on the 1st", "every month on the 15th", "on the last day of every month"
  const monthDay =
    /^(?:monthly|every month) on the (\w+)(?: day)?$/.exec(p) ??
    /^on the (\w+)(?: day)? of (?:every|each) month$/.exec(p);
  if (monthDay) {
    const n = ordinal(monthDay[1] ?? "");
    return n === undefined ? undefined : `FREQ=MONTHLY;BYMONTHDAY=${n}`;
  }

  // "every day", "every 2 weeks", "every other month", "every three days"
  const every = /^every (?:(\d{1,3}|one|two|three|four|five|six|other) )?(day|week|month|year)s?$/.exec(p);
  if (every) {
    const n = every[1] ? (NUMBER_WORDS[every[1]] ?? Number(every[1])) : 1;
    if (!n) return undefined;
    return `FREQ=${UNIT_FREQ[every[2] ?? ""]}${n > 1 ? `;INTERVAL=${n}` : ""}`;
  }

  // "every Monday", "every mon, wed and fri", "every other Tuesday", "weekly on Friday", "mondays"
  const days = /^(?:every (other |2 )?|weekly on |on )?([a-z, ]+?)$/.exec(p);
  if (days) {
    const words = (days[2] ?? "").split(/\s*(?:,|\band\b|&)\s*|\s+/).filter(Boolean);
    const codes = words.map(dayCode);
    const plural = words.every((w) => w.endsWith("s"));
    if (codes.length > 0 && codes.every(Boolean) && (p.startsWith("every") || p.startsWith("weekly") || plural)) {
      const unique = DAY_CODES.filter((c) => codes.includes(c));
      return `FREQ=WEEKLY${days[1] ? ";INTERVAL=2" : ""};BYDAY=${unique.join(",")}`;
    }
  }
  return undefined;
}

function parseRule(text: string): Partial<Options> | string {
  let options: Partial<Options>;
  try {
    options = RRule.parseString(text.replace(/^RRULE:/i, ""));
  } catch (error) {
    return error instanceof Error ? error.message.replace(/'/g, '"') : "is not a valid RRULE";
  }
  if (options.freq === undefined) return "needs a FREQ";
  if (!ALLOWED_FREQS.has(options.freq)) return "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY";
  const days = options.byweekday;
  if (Array.isArray(days) && days.some((d) => d === undefined)) return "has an unknown BYDAY day";
  if (options.byhour != null || options.byminute != null || options.bysecond != null)
    return "BYHOUR, BYMINUTE and BYSECOND are not supported";
  if (options.interval !== undefined && (options.interval < 1 || options.interval > 1000))
    return "INTERVAL must be between 1 and 1000";
  if (options.count !== undefined && options.count !== null && (options.count < 1 || options.count > 10000))
    return "COUNT must be between 1 and 10000";
  return options;
}

const ruleText = (options: Partial<Options>) =>
  new RRule({ ...options, dtstart: null }).toString().replace(/^RRULE:/, "");

/** Reads a recurrence: an RRULE (`FREQ=WEEKLY;BYDAY=MO`) or an English phrase ("every Monday"). */
export function parseRecurrence(input: string): RecurrenceResult {
  const text = input.trim();
  if (!text) return { ok: false, message: "must not be empty" };
  if (text.length > 200) return { ok: false, message: "must be at most 200 characters" };
  const rule = /^(RRULE:)?FREQ=/i.test(text) || /^[A-Z]+=/.test(text) ? text.toUpperCase() : phraseToRule(text);
  if (!rule)
    return { ok: false, message: `cannot read "${text}" as a repeat rule (try "every Monday", "daily" or an RRULE)` };
  const options = parseRule(rule);
  if (typeof options === "string") return { ok: false, message: options };
  return { ok: true, rule: ruleText(options) };
}

/** "every week on Monday", from the stored rule. */
export function recurrenceText(rule: string | null): string | null {
  if (!rule) return null;
  const options = parseRule(rule);
  return typeof options === "string" ? null : new RRule({ ...options, dtstart: null }).toText();
}

// rrule computes in "UTC as local time": the zone's wall clock goes in as UTC fields and comes
// back out the same way, so "every day at 9:00" stays at 9:00 across a DST change.
function floating(at: Date, zone: string): Date {
  const p = zonedParts(at, zone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}
const unfloat = (f: Date, zone: string) =>
  zonedTime(
    zone,
    f.getUTCFullYear(),
    f.getUTCMonth() + 1,
    f.getUTCDate(),
    f.getUTCHours(),
    f.getUTCMinutes(),
    f.getUTCSeconds(),
  );

function ruleFrom(rule: string, start: Date, zone: string): RRule | undefined {
  const options = parseRule(rule);
  if (typeof options === "string") return undefined;
  return new RRule({ ...options, dtstart: floating(start, zone) });
}

/** The first occurrence on or after `from` (a task given a rule but no due date starts here). */
export function firstOccurrence(rule: string, from: Date, zone: string): Date | null {
  const r = ruleFrom(rule, from, zone);
  const first = r?.after(floating(from, zone), true);
  return first ? unfloat(first, zone) : null;
}

/**
 * The occurrence after `due` and the rule the next task carries: a COUNT is spent one occurrence
 * at a time (COUNT=1 has no next), an UNTIL ends the series. Null when the series is over.
 */
export function nextOccurrence(rule: string, due: Date, zone: string): { at: Date; rule: string } | null {
  const options = parseRule(rule);
  if (typeof options === "string") return null;
  if (options.count != null && options.count <= 1) return null;
  const r = new RRule({ ...options, count: null, dtstart: floating(due, zone) });
  const next = r.after(floating(due, zone), false);
  if (!next) return null;
  const nextRule = options.count != null ? ruleText({ ...options, count: options.count - 1 }) : rule;
  return { at: unfloat(next, zone), rule: nextRule };
}
