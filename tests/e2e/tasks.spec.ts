import type { Page } from "@playwright/test";
import { createTask, expect, listTasks, screenshot, setCompleted, signUpInPage, test } from "./helpers";

// The /tasks page against the production server. Every test signs up its own user, and fails on
// any console error or uncaught exception it did not provoke on purpose (see helpers.ts).

const taskList = (page: Page) => page.getByRole("list", { name: "Tasks" });
const items = (page: Page) => taskList(page).getByRole("listitem");
const item = (page: Page, title: string) => items(page).filter({ hasText: title });
const filterButton = (page: Page, name: "All" | "Pending" | "Completed") =>
  page.getByRole("group", { name: "Filter tasks" }).getByRole("button", { name: new RegExp(`^${name}\\b`) });
const addForm = (page: Page) => page.getByRole("form", { name: "Add a task" });
const newTitle = (page: Page) => page.getByRole("textbox", { name: "New task" });
const newDescription = (page: Page) => addForm(page).getByRole("textbox", { name: "Description" });

/** The list's line counting the server's matches for the current tab, e.g. "2 completed tasks". */
async function expectCount(page: Page, text: string) {
  await expect(page.getByText(text, { exact: true })).toBeVisible();
}

test("a new user sees an empty list that points to the assistant", async ({ page }) => {
  await signUpInPage(page);
  await page.goto("/tasks");

  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
  await expect(page.getByText("No tasks yet")).toBeVisible();
  await expect(page.getByText("Add one above, or ask the assistant in Chat.")).toBeVisible();
  await expect(taskList(page)).toHaveCount(0);
  await expectCount(page, "0 tasks");
  await expect(filterButton(page, "All")).toHaveAttribute("aria-pressed", "true");

  // A status tab's copy holds with no tasks at all as well.
  await filterButton(page, "Pending").click();
  await expect(page.getByText("Nothing pending 🎉")).toBeVisible();
  await expect(page.getByText("No open tasks on your list.")).toBeVisible();
  await expectCount(page, "0 pending tasks");

  await filterButton(page, "All").click();
  await screenshot(page, "tasks-empty-desktop-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "tasks-empty-desktop-dark");
});

test("adds tasks from the form: trimmed, description optional, Enter submits, and they persist", async ({
  page,
  request,
}) => {
  const user = await signUpInPage(page);
  await page.goto("/tasks");

  await newTitle(page).fill("  Buy milk  ");
  await newDescription(page).fill("2 litres, oat");
  await page.getByRole("button", { name: "Add task" }).click();

  const milk = item(page, "Buy milk");
  await expect(milk).toContainText("2 litres, oat");
  await expect(milk).toContainText(/#\d+ · just now/);
  await expect(newTitle(page)).toHaveValue("");
  await expect(newDescription(page)).toHaveValue("");
  await expect(newTitle(page)).toBeFocused();

  // Enter in the title adds a task without a description.
  await newTitle(page).fill("Walk the dog");
  await newTitle(page).press("Enter");
  await expect(items(page)).toHaveCount(2);
  await expect(items(page).first()).toContainText("Walk the dog"); // newest first

  // Enter in the description adds too; Shift+Enter starts a new line.
  await newTitle(page).fill("Call mum");
  await newDescription(page).fill("Sunday");
  await newDescription(page).press("Shift+Enter");
  await newDescription(page).pressSequentially("after lunch");
  await newDescription(page).press("Enter");
  await expect(items(page)).toHaveCount(3);
  await expectCount(page, "3 tasks");

  const saved = await listTasks(request, user);
  expect(saved.map((t) => [t.title, t.description])).toEqual([
    ["Call mum", "Sunday\nafter lunch"],
    ["Walk the dog", ""],
    ["Buy milk", "2 litres, oat"],
  ]);

  await page.reload();
  await expect(items(page)).toHaveText([/Call mum/, /Walk the dog/, /Buy milk/]);
});

test("a too-long or empty title is refused inline and nothing is added", async ({ page, request }) => {
  const user = await signUpInPage(page);
  await page.goto("/tasks");
  const alert = addForm(page).getByRole("alert");

  const long = "x".repeat(201);
  await newTitle(page).fill(long);
  await expect(addForm(page).getByText("201/200")).toBeVisible();
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(alert).toHaveText("Title must be at most 200 characters.");
  await expect(newTitle(page)).toHaveValue(long);
  await expect(newTitle(page)).toHaveAttribute("aria-invalid", "true");
  await expect(newTitle(page)).toBeFocused();
  await screenshot(page, "tasks-validation-desktop-light");

  // Typing clears the message; whitespace alone is no title.
  await newTitle(page).fill("   ");
  await expect(alert).toHaveCount(0);
  await newTitle(page).press("Enter");
  await expect(alert).toHaveText("Title must not be empty.");

  await expect(page.getByText("No tasks yet")).toBeVisible();
  expect(await listTasks(request, user)).toEqual([]);

  // Exactly at the limit is fine, as it is for the API.
  await newTitle(page).fill("y".repeat(200));
  await newTitle(page).press("Enter");
  await expect(items(page)).toHaveCount(1);
  await expect(alert).toHaveCount(0);
});

test("shows the server's refusal inline and keeps what was typed", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 400/);
  await signUpInPage(page);
  await page.goto("/tasks");
  await page.route("**/api/tasks", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({ status: 400, json: { error: "invalid_request", message: "title: refused by the server" } })
      : route.fallback(),
  );

  await newTitle(page).fill("Buy milk");
  await newDescription(page).fill("oat");
  await newTitle(page).press("Enter");
  await expect(addForm(page).getByRole("alert")).toHaveText("title: refused by the server");
  await expect(newTitle(page)).toHaveValue("Buy milk");
  await expect(newDescription(page)).toHaveValue("oat");
  await expect(taskList(page)).toHaveCount(0);

  await page.unroute("**/api/tasks");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(item(page, "Buy milk")).toContainText("oat");
  await expect(addForm(page).getByRole("alert")).toHaveCount(0);
});

