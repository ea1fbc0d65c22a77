import type { Page } from "@playwright/test";
import { type FakeGemini, type GeminiRequest, startFakeGemini } from "../helpers/fake-gemini";
import { type TestServer, startServer } from "../helpers/server";
import { expectAccessible } from "./a11y";
import {
  PASSWORD,
  conversationLog,
  createTask,
  expect,
  say,
  setCompleted,
  signUp,
  signUpInPage,
  test,
} from "./helpers";

// axe-core (WCAG 2.1 A/AA, light and dark) in every state a person meets. Keyboard and screen-reader
// behaviour axe cannot see is in keyboard.spec.ts.

// Each audit is two full axe-core runs, slow on a busy machine.
test.describe.configure({ timeout: 300_000 });

const alertIn = (page: Page) => page.getByRole("main").getByRole("alert");

test("sign-in and sign-up, with and without errors", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of (401|422)/);
  const { email } = await signUp(page);
  await page.context().clearCookies();

  await page.goto("/sign-in");
  await expectAccessible(page, "sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("the wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alertIn(page)).toHaveText("Invalid email or password.");
  await expectAccessible(page, "sign-in with an error");

  await page.goto("/sign-up");
  await expectAccessible(page, "sign-up");
  await page.getByLabel("Name").fill("Second");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(alertIn(page)).toContainText("already exists");
  await expectAccessible(page, "sign-up with an error");
});

