import { describe, expect, it } from "vitest";
import { describeDue, dueLabel } from "@/lib/tasks/due-text";
import { firstOccurrence, nextOccurrence, parseRecurrence, recurrenceText } from "@/lib/tasks/recurrence";
import { prioritySchema, tagsSchema } from "@/lib/tasks/schemas";
import { parseWhen } from "@/lib/tasks/when";

// Wednesday 2 December 2026, 19:30 UTC: 00:30 on Thursday 3 December in Karachi (UTC+5),
// 11:30 on Wednesday 2 December in Los Angeles (UTC-8).
const NOW = new Date("2026-12-02T19:30:00Z");
const KARACHI = "Asia/Karachi";
const LA = "America/Los_Angeles";

function when(input: string, zone: string, now = NOW) {
  const result = parseWhen(input, zone, now);
  if (!result.ok) throw new Error(result.message);
  return { at: result.when.at.toISOString(), allDay: result.when.allDay };
}

describe("dates read in the user's zone", () => {
  it.each([
    ["tomorrow 5pm", KARACHI, "2026-12-04T12:00:00.000Z", false],
    ["tomorrow 5pm", LA, "2026-12-04T01:00:00.000Z", false],
    ["tomorrow at 9", KARACHI, "2026-12-04T04:00:00.000Z", false],
    ["tomorrow at 9", LA, "2026-12-03T17:00:00.000Z", false],
    ["June 3", KARACHI, "2027-06-02T19:00:00.000Z", true],
    ["June 3", LA, "2027-06-03T07:00:00.000Z", true],
    ["2026-12-10", KARACHI, "2026-12-09T19:00:00.000Z", true],
    ["2026-12-10T09:00", LA, "2026-12-10T17:00:00.000Z", false],
    ["2026-12-10T09:00:00+02:00", LA, "2026-12-10T07:00:00.000Z", false],
    ["in 2 hours", KARACHI, "2026-12-02T21:30:00.000Z", false],
    ["due Friday 3pm", LA, "2026-12-04T23:00:00.000Z", false],
  ])("%s in %s → %s", (input, zone, at, allDay) => {
    expect(when(input, zone)).toEqual({ at, allDay });
  });

  it("reads the same phrase as different instants in Karachi and Los Angeles", () => {
    expect(when("today", KARACHI)).toEqual({ at: "2026-12-02T19:00:00.000Z", allDay: true }); // Thu 3 Dec
    expect(when("today", LA)).toEqual({ at: "2026-12-02T08:00:00.000Z", allDay: true }); // Wed 2 Dec
  });

  it('"today" just after local midnight is the new day', () => {
    const justAfterMidnight = new Date("2026-12-03T08:05:00Z"); // 00:05 on 3 Dec in Los Angeles
    expect(when("today", LA, justAfterMidnight)).toEqual({ at: "2026-12-03T08:00:00.000Z", allDay: true });
    expect(when("today 9am", LA, justAfterMidnight).at).toBe("2026-12-03T17:00:00.000Z");
  });

  it("keeps wall-clock times across a DST change", () => {
    // Los Angeles moves to PDT (UTC-7) on Sunday 14 March 2027.
    const saturday = new Date("2027-03-13T18:00:00Z");
    expect(when("tomorrow 9am", LA, saturday).at).toBe("2027-03-14T16:00:00.000Z");
    expect(when("today 9am", LA, saturday).at).toBe("2027-03-13T17:00:00.000Z");
  });

  it('reads "next Friday" said on a Wednesday as the coming Friday', () => {
    expect(when("next Friday", LA)).toEqual({ at: "2026-12-04T08:00:00.000Z", allDay: true });
  });

  it.each(["2026-02-30", "someday maybe", "99999-01-01", "0001-01-01", "2026-13-01", "buy milk tomorrow", ""])(
    "refuses %j",
    (input) => {
      expect(parseWhen(input, LA, NOW).ok).toBe(false);
    },
  );
});

