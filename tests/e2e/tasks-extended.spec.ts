import type { APIRequestContext, Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import {
  type ApiTask,
  type E2EUser,
  PASSWORD,
  conversationLog,
  expect,
  say,
  screenshot,
  signUp,
  setCompleted,
  signUpInPage,
  test,
} from "./helpers";

// Part 2 on /tasks: due dates, reminders, priority, repeat and tags in the forms; search, filters
// and sort in the URL; the time zone setting; and the chat's card for a task said in words.

const taskList = (page: Page) => page.getByRole("list", { name: "Tasks" });
const item = (page: Page, title: string) => taskList(page).getByRole("listitem").filter({ hasText: title });
const titles = (page: Page) => taskList(page).getByRole("listitem").locator("p.font-medium");
/** A row's due date (the first <time>; the second is when it was created). */
const due = (page: Page, title: string) => item(page, title).locator("time").first();
const filters = (page: Page) => page.getByRole("search", { name: "Search and filter tasks" });

async function create(request: APIRequestContext, user: E2EUser, data: Record<string, unknown>): Promise<ApiTask> {
  const res = await request.post("/api/tasks", { data, headers: { authorization: `Bearer ${user.token}` } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as ApiTask;
}

/** Creates `count` tasks titled `${prefix} 1`… (ten at a time, so not quite in that order). */
async function createMany(request: APIRequestContext, user: E2EUser, prefix: string, count: number, extra = {}) {
  const created: ApiTask[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) =>
      create(request, user, { title: `${prefix} ${i + j + 1}`, ...extra }),
    );
    created.push(...(await Promise.all(batch)));
  }
  return created;
}

async function getTask(request: APIRequestContext, user: E2EUser, id: number): Promise<ApiTask> {
  const res = await request.get(`/api/tasks/${id}`, { headers: { authorization: `Bearer ${user.token}` } });
  expect(res.status()).toBe(200);
  return (await res.json()) as ApiTask;
}

/** Counts permission prompts, answering "denied" (headless Chromium has no prompt to click). */
async function watchNotificationPrompts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __asked: number; __permission: NotificationPermission };
    w.__asked = 0;
    w.__permission = "default";
    Object.defineProperty(Notification, "permission", { get: () => w.__permission });
    Notification.requestPermission = async () => {
      w.__asked += 1;
      w.__permission = "denied";
      return "denied";
    };
  });
  return () => page.evaluate(() => (window as unknown as { __asked: number }).__asked);
}