test("completes and re-opens tasks; the filters agree and the URL keeps the filter across a reload", async ({
  page,
  request,
}) => {
  const user = await signUpInPage(page);
  await createTask(request, user, { title: "Buy milk" });
  await createTask(request, user, { title: "Walk the dog" });
  await page.goto("/tasks");

  await page.getByRole("checkbox", { name: "Mark “Buy milk” as done" }).check();
  const reopen = page.getByRole("checkbox", { name: "Re-open “Buy milk”" });
  await expect(reopen).toBeChecked();
  await expectCount(page, "2 tasks");
  await expect
    .poll(async () => (await listTasks(request, user)).find((t) => t.title === "Buy milk")?.completed)
    .toBe(true);

  await filterButton(page, "Pending").click();
  await expect(page).toHaveURL(/\/tasks\?status=pending$/);
  await expect(filterButton(page, "Pending")).toHaveAttribute("aria-pressed", "true");
  await expect(items(page)).toHaveText([/Walk the dog/]);
  await expectCount(page, "1 pending task");

  await filterButton(page, "Completed").click();
  await expect(page).toHaveURL(/\/tasks\?status=completed$/);
  await expect(items(page)).toHaveText([/Buy milk/]);
  await expectCount(page, "1 completed task");

  await page.reload();
  await expect(page.locator("[data-ready]")).toHaveCount(1); // hydrated: its controls are live
  await expect(filterButton(page, "Completed")).toHaveAttribute("aria-pressed", "true");
  await expect(items(page)).toHaveText([/Buy milk/]);

  // Re-opened, it leaves the Completed view.
  // (click, not uncheck: the checkbox leaves this view at once, so there is nothing to re-verify)
  await reopen.click();
  await expect(page.getByText("Nothing completed yet")).toBeVisible();
  await expectCount(page, "0 completed tasks");
  await expect.poll(async () => (await listTasks(request, user)).some((t) => t.completed)).toBe(false);

  await filterButton(page, "Pending").click();
  await expect(items(page)).toHaveCount(2);
  await page.getByRole("checkbox", { name: "Mark “Walk the dog” as done" }).click();
  // It left the Pending view; keyboard focus moved on to the next task instead of getting lost.
  await expect(page.getByRole("checkbox", { name: "Mark “Buy milk” as done" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByText("Nothing pending 🎉")).toBeVisible();
  await expectCount(page, "0 pending tasks");

  await filterButton(page, "All").click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(items(page)).toHaveCount(2);
  await expectCount(page, "2 tasks");

  // A task added while looking at Completed would be out of sight there: the view goes to All,
  // and the new task is there (the All list is rendered after the task was saved).
  await filterButton(page, "Completed").click();
  await expectCount(page, "2 completed tasks");
  await newTitle(page).fill("Take out the bins");
  await newTitle(page).press("Enter");
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(filterButton(page, "All")).toHaveAttribute("aria-pressed", "true");
  await expect(items(page)).toHaveText([/Take out the bins/, /Walk the dog/, /Buy milk/]);
  await expectCount(page, "3 tasks");
  await filterButton(page, "Pending").click();
  await expect(items(page)).toHaveText([/Take out the bins/]);
  await expectCount(page, "1 pending task");
});

test("a task added while Completed is still loading goes to All as well", async ({ page, request }) => {
  const user = await signUpInPage(page);
  const done = await createTask(request, user, { title: "Buy milk" });
  await setCompleted(request, user, done.id, true);
  await page.goto("/tasks");
  await expect(page.locator("[data-ready]")).toHaveCount(1); // hydrated: its controls are live
  // The Completed render is held back until the task is added: the add follows the tab asked for.
  let releaseCompleted = () => {};
  const completedAsked = new Promise<void>((resolve) => {
    void page.route(
      (url) => url.pathname === "/tasks" && url.searchParams.get("status") === "completed",
      async (route) => {
        resolve();
        await new Promise<void>((release) => (releaseCompleted = release));
        await route.continue();
      },
    );
  });
  await filterButton(page, "Completed").click();
  await completedAsked;
  await newTitle(page).fill("Take out the bins");
  await newTitle(page).press("Enter");
  await expect(newTitle(page)).toHaveValue("");
  releaseCompleted();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(items(page)).toHaveText([/Take out the bins/, /Buy milk/]);
  await expectCount(page, "2 tasks");
});

test("a refetch of Completed that answers after a task was added there does not hide it from All", async ({
  page,
  request,
}) => {
  const user = await signUpInPage(page);
  const done = await createTask(request, user, { title: "Buy milk" });
  await setCompleted(request, user, done.id, true);
  // No live stream (one empty answer asking back in an hour): only the refetch below runs.
  await page.route(
    (url) => url.pathname === "/api/events",
    (route) => route.fulfill({ contentType: "text/event-stream", body: "retry: 3600000\n\n" }),
  );
  await page.goto("/tasks?status=completed");
  await expect(page.locator("[data-ready]")).toHaveCount(1); // hydrated: its listeners attached
  await expect(items(page)).toHaveText([/Buy milk/]);

  // Refetches of Completed are held until the view has moved to All with the new task in it.
  const isCompletedRefetch = (url: URL) =>
    url.pathname === "/api/tasks" && url.searchParams.get("status") === "completed";
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  let answered = 0;
  page.on("response", (r) => {
    if (isCompletedRefetch(new URL(r.url()))) answered += 1;
  });
  await page.route(isCompletedRefetch, async (route) => {
    asked += 1;
    await released;
    await route.continue();
  });
  await page.evaluate(() => window.dispatchEvent(new Event("focus"))); // coming back to the tab refetches
  await expect.poll(() => asked).toBe(1);

  await newTitle(page).fill("Take out the bins");
  await newTitle(page).press("Enter");
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(items(page)).toHaveText([/Take out the bins/, /Buy milk/]);

  // The held answer is for the view the page has left: dropped, and not asked again.
  release();
  await expect.poll(() => answered).toBe(1);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expect(items(page)).toHaveText([/Take out the bins/, /Buy milk/]);
  await expectCount(page, "2 tasks");
  expect(asked).toBe(1);
});

test("edits a task inline: Enter saves, Escape cancels", async ({ page, request }) => {
  const user = await signUpInPage(page);
  const task = await createTask(request, user, { title: "Buy milk", description: "2 litres" });
  await page.goto("/tasks");
  const row = items(page).first();
  const editButton = row.getByRole("button", { name: "Edit “Buy milk”" });

  await editButton.click();
  const title = row.getByRole("textbox", { name: "Title" });
  const description = row.getByRole("textbox", { name: "Description" });
  await expect(title).toBeFocused();
  await expect(title).toHaveValue("Buy milk");
  await expect(description).toHaveValue("2 litres");
  await screenshot(page, "tasks-editing-desktop-light");
  await title.fill("Buy oat milk");
  await title.press("Enter");
  await expect(title).toHaveCount(0);
  await expect(row).toContainText("Buy oat milk");
  await expect(row.getByRole("button", { name: "Edit “Buy oat milk”" })).toBeFocused();

  // Enter in the description saves as well.
  await row.getByRole("button", { name: "Edit “Buy oat milk”" }).click();
  await description.fill("1 litre, barista");
  await description.press("Enter");
  await expect(description).toHaveCount(0);
  await expect(row).toContainText("1 litre, barista");
  let saved = (await listTasks(request, user))[0];
  expect([saved?.id, saved?.title, saved?.description]).toEqual([task.id, "Buy oat milk", "1 litre, barista"]);

  // Escape throws the draft away.
  await row.getByRole("button", { name: "Edit “Buy oat milk”" }).click();
  await title.fill("Something else");
  await description.fill("entirely");
  await description.press("Escape");
  await expect(title).toHaveCount(0);
  await expect(row).toContainText("Buy oat milk");
  await expect(row).not.toContainText("Something else");
  await expect(row.getByRole("button", { name: "Edit “Buy oat milk”" })).toBeFocused();

  // The editor validates like the API, and Cancel leaves it.
  await row.getByRole("button", { name: "Edit “Buy oat milk”" }).click();
  await title.fill(" ");
  await title.press("Enter");
  await expect(row.getByRole("alert")).toHaveText("Title must not be empty.");
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(title).toHaveCount(0);

  saved = (await listTasks(request, user))[0];
  expect([saved?.title, saved?.description]).toEqual(["Buy oat milk", "1 litre, barista"]);
});

test("deletes a task only after confirming", async ({ page, request }) => {
  const user = await signUpInPage(page);
  await createTask(request, user, { title: "Walk the dog" });
  await createTask(request, user, { title: "Buy milk" });
  await page.goto("/tasks");
  const milk = item(page, "Buy milk");
  const remove = milk.getByRole("button", { name: "Delete “Buy milk”", exact: true });
  const confirm = milk.getByRole("button", { name: "Confirm delete “Buy milk”" });

  await remove.click();
  await expect(confirm).toBeFocused();
  await screenshot(page, "tasks-confirm-delete-desktop-light");
  await confirm.press("Escape");
  await expect(remove).toBeVisible();

  // Left alone, it disarms after a few seconds.
  await remove.click();
  await expect(confirm).toBeVisible();
  await expect(remove).toBeVisible({ timeout: 6_000 });
  await expect(items(page)).toHaveCount(2);
  expect(await listTasks(request, user)).toHaveLength(2);

  await remove.click();
  await confirm.click();
  await expect(milk).toHaveCount(0);
  await expect(items(page)).toHaveText([/Walk the dog/]);
  await expect(page.getByRole("checkbox", { name: "Mark “Walk the dog” as done" })).toBeFocused();
  await expect.poll(async () => (await listTasks(request, user)).map((t) => t.title)).toEqual(["Walk the dog"]);

  await page.reload();
  await expect(items(page)).toHaveText([/Walk the dog/]);
});

test("a failed change rolls back with a visible error, and a failed save keeps the draft", async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 500/);
  const user = await signUpInPage(page);
  await createTask(request, user, { title: "Buy milk" });
  await page.goto("/tasks");
  const row = items(page).first();
  const failWrites = () =>
    page.route("**/api/tasks/*", (route) =>
      route.request().method() === "GET"
        ? route.fallback()
        : route.fulfill({ status: 500, json: { error: "internal_error", message: "Internal server error" } }),
    );

  await failWrites();
  await page.getByRole("checkbox", { name: "Mark “Buy milk” as done" }).click();
  await expect(row.getByRole("alert")).toHaveText("Couldn't mark it as done: Internal server error");
  await expect(page.getByRole("checkbox", { name: "Mark “Buy milk” as done" })).not.toBeChecked();
  await screenshot(page, "tasks-error-desktop-light");

  await row.getByRole("button", { name: "Edit “Buy milk”" }).click();
  const title = row.getByRole("textbox", { name: "Title" });
  await title.fill("Buy oat milk");
  await title.press("Enter");
  await expect(row.getByRole("form").getByRole("alert")).toHaveText("Internal server error");
  await expect(title).toHaveValue("Buy oat milk");

  await page.unroute("**/api/tasks/*");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(title).toHaveCount(0);
  await expect(row).toContainText("Buy oat milk");

  await failWrites();
  await row.getByRole("button", { name: "Delete “Buy oat milk”", exact: true }).click();
  await row.getByRole("button", { name: "Confirm delete “Buy oat milk”" }).click();
  await expect(item(page, "Buy oat milk").getByRole("alert")).toHaveText("Couldn't delete it: Internal server error");
  await row.getByRole("button", { name: "Dismiss" }).click();
  await expect(row.getByRole("alert")).toHaveCount(0);
  expect((await listTasks(request, user)).map((t) => [t.title, t.completed])).toEqual([["Buy oat milk", false]]);
});

