import type { Locator, Page } from "@playwright/test";
import { type TestServer, startServer } from "../helpers/server";
import { conversationLog, createTask, expect, signUp, signUpInPage, test } from "./helpers";

// The chat and tasks flows with the keyboard only (no clicks), and what a screen reader is told.
// Colours and names are axe-core's job (a11y.spec.ts).

/** Presses Tab until `target` has the focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/**
 * Whether the focused element shows that it has the focus: an outline, ring or border on it, its
 * next sibling (a styled box for a visually hidden checkbox) or the two elements around it (a
 * field's frame) that goes away when it loses the focus.
 */
function showsFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return false;
    const around = [el, el.nextElementSibling, el.parentElement, el.parentElement?.parentElement];
    const look = () =>
      around
        .map((node) => {
          if (!node) return "";
          const s = getComputedStyle(node);
          const outline = s.outlineStyle === "none" || s.outlineWidth === "0px" ? "none" : s.outlineColor;
          return `${outline}|${s.boxShadow}|${s.borderColor}`;
        })
        .join(";");
    const focused = look();
    el.blur();
    const unfocused = look();
    el.focus();
    return focused !== unfocused;
  });
}

/** The chat's composer once it is live (before that, typing is lost): it has the focus. */
async function liveComposer(page: Page): Promise<Locator> {
  const box = page.locator("form[data-ready]").getByRole("textbox", { name: "Message" });
  await expect(box).toBeFocused();
  return box;
}

test.use({ reducedMotion: "reduce" });

test("every stop on /chat and /tasks shows the focus", async ({ page, request }) => {
  const user = await signUpInPage(page);
  await createTask(request, user, { title: "Buy milk" });
  for (const path of ["/chat", "/tasks"]) {
    await page.goto(path);
    if (path === "/chat") await liveComposer(page);
    else await expect(page.locator("form[aria-label='Add a task'] button[type=submit]")).toBeVisible();
    // From the page's first link (the composer on /chat takes the focus once it is live).
    await page.locator("a[href]").first().focus();
    const seen: string[] = [];
    // Forward through the page until the focus leaves it or comes round again.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const stop = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const text = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 30) ?? "";
        return `${el.tagName.toLowerCase()} ${el.id} ${text}`;
      });
      if (stop === null) continue; // the browser's own stop between the end and the start
      if (seen.includes(stop)) break;
      expect(await showsFocus(page), `${path}: Tab stop ${i + 1} (${stop}) shows no focus`).toBe(true);
      seen.push(stop);
    }
    expect(new Set(seen).size).toBeGreaterThan(5);
  }
});

test("prefers-reduced-motion switches animations and transitions off", async ({ page }) => {
  await signUpInPage(page);
  await page.goto("/tasks");
  const button = page.getByRole("button", { name: "Add task" });
  const motion = () =>
    button.evaluate((el) => {
      const s = getComputedStyle(el);
      return { transition: s.transitionDuration, animation: s.animationName };
    });
  await page.emulateMedia({ reducedMotion: "no-preference" });
  expect((await motion()).transition).not.toBe("0s");
  await page.emulateMedia({ reducedMotion: "reduce" });
  expect(await motion()).toEqual({ transition: "0s", animation: "none" });
});