describe("repeat rules", () => {
  it.each([
    ["every Monday", "FREQ=WEEKLY;BYDAY=MO", "every week on Monday"],
    ["every 2 weeks", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"],
    ["daily", "FREQ=DAILY", "every day"],
    ["every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday"],
    ["monthly on the 1st", "FREQ=MONTHLY;BYMONTHDAY=1", "every month on the 1st"],
    ["every mon, wed and fri", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "every week on Monday, Wednesday, Friday"],
    ["every other Tuesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "every 2 weeks on Tuesday"],
    ["every 3 days", "FREQ=DAILY;INTERVAL=3", "every 3 days"],
    ["yearly", "FREQ=YEARLY", "every year"],
    ["FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO", "every week on Monday"],
    ["rrule:freq=daily;count=3", "FREQ=DAILY;COUNT=3", "every day for 3 times"],
  ])("%s → %s (%s)", (input, rule, text) => {
    expect(parseRecurrence(input)).toEqual({ ok: true, rule });
    expect(recurrenceText(rule)).toBe(text);
  });

  it.each(["FREQ=SECONDLY", "FREQ=HOURLY", "someday", "FREQ=WEEKLY;BYDAY=XX", "FOO=1", "every blue moon"])(
    "refuses %s",
    (input) => {
      expect(parseRecurrence(input).ok).toBe(false);
    },
  );

  it("steps to the next occurrence in the user's zone, keeping 9:00 across DST", () => {
    const saturday9am = new Date("2027-03-13T17:00:00Z"); // 09:00 PST
    expect(nextOccurrence("FREQ=DAILY", saturday9am, LA)?.at.toISOString()).toBe("2027-03-14T16:00:00.000Z"); // 09:00 PDT
  });

  it("spends a COUNT one occurrence at a time and ends at UNTIL", () => {
    const monday = new Date("2026-12-07T09:00:00Z");
    expect(nextOccurrence("FREQ=WEEKLY;BYDAY=MO;COUNT=2", monday, "UTC")).toEqual({
      at: new Date("2026-12-14T09:00:00Z"),
      rule: "FREQ=WEEKLY;BYDAY=MO;COUNT=1",
    });
    expect(nextOccurrence("FREQ=WEEKLY;BYDAY=MO;COUNT=1", monday, "UTC")).toBeNull();
    expect(nextOccurrence("FREQ=DAILY;UNTIL=20261207T235959Z", monday, "UTC")).toBeNull();
  });

  it("starts a rule without a date at its first day from today", () => {
    expect(firstOccurrence("FREQ=WEEKLY;BYDAY=MO", new Date("2026-12-02T00:00:00Z"), "UTC")).toEqual(
      new Date("2026-12-07T00:00:00Z"),
    );
  });
});

describe("priorities and tags", () => {
  it.each([
    ["high", "high"],
    ["HIGH", "high"],
    ["p1", "high"],
    ["P2", "medium"],
    ["p3", "low"],
    ["none", "none"],
  ])("priority %s → %s", (input, priority) => {
    expect(prioritySchema.parse(input)).toBe(priority);
  });

  it("refuses an unknown priority", () => {
    expect(prioritySchema.safeParse("critical").success).toBe(false);
  });

  it.each([
    [
      ["work", "Errands"],
      ["work", "Errands"],
    ],
    ["work, errands", ["work", "errands"]],
    ["#work #errands", ["work", "errands"]],
    [
      ["Work", "work", "#home"],
      ["Work", "home"],
    ],
  ])("tags %j → %j", (input, tags) => {
    expect(tagsSchema.parse(input)).toEqual(tags);
  });

  it.each([[Array.from({ length: 11 }, (_, i) => `t${i}`)], [["x".repeat(33)]], [[""]], [["a,b"]]])(
    "refuses tags %j",
    (input) => {
      expect(tagsSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe("due dates in words", () => {
  it("names the day and time in the user's zone", () => {
    const due = new Date("2026-12-04T04:00:00Z"); // 09:00 Friday in Karachi
    expect(describeDue(due, false, KARACHI, NOW)).toBe("tomorrow at 9:00");
    expect(dueLabel(due, false, KARACHI, NOW)).toBe("Tomorrow 9:00");
    expect(describeDue(due, false, LA, NOW)).toBe("tomorrow at 20:00");
    expect(describeDue("2027-06-02T19:00:00.000Z", true, KARACHI, NOW)).toBe("Jun 3, 2027");
  });
});
