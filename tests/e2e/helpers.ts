// Shared by the browser tests: fresh users, tasks made through the REST API, console watching
// and screenshots.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { TaskDto } from "@/lib/tasks/service";
import { type APIRequestContext, type Page, test as base, expect } from "@playwright/test";

export { expect };

export const PASSWORD = "a long enough password";

export type E2EUser = { email: string; name: string; token: string };

export type ApiTask = TaskDto;

/**
 * Signs a fresh user up through the auth API from the page's own browser context, so the page is
 * signed in (session cookie) and the bearer token can act for the user like another client.
 */
export async function signUpInPage(page: Page, name = "Tess Tasker"): Promise<E2EUser> {
  const email = `e2e-tasks-${Date.now()}-${randomBytes(3).toString("hex")}@example.com`;
  const res = await page.request.post("/api/auth/sign-up/email", { data: { name, email, password: PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  const token = res.headers()["set-auth-token"];
  if (!token) throw new Error("sign-up returned no set-auth-token header");
  return { email, name, token };
}

/** Creates a task as an API client would (the assistant's tools use the same service). */
export async function createTask(
  request: APIRequestContext,
  user: E2EUser,
  data: { title: string; description?: string },
): Promise<ApiTask> {
  const res = await request.post("/api/tasks", { data, headers: { authorization: `Bearer ${user.token}` } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as ApiTask;
}

export async function setCompleted(request: APIRequestContext, user: E2EUser, id: number, completed: boolean) {
  const res = await request.patch(`/api/tasks/${id}`, {
    data: { completed },
    headers: { authorization: `Bearer ${user.token}` },
  });
  expect(res.status(), await res.text()).toBe(200);
}

export async function listTasks(request: APIRequestContext, user: E2EUser): Promise<ApiTask[]> {
  const res = await request.get("/api/tasks", { headers: { authorization: `Bearer ${user.token}` } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { tasks: ApiTask[] }).tasks;
}

const artifacts = path.resolve(import.meta.dirname, "../artifacts");

/**
 * What the viewport shows, in tests/artifacts/ (gitignored), for looking at, not comparing. (The
 * app shell scrolls inside <main>, so a "full page" capture would only add blank space.)
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: false, animations: "disabled" });
}

type ConsoleWatch = {
  /** Console errors a test provokes on purpose (say, a 500 it injected itself). */
  allow: (pattern: RegExp) => void;
};

/**
 * `test` with an automatic check: a test fails if the page logged a console error or threw an
 * uncaught exception that it did not explicitly allow.
 */
export const test = base.extend<{ consoleErrors: ConsoleWatch }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const allowed: RegExp[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
      });
      page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
      await use({ allow: (pattern) => allowed.push(pattern) });
      expect(errors.filter((e) => !allowed.some((p) => p.test(e)))).toEqual([]);
    },
    { auto: true },
  ],
});

/** Signs a new user up through the sign-up page (optionally on another server) and waits for the app. */
export async function signUp(page: Page, baseURL = "", name = "Ada Lovelace"): Promise<{ email: string }> {
  const email = `e2e-${Date.now()}-${randomBytes(3).toString("hex")}@example.com`;
  await page.goto(`${baseURL}/sign-up`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/chat$/);
  return { email };
}

/**
 * Types a message in the chat composer and sends it with Enter, once the chat is live (the
 * composer's `data-ready`): before that, Enter in the server-rendered box sends nothing.
 */
export async function say(page: Page, text: string): Promise<void> {
  const box = page.locator("form[data-ready]").getByRole("textbox", { name: "Message" });
  await expect(box).toBeEnabled();
  await box.fill(text);
  await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();
  await box.press("Enter");
}

/**
 * Clicks one of the start screen's suggestions once the chat is live: before that the
 * server-rendered screen only puts the suggestion in the composer, it does not send it.
 */
export async function pickSuggestion(page: Page, name: string): Promise<void> {
  await expect(page.locator("form[data-ready]")).toHaveCount(1);
  await page.getByRole("button", { name }).click();
}

export const conversationLog = (page: Page) => page.getByRole("log", { name: "Conversation" });
