import type { Page } from "@playwright/test";
import { type ThreadStreamEvent, threadStreamEventSchema } from "@/lib/chatkit/schemas";
import { e2eBaseUrl } from "../../playwright.config";
import { type TestServer, startServer } from "../helpers/server";
import { parseSse } from "../helpers/sse";
import { conversationLog, expect, say, screenshot, signUp, signUpInPage, test } from "./helpers";

/** A ChatKit request from the signed-in page's own context (its session cookie), as ChatKit makes them. */
async function chatKit(
  page: Page,
  body: unknown,
): Promise<{ status: number; events: ThreadStreamEvent[]; json: unknown }> {
  // A browser's fetch sends its Origin, which cookie-authenticated writes need.
  const res = await page.request.post("/api/chatkit", { data: body, headers: { origin: e2eBaseUrl } });
  const text = await res.text();
  const streamed = res.headers()["content-type"]?.startsWith("text/event-stream");
  return {
    status: res.status(),
    events: streamed ? await parseSse(text, threadStreamEventSchema) : [],
    json: streamed ? undefined : JSON.parse(text),
  };
}

const feedbackOf = async (page: Page, id: string) =>
  (
    (await (await page.request.get(`/api/conversations/${id}`)).json()) as { messages: { feedback: unknown }[] }
  ).messages.map((m) => m.feedback);

test("a thread made through ChatKit shows on /chat with its rating, which /chat can change", async ({ page }) => {
  await signUpInPage(page);
  const created = await chatKit(page, {
    type: "threads.create",
    params: {
      input: {
        content: [{ type: "input_text", text: "Add a task to buy milk" }],
        attachments: [],
        inference_options: {},
      },
    },
  });
  expect(created.status).toBe(200);
  const thread = created.events.find((e) => e.type === "thread.created");
  if (thread?.type !== "thread.created") throw new Error("no thread.created event");
  const answer = created.events.flatMap((e) =>
    e.type === "thread.item.done" && e.item.type !== "user_message" ? [e.item.id] : [],
  );
  const rated = await chatKit(page, {
    type: "items.feedback",
    params: { thread_id: thread.thread.id, item_ids: answer, kind: "positive" },
  });
  expect(rated.status).toBe(200);

  await page.goto(`/chat/${thread.thread.id}`);
  const log = conversationLog(page);
  await expect(log.getByRole("listitem").filter({ hasText: "Add a task to buy milk" })).toBeVisible();
  await expect(log.getByRole("listitem").filter({ hasText: /Added #\d+ · Buy milk/ })).toBeVisible();
  await expect(log.getByRole("listitem").filter({ hasText: /Added task #\d+ · Buy milk\./ })).toBeVisible();
  const sidebar = page.getByRole("navigation", { name: "Conversations" });
  await expect(sidebar.getByRole("link", { name: /Add a task to buy milk/ })).toHaveAttribute("aria-current", "page");

  const rating = log.getByRole("group", { name: "Rate this reply" });
  await expect(rating.getByRole("button", { name: "Good reply" })).toHaveAttribute("aria-pressed", "true");
  await rating.getByRole("button", { name: "Bad reply" }).click();
  await expect(rating.getByRole("button", { name: "Bad reply" })).toHaveAttribute("aria-pressed", "true");
  await expect(rating.getByRole("button", { name: "Good reply" })).toHaveAttribute("aria-pressed", "false");
  await expect.poll(() => feedbackOf(page, thread.thread.id)).toEqual([null, "negative"]);
  await screenshot(page, "chat-rated");

  // Pressing the chosen rating again takes it back.
  await rating.getByRole("button", { name: "Bad reply" }).click();
  await expect(rating.getByRole("button", { name: "Bad reply" })).toHaveAttribute("aria-pressed", "false");
  await expect.poll(() => feedbackOf(page, thread.thread.id)).toEqual([null, null]);
});

test("a fresh reply on /chat can be rated from the keyboard", async ({ page }) => {
  await signUp(page);
  await say(page, "add a task to water the plants");
  const log = conversationLog(page);
  const rating = log.getByRole("group", { name: "Rate this reply" });
  await expect(rating).toHaveCount(1);
  await rating.getByRole("button", { name: "Good reply" }).focus();
  await page.keyboard.press("Enter");
  await expect(rating.getByRole("button", { name: "Good reply" })).toHaveAttribute("aria-pressed", "true");
  const id = page.url().split("/").at(-1)!;
  await expect.poll(() => feedbackOf(page, id)).toEqual([null, "positive"]);
  await page.reload();
  await expect(rating.getByRole("button", { name: "Good reply" })).toHaveAttribute("aria-pressed", "true");
});

test("/chatkit without a domain key explains how to turn ChatKit on and links to the chat", async ({ page }) => {
  await signUp(page);
  await page.goto("/chatkit");
  await expect(page.getByRole("heading", { level: 1, name: "Use OpenAI's ChatKit UI" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("NEXT_PUBLIC_CHATKIT_DOMAIN_KEY");
  await expect(page.locator("openai-chatkit")).toHaveCount(0);
  await screenshot(page, "chatkit-off");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "chatkit-off-dark");
  await page.getByRole("link", { name: "open the chat" }).click();
  await expect(page).toHaveURL(/\/chat$/);
});

test.describe("with a ChatKit domain key", () => {
  let server: TestServer;
  test.beforeAll(async () => {
    server = await startServer({
      label: "e2e_chatkit",
      env: { AUTH_RATE_LIMIT: "false", NEXT_PUBLIC_CHATKIT_DOMAIN_KEY: "domain_pk_test_123" },
    });
  });
  test.afterAll(async () => server?.close());

  test("/chatkit mounts ChatKit against /api/chatkit, signed in by the page's cookie", async ({ page }) => {
    // ChatKit's real script comes from OpenAI's CDN (unreachable here): a stand-in element records
    // the options it is given and makes one request the way ChatKit would.
    await page.route("https://cdn.platform.openai.com/**", (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: `customElements.define("openai-chatkit", class extends HTMLElement {
          async setOptions(options) {
            const send = options.api.fetch ?? fetch;
            const res = await send(options.api.url, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ type: "threads.list", params: {} }),
            });
            window.chatKitSeen = { url: options.api.url, domainKey: options.api.domainKey,
              feedback: options.threadItemActions?.feedback, status: res.status, body: await res.json() };
          }
        });`,
      }),
    );
    await signUp(page, server.url);
    await page.goto(`${server.url}/chatkit`);
    await expect(page.locator("openai-chatkit")).toHaveCount(1);
    const seen = await page.waitForFunction(() => (window as unknown as { chatKitSeen?: unknown }).chatKitSeen);
    expect(await seen.jsonValue()).toEqual({
      url: "/api/chatkit",
      domainKey: "domain_pk_test_123",
      feedback: true,
      status: 200,
      body: { data: [], has_more: false },
    });
  });
});
