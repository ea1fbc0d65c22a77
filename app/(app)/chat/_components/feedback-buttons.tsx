"use client";

import { ThumbsDown, ThumbsUp } from "lucide-react";
import { useState } from "react";
import { conversationsApi } from "@/lib/api-client";
import type { FeedbackKind } from "@/lib/chat/conversations";

const choices = [
  { kind: "positive", label: "Good reply", Icon: ThumbsUp },
  { kind: "negative", label: "Bad reply", Icon: ThumbsDown },
] as const;

/** Thumbs up / down on an assistant reply; pressing the chosen one again takes it back. */
export function FeedbackButtons({ messageId, initial }: { messageId: string; initial: FeedbackKind | null }) {
  const [kind, setKind] = useState(initial);
  const [failed, setFailed] = useState(false);

  const choose = async (chosen: FeedbackKind) => {
    const previous = kind;
    const next = kind === chosen ? null : chosen;
    setKind(next);
    setFailed(false);
    try {
      await conversationsApi.rate(messageId, next);
    } catch {
      setKind(previous);
      setFailed(true);
    }
  };

  return (
    <div role="group" aria-label="Rate this reply" className="flex items-center gap-0.5">
      {choices.map(({ kind: choice, label, Icon }) => (
        <button
          key={choice}
          type="button"
          aria-label={label}
          aria-pressed={kind === choice}
          title={label}
          onClick={() => void choose(choice)}
          className={`rounded-md p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800 ${
            kind === choice
              ? "text-indigo-700 dark:text-indigo-300"
              : "text-muted hover:text-zinc-800 dark:hover:text-zinc-100"
          }`}
        >
          <Icon className="size-3.5" fill={kind === choice ? "currentColor" : "none"} aria-hidden />
        </button>
      ))}
      <span role="status" className="ml-1 text-xs text-red-700 dark:text-red-300">
        {failed ? "Couldn't save your rating" : ""}
      </span>
    </div>
  );
}
