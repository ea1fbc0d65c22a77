// Small HTTP client for tests: sign up users and call the API as them.
import { randomBytes } from "node:crypto";

export type Reply<T = any> = { status: number; body: T; headers: Headers; text: string };

export type Session = {
  token: string;
  cookie: string;
  user: { id: string; email: string; name: string };
  password: string;
};

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.com`;
}

export async function call<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: "manual" });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

export async function signUp(
  baseUrl: string,
  options: { name?: string; email?: string; password?: string } = {},
): Promise<Session> {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? "correct horse battery";
  const res = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    // As a browser on the app's own page would: Better Auth checks the Origin of sign-ups (the
    // check is off under Vitest, which sets TEST=true, but on for the benchmarks).
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ name: options.name ?? "Test User", email, password }),
  });
  if (!res.ok) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: Session["user"] };
  const token = res.headers.get("set-auth-token");
  if (!token) throw new Error("sign-up returned no set-auth-token header");
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { token, cookie, user: { id: body.user.id, email, name: body.user.name }, password };
}
