"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { meApi } from "@/lib/api-client";
import { authClient } from "@/lib/auth/client";
import { browserZone } from "@/app/(app)/_lib/user-zone";

type Mode = "sign-in" | "sign-up";

const copy = {
  "sign-in": {
    title: "Welcome back",
    subtitle: "Sign in to talk to your todo list.",
    submit: "Sign in",
    busy: "Signing in…",
    switchText: "New to Taskchat?",
    switchLink: { href: "/sign-up", label: "Create an account" },
  },
  "sign-up": {
    title: "Create your account",
    subtitle: "Then just tell the assistant what needs doing.",
    submit: "Sign up",
    busy: "Creating account…",
    switchText: "Already have an account?",
    switchLink: { href: "/sign-in", label: "Sign in" },
  },
} as const;

function messageFor(error: { status?: number; message?: string; code?: string }): string {
  if (error.status === 429) return error.message || "Too many attempts. Wait a minute and try again.";
  if (error.code === "INVALID_EMAIL_OR_PASSWORD") return "Invalid email or password.";
  if (error.code === "EMAIL_NOT_VERIFIED") {
    return "Confirm your email address first: we have sent you a new link.";
  }
  if (error.code === "USER_ALREADY_EXISTS" || error.code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL") {
    return "An account with this email already exists. Sign in instead.";
  }
  return error.message || "Something went wrong. Please try again.";
}

/**
 * An account whose zone was never set takes this browser's zone at sign-up or sign-in, so
 * "tomorrow at 9" means 9:00 where the person is; a zone chosen in Settings stays, UTC included.
 */
async function adoptBrowserZone(): Promise<void> {
  const zone = browserZone();
  if (zone === "UTC") return;
  try {
    const me = await meApi.get();
    if (!me.timezone_set) await meApi.setTimezone(zone);
  } catch {
    // Not worth stopping a sign-in for: the zone can be set in Settings.
  }
}

export function AuthForm({ mode }: { mode: Mode }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const text = copy[mode];

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setPending(true);
    setError(null);
    const result =
      mode === "sign-up"
        ? await authClient.signUp.email({ name: String(form.get("name") ?? "").trim(), email, password })
        : await authClient.signIn.email({ email, password });
    if (result.error) {
      setError(messageFor(result.error));
      setPending(false);
      return;
    }
    // With email verification on (a mail server configured), sign-up signs no one in yet.
    if (!result.data.token) {
      setSentTo(email);
      setPending(false);
      return;
    }
    await adoptBrowserZone();
    router.replace("/chat");
    router.refresh();
  }

  const field =
    "mt-1 block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-muted focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 dark:border-zinc-700 dark:bg-zinc-900";

  return (
    <div className="w-full max-w-sm">
      <div className="mb-8 text-center">
        <div className="mx-auto mb-4 flex size-11 items-center justify-center rounded-xl bg-indigo-600 text-lg font-semibold text-white shadow-sm">
          ✓
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">{text.title}</h1>
        <p className="mt-1 text-sm text-muted">{text.subtitle}</p>
      </div>
      <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
        {mode === "sign-up" && (
          <label className="block text-sm font-medium">
            Name
            <input name="name" type="text" autoComplete="name" required maxLength={100} className={field} />
          </label>
        )}
        <label className="block text-sm font-medium">
          Email
          <input name="email" type="email" autoComplete="email" required className={field} />
        </label>
        <label className="block text-sm font-medium">
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
            required
            minLength={mode === "sign-up" ? 10 : undefined}
            aria-describedby={mode === "sign-up" ? "password-hint" : undefined}
            className={field}
          />
        </label>
        {mode === "sign-up" && (
          <p id="password-hint" className="text-xs text-muted">
            At least 10 characters and hard to guess: a few unrelated words work well.
          </p>
        )}
        {sentTo && (
          <p
            role="status"
            className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-100"
          >
            Check your inbox: if {sentTo} can be used, a link to confirm it is on its way. Follow it to sign in.
          </p>
        )}
        {error && (
          <p
            role="alert"
            className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950/50 dark:text-red-300"
          >
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {pending ? text.busy : text.submit}
        </button>
      </form>
      <p className="mt-6 text-center text-sm text-muted">
        {text.switchText}{" "}
        <Link href={text.switchLink.href} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          {text.switchLink.label}
        </Link>
      </p>
    </div>
  );
}