test("shows what the assistant did through the API: on focus, reload and navigation", async ({ page, request }) => {
  const user = await signUpInPage(page);
  // The live stream is stubbed (one empty answer asking the browser back in an hour), so only
  // these fallbacks bring changes; a live event racing the focus refetch would make it ask twice.
  await page.route(
    (url) => url.pathname === "/api/events",
    (route) => route.fulfill({ contentType: "text/event-stream", body: "retry: 3600000\n\n" }),
  );
  let refetches = 0;
  page.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname === "/api/tasks") refetches += 1;
  });
  await page.goto("/tasks");
  await expect(page.getByText("No tasks yet")).toBeVisible();
  // Hydrated, its focus listener attached (a focus before that would go unheard).
  await expect(page.locator("[data-ready]")).toHaveCount(1);
  await page.waitForLoadState("networkidle");
  expect(refetches, "the server-rendered list needs no refetch on load").toBe(0);

  // Coming back to the tab refetches (once).
  const first = await createTask(request, user, { title: "Added by the assistant", description: "from Chat" });
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await expect(item(page, "Added by the assistant")).toContainText("from Chat");
  expect(refetches).toBe(1);

  await setCompleted(request, user, first.id, true);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Re-open “Added by the assistant”" })).toBeChecked();

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Chat" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await createTask(request, user, { title: "Another one from Chat" });
  await nav.getByRole("link", { name: "Tasks" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(items(page)).toHaveText([/Another one from Chat/, /Added by the assistant/]);
});

