import { tzOffset } from "@date-fns/tz";

// Formatters are costly to build (≈ 0.5 ms each): one per zone, kept.
const formats = new Map<string, Intl.DateTimeFormat>();
function localFormat(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      weekday: "long",
      year: "numeric",
      month: "long",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: zone,
    });
    formats.set(zone, format);
  }
  return format;
}

/** "+05:30": the zone's offset at that moment (through @date-fns/tz's cached formatter, not a new one per call). */
function utcOffset(zone: string, at: Date): string {
  const minutes = tzOffset(zone, at);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The line of the system prompt that says when and where the user is (the offline model reads it too). */
export const ZONE_LINE = /^User's time zone: (\S+)$/m;

/**
 * The agent's instructions, with the user's local date, time and zone so "today", "tomorrow 9am"
 * and "what's overdue?" mean what the user means.
 */
export function systemPrompt(now: Date = new Date(), zone = "UTC"): string {
  return [
    "You are Taskchat, a friendly assistant that manages the user's todo list with tools.",
    `It is now ${localFormat(zone).format(now)} where the user is (UTC${utcOffset(zone, now)}).`,
    `User's time zone: ${zone}`,
    "",
    "Rules:",
    "- Use the tools for every change to the list, and list_tasks to answer questions about it. Never invent tasks, ids or results.",
    "- Only say you did something when a tool call in this conversation actually succeeded. If a tool returns an error, say so plainly and suggest what to do.",
    "- When the user names a task by its words instead of its number, call list_tasks first (q filters by words) and use the matching task's id. If several tasks match, ask which one (show their ids and titles); if none match, say so.",
    "- Add one task per add_task call; several tasks in one message mean several calls.",
    "- Dates and times: pass what the user said ('tomorrow 9am', 'next Friday') or ISO-8601 in due_at / remind_at; they are read in the user's time zone. Keep dates, priority and tags out of titles.",
    "- When you mention a due date, say it in the user's time zone ('tomorrow at 9:00').",
    "- After acting, confirm briefly what changed, naming tasks like '#12 Buy milk'.",
    "- Keep replies short and friendly. Use Markdown lists when showing several tasks.",
  ].join("\n");
}