test("tool cards say what they did in words", async ({ page }) => {
  await signUpInPage(page);
  await page.goto("/chat");
  await liveComposer(page);
  await page.keyboard.type("add a task to buy milk");
  await page.keyboard.press("Enter");
  const card = conversationLog(page)
    .getByRole("listitem")
    .filter({ hasText: /Added #\d+ · Buy milk/ });
  await expect(card).toBeVisible();
  const tree = await card.ariaSnapshot();
  expect(tree).toMatch(/Added task \d+, “Buy milk” \(done\)/);
  expect(tree).not.toContain("·");
});

test.describe("a reply that streams", () => {
  let server: TestServer;
  test.beforeAll(async () => {
    server = await startServer({
      label: "e2e_keyboard",
      env: { AUTH_RATE_LIMIT: "false", OFFLINE_MODEL_DELAY_MS: "100" },
    });
  });
  test.afterAll(async () => server?.close());

  test("focus stays in the composer, and each reply is announced once, when it has finished (a repeat too)", async ({
    page,
  }) => {
    await signUp(page, server.url);
    const box = await liveComposer(page);
    const live = page.getByTestId("reply-announcement");
    await expect(live).toHaveAttribute("role", "status");
    const log = conversationLog(page);
    // Every text the live region takes, and how often the log changes meanwhile.
    await page.evaluate(() => {
      const w = window as unknown as { announced: string[]; logChanges: number };
      w.announced = [];
      w.logChanges = 0;
      const region = document.querySelector("[data-testid=reply-announcement]");
      if (!region) throw new Error("no live region");
      new MutationObserver(() => w.announced.push(region.textContent ?? "")).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
      new MutationObserver(() => w.logChanges++).observe(document.querySelector("main") ?? document.body, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const record = () =>
      page.evaluate(() => {
        const { announced, logChanges } = window as unknown as { announced: string[]; logChanges: number };
        return { announced, logChanges };
      });

    // The same greeting twice: the second reply, word for word the first, is announced as well.
    for (const [i, text] of ["hello", "hello", "add a task to buy milk"].entries()) {
      await page.keyboard.type(text);
      await page.keyboard.press("Enter");
      await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
      await expect(box).toBeFocused();
      await expect(page.getByRole("button", { name: "Send" })).toBeVisible({ timeout: 20_000 });
      await expect(box).toBeFocused();
      const reply = (await log.locator("[data-role=assistant]").last().innerText()).trim();
      const { announced, logChanges } = await record();
      expect(logChanges).toBeGreaterThan(3); // it streamed, in many steps
      expect(announced).toHaveLength(i + 1); // but was announced once
      expect(announced.at(-1)?.replace(/\s+/g, " ")).toContain(reply.slice(0, 20));
    }
    const { announced } = await record();
    expect(announced[1]).toBe(announced[0]);
    await expect(log).toHaveAttribute("aria-live", "off"); // the log itself stays quiet
  });
});

test("the phone drawer, the delete dialog and the bell: Escape closes them and focus goes back", async ({ page }) => {
  await signUpInPage(page);
  await page.goto("/chat");
  await liveComposer(page);
  await page.keyboard.type("hello");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();

  // The delete dialog opens from the sidebar and gives the focus back when dismissed.
  const sidebar = page.getByRole("navigation", { name: "Conversations" });
  const remove = sidebar.getByRole("button", { name: /^Delete/ }).first();
  await tabTo(page, remove);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Delete conversation?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();

  // The bell's panel.
  const bell = page.getByRole("button", { name: /^Notifications/ });
  await tabTo(page, bell);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Notifications" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("region", { name: "Notifications" })).toBeHidden();
  await expect(bell).toBeFocused();

  // On a phone the conversation list is a modal drawer.
  await page.setViewportSize({ width: 390, height: 844 });
  const open = page.getByRole("button", { name: "Open conversations" });
  await tabTo(page, open);
  await page.keyboard.press("Enter");
  const drawer = page.getByRole("dialog", { name: "Conversations" });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Close conversations" })).toBeFocused();
  // Focus stays inside while it is open.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(open).toBeFocused();

  // Widened past the phone breakpoint while open, it closes: hidden but still modal, it would
  // leave the whole page inert.
  await page.keyboard.press("Enter");
  await expect(drawer).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(() => page.evaluate(() => document.querySelectorAll("dialog:modal").length)).toBe(0);
  await expect(drawer).toBeHidden();
  const composer = page.getByRole("textbox", { name: "Message" });
  await tabTo(page, composer);
  await page.keyboard.type("still usable");
  await expect(composer).toHaveValue("still usable");
});

test("/tasks by keyboard: add, complete, edit and cancel, delete; focus lands on a neighbour", async ({ page }) => {
  await signUpInPage(page);
  await page.goto("/tasks");
  const title = page.getByRole("textbox", { name: "New task" });
  await tabTo(page, title);
  for (const t of ["Walk the dog", "Buy milk", "Call mum"]) {
    await page.keyboard.type(t);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("list", { name: "Tasks" }).getByText(t, { exact: true })).toBeVisible();
    await expect(title).toBeFocused();
  }

  const milkDone = page.getByRole("checkbox", { name: "Mark “Buy milk” as done" });
  await tabTo(page, milkDone);
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "Re-open “Buy milk”" })).toBeChecked();

  const edit = page.getByRole("button", { name: "Edit “Call mum”" });
  await tabTo(page, edit);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox", { name: "Title" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveCount(0);
  await expect(edit).toBeFocused();

  // Delete takes two presses; focus goes to the next task, and after the last one to the form.
  const items = page.getByRole("list", { name: "Tasks" }).getByRole("listitem");
  const count = await items.count();
  for (let left = count; left > 0; left--) {
    const first = items.first();
    await tabTo(page, first.getByRole("button", { name: /^Delete/ }));
    await page.keyboard.press("Enter");
    await expect(first.getByRole("button", { name: /^Confirm delete/ })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(items).toHaveCount(left - 1);
    if (left > 1) await expect(items.first().getByRole("checkbox")).toBeFocused();
    else await expect(title).toBeFocused();
  }
});
