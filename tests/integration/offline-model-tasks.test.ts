import { generateText, stepCountIs } from "ai";
import { describe, expect, it } from "vitest";
import { createOfflineModel } from "@/lib/ai/offline-model";
import { systemPrompt } from "@/lib/ai/prompt";
import { describeDue } from "@/lib/tasks/due-text";
import { type TaskDto, addTask, listTasks, setTimezone } from "@/lib/tasks/service";
import { taskTools } from "@/lib/tasks/tools";
import { parseWhen } from "@/lib/tasks/when";
import { actor, createUser, setupTestDatabase } from "../helpers/in-process";

// The offline model through the real tools and service, judged by what the list holds afterwards.
setupTestDatabase("offline_model_tasks");

const ZONE = "Asia/Karachi";

async function say(userId: string, text: string): Promise<string> {
  const result = await generateText({
    model: createOfflineModel(),
    system: systemPrompt(new Date(), ZONE),
    messages: [{ role: "user", content: text }],
    tools: taskTools(userId, ZONE),
    stopWhen: stepCountIs(5),
  });
  return result.text;
}

const at = (phrase: string) => {
  const result = parseWhen(phrase, ZONE, new Date());
  if (!result.ok) throw new Error(result.message);
  return result.when.at.toISOString();
};

async function freshUser() {
  const user = await createUser();
  await setTimezone(user.id, ZONE);
  return user;
}

const only = async (userId: string): Promise<TaskDto> => {
  const { tasks } = await listTasks(userId);
  expect(tasks).toHaveLength(1);
  return tasks[0]!;
};

describe("the offline model, judged by the resulting tasks", () => {
  it.each<[string, Partial<TaskDto>]>([
    ["add call the dentist tomorrow at 9 with high priority", { title: "Call the dentist", priority: "high" }],
    ["remind me to call mom tomorrow at 6pm", { title: "Call mom" }],
    ["add buy milk #errands", { title: "Buy milk", tags: ["errands"] }],
    ["add file the taxes, urgent", { title: "File the taxes", priority: "high" }],
    ["add water the plants, low priority", { title: "Water the plants", priority: "low" }],
    [
      "add pay rent monthly on the 1st, tag it home",
      { title: "Pay rent", tags: ["home"], recurrence: "FREQ=MONTHLY;BYMONTHDAY=1" },
    ],
    [
      "add a task to take out the bins every Monday",
      { title: "Take out the bins", recurrence: "FREQ=WEEKLY;BYDAY=MO" },
    ],
    ["add stretch daily", { title: "Stretch", recurrence: "FREQ=DAILY" }],
    ["add submit report by Friday 5pm p2", { title: "Submit report", priority: "medium" }],
  ])("%s", async (text, expected) => {
    const user = await freshUser();
    await say(user.id, text);
    expect(await only(user.id)).toMatchObject(expected);
  });

  it("reads dates in the user's zone and says them back in it", async () => {
    const user = await freshUser();
    const reply = await say(user.id, "remind me to call the dentist tomorrow at 9");
    const task = await only(user.id);
    expect(task).toMatchObject({ due_at: at("tomorrow at 9"), remind_at: at("tomorrow at 9"), all_day: false });
    expect(reply).toContain("due tomorrow at 9:00");
  });

  it("answers what is due today, what is overdue, what is next, work tasks and a search", async () => {
    const user = await freshUser();
    const me = actor(user, "chat");
    const hoursAgo = new Date(Date.now() - 3 * 3600_000).toISOString();
    await addTask(me, { title: "Overdue thing", due_at: hoursAgo });
    await addTask(me, { title: "Dentist appointment", due_at: "tomorrow 10am", tags: ["health"] });
    await addTask(me, { title: "Quarterly report", tags: ["work"] });
    await addTask(me, { title: "Buy milk" });
    expect(await say(user.id, "what's overdue?")).toContain("Overdue thing");
    const work = await say(user.id, "show my work tasks");
    expect(work).toContain("Quarterly report");
    expect(work).not.toContain("Buy milk");
    const found = await say(user.id, "find the dentist one");
    expect(found).toContain("Dentist appointment");
    expect(found).not.toContain("Buy milk");
    const next = await say(user.id, "what's next?");
    expect(next.indexOf("Overdue thing")).toBeLessThan(next.indexOf("Dentist appointment"));
    expect(await say(user.id, "what's due tomorrow?")).toContain("Dentist appointment");
  });

  it("moves the dentist to Friday 3pm, makes the rent urgent and tags it", async () => {
    const user = await freshUser();
    const me = actor(user, "chat");
    await addTask(me, { title: "Call the dentist" });
    const reply = await say(user.id, "move the dentist to Friday 3pm");
    const task = await only(user.id);
    expect(task.due_at).toBe(at("Friday 3pm"));
    expect(reply).toContain(describeDue(task.due_at!, false, ZONE));
    await say(user.id, "make the dentist one urgent");
    await say(user.id, "tag the dentist one as health");
    expect(await only(user.id)).toMatchObject({ priority: "high", tags: ["health"] });
  });

  it("remind me to stretch in 10 minutes: a reminder ten minutes from now, said back in the user's zone", async () => {
    const user = await freshUser();
    const before = Date.now();
    const reply = await say(user.id, "remind me to stretch in 10 minutes");
    const after = Date.now();
    const task = await only(user.id);
    expect(task).toMatchObject({ title: "Stretch", completed: false });
    const remindAt = Date.parse(task.remind_at!);
    // "in 10 minutes" may drop the seconds: within a minute before and a second after.
    expect(remindAt).toBeGreaterThanOrEqual(before + 9 * 60_000);
    expect(remindAt).toBeLessThanOrEqual(after + 10 * 60_000 + 1000);
    // Karachi is UTC+5 all year: the reply's clock time is the reminder's there, not the server's.
    const karachi = new Date(remindAt + 5 * 3600_000);
    const clock = `${karachi.getUTCHours()}:${String(karachi.getUTCMinutes()).padStart(2, "0")}`;
    expect(reply).toContain(`due ${describeDue(task.remind_at!, false, ZONE)} · reminder then`);
    expect(reply).toContain(`at ${clock}`);
  });

  it("water the plants every Monday, remind me at 8: completing it moves the reminder to the next Monday at 8", async () => {
    const user = await freshUser();
    await say(user.id, "water the plants every Monday, remind me at 8");
    const task = await only(user.id);
    expect(task).toMatchObject({
      title: "Water the plants",
      recurrence: "FREQ=WEEKLY;BYDAY=MO",
      due_at: at("Monday at 8"),
      remind_at: at("Monday at 8"),
    });
    const reply = await say(user.id, "mark water the plants as done");
    const { tasks } = await listTasks(user.id, { status: "pending" });
    expect(tasks).toHaveLength(1);
    const next = tasks[0]!;
    const week = 7 * 24 * 3600_000;
    expect(Date.parse(next.remind_at!)).toBe(Date.parse(task.remind_at!) + week);
    expect(new Date(next.remind_at!).getUTCHours()).toBe(3); // 8:00 in Karachi
    expect(reply).toMatch(
      new RegExp(`Next one: #${next.id} .*due ${describeDue(next.due_at!, false, ZONE)} · reminder then`),
    );
  });

  it("completing a repeating task tells when the next one is due", async () => {
    const user = await freshUser();
    await addTask(actor(user, "chat"), { title: "Stretch", due_at: "today", recurrence: "FREQ=DAILY" });
    const reply = await say(user.id, "mark stretch as done");
    expect(reply).toMatch(/Next one: #\d+ .*due tomorrow/);
  });
});
