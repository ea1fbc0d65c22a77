import type { Metadata } from "next";
import { connection } from "next/server";
import { requireUser } from "@/lib/auth/current-user";
import { listSessions } from "@/lib/auth/sessions";
import { SignOutSessionButton } from "./_components/session-actions";

export const metadata: Metadata = { title: "Sessions" };

// Server-rendered in UTC: the same text on every device, and nothing to hydrate.
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (iso: string) => `${dateFormat.format(new Date(iso))} UTC`;

/** /sessions: where the account is signed in, with sign out for one device or all of them. */
export default async function SessionsPage() {
  await connection();
  const user = await requireUser();
  const sessions = await listSessions(user.id, user.sessionId);
  return (
    <main className="h-full overflow-y-auto">
      <div className="mx-auto w-full max-w-2xl px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
        <header className="mb-6">
          <h1 className="text-2xl font-semibold tracking-tight">Sessions</h1>
          <p className="mt-1 text-sm text-muted">
            Where your account is signed in: browsers, and scripts or MCP clients holding a token. Signing a session out
            ends its cookie, its token and its JWTs at once.
          </p>
        </header>
        <ul
          aria-label="Signed-in sessions"
          className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
        >
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {s.device}
                  {s.current && (
                    <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
                      This device
                    </span>
                  )}
                </p>
                <p className="text-sm text-muted">
                  {s.ip_address ? `${s.ip_address} · ` : ""}Signed in {when(s.created_at)} · Last active{" "}
                  {when(s.last_active_at)}
                </p>
              </div>
              <SignOutSessionButton
                sessionId={s.id}
                endsThisDevice={s.current}
                label="Sign out"
                accessibleName={`Sign out ${s.device}${s.current ? " (this device)" : ""}, signed in ${when(s.created_at)}`}
              />
            </li>
          ))}
        </ul>
        <div className="mt-6">
          <SignOutSessionButton endsThisDevice label="Sign out everywhere" />
        </div>
      </div>
    </main>
  );
}