test("edits a task's due date, reminder, priority, tags and repeat, asking to notify the first time", async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 400/); // the unreadable repeat rule below, refused on purpose
  const asked = await watchNotificationPrompts(page);
  const user = await signUpInPage(page);
  const task = await create(request, user, { title: "Renew passport" });
  await page.goto("/tasks");
  await expect(page.locator("[data-ready]")).toHaveCount(1); // hydrated: its controls are live

  await item(page, "Renew passport").getByRole("button", { name: "Edit “Renew passport”" }).click();
  const form = page.getByRole("form", { name: "Edit “Renew passport”" });
  await form.getByLabel("Due").fill("2030-06-03T09:00");
  await form.getByLabel("Reminder").fill("2030-06-03T08:30");
  await form.getByLabel("Priority").selectOption("high");
  await form.getByLabel("Repeat", { exact: true }).selectOption("weekly");
  await form.getByRole("textbox", { name: "Tags" }).pressSequentially("travel, #papers ");
  await expect(form.getByText("#travel")).toBeVisible();
  await expect(form.getByText("#papers")).toBeVisible();
  await screenshot(page, "tasks-extended-editing");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);

  const row = item(page, "Renew passport");
  await expect(due(page, "Renew passport")).toHaveText(/Jun 3, 2030 9:00/);
  await expect(row).toContainText("High");
  await expect(row).toContainText("every week");
  await expect(row.locator("[data-tag=travel]")).toBeVisible();
  await expect(row.locator("[data-tag=papers]")).toBeVisible();
  expect(await asked()).toBe(1);

  // The user's zone is UTC (signed up through the API): wall-clock times are read there.
  const saved = await getTask(request, user, task.id);
  expect(saved).toMatchObject({
    due_at: "2030-06-03T09:00:00.000Z",
    all_day: false,
    remind_at: "2030-06-03T08:30:00.000Z",
    priority: "high",
    tags: ["travel", "papers"],
    recurrence: "FREQ=WEEKLY",
  });

  // Opening it again shows what was saved; a typed rule the server cannot read is named at the
  // field, and nothing changes.
  await row.getByRole("button", { name: "Edit “Renew passport”" }).click();
  await expect(form.getByLabel("Due")).toHaveValue("2030-06-03T09:00");
  await expect(form.getByLabel("Priority")).toHaveValue("high");
  await expect(form.getByLabel("Repeat", { exact: true })).toHaveValue("weekly");
  await form.getByLabel("Repeat", { exact: true }).selectOption("custom");
  await form.getByRole("textbox", { name: "Repeat rule" }).fill("every blue moon");
  await form.getByRole("checkbox", { name: "All day" }).check();
  await expect(form.getByLabel("Due")).toHaveValue("2030-06-03");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toContainText("Repeat: cannot read");
  await expect(form.getByRole("textbox", { name: "Repeat rule" })).toHaveAttribute("aria-invalid", "true");
  expect(await getTask(request, user, task.id)).toMatchObject({ recurrence: "FREQ=WEEKLY", all_day: false });

  // A typed phrase the server reads is fine; clearing the reminder does not ask again.
  await form.getByRole("textbox", { name: "Repeat rule" }).fill("every 2 weeks");
  await form.getByLabel("Reminder").fill("");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);
  await expect(due(page, "Renew passport")).toHaveText(/Jun 3, 2030$/);
  await expect(row).toContainText("every 2 weeks");
  expect(await getTask(request, user, task.id)).toMatchObject({
    recurrence: "FREQ=WEEKLY;INTERVAL=2",
    all_day: true,
    remind_at: null,
  });
  expect(await asked()).toBe(1);
});

test("adds a task with a priority and a due date from More options", async ({ page, request }) => {
  const user = await signUpInPage(page);
  await page.goto("/tasks");
  await expect(page.locator("[data-ready]")).toHaveCount(1); // hydrated: its controls are live
  const form = page.getByRole("form", { name: "Add a task" });
  await page.getByRole("textbox", { name: "New task" }).fill("File taxes");
  await form.getByRole("button", { name: "More options" }).click();
  await expect(form.getByRole("button", { name: "More options" })).toHaveAttribute("aria-expanded", "true");
  await form.getByRole("checkbox", { name: "All day" }).check();
  await form.getByLabel("Due").fill("2031-04-15");
  await form.getByLabel("Priority").selectOption("medium");
  await form.getByRole("button", { name: "Add task" }).click();

  const row = item(page, "File taxes");
  await expect(due(page, "File taxes")).toHaveText(/Apr 15, 2031/);
  await expect(row).toContainText("Medium");
  const res = await request.get("/api/tasks", { headers: { authorization: `Bearer ${user.token}` } });
  const { tasks } = (await res.json()) as { tasks: ApiTask[] };
  expect(tasks[0]).toMatchObject({
    title: "File taxes",
    priority: "medium",
    all_day: true,
    due_at: "2031-04-15T00:00:00.000Z",
  });
  // The form is ready for the next one.
  await expect(form.getByLabel("Due")).toHaveValue("");
  await expect(form.getByLabel("Priority")).toHaveValue("none");
});