test("hostile text is shown literally and never runs", async ({ page, request }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const user = await signUpInPage(page);
  await createTask(request, user, {
    title: `<b onmouseover="alert(3)">bold?</b>`,
    description: "<style>body{display:none}</style>",
  });
  await page.goto("/tasks");

  const script = "<script>alert(1)</script>";
  const image = `<img src=x onerror="alert(2)">`;
  await newTitle(page).fill(script);
  await newDescription(page).fill(image);
  await newTitle(page).press("Enter");

  await expect(items(page).first().locator("p").first()).toHaveText(script);
  await expect(items(page).first()).toContainText(image);
  await page.reload(); // the server-rendered path too
  await expect(items(page)).toHaveCount(2);
  await expect(items(page).first().locator("p").first()).toHaveText(script);
  await expect(items(page).nth(1)).toContainText(`<b onmouseover="alert(3)">bold?</b>`);
  await expect(items(page).nth(1)).toContainText("<style>body{display:none}</style>");
  await items(page).nth(1).hover();
  await expect(taskList(page).locator("script, img, b, style")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
  expect(dialogs).toEqual([]);
});

test("looks finished on a desktop, light and dark", async ({ page, request }) => {
  const user = await signUpInPage(page, "Ada Lovelace");
  const seed = [
    { title: "Renew passport", description: "Photos from the booth at the station; form DS-82." },
    { title: "Book dentist appointment" },
    { title: "Buy milk", description: "Oat, 2 litres" },
    { title: "Call mum", description: "Sunday after lunch\nAsk about the garden" },
    { title: "Water the plants" },
  ];
  const created = [];
  for (const task of seed) created.push(await createTask(request, user, task));
  await setCompleted(request, user, created[1]!.id, true);
  await setCompleted(request, user, created[4]!.id, true);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/tasks");
  await expect(items(page)).toHaveCount(5);

  await screenshot(page, "tasks-list-desktop-light");
  await filterButton(page, "Pending").click();
  await expect(items(page)).toHaveCount(3);
  await screenshot(page, "tasks-pending-desktop-light");

  await page.emulateMedia({ colorScheme: "dark" });
  await filterButton(page, "All").click();
  await screenshot(page, "tasks-list-desktop-dark");
  await item(page, "Buy milk").getByRole("button", { name: "Edit “Buy milk”" }).click();
  await item(page, "Call mum").getByRole("button", { name: "Delete “Call mum”", exact: true }).click();
  await screenshot(page, "tasks-editing-desktop-dark");

  // Keyboard: from the add form, Tab goes through the filters to the first task's controls.
  await page.keyboard.press("Escape");
  await page.emulateMedia({ colorScheme: "light" });
  await newTitle(page).focus();
  const search = page.getByRole("search", { name: "Search and filter tasks" });
  const order = [
    newDescription(page),
    page.getByRole("button", { name: "More options" }),
    page.getByRole("button", { name: "Add task" }),
    filterButton(page, "All"),
    filterButton(page, "Pending"),
    filterButton(page, "Completed"),
    search.getByRole("searchbox", { name: "Search tasks" }),
    ...["Priority", "Tag", "Due", "Sort by", "Order"].map((name) => search.getByRole("combobox", { name })),
    page.getByRole("checkbox", { name: "Re-open “Water the plants”" }),
    items(page).first().getByRole("button", { name: "Edit “Water the plants”" }),
  ];
  for (const control of order) {
    await page.keyboard.press("Tab");
    await expect(control).toBeFocused();
  }
  await screenshot(page, "tasks-keyboard-focus-desktop-light");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Space"); // re-opens it
  await expect(page.getByRole("checkbox", { name: "Mark “Water the plants” as done" })).not.toBeChecked();
});

test("fits a phone: no horizontal overflow at 390×844 and comfortable tap targets", async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const user = await signUpInPage(page);
  await createTask(request, user, {
    title: "Pick up the dry cleaning before Saturday morning",
    description: "Ticket 4471",
  });
  const long = await createTask(request, user, {
    title: "W".repeat(200),
    description: `https://example.com/${"a-very-long-path-segment-".repeat(12)}`,
  });
  await createTask(request, user, { title: "Buy milk", description: "Oat, 2 litres" });
  await setCompleted(request, user, long.id, true);
  await page.goto("/tasks");
  await expect(items(page)).toHaveCount(3);

  const overflow = () =>
    page.evaluate(() => {
      const main = document.querySelector("main");
      return {
        document: document.documentElement.scrollWidth - window.innerWidth,
        main: main ? main.scrollWidth - main.clientWidth : 0,
      };
    });
  const expectNoOverflow = async () => {
    const o = await overflow();
    expect(o.document).toBeLessThanOrEqual(0);
    expect(o.main).toBeLessThanOrEqual(0);
  };

  await expectNoOverflow();
  await screenshot(page, "tasks-list-phone-light");

  for (const control of [
    page.getByRole("checkbox", { name: "Mark “Buy milk” as done" }),
    item(page, "Buy milk").getByRole("button", { name: "Edit “Buy milk”" }),
    item(page, "Buy milk").getByRole("button", { name: "Delete “Buy milk”", exact: true }),
    filterButton(page, "Pending"),
    page.getByRole("button", { name: "Add task" }),
  ]) {
    const box = await control.boundingBox();
    expect(box, "tap target").not.toBeNull();
    expect(Math.min(box!.width, box!.height), "tap target size").toBeGreaterThanOrEqual(40);
  }

  await item(page, "Buy milk").getByRole("button", { name: "Delete “Buy milk”", exact: true }).click();
  await expectNoOverflow();
  await page.keyboard.press("Escape");
  await item(page, "Pick up the dry cleaning").getByRole("button", { name: /^Edit/ }).click();
  await expectNoOverflow();
  await screenshot(page, "tasks-editing-phone-light");
  await page.keyboard.press("Escape");

  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoOverflow();
  await screenshot(page, "tasks-list-phone-dark");
  await newTitle(page).fill("x".repeat(250));
  await newTitle(page).press("Enter");
  await expect(addForm(page).getByRole("alert")).toHaveText("Title must be at most 200 characters.");
  await expectNoOverflow();
  await page.locator("main").evaluate((main) => main.scrollTo(0, 0));
  await screenshot(page, "tasks-validation-phone-dark");
});
