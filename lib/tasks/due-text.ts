// Due dates in words, in the user's zone: "today at 9:00", "tomorrow", "Friday at 15:30",
// "Jun 3". Shared by the assistant's replies, ChatKit widgets, tool cards and the tasks page.
import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export type DueParts = { day: string; time: string | null; overdue: boolean };

/** The day ("today", "tomorrow", "Friday", "Jun 3", "Jun 3, 2028") and time ("9:00") apart. */
export function dueParts(dueAt: string | Date, allDay: boolean, zone: string, now: Date = new Date()): DueParts {
  const due = new TZDate(new Date(dueAt).getTime(), zone);
  const today = new TZDate(now.getTime(), zone);
  const days = differenceInCalendarDays(due, today);
  const day =
    days === 0
      ? "today"
      : days === 1
        ? "tomorrow"
        : days === -1
          ? "yesterday"
          : days > 1 && days < 7
            ? (WEEKDAYS[due.getDay()] ?? "")
            : `${MONTHS[due.getMonth()]} ${due.getDate()}${due.getFullYear() === today.getFullYear() ? "" : `, ${due.getFullYear()}`}`;
  const time = allDay ? null : `${due.getHours()}:${String(due.getMinutes()).padStart(2, "0")}`;
  const overdue = allDay ? days < 0 : due.getTime() < now.getTime();
  return { day, time, overdue };
}

/** "tomorrow at 9:00", "Friday", "Jun 3 at 14:30" — for sentences. */
export function describeDue(dueAt: string | Date, allDay: boolean, zone: string, now: Date = new Date()): string {
  const { day, time } = dueParts(dueAt, allDay, zone, now);
  return time ? `${day} at ${time}` : day;
}

/** "Tomorrow 9:00", "Friday", "Jun 3 14:30" — for labels. */
export function dueLabel(dueAt: string | Date, allDay: boolean, zone: string, now: Date = new Date()): string {
  const { day, time } = dueParts(dueAt, allDay, zone, now);
  const capitalized = day.charAt(0).toUpperCase() + day.slice(1);
  return time ? `${capitalized} ${time}` : capitalized;
}