test("search, filters and sort live in the URL: reload, back and a shared link keep them", async ({
  page,
  request,
}) => {
  const user = await signUpInPage(page);
  await create(request, user, { title: "Pay rent", priority: "high", tags: ["money"], due_at: "yesterday 9am" });
  await create(request, user, {
    title: "Call the dentist",
    priority: "medium",
    tags: ["health"],
    due_at: "tomorrow 9am",
  });
  await create(request, user, { title: "Buy milk", priority: "low", tags: ["errands"] });
  await create(request, user, { title: "Write report", priority: "high", tags: ["work"], due_at: "in 3 days" });
  await page.goto("/tasks");
  await expect(page.locator("[data-ready]")).toHaveCount(1); // hydrated: its controls are live
  await expect(titles(page)).toHaveText(["Write report", "Buy milk", "Call the dentist", "Pay rent"]);

  await filters(page).getByLabel("Priority").selectOption("high");
  await expect(page).toHaveURL(/[?&]priority=high/);
  await expect(titles(page)).toHaveText(["Write report", "Pay rent"]);
  await expect(page.getByText("2 matching tasks")).toBeVisible();

  await filters(page).getByLabel("Due").selectOption("overdue");
  await expect(page).toHaveURL(/[?&]due=overdue/);
  await expect(titles(page)).toHaveText(["Pay rent"]);
  await expect(item(page, "Pay rent").locator("time[data-overdue]")).toBeVisible();

  await filters(page).getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(titles(page)).toHaveCount(4);

  await filters(page).getByLabel("Tag").selectOption("health");
  await expect(titles(page)).toHaveText(["Call the dentist"]);
  await filters(page).getByLabel("Tag").selectOption("");

  await filters(page).getByLabel("Due").selectOption("none");
  await expect(titles(page)).toHaveText(["Buy milk"]);
  await filters(page).getByLabel("Due").selectOption("");

  // Search is debounced: the URL changes once typing stops.
  await filters(page).getByRole("searchbox", { name: "Search tasks" }).pressSequentially("DENT");
  await expect(page).toHaveURL(/[?&]q=DENT/);
  await expect(titles(page)).toHaveText(["Call the dentist"]);
  await filters(page).getByRole("searchbox", { name: "Search tasks" }).fill("");
  await expect(page).not.toHaveURL(/q=/);

  await filters(page).getByLabel("Sort by").selectOption("title");
  await expect(titles(page)).toHaveText(["Buy milk", "Call the dentist", "Pay rent", "Write report"]);
  await filters(page).getByLabel("Order").selectOption("desc");
  await expect(titles(page)).toHaveText(["Write report", "Pay rent", "Call the dentist", "Buy milk"]);
  await filters(page).getByLabel("Sort by").selectOption("due");
  await filters(page).getByLabel("Order").selectOption("");
  await expect(titles(page)).toHaveText(["Pay rent", "Call the dentist", "Write report", "Buy milk"]);
  await filters(page).getByLabel("Priority").selectOption("high");
  await expect(titles(page)).toHaveText(["Pay rent", "Write report"]);
  await screenshot(page, "tasks-extended-filtered");

  await page.reload();
  await expect(filters(page).getByLabel("Sort by")).toHaveValue("due");
  await expect(filters(page).getByLabel("Priority")).toHaveValue("high");
  await expect(titles(page)).toHaveText(["Pay rent", "Write report"]);

  // Away and back.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Chat" }).click();
  await expect(page).toHaveURL(/\/chat/);
  await page.goBack();
  await expect(page).toHaveURL(/priority=high/);
  await expect(filters(page).getByLabel("Priority")).toHaveValue("high");
  await expect(titles(page)).toHaveText(["Pay rent", "Write report"]);

  // A shared link, opened fresh, shows the same view.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByRole("list", { name: "Tasks" }).getByRole("listitem").locator("p.font-medium")).toHaveText([
    "Pay rent",
    "Write report",
  ]);
  await other.close();
});

test("a long list pages with Load more, counting every match", async ({ page, request }) => {
  const user = await signUpInPage(page);
  await createMany(request, user, "Chore", 103);
  await page.goto("/tasks");
  await expect(page.locator("[data-ready]")).toHaveCount(1); // hydrated: its controls are live
  await expect(page.getByText("103 tasks · showing 100")).toBeVisible();
  await expect(taskList(page).getByRole("listitem")).toHaveCount(100);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(taskList(page).getByRole("listitem")).toHaveCount(103);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await expect(page.getByText("103 tasks", { exact: true })).toBeVisible();
});

