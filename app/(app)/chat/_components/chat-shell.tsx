"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ConversationSummary } from "@/lib/chat/conversations";
import { ConversationsProvider, useConversations } from "./conversations-context";
import { Sidebar } from "./sidebar";

// Tailwind's `md` breakpoint: from here on the sidebar is on the page and the drawer is hidden.
const WIDE = "(min-width: 48rem)";

/**
 * The conversation list on a phone: a modal <dialog>, so focus moves into it, stays in it, Escape
 * closes it, and focus goes back to the button that opened it. A window widened past the phone
 * breakpoint closes it: hidden by `md:hidden` but still modal, it would leave the whole page
 * inert behind an invisible dialog.
 */
function Drawer({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Opened once on mount; closed through close(), which hands focus back to the opener.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const wide = window.matchMedia(WIDE);
    // Opened on a wide window (a click just as it widened): nothing to show.
    if (wide.matches) {
      onClose();
      return;
    }
    if (!dialog.open) dialog.showModal();
    const onChange = (e: MediaQueryListEvent) => e.matches && dialog.close();
    wide.addEventListener("change", onChange);
    return () => wide.removeEventListener("change", onChange);
  }, [onClose]);
  const close = () => ref.current?.close();
  return (
    <dialog
      ref={ref}
      aria-label="Conversations"
      onClose={onClose}
      // A click on the backdrop lands on the <dialog> itself.
      onClick={(e) => e.target === e.currentTarget && close()}
      className="m-0 h-full max-h-none w-[min(20rem,85vw)] bg-zinc-50 text-zinc-900 shadow-xl backdrop:bg-black/40 md:hidden dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex h-full flex-col">
        <div className="flex h-12 items-center justify-between border-b border-zinc-200 px-3 dark:border-zinc-800">
          <span className="text-sm font-semibold">Conversations</span>
          <button
            type="button"
            onClick={close}
            aria-label="Close conversations"
            className="rounded-md p-1.5 text-muted hover:bg-zinc-200 dark:hover:bg-zinc-800"
          >
            <X className="size-5" aria-hidden />
          </button>
        </div>
        <div className="min-h-0 flex-1">
          <Sidebar onNavigate={close} />
        </div>
      </div>
    </dialog>
  );
}

function TopBar({ onOpenDrawer }: { onOpenDrawer: () => void }) {
  const { conversations } = useConversations();
  const pathname = usePathname();
  const current = conversations.find((c) => pathname === `/chat/${c.id}`);
  return (
    <div className="flex h-12 shrink-0 items-center gap-2 border-b border-zinc-200 px-3 dark:border-zinc-800">
      <button
        type="button"
        onClick={onOpenDrawer}
        aria-label="Open conversations"
        className="-ml-1 rounded-lg p-1.5 text-zinc-600 hover:bg-zinc-100 md:hidden dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <Menu className="size-5" aria-hidden />
      </button>
      <p className="truncate text-sm font-medium text-zinc-700 dark:text-zinc-200">{current?.title ?? "New chat"}</p>
    </div>
  );
}

export function ChatShell({
  initial,
  children,
}: {
  initial: { conversations: ConversationSummary[]; next_cursor: string | null };
  children: React.ReactNode;
}) {
  const [drawerOpen, setDrawerOpen] = useState(false);
  const closeDrawer = useCallback(() => setDrawerOpen(false), []);
  return (
    <ConversationsProvider initial={initial}>
      <div className="flex h-full">
        <aside className="hidden w-72 shrink-0 border-r border-zinc-200 bg-zinc-50 md:block dark:border-zinc-800 dark:bg-zinc-900/40">
          <Sidebar />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <TopBar onOpenDrawer={() => setDrawerOpen(true)} />
          {children}
        </div>
      </div>
      {drawerOpen && <Drawer onClose={closeDrawer} />}
    </ConversationsProvider>
  );
}
