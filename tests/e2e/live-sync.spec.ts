import type { Page } from "@playwright/test";
import { conversationLog, expect, say, signUp, signUpInPage, test } from "./helpers";
import { expectAccessible } from "./a11y";

// Two tabs of one person, each in its own browser context: what one does shows in the other
// without a reload, through the /api/events stream.

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
  const other = await browser.newContext({ baseURL });
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

  await expectAccessible(tasksTab, "the activity panel", { include: "section[aria-labelledby=activity-heading]" });

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