test("the status tabs are answered by the server: beyond the first page, with true counts", async ({
  page,
  request,
}) => {
  const user = await signUpInPage(page);
  // Finished first, so none of them is on the first page of All (newest first).
  for (const n of [1, 2, 3])
    await setCompleted(request, user, (await create(request, user, { title: `Done ${n}` })).id, true);
  await createMany(request, user, "Chore", 105);
  const tabs = page.getByRole("group", { name: "Filter tasks" });
  const items = taskList(page).getByRole("listitem");
  const loadMore = page.getByRole("button", { name: "Load more" });

  await page.goto("/tasks");
  await expect(page.locator("[data-ready]")).toHaveCount(1); // hydrated: its controls are live
  await expect(page.getByText("108 tasks · showing 100")).toBeVisible();
  await expect(titles(page).filter({ hasText: /^Done/ })).toHaveCount(0);

  await tabs.getByRole("button", { name: "Completed" }).click();
  await expect(page).toHaveURL(/\/tasks\?status=completed$/);
  await expect(titles(page)).toHaveText(["Done 3", "Done 2", "Done 1"]);
  await expect(page.getByText("3 completed tasks", { exact: true })).toBeVisible();
  await expect(loadMore).toHaveCount(0);
  await expect(tabs.getByRole("button", { name: "Completed" })).toHaveAttribute("aria-pressed", "true");
  await expectAccessible(page, "/tasks, the Completed tab");

  await page.reload();
  await expect(tabs.getByRole("button", { name: "Completed" })).toHaveAttribute("aria-pressed", "true");
  await expect(titles(page)).toHaveText(["Done 3", "Done 2", "Done 1"]);

  // Away and back, and a shared link opened fresh.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Chat" }).click();
  await expect(page).toHaveURL(/\/chat/);
  await page.goBack();
  await expect(page).toHaveURL(/\/tasks\?status=completed$/);
  await expect(titles(page)).toHaveText(["Done 3", "Done 2", "Done 1"]);
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.getByText("3 completed tasks", { exact: true })).toBeVisible();
  await expect(other.getByRole("list", { name: "Tasks" }).getByRole("listitem")).toHaveCount(3);
  await other.close();

  // Pending pages too; done under Pending, a task leaves it and the count follows.
  await expect(page.locator("[data-ready]")).toHaveCount(1);
  await tabs.getByRole("button", { name: "Pending" }).click();
  await expect(page).toHaveURL(/\/tasks\?status=pending$/);
  await expect(page.getByText("105 pending tasks · showing 100")).toBeVisible();
  await loadMore.click();
  await expect(items).toHaveCount(105);
  await expect(page.getByText("105 pending tasks", { exact: true })).toBeVisible();
  await page.getByRole("checkbox", { name: "Mark “Chore 1” as done" }).click();
  // Focus stays in the list, on a neighbour.
  await expect(page.locator(":focus")).toHaveAccessibleName(/^Mark “Chore \d+” as done$/);
  await expect(items).toHaveCount(104);
  await expect(page.getByText("104 pending tasks", { exact: true })).toBeVisible();
  await expect(titles(page).filter({ hasText: /^Chore 1$/ })).toHaveCount(0);

  await tabs.getByRole("button", { name: "Completed" }).click();
  await expect(titles(page)).toHaveText(["Chore 1", "Done 3", "Done 2", "Done 1"]);
  await expect(page.getByText("4 completed tasks", { exact: true })).toBeVisible();
  // Re-opened under Completed, it leaves that view.
  await page.getByRole("checkbox", { name: "Re-open “Chore 1”" }).click();
  await expect(titles(page)).toHaveText(["Done 3", "Done 2", "Done 1"]);
  await expect(page.getByText("3 completed tasks", { exact: true })).toBeVisible();

  await tabs.getByRole("button", { name: "All" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByText("108 tasks · showing 100")).toBeVisible();
});

