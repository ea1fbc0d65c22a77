import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, uniqueEmail } from "../helpers/api";
import { type TestServer, startServer } from "../helpers/server";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp-sink";

// Issue #15 finding 6: with SMTP_URL set, email verification is required and sign-up answers the
// same whether or not the address has an account (its owner gets a mail instead).
let sink: SmtpSink;
let server: TestServer;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({
    label: "mail",
    env: { AUTH_RATE_LIMIT: "false", SMTP_URL: sink.url, MAIL_FROM: "Taskchat <no-reply@example.com>" },
  });
});
afterAll(async () => {
  await server?.close();
  await sink?.close();
});

const PASSWORD = "plum kettle orbit 42";
const signUp = (email: string, name = "Vera") =>
  call(server.url, "POST", "/api/auth/sign-up/email", {
    headers: { origin: server.url },
    body: { name, email, password: PASSWORD },
  });
const login = (email: string) => call(server.url, "POST", "/api/auth/login", { body: { email, password: PASSWORD } });
const linkIn = (text: string) => /https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(text)?.[0];

/** What a sign-up answer reveals: status, headers that matter, and the shape of the body. */
const observable = (res: Awaited<ReturnType<typeof signUp>>) => ({
  status: res.status,
  token: res.body.token,
  authToken: res.headers.get("set-auth-token"),
  cookies: res.headers.getSetCookie().length,
  userKeys: Object.keys(res.body.user ?? {}).sort(),
  emailVerified: res.body.user?.emailVerified,
});

describe("sign-up with a mail transport", () => {
  it("a new address gets a verification mail; until it is followed, the account cannot sign in", async () => {
    const email = uniqueEmail("verify");
    const res = await signUp(email);
    expect(res.status).toBe(200);
    expect(res.body.token).toBeNull();
    expect(res.headers.get("set-auth-token")).toBeNull();

    const mail = await sink.waitFor(email, /Confirm your email/);
    const link = linkIn(mail.text);
    expect(link).toBeTruthy();
    const refused = await login(email);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/confirm your email/i);

    const verified = await fetch(link!, { redirect: "manual" });
    expect(verified.status).toBe(302);
    expect(verified.headers.getSetCookie().some((c) => c.includes("session_token"))).toBe(true);
    expect((await login(email)).status).toBe(200);
  });

  it("answers the same for an address that already has an account, and tells its owner instead", async () => {
    const taken = uniqueEmail("taken");
    await signUp(taken, "Owner");
    await fetch(linkIn((await sink.waitFor(taken, /Confirm your email/)).text)!, { redirect: "manual" });
    expect((await login(taken)).status).toBe(200);

    const again = await signUp(taken, "Intruder");
    const fresh = await signUp(uniqueEmail("fresh"), "Intruder");
    expect(observable(again)).toEqual(observable(fresh));
    expect(again.body.user.email).toBe(taken);

    await sink.waitFor(taken, /Someone tried to sign up/);
    // The account is untouched: same owner, same password.
    expect((await login(taken)).body.user.name).toBe("Owner");
  });
});
