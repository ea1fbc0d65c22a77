import { type TestServer, startServer } from "../helpers/server";
import { type FakeGemini, startFakeGemini } from "../helpers/fake-gemini";
import { conversationLog, expect, pickSuggestion, say, screenshot, signUp, test } from "./helpers";

const CONVERSATION_URL = /\/chat\/[0-9a-f-]{36}$/;

test("a first conversation: chip → tool card and reply → URL and sidebar → reload keeps everything", async ({
  page,
}) => {
  await signUp(page);
  await expect(page.getByRole("heading", { name: /Good (morning|afternoon|evening), Ada/ })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Offline model");
  await screenshot(page, "chat-start");

  await pickSuggestion(page, "Add a task to buy milk");
  const log = conversationLog(page);
  await expect(log.getByRole("listitem").filter({ hasText: /Added #\d+ · Buy milk/ })).toBeVisible();
  await expect(log.getByRole("listitem").filter({ hasText: /Added task #\d+ · Buy milk\./ })).toBeVisible();
  await expect(page).toHaveURL(CONVERSATION_URL);
  const sidebar = page.getByRole("navigation", { name: "Conversations" });
  await expect(sidebar.getByRole("link", { name: /Add a task to buy milk/ })).toBeVisible();

  await say(page, "add call mom, pay bills and book dentist");
  await expect(log.getByRole("listitem").filter({ hasText: /Added #\d+ · Book dentist/ })).toBeVisible();
  await say(page, "what's still pending?");
  await expect(log.getByRole("listitem").filter({ hasText: "Found 4 pending tasks" })).toBeVisible();
  await screenshot(page, "chat-conversation");

  const before = await log.getByRole("listitem").allInnerTexts();
  await page.reload();
  await expect(log.getByRole("listitem").filter({ hasText: "Found 4 pending tasks" })).toBeVisible();
  expect(await log.getByRole("listitem").allInnerTexts()).toEqual(before);
  await expect(sidebar.getByRole("link", { name: /Add a task to buy milk/ })).toHaveAttribute("aria-current", "page");

  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "chat-conversation-dark");
});

test("the start screen and the composer are in the server's HTML: nothing pops in when the chat's code arrives", async ({
  page,
  browser,
}) => {
  await signUp(page);
  // What paints before any script runs (and before the lazily loaded chat chunk) is the final look.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const first = await noScript.newPage();
  await first.goto("/chat");
  await expect(first.getByRole("heading", { name: /Good (morning|afternoon|evening), Ada/ })).toBeVisible();
  await expect(first.getByRole("button", { name: "Add a task to buy milk" })).toBeVisible();
  await expect(first.getByRole("textbox", { name: "Message" })).toHaveAttribute(
    "placeholder",
    "Ask me to add, list, complete or change tasks…",
  );
  await noScript.close();
});

test("Enter sends, Shift+Enter makes a new line, and the composer is busy while the reply streams", async ({
  page,
}) => {
  await signUp(page);
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill("add a task to");
  await box.press("Shift+Enter");
  await box.pressSequentially("water the plants");
  await expect(box).toHaveValue("add a task to\nwater the plants");
  await box.press("Enter");
  await expect(conversationLog(page).getByRole("listitem").first()).toContainText("water the plants");
  await expect(box).toHaveValue("");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
});

test("rename and delete conversations; New chat starts fresh", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 404/); // the deleted conversation's page, visited at the end
  await signUp(page);
  await say(page, "hello");
  await expect(page).toHaveURL(CONVERSATION_URL);
  const firstUrl = page.url();

  await page.getByRole("button", { name: "New chat" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByRole("heading", { name: /Good/ })).toBeVisible();
  await expect(page.getByRole("log", { name: "Conversation" })).toHaveCount(0);
  await say(page, "what can you do?");
  await expect(page).toHaveURL(CONVERSATION_URL);
  expect(page.url()).not.toBe(firstUrl);

  const sidebar = page.getByRole("navigation", { name: "Conversations" });
  const links = sidebar.getByRole("link");
  await expect(links).toHaveCount(2);
  await expect(links.first()).toContainText("what can you do?");

  await sidebar.getByRole("button", { name: "Rename “hello”" }).click();
  const title = sidebar.getByRole("textbox", { name: "Conversation title" });
  await title.fill("Greetings");
  await title.press("Enter");
  await expect(sidebar.getByRole("link", { name: /Greetings/ })).toBeVisible();
  await page.reload();
  await expect(sidebar.getByRole("link", { name: /Greetings/ })).toBeVisible();

  await sidebar.getByRole("button", { name: "Delete “Greetings”" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete conversation?" });
  await expect(dialog).toBeVisible();
  await screenshot(page, "chat-delete-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(sidebar.getByRole("link")).toHaveCount(2);
  await sidebar.getByRole("button", { name: "Delete “Greetings”" }).click();
  await page.getByRole("dialog", { name: "Delete conversation?" }).getByRole("button", { name: "Delete" }).click();
  await expect(sidebar.getByRole("link")).toHaveCount(1);
  await page.goto(firstUrl);
  await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
});

test("HTML and scripts in messages are shown as text and never run", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  await signUp(page);
  const hostile = `<img src=x onerror="alert('user')"><script>alert("user")</script><b>bold?</b>`;
  await say(page, hostile);
  const log = conversationLog(page);
  await expect(log.getByRole("listitem").first()).toHaveText(hostile);
  await say(page, `add a task called "<img src=y onerror=alert('reply')> <b>loud</b>"`);
  await expect(
    log.getByRole("listitem").filter({ hasText: "<img src=y onerror=alert('reply')> <b>loud</b>" }).first(),
  ).toBeVisible();
  await expect(log.locator("img")).toHaveCount(0);
  await expect(log.locator("b")).toHaveCount(0);
  await page.reload();
  await expect(log.getByRole("listitem").first()).toHaveText(hostile);
  expect(dialogs).toBe(0);
});

test("copy a reply", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page);
  await say(page, "add a task to renew passport");
  const reply = conversationLog(page)
    .getByRole("listitem")
    .filter({ hasText: /Added task #\d+ · Renew passport\./ });
  await reply.hover();
  await reply.getByRole("button", { name: "Copy reply" }).click();
  await expect(reply.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Added task #\d+ · Renew passport\.$/);
});

test("scroll-to-bottom appears when scrolled up", async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 600 });
  await signUp(page);
  for (const text of ["add a, b, c, d and e", "show everything", "show everything"]) {
    await say(page, text);
    await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  }
  const button = page.getByRole("button", { name: "Scroll to bottom" });
  await expect(button).toHaveCount(0);
  await conversationLog(page).getByRole("listitem").first().scrollIntoViewIfNeeded();
  await expect(button).toBeVisible();
  await button.click();
  await expect(button).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the sidebar is a drawer, the composer stays visible, nothing overflows", async ({ page }) => {
    await signUp(page);
    await say(page, "add a task to buy a very long named thing that goes on and on and on without stopping");
    await expect(page).toHaveURL(CONVERSATION_URL);
    await expect(page.getByRole("textbox", { name: "Message" })).toBeInViewport();
    await expect(page.getByRole("navigation", { name: "Conversations" })).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "chat-phone");

    await page.getByRole("button", { name: "Open conversations" }).click();
    const drawer = page.getByRole("dialog", { name: "Conversations" });
    await expect(drawer).toBeVisible();
    await screenshot(page, "chat-phone-drawer");
    await drawer.getByRole("button", { name: "New chat" }).click();
    await expect(drawer).toBeHidden();
    await expect(page).toHaveURL(/\/chat$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test.describe("a slow reply", () => {
  let server: TestServer;
  test.beforeAll(async () => {
    server = await startServer({ label: "e2e_slow", env: { AUTH_RATE_LIMIT: "false", OFFLINE_MODEL_DELAY_MS: "400" } });
  });
  test.afterAll(async () => server?.close());

  test("Stop keeps the partial reply, marked stopped, also after a reload", async ({ page }) => {
    await signUp(page, server.url);
    await say(page, "hello");
    const log = conversationLog(page);
    await expect(log.getByRole("listitem").filter({ hasText: /^Hi!/ })).toBeVisible();
    await page.getByRole("button", { name: "Stop" }).click();
    await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
    await expect(log.getByRole("listitem").filter({ hasText: "Stopped" })).toBeVisible();
    const partial = (await log.getByRole("listitem").nth(1).innerText()).trim();
    expect(partial.length).toBeGreaterThan(0);
    expect(partial).not.toContain("mark the milk task as done");
    await screenshot(page, "chat-stopped");

    await expect(page).toHaveURL(CONVERSATION_URL);
    await expect
      .poll(async () => {
        await page.reload();
        return log.getByRole("listitem").filter({ hasText: "Stopped" }).count();
      })
      .toBe(1);
    expect((await log.getByRole("listitem").nth(1).innerText()).trim()).toBe(partial);
  });
});

test.describe("errors", () => {
  let gemini: FakeGemini;
  let server: TestServer;
  let failing = false;
  test.beforeAll(async () => {
    gemini = await startFakeGemini({
      respond: () =>
        failing
          ? { status: 503, error: { message: "overloaded", status: "UNAVAILABLE" } }
          : { text: "All good — **ready** when you are." },
    });
    server = await startServer({
      label: "e2e_errors",
      env: { AUTH_RATE_LIMIT: "false", GEMINI_API_KEY: "test-key", GEMINI_BASE_URL: gemini.url, CHAT_RATE_LIMIT: "4" },
    });
  });
  test.afterAll(async () => {
    await server?.close();
    await gemini?.close();
  });

  test("AI unavailable shows its message, keeps the text, and Retry works once it is back", async ({
    page,
    consoleErrors,
  }) => {
    consoleErrors.allow(/status of 503/);
    await signUp(page, server.url);
    await expect(page.getByRole("banner")).toContainText("Gemini 2.5 Flash");
    failing = true;
    await say(page, "Are you there?");
    await expect(page.getByRole("alert").filter({ hasText: "AI service temporarily unavailable" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Message" })).toHaveValue("Are you there?");
    await screenshot(page, "chat-error");
    failing = false;
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(
      conversationLog(page).getByRole("listitem").filter({ hasText: "All good — ready when you are." }),
    ).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "AI service" })).toHaveCount(0);
    // One conversation, with the message once and its answer.
    await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
    await page.reload();
    const items = conversationLog(page).getByRole("listitem");
    await expect(items).toHaveCount(2);
    await expect(page.getByRole("navigation", { name: "Conversations" }).getByRole("link")).toHaveCount(1);
  });

  test("the rate limit shows its message", async ({ page, consoleErrors }) => {
    consoleErrors.allow(/status of 429/);
    await signUp(page, server.url);
    for (let i = 0; i < 4; i++) {
      await say(page, `message ${i}`);
      await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
    }
    await say(page, "one too many");
    await expect(page.getByRole("alert").filter({ hasText: /Too many messages: at most 4 per minute/ })).toBeVisible();
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /Too many messages/ })).toBeVisible();
  });
});

test("the chat and the tasks page agree: add in chat, complete on /tasks, ask in chat", async ({ page }) => {
  await signUp(page);
  await pickSuggestion(page, "Add a task to buy milk");
  const log = conversationLog(page);
  await expect(log.getByRole("listitem").filter({ hasText: /Added #\d+ · Buy milk/ })).toBeVisible();
  await expect(page).toHaveURL(CONVERSATION_URL);
  const conversationUrl = page.url();
  await say(page, "add a task to pay bills");
  await expect(log.getByRole("listitem").filter({ hasText: /Added #\d+ · Pay bills/ })).toBeVisible();

  await page.getByRole("link", { name: "Tasks" }).click();
  await expect(page).toHaveURL(/\/tasks/);
  const tasks = page.getByRole("list", { name: "Tasks" });
  await expect(tasks.getByText("Buy milk", { exact: true })).toBeVisible();
  await page.getByRole("checkbox", { name: "Mark “Buy milk” as done" }).check();
  await expect(page.getByRole("checkbox", { name: "Re-open “Buy milk”" })).toBeChecked();

  await page.goto(conversationUrl);
  await say(page, "what's pending?");
  const answer = log.getByRole("listitem").filter({ hasText: "You have 1 pending task" });
  await expect(answer).toBeVisible();
  await expect(answer).toContainText("Pay bills");
  await expect(answer).not.toContainText("Buy milk");
});
