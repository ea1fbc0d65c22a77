"use client";

import { MessageSquarePlus, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { RelativeTime } from "@/app/_components/relative-time";
import { CONVERSATION_TITLE_MAX } from "@/lib/chat/limits";
import { useConversations } from "./conversations-context";

function RenameForm({ id, title, onDone }: { id: string; title: string; onDone: () => void }) {
  const { rename } = useConversations();
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    const next = value.trim();
    if (!next || next === title) return onDone();
    setSaving(true);
    try {
      await rename(id, next);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not rename");
      setSaving(false);
    }
  }

  return (
    <form
      className="px-2 py-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input
        aria-label="Conversation title"
        autoFocus
        value={value}
        maxLength={CONVERSATION_TITLE_MAX}
        disabled={saving}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && onDone()}
        onBlur={() => void save()}
        className="w-full rounded-md border border-indigo-400 bg-white px-2 py-1 text-sm outline-none ring-2 ring-indigo-500/30 dark:bg-zinc-900"
      />
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}

function DeleteDialog({
  title,
  onConfirm,
  onClose,
}: {
  title: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <dialog
      ref={(node) => {
        ref.current = node;
        if (node && !node.open) node.showModal();
      }}
      onClose={onClose}
      aria-labelledby="delete-title"
      className="m-auto w-[min(24rem,calc(100%-2rem))] rounded-xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="delete-title" className="text-base font-semibold">
        Delete conversation?
      </h2>
      <p className="mt-2 text-sm text-muted">“{title}” and its messages will be deleted. Your tasks stay.</p>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <button
          type="button"
          onClick={() => ref.current?.close()}
          className="rounded-lg px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Cancel
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
              ref.current?.close();
            } catch (e) {
              setError(e instanceof Error ? e.message : "Could not delete");
              setBusy(false);
            }
          }}
          className="rounded-lg bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-60"
        >
          Delete
        </button>
      </div>
    </dialog>
  );
}

export function Sidebar({ onNavigate }: { onNavigate?: () => void }) {
  const { conversations, nextCursor, loadMore, remove, startNewChat } = useConversations();
  const pathname = usePathname();
  const router = useRouter();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; title: string } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  return (
    <div className="flex h-full flex-col">
      <div className="p-3">
        <button
          type="button"
          onClick={() => {
            startNewChat();
            router.push("/chat");
            onNavigate?.();
          }}
          className="flex w-full items-center justify-center gap-2 rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm font-medium shadow-xs hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
        >
          <MessageSquarePlus className="size-4" aria-hidden />
          New chat
        </button>
      </div>
      <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        {conversations.length === 0 ? (
          <p className="px-2 py-6 text-center text-sm text-muted">No conversations yet.</p>
        ) : (
          <ul className="space-y-0.5">
            {conversations.map((c) => {
              const href = `/chat/${c.id}`;
              const active = pathname === href;
              if (renaming === c.id) {
                return (
                  <li key={c.id}>
                    <RenameForm id={c.id} title={c.title} onDone={() => setRenaming(null)} />
                  </li>
                );
              }
              return (
                <li key={c.id} className="group relative">
                  <Link
                    href={href}
                    onClick={onNavigate}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded-lg py-2 pr-16 pl-3 text-sm ${
                      active
                        ? "bg-zinc-200/70 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-white"
                        : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800/60"
                    }`}
                  >
                    <span className="block truncate">{c.title}</span>
                    <span className="block min-h-4 text-xs font-normal text-muted">
                      <RelativeTime iso={c.updated_at} />
                    </span>
                  </Link>
                  <div className="absolute top-1/2 right-1.5 flex -translate-y-1/2 gap-0.5 opacity-100 md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100">
                    <button
                      type="button"
                      aria-label={`Rename “${c.title}”`}
                      title="Rename"
                      onClick={() => setRenaming(c.id)}
                      className="rounded-md p-1.5 text-muted hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-700 dark:hover:text-white"
                    >
                      <Pencil className="size-3.5" aria-hidden />
                    </button>
                    <button
                      type="button"
                      aria-label={`Delete “${c.title}”`}
                      title="Delete"
                      onClick={() => setDeleting({ id: c.id, title: c.title })}
                      className="rounded-md p-1.5 text-muted hover:bg-red-100 hover:text-red-700 dark:hover:bg-red-950 dark:hover:text-red-300"
                    >
                      <Trash2 className="size-3.5" aria-hidden />
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {nextCursor && (
          <button
            type="button"
            disabled={loadingMore}
            onClick={async () => {
              setLoadingMore(true);
              await loadMore().finally(() => setLoadingMore(false));
            }}
            className="mt-2 w-full rounded-lg px-3 py-2 text-sm text-muted hover:bg-zinc-100 disabled:opacity-60 dark:hover:bg-zinc-800"
          >
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        )}
      </nav>
      {deleting && (
        <DeleteDialog
          title={deleting.title}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await remove(deleting.id);
            if (pathname === `/chat/${deleting.id}`) {
              startNewChat();
              router.push("/chat");
            }
          }}
        />
      )}
    </div>
  );
}
