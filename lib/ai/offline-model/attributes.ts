/**
 * The offline model's reading of what surrounds a task's title: when it is due ("tomorrow at 9",
 * "by Friday"), how urgent it is ("urgent", "high priority", "p2"), its tags ("#errands", "tag it
 * work") and how it repeats ("every Monday"). Dates stay phrases: the task service reads them in
 * the user's zone, through the same parser as every other door.
 */
import * as chrono from "chrono-node";
import { phraseToRule } from "@/lib/tasks/recurrence";
import { parseWhen } from "@/lib/tasks/when";

type Priority = "low" | "medium" | "high";

export interface TaskAttributes {
  due_at?: string;
  remind_at?: string;
  priority?: Priority;
  tags?: string[];
  recurrence?: string;
}

const PRIORITY_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => Priority]> = [
  [/\b(?:with\s+|at\s+|as\s+)?(?:an?\s+)?(high|medium|low|top)[\s-]+priority\b/i, (m) => level(m[1])],
  [/\b(?:with\s+)?priority\s*(?::|is|of|to)?\s*(high|medium|low)\b/i, (m) => level(m[1])],
  [/\b(?:it'?s\s+|as\s+)?(urgent|urgently|asap|important)\b/i, () => "high"],
  [/\b(p[1-3])\b/i, (m) => (({ p1: "high", p2: "medium", p3: "low" }) as const)[m[1]!.toLowerCase() as "p1"]],
];
const level = (word = ""): Priority => (word.toLowerCase() === "top" ? "high" : (word.toLowerCase() as Priority));

const TAG_WORD = "[\\p{L}\\p{N}_-]{1,32}";
const HASHTAG = new RegExp(`(?:^|\\s)#(${TAG_WORD})`, "gu");
const TAG_IT = new RegExp(
  `,?\\s*(?:and\\s+)?\\btag(?:ged)?\\s+(?:it\\s+|this\\s+|them\\s+)?(?:as\\s+|with\\s+)?(${TAG_WORD}(?:\\s*(?:,|and)\\s*${TAG_WORD})*)`,
  "iu",
);

const DAY = "(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?";
const REPEAT = new RegExp(
  `,?\\s*\\b(?:repeat(?:ing|s)?\\s+)?(every\\s+(?:other\\s+|\\d{1,3}\\s+)?(?:day|week|month|year|weekday|weekend|${DAY})s?` +
    `(?:(?:\\s*,\\s*|\\s+and\\s+)${DAY})*(?:\\s+on\\s+the\\s+\\w+(?:\\s+day)?)?|daily|weekly|fortnightly|yearly|annually|` +
    `monthly(?:\\s+on\\s+the\\s+\\w+(?:\\s+day)?)?|on\\s+weekdays)\\b`,
  "i",
);
const WEEKDAY_IN = new RegExp(`\\b${DAY}\\b`, "i");
// ", remind me at 8" after the title: the time that follows is the reminder (and the due time).
export const REMIND_ME = /,?\s*(?:and\s+)?\bremind\s+me\b(?=\s+(?:at|on|in|by|tomorrow|today|tonight|next)\b)/i;

function cut(text: string, start: number, length: number): string {
  return (text.slice(0, start) + " " + text.slice(start + length)).replace(/\s+/g, " ").trim();
}

/** Connectors left dangling once a date is cut out: "call mom (on) (by) …". */
const DANGLING = /\s+(?:on|by|at|for|due|before|until|with|and|,)+$/i;

/**
 * Splits "call the dentist tomorrow at 9 with high priority #health" into the title and its
 * attributes. `reminder`: the person said "remind me", so the due time is also the reminder.
 */
export function extractAttributes(text: string, reminder = false): { title: string } & TaskAttributes {
  let rest = text;
  const attributes: TaskAttributes = {};

  const remindMe = REMIND_ME.exec(rest);
  if (remindMe) {
    reminder = true;
    rest = cut(rest, remindMe.index, remindMe[0].length);
  }

  const repeat = REPEAT.exec(rest);
  const rule = repeat?.[1] && phraseToRule(repeat[1]);
  if (repeat && rule) {
    attributes.recurrence = repeat[1];
    rest = cut(rest, repeat.index, repeat[0].length);
  }

  for (const [pattern, read] of PRIORITY_PATTERNS) {
    const match = pattern.exec(rest);
    if (match) {
      attributes.priority = read(match);
      rest = cut(rest, match.index, match[0].length);
      break;
    }
  }

  const tags = [...rest.matchAll(HASHTAG)].map((m) => m[1]!);
  rest = rest.replace(HASHTAG, " ").replace(/\s+/g, " ").trim();
  const tagIt = TAG_IT.exec(rest);
  if (tagIt?.[1]) {
    tags.push(...tagIt[1].split(/\s*(?:,|\band\b)\s*/i).filter(Boolean));
    rest = cut(rest, tagIt.index, tagIt[0].length);
  }
  if (tags.length > 0) attributes.tags = [...new Set(tags)];

  const [date] = chrono.parse(rest, new Date(), { forwardDate: true });
  // A date inside a title ("plan the March budget") stays in it: only one at the end, or after
  // "on"/"by"/"due"…, is the task's date.
  const placed =
    date &&
    (/^[\s,.!?]*$/.test(rest.slice(date.index + date.text.length)) ||
      /\b(?:on|by|at|due|before|until|for)\s*$/i.test(rest.slice(0, date.index)));
  if (date && placed && parseWhen(date.text, "UTC").ok) {
    const onlyTime = !date.start.isCertain("day") && !date.start.isCertain("weekday");
    const weekday = attributes.recurrence && WEEKDAY_IN.exec(attributes.recurrence)?.[0];
    // "every Monday at 9": the first one is a Monday at 9, not today at 9.
    const phrase = onlyTime && weekday ? `${weekday.replace(/s$/i, "")} ${date.text}` : date.text;
    attributes.due_at = phrase;
    if (reminder) attributes.remind_at = phrase;
    rest = cut(rest, date.index, date.text.length).replace(DANGLING, "");
  }
  return { title: rest.replace(DANGLING, "").replace(/^[\s,]+|[\s,]+$/g, ""), ...attributes };
}

/** "urgent" → high, "low priority" → low; for "make the rent one urgent". */
export function priorityIn(text: string): Priority | undefined {
  for (const [pattern, read] of PRIORITY_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return read(match);
  }
  return undefined;
}