test("a change made elsewhere while a filter is set keeps the pages Load more brought in", async ({
  page,
  request,
}) => {
  const user = await signUpInPage(page);
  await createMany(request, user, "Errand", 103, { priority: "high" });
  await page.goto("/tasks?priority=high");
  await expect(page.locator("[data-ready]")).toHaveCount(1); // hydrated: its controls are live
  await expect(page.locator("[data-ready]")).toHaveCount(1);
  await expect(page.locator("html")).toHaveAttribute("data-live", "open");
  await expect(page.getByText("103 matching tasks · showing 100")).toBeVisible();
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(taskList(page).getByRole("listitem")).toHaveCount(103);

  // Another client adds a matching task: the list refetches, all of it, not only the first page.
  await create(request, user, { title: "Fresh errand", priority: "high" });
  await expect(titles(page).first()).toHaveText("Fresh errand");
  await expect(page.getByText("104 matching tasks", { exact: true })).toBeVisible();
  await expect(taskList(page).getByRole("listitem")).toHaveCount(104);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
});

test.describe("time zones", () => {
  test.use({ timezoneId: "Asia/Karachi" });

  test("the zone comes from the browser at sign-up, and the setting changes how due times show", async ({ page }) => {
    await signUp(page, "", "Zed Zone");
    const me = await page.request.get("/api/me");
    expect(((await me.json()) as { timezone: string }).timezone).toBe("Asia/Karachi");
    const res = await page.request.post("/api/tasks", {
      data: { title: "Standup", due_at: "2030-06-03T09:00:00Z" },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(res.status()).toBe(201);

    await page.goto("/tasks");
    await expect(page.locator("[data-ready]")).toHaveCount(1); // hydrated: its controls are live
    await expect(due(page, "Standup")).toHaveText(/Jun 3, 2030 14:00/);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("Asia/Karachi");
    await page.getByRole("combobox", { name: "Time zone" }).selectOption("America/Los_Angeles");
    await screenshot(page, "settings-timezone");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Time zone saved: America/Los Angeles." })).toBeVisible();
    await expect(page.getByTestId("current-timezone")).toHaveText("America/Los Angeles");

    await page.goto("/tasks");
    await expect(page.locator("[data-ready]")).toHaveCount(1); // hydrated: its controls are live
    await expect(due(page, "Standup")).toHaveText(/Jun 3, 2030 2:00/);
    // Times typed in the forms are read in the chosen zone too.
    await item(page, "Standup").getByRole("button", { name: "Edit “Standup”" }).click();
    const form = page.getByRole("form", { name: "Edit “Standup”" });
    await expect(form.getByLabel("Due")).toHaveValue("2030-06-03T02:00");
    await expect(form.getByText("Times are in America/Los Angeles.")).toBeVisible();
  });

  test("a zone chosen in Settings, UTC included, stays when signing in again from a browser elsewhere", async ({
    page,
  }) => {
    const { email } = await signUp(page, "", "Uma Utc");
    await page.goto("/settings");
    await page.getByRole("combobox", { name: "Time zone" }).selectOption("UTC");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Time zone saved: UTC." })).toBeVisible();

    await page.context().clearCookies();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/chat$/);
    const me = await page.request.get("/api/me");
    expect(await me.json()).toMatchObject({ timezone: "UTC", timezone_set: true });
  });
});

test("the chat's card shows a task said in words with its due date and priority", async ({ page }) => {
  await signUp(page, "", "Dee Dentist");
  await say(page, "add call the dentist tomorrow at 9 with high priority");
  const card = conversationLog(page)
    .getByRole("listitem")
    .filter({ hasText: /Added #\d+ · Call the dentist/i });
  await expect(card).toBeVisible();
  await expect(card.locator("time")).toHaveText(/Tomorrow 9:00/);
  await expect(card).toContainText("High");
});
