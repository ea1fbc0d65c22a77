import Link from "next/link";
import { chatModel } from "@/lib/ai/model";
import { requireUser } from "@/lib/auth/current-user";
import { getProfile } from "@/lib/auth/profile";
import { pageStreamStart } from "@/lib/events/service";
import { NavLink } from "./_components/nav-link";
import { NotificationBell } from "./_components/notification-bell";
import { SignOutButton } from "./_components/sign-out-button";
import { LiveEventsProvider } from "./_lib/live-events";
import { UserZoneProvider } from "./_lib/user-zone";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [streamStart, profile] = await Promise.all([pageStreamStart(user.id), getProfile(user.id)]);
  // The provider holds the tab's one event stream, followed by the pages and the header's bell.
  return (
    <LiveEventsProvider after={streamStart.toString()}>
      <UserZoneProvider zone={profile.timezone}>
        <div className="flex h-dvh flex-col">
          <header className="flex h-14 shrink-0 items-center gap-2 border-b border-zinc-200 px-3 sm:px-4 dark:border-zinc-800">
            <Link href="/chat" className="mr-2 flex items-center gap-2 font-semibold tracking-tight">
              <span className="flex size-7 items-center justify-center rounded-lg bg-indigo-600 text-sm text-white">
                ✓
              </span>
              <span className="hidden sm:inline">Taskchat</span>
            </Link>
            <nav aria-label="Main" className="flex min-w-0 items-center gap-1 overflow-x-auto">
              <NavLink href="/chat">Chat</NavLink>
              <NavLink href="/tasks">Tasks</NavLink>
              <NavLink href="/sessions">Sessions</NavLink>
              <NavLink href="/settings">Settings</NavLink>
            </nav>
            <div className="ml-auto flex min-w-0 shrink-0 items-center gap-2">
              <span
                title="The model answering in Chat"
                className="hidden items-center gap-1.5 truncate rounded-full border border-zinc-200 px-2.5 py-1 text-xs text-zinc-600 sm:inline-flex dark:border-zinc-700 dark:text-zinc-300"
              >
                <span className="size-1.5 rounded-full bg-emerald-500" aria-hidden />
                <span className="sr-only">Model: </span>
                {chatModel().label}
              </span>
              <span className="hidden truncate text-sm text-muted sm:inline" title={user.email}>
                {user.name || user.email}
              </span>
              <NotificationBell />
              <SignOutButton />
            </div>
          </header>
          <div className="min-h-0 flex-1">{children}</div>
        </div>
      </UserZoneProvider>
    </LiveEventsProvider>
  );
}
