import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { conversationLog, expect, say, signUp, signUpInPage, test } from "./helpers";

// Two tabs of one person, each in its own browser context: what one does shows in the other
// without a reload, through the /api/events stream.

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** WCAG 2.1 A/AA violations axe-core finds in a part of the page (a CSS selector) as it is now. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async (include) => {
    type Violation = { id: string; nodes: { target: string[] }[] };
    type Axe = { run: (context: object, options: object) => Promise<{ violations: Violation[] }> };
    const { axe } = window as unknown as { axe: Axe };
    const result = await axe.run(
      { include: [include] },
      { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } },
    );
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, selector);
}

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test("added in the chat of one tab, a task appears on /tasks in another; completed there, the chat's card follows", async ({
  page,
  browser,
  baseURL,
}) => {
  await signUp(page);
  // bypassCSP: axe-core is injected as a script tag, which the CSP rightly refuses.
  const other = await browser.newContext({ baseURL, bypassCSP: true });
  await other.addCookies(await page.context().cookies());
  const tasksTab = await other.newPage();
  const otherErrors = watchConsole(tasksTab);
  await tasksTab.goto("/tasks");
  const list = tasksTab.getByRole("list", { name: "Tasks" });
  const activity = tasksTab.getByRole("list", { name: "Recent changes" });
  // Both tabs follow the stream before anything happens (a later one would replay it anyway).
  for (const tab of [page, tasksTab]) await expect(tab.locator("html")).toHaveAttribute("data-live", "open");

  await say(page, "add a task to buy milk");
  const log = conversationLog(page);
  const card = log.getByRole("listitem").filter({ hasText: /Added #\d+ · Buy milk/ });
  await expect(card).toBeVisible();

  await expect(list.getByText("Buy milk", { exact: true })).toBeVisible();
  await expect(activity.getByRole("listitem").filter({ hasText: "Added “Buy milk” · chat ·" })).toBeVisible();
  expect(await list.getByRole("listitem").count()).toBe(1);

  await tasksTab.getByRole("checkbox", { name: "Mark “Buy milk” as done" }).check();
  await expect(card.getByTestId("tool-card-now")).toHaveText("Now done");
  await expect(activity.getByRole("listitem").first()).toHaveText(/^Updated “Buy milk” · web · just now$/);
  // The tab's own change, echoed by the stream, is neither doubled nor undone.
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(tasksTab.getByRole("checkbox", { name: "Re-open “Buy milk”" })).toBeChecked();

  // The activity panel is clean for axe in light and dark.
  for (const scheme of ["light", "dark"] as const) {
    await tasksTab.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(tasksTab, "section[aria-labelledby=activity-heading]"), scheme).toEqual([]);
  }

  expect(otherErrors).toEqual([]);
  await other.close();
});

test("the chat sidebar follows conversations made, renamed and deleted elsewhere", async ({ page }) => {
  const user = await signUpInPage(page);
  await page.goto("/chat");
  const sidebar = page.getByRole("navigation", { name: "Conversations" });
  const auth = { authorization: `Bearer ${user.token}` };

  const turn = await page.request.post("/api/chat", {
    data: { message: "add a task to water the plants" },
    headers: auth,
  });
  expect(turn.status()).toBe(200);
  const { conversation_id: id } = (await turn.json()) as { conversation_id: string };
  await expect(sidebar.getByRole("link", { name: "add a task to water the plants" })).toBeVisible();

  const renamed = await page.request.patch(`/api/conversations/${id}`, { data: { title: "Garden" }, headers: auth });
  expect(renamed.status()).toBe(200);
  await expect(sidebar.getByRole("link", { name: "Garden" })).toBeVisible();

  expect((await page.request.delete(`/api/conversations/${id}`, { headers: auth })).status()).toBe(204);
  await expect(sidebar.getByRole("link", { name: "Garden" })).toHaveCount(0);
});
