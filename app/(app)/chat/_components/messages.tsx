"use client";

import { Check, Copy } from "lucide-react";
import { type ReactNode, Suspense, lazy, useState } from "react";
import type { ChatMessage, ToolPart } from "@/lib/chat/types";
import { FeedbackButtons } from "./feedback-buttons";
import { isTaskToolPart } from "../_lib/tool-summary";
import { ToolCard } from "./tool-card";

// The Markdown renderer is the heaviest part of the page: it loads on demand (its own chunk),
// with the plain text shown meanwhile. Server-rendered replies hydrate without a flash.
const Markdown = lazy(() => import("./markdown"));

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={copied ? "Copied" : "Copy reply"}
      title="Copy"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
      className="rounded-md p-1 text-muted hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
    >
      {copied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
    </button>
  );
}

type Block =
  | { kind: "text"; key: string; text: string; streaming: boolean }
  | { kind: "tool"; key: string; part: ToolPart }
  | { kind: "status"; key: string; status: string; message?: string };

/** An assistant message as list items: runs of text, tool cards, and how the turn ended. */
function blocksOf(message: ChatMessage): Block[] {
  const blocks: Block[] = [];
  message.parts.forEach((part, i) => {
    const key = `${message.id}-${i}`;
    if (part.type === "text") {
      const last = blocks.at(-1);
      if (last?.kind === "text") {
        last.text += part.text;
        last.streaming ||= part.state === "streaming";
      } else if (part.text) blocks.push({ kind: "text", key, text: part.text, streaming: part.state === "streaming" });
    } else if (isTaskToolPart(part)) blocks.push({ kind: "tool", key, part });
    else if (part.type === "data-turn-status")
      blocks.push({ kind: "status", key, status: part.data.status, message: part.data.message });
  });
  return blocks;
}

const statusText: Record<string, string> = {
  stopped: "Stopped",
  failed: "Didn't finish",
  timeout: "Timed out",
};

function AssistantText({ text, streaming, footer }: { text: string; streaming: boolean; footer?: ReactNode }) {
  return (
    <div className="group/reply flex flex-col items-start gap-1">
      <div className="max-w-full text-[15px] leading-relaxed text-zinc-800 dark:text-zinc-200">
        <Suspense fallback={<p className="whitespace-pre-wrap">{text}</p>}>
          <Markdown streaming={streaming}>{text}</Markdown>
        </Suspense>
      </div>
      {!streaming && (
        <div className="flex items-center gap-1">
          <div className="opacity-100 transition-opacity md:opacity-0 md:group-hover/reply:opacity-100 md:focus-within:opacity-100">
            <CopyButton text={text} />
          </div>
          {footer}
        </div>
      )}
    </div>
  );
}

/** `streaming`: the reply is still arriving (no rating until it is complete). */
export function MessageItems({ message, streaming = false }: { message: ChatMessage; streaming?: boolean }) {
  if (message.role === "user") {
    const text = message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
    return (
      <li className="flex justify-end" data-role="user">
        <div className="max-w-[85%] rounded-2xl rounded-br-md bg-indigo-600 px-4 py-2.5 text-[15px] leading-6 whitespace-pre-wrap break-words text-white shadow-sm">
          {text}
        </div>
      </li>
    );
  }
  const blocks = blocksOf(message);
  const rating = streaming ? null : (
    <FeedbackButtons messageId={message.id} initial={message.metadata?.feedback ?? null} />
  );
  return (
    <>
      {blocks.map((block, i) => {
        // The rating goes with the message's last block.
        const footer = i === blocks.length - 1 ? rating : null;
        if (block.kind === "tool") {
          return (
            <li key={block.key} data-role="tool" className="flex flex-col items-start gap-1">
              <ToolCard part={block.part} />
              {footer}
            </li>
          );
        }
        if (block.kind === "status") {
          return (
            <li key={block.key} data-role="status" className="flex flex-col items-start gap-1">
              <span className="text-xs text-muted">
                {statusText[block.status] ?? block.status}
                {block.message ? ` · ${block.message}` : ""}
              </span>
              {footer}
            </li>
          );
        }
        return (
          <li key={block.key} data-role="assistant">
            <AssistantText text={block.text} streaming={block.streaming} footer={footer} />
          </li>
        );
      })}
    </>
  );
}

export function Thinking() {
  return (
    <li data-role="thinking" className="flex items-center gap-2 text-sm text-muted">
      <span className="flex gap-1" aria-hidden>
        {[0, 150, 300].map((delay) => (
          <span
            key={delay}
            className="size-1.5 animate-bounce rounded-full bg-zinc-400"
            style={{ animationDelay: `${delay}ms` }}
          />
        ))}
      </span>
      <span>Thinking…</span>
    </li>
  );
}