test("the chat: start screen, a card of every kind (an error card too), the bell, the phone drawer", async ({
  page,
}) => {
  await signUp(page);
  await expect(page.getByRole("heading", { name: /Good (morning|afternoon|evening), Ada/ })).toBeVisible();
  await expectAccessible(page, "chat start screen");

  const log = conversationLog(page);
  const card = (text: RegExp | string) => log.getByRole("listitem").filter({ hasText: text });
  await say(page, "add a task to buy milk");
  await expect(card(/Added #\d+ · Buy milk/)).toBeVisible();
  await say(page, "add call mom, pay bills and book dentist");
  await expect(card(/Added #\d+ · Pay bills/)).toBeVisible();
  await say(page, "mark the milk task as done");
  await expect(card(/Completed #\d+ · Buy milk/)).toBeVisible();
  await say(page, "rename the mom one to call mom tonight");
  await expect(card(/Updated #\d+ · Call mom tonight/)).toBeVisible();
  await say(page, "delete the bills one");
  await expect(card(/Deleted #\d+ · Pay bills/)).toBeVisible();
  await say(page, "show all my tasks");
  await expect(card(/Found 3 tasks/)).toBeVisible();
  await say(page, "complete #9999");
  await expect(log.locator("[data-state=failed]")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await expectAccessible(page, "a conversation with every tool-card kind");

  const bell = page.getByRole("button", { name: /^Notifications/ });
  await bell.click();
  await expect(page.getByRole("region", { name: "Notifications" })).toBeVisible();
  await expectAccessible(page, "notification bell open");
  await page.keyboard.press("Escape");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Open conversations" }).click();
  await expect(page.getByRole("dialog", { name: "Conversations" })).toBeVisible();
  await expectAccessible(page, "phone drawer");
});

test("/tasks: empty, a list, editing, validation, confirm-delete, the activity panel", async ({ page, request }) => {
  // "Confirm delete" disarms itself after 4 s, and two axe-core runs take longer than that on a busy
  // machine. The page's timers cannot be paused (axe-core needs them), so its 4-second ones wait longer.
  await page.addInitScript(() => {
    window.setTimeout = new Proxy(window.setTimeout, {
      apply: (target, self, [handler, ms, ...rest]: unknown[]) =>
        Reflect.apply(target, self, [handler, ms === 4_000 ? 600_000 : ms, ...rest]),
    });
  });
  const user = await signUpInPage(page);
  await page.goto("/tasks");
  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
  await expectAccessible(page, "/tasks empty");

  await createTask(request, user, { title: "Buy milk", description: "Oat, two cartons" });
  const done = await createTask(request, user, { title: "Water the plants" });
  await createTask(request, user, { title: "Call mum" });
  await setCompleted(request, user, done.id, true);
  await page.reload();
  const list = page.getByRole("list", { name: "Tasks" });
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await expect(page.getByRole("list", { name: "Recent changes" }).getByRole("listitem").first()).toBeVisible();
  await expectAccessible(page, "/tasks with pending and completed tasks and the activity panel");

  const addForm = page.getByRole("form", { name: "Add a task" });
  await page.getByRole("textbox", { name: "New task" }).fill("x".repeat(201));
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(addForm.getByRole("alert")).toBeVisible();
  await expectAccessible(page, "/tasks add form refusing a too-long title");
  await page.getByRole("textbox", { name: "New task" }).fill("");

  // One row is edited at a time: its fields are the page's only "Title" box and Save.
  await list.getByRole("button", { name: "Edit “Buy milk”" }).click();
  const editTitle = list.getByRole("textbox", { name: "Title" });
  await expect(editTitle).toBeFocused();
  await expectAccessible(page, "/tasks editing a task");
  await editTitle.fill("");
  await list.getByRole("button", { name: "Save" }).click();
  await expect(list.getByRole("alert")).toHaveText("Title must not be empty.");
  await expectAccessible(page, "/tasks editing with an error");
  await list.getByRole("button", { name: "Cancel" }).click();

  const mum = list.getByRole("listitem").filter({ hasText: "Call mum" });
  await mum.getByRole("button", { name: "Delete “Call mum”", exact: true }).press("Enter");
  const confirm = mum.getByRole("button", { name: "Confirm delete “Call mum”" });
  await expect(confirm).toBeFocused();
  await expectAccessible(page, "/tasks confirm-delete");
  await expect(confirm).toBeFocused(); // still armed: the audit saw this state
});

test("/sessions, /settings and /chatkit", async ({ page }) => {
  await signUpInPage(page);
  await page.goto("/sessions");
  await expect(page.getByRole("list", { name: "Signed-in sessions" }).getByRole("listitem")).toHaveCount(1);
  await expectAccessible(page, "/sessions");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expectAccessible(page, "/settings");
  await page.goto("/chatkit");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "/chatkit");
});

const MARKDOWN_REPLY = [
  "Here is your week:",
  "",
  "- Buy **milk**",
  "- Call mom",
  "  1. about the trip",
  "",
  "> Remember the `dentist` on Friday.",
  "",
  "```",
  "milk x2",
  "eggs x12",
  "```",
  "",
  "| Task | Due |",
  "| --- | --- |",
  "| Milk | Monday |",
  "| Dentist | Friday |",
  "",
  "---",
  "",
  "See [the list](/tasks).",
].join("\n");

/**
 * The classes on `root` and below that no rule of the page's style sheets names: markup written
 * for another theme (Streamdown's shadcn names) shows up here. `language-*` only marks a code
 * block's language for the highlighter.
 */
function unstyledClasses(root: Element): string[] {
  const named = new Set<string>();
  const collect = (rules: CSSRuleList) => {
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSStyleRule) {
        for (const m of rule.selectorText.matchAll(/\.((?:\\.|[\w-])+)/g)) named.add(m[1]!.replace(/\\(.)/g, "$1"));
      }
      if ("cssRules" in rule) collect((rule as CSSGroupingRule).cssRules);
    }
  };
  for (const sheet of Array.from(document.styleSheets)) collect(sheet.cssRules);
  const used = new Set([root, ...Array.from(root.querySelectorAll("*"))].flatMap((el) => Array.from(el.classList)));
  return [...used].filter((c) => !named.has(c) && !c.startsWith("language-")).sort();
}

test.describe("with a remote model", () => {
  let gemini: FakeGemini;
  let server: TestServer;
  const lastUserText = (request: GeminiRequest): string => JSON.stringify(request.body.contents.at(-1));
  test.beforeAll(async () => {
    gemini = await startFakeGemini({
      // "fail" gets a 503; "markdown" a reply with every block Streamdown styles; anything else a
      // long reply, three words every 200 ms (long enough to stop).
      respond: (request) =>
        lastUserText(request).includes("fail")
          ? { status: 503, error: { message: "overloaded", status: "UNAVAILABLE" } }
          : lastUserText(request).includes("markdown")
            ? { text: MARKDOWN_REPLY }
            : { text: Array.from({ length: 600 }, (_, i) => `word${i}`).join(" ") },
      delayMs: 200,
    });
    server = await startServer({
      label: "e2e_a11y",
      env: { AUTH_RATE_LIMIT: "false", GEMINI_API_KEY: "test-key", GEMINI_BASE_URL: gemini.url },
    });
  });
  test.afterAll(async () => {
    await server?.close();
    await gemini?.close();
  });

  test("a reply in markdown (list, quote, code, table): every class styled, AA in light and dark", async ({ page }) => {
    await signUp(page, server.url);
    await say(page, "show me some markdown");
    const reply = conversationLog(page).locator("[data-role=assistant]").last();
    await expect(reply.getByRole("table")).toBeVisible();
    await expect(page.getByRole("button", { name: "Send" })).toBeVisible({ timeout: 30_000 });
    expect(await reply.locator(".markdown").evaluate(unstyledClasses)).toEqual([]);
    await expectAccessible(page, "a reply in markdown");
  });

  test("an error with Retry, and a stopped reply", async ({ page, consoleErrors }) => {
    consoleErrors.allow(/status of 503/);
    await signUp(page, server.url);
    await say(page, "please fail");
    await expect(page.getByRole("alert").filter({ hasText: "AI service temporarily unavailable" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
    await expectAccessible(page, "an error with Retry");

    await page.getByRole("textbox", { name: "Message" }).fill("tell me a long story");
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    const log = conversationLog(page);
    await expect(log.getByRole("listitem").filter({ hasText: /^word0/ })).toBeVisible();
    await page.getByRole("button", { name: "Stop" }).click();
    await expect(log.getByRole("listitem").filter({ hasText: "Stopped" })).toBeVisible();
    await expectAccessible(page, "a stopped reply");
  });
});
