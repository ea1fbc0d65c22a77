import { expect, test } from "./helpers";

const password = "a long enough password";

test("sign up, land in the app, sign out, sign in, and see an error for a wrong password", async ({
  page,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 401 .*sign-in\/email/); // the wrong password, on purpose
  const email = `e2e-${Date.now()}@example.com`;

  await page.goto("/chat");
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();

  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByRole("banner")).toContainText("Ada Lovelace");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("the wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/chat$/);

  await page.goto("/");
  await expect(page).toHaveURL(/\/chat$/);
});

test("an account that already exists gets a clear message", async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/status of 422 .*sign-up\/email/); // the duplicate, on purpose
  const email = `e2e-dup-${Date.now()}@example.com`;
  const res = await request.post("/api/auth/sign-up/email", { data: { name: "First", email, password } });
  expect(res.ok()).toBe(true);
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Second");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("already exists");
});

test("a signed-out visitor to / goes to sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Welcome back" })).toBeVisible();
});
