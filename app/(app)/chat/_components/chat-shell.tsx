"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import type { ConversationSummary } from "@/lib/chat/conversations";
import { ConversationsProvider, useConversations } from "./conversations-context";
import { Sidebar } from "./sidebar";

function Drawer({ onClose }: { onClose: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-40 md:hidden" role="dialog" aria-modal="true" aria-label="Conversations">
      <div className="absolute inset-0 bg-black/40" onClick={onClose} aria-hidden />
      <div className="absolute inset-y-0 left-0 flex w-[min(20rem,85vw)] flex-col bg-zinc-50 shadow-xl dark:bg-zinc-900">
        <div className="flex h-12 items-center justify-between border-b border-zinc-200 px-3 dark:border-zinc-800">
          <span className="text-sm font-semibold">Conversations</span>
          <button
            type="button"
            onClick={onClose}
            aria-label="Close conversations"
            className="rounded-md p-1.5 text-muted hover:bg-zinc-200 dark:hover:bg-zinc-800"
          >
            <X className="size-5" aria-hidden />
          </button>
        </div>
        <div className="min-h-0 flex-1">
          <Sidebar onNavigate={onClose} />
        </div>
      </div>
    </div>
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
      {drawerOpen && <Drawer onClose={() => setDrawerOpen(false)} />}
    </ConversationsProvider>
  );
}
