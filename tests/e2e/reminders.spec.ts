import axe from "axe-core";
import type { BrowserContext, Page } from "@playwright/test";
import { PASSWORD, expect, screenshot, signUpInPage, test } from "./helpers";

// Reminders in the browser: the e2e server runs its scheduler every second (global-setup.ts).
// System notifications are observed by stubbing the page's ways of showing one (the service
// worker registration's showNotification, and window.Notification) before any script runs.

type Shown = { title: string; body?: string; tag?: string };

async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const shown: Shown[] = [];
    Object.assign(window, { __shown: shown });
    ServiceWorkerRegistration.prototype.showNotification = async function (title, options) {
      shown.push({ title, body: options?.body, tag: options?.tag });
    };
    class RecordedNotification {
      static permission = Notification.permission;
      static requestPermission = Notification.requestPermission.bind(Notification);
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body, tag: options?.tag });
      }
    }
    Object.defineProperty(window, "Notification", { value: RecordedNotification });
  });
}

const shownTitles = (page: Page) =>
  page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown.map((n) => n.title));

const bell = (page: Page) => page.getByRole("button", { name: /^Notifications/ });

/** WCAG 2.1 AA violations in the app header, where the bell and its list live. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(
      { include: [["header"]] },
      {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      },
    ),
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.use({ permissions: ["notifications"] });

test("a reminder set a few seconds ahead shows as a notification and in the bell, on every open page of the user", async ({
  page,
  browser,
  request,
  context,
  baseURL,
}) => {
  await recordNotifications(context);
  const user = await signUpInPage(page, "Rita Reminder");
  await page.goto("/tasks");
  await expect(bell(page)).toHaveAccessibleName("Notifications");

  // The same person in a second browser, signed in on their own.
  const other = await browser.newContext({ baseURL, permissions: ["notifications"] });
  await recordNotifications(other);
  const second = await other.newPage();
  const signIn = await second.request.post("/api/auth/sign-in/email", {
    data: { email: user.email, password: PASSWORD },
  });
  expect(signIn.ok()).toBe(true);
  await second.goto("/chat");
  await expect(bell(second)).toHaveAccessibleName("Notifications");

  const remindAt = new Date(Date.now() + 3_000).toISOString();
  const created = await request.post("/api/tasks", {
    data: { title: "Stretch", description: "Two minutes, neck and back", remind_at: remindAt },
    headers: { authorization: `Bearer ${user.token}` },
  });
  expect(created.status(), await created.text()).toBe(201);
  const task = (await created.json()) as { id: number };

  for (const p of [page, second]) {
    await expect(bell(p)).toHaveAccessibleName("Notifications, 1 unread", { timeout: 20_000 });
    await expect(p.getByTestId("unread-count")).toHaveText("1");
    await expect.poll(() => shownTitles(p)).toEqual(["Stretch"]);
  }

  // The list, by keyboard: open, read, close with Escape back on the bell.
  await bell(page).focus();
  await page.keyboard.press("Enter");
  const panel = page.getByRole("region", { name: "Notifications" });
  await expect(panel.getByRole("link", { name: /Unread: Stretch/ })).toBeVisible();
  await expect(panel).toContainText("Two minutes, neck and back");
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "reminders-bell-light");
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "reminders-bell-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(bell(page)).toBeFocused();

  // Clicking it opens the task and marks it read, here and, live, in the other browser.
  await bell(page).click();
  await panel.getByRole("link", { name: /Stretch/ }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks\\?task=${task.id}$`));
  await expect(bell(page)).toHaveAccessibleName("Notifications");
  await expect(bell(second)).toHaveAccessibleName("Notifications");
  await expect(second.getByTestId("unread-count")).toHaveCount(0);
  await other.close();
});

test("without permission, a reminder that fires on an open page is an in-app toast", async ({ page, request }) => {
  const user = await signUpInPage(page, "Tom Toast");
  await page.context().clearPermissions();
  await page.goto("/chat");
  await expect(bell(page)).toHaveAccessibleName("Notifications");
  await expect(page.getByText("Get your reminders as notifications")).toHaveCount(0);
  const res = await request.post("/api/tasks", {
    data: { title: "Call the dentist", remind_at: new Date(Date.now() + 2_000).toISOString() },
    headers: { authorization: `Bearer ${user.token}` },
  });
  expect(res.status()).toBe(201);
  // Setting the first reminder offers system notifications (never on page load).
  await expect(page.getByText("Get your reminders as notifications")).toBeVisible();
  await page.getByRole("button", { name: "Not now" }).click();
  await expect(page.getByText("Get your reminders as notifications")).toBeHidden();
  const toast = page.getByRole("status").filter({ hasText: "Reminder: Call the dentist" });
  await expect(toast).toBeVisible({ timeout: 20_000 });
  await toast.getByRole("button", { name: "Open task" }).click();
  await expect(page).toHaveURL(/\/tasks\?task=\d+$/);
  await expect(bell(page)).toHaveAccessibleName("Notifications");
});
