"use client";

import { ArrowUp, Square } from "lucide-react";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/limits";
import { useEffect, useRef } from "react";

type Props = {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  /** The chat behind it is live (hydrated, its code loaded): `data-ready`, what browser tests wait on. */
  ready?: boolean;
};

export function Composer({ value, onChange, onSend, onStop, busy, ready = false }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!busy) ref.current?.focus();
  }, [busy]);
  const canSend = !busy && value.trim().length > 0;
  return (
    <form
      data-ready={ready || undefined}
      onSubmit={(e) => {
        e.preventDefault();
        if (canSend) onSend();
      }}
      className="relative flex items-end gap-2 rounded-2xl border border-zinc-300 bg-white p-2 shadow-sm focus-within:border-indigo-400 focus-within:ring-2 focus-within:ring-indigo-500/20 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <textarea
        ref={ref}
        aria-label="Message"
        placeholder="Ask me to add, list, complete or change tasks…"
        rows={1}
        value={value}
        maxLength={MAX_MESSAGE_CHARS}
        disabled={busy}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            if (canSend) onSend();
          }
        }}
        className="field-sizing-content max-h-48 min-h-10 flex-1 resize-none bg-transparent px-2 py-2 text-[15px] leading-6 outline-none placeholder:text-muted disabled:opacity-60"
      />
      {busy ? (
        <button
          type="button"
          onClick={onStop}
          aria-label="Stop"
          title="Stop"
          className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-white"
        >
          <Square className="size-4 fill-current" aria-hidden />
        </button>
      ) : (
        <button
          type="submit"
          aria-label="Send"
          title="Send (Enter)"
          disabled={!canSend}
          className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-indigo-600 text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-zinc-200 disabled:text-zinc-400 dark:disabled:bg-zinc-800 dark:disabled:text-zinc-500"
        >
          <ArrowUp className="size-5" aria-hidden />
        </button>
      )}
    </form>
  );
}
