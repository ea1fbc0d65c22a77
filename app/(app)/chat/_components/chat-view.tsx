"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { ArrowDown, RotateCcw } from "lucide-react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useStickToBottom } from "use-stick-to-bottom";
import { useHydrated } from "@/app/_components/use-hydrated";
import { conversationsApi, messageOf } from "@/lib/api-client";
import { titleFromMessage } from "@/lib/chat/title";
import type { ChatMessage } from "@/lib/chat/types";
import type { ChatViewProps } from "./chat-view-props";
import { Composer } from "./composer";
import { useConversations } from "./conversations-context";
import { MessageItems, Thinking } from "./messages";
import { StartScreen } from "./start-screen";

const textOf = (message: ChatMessage | undefined) =>
  message?.parts.map((p) => (p.type === "text" ? p.text : "")).join("") ?? "";

function useOlderMessages(conversationId: string | null, initialBefore: string | null) {
  const [before, setBefore] = useState(initialBefore);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async (): Promise<ChatMessage[]> => {
    if (!conversationId || !before) return [];
    setLoading(true);
    try {
      const page = await conversationsApi.messages(conversationId, { limit: 50, before });
      setBefore(page.next_before);
      return page.messages.map(({ id, role, parts, feedback }) => ({ id, role, parts, metadata: { feedback } }));
    } catch {
      return [];
    } finally {
      setLoading(false);
    }
  }, [conversationId, before]);
  return { hasOlder: Boolean(before), loading, load };
}

/** The stored copy of a message, polled briefly: a stopped turn is saved just after the stop. */
async function fetchStoredMessage(conversationId: string, messageId: string): Promise<ChatMessage | null> {
  for (let attempt = 0; attempt < 15; attempt++) {
    const page = await conversationsApi.messages(conversationId, { limit: 5 }).catch(() => null);
    const found = page?.messages.find((m) => m.id === messageId);
    if (found) return { id: found.id, role: found.role, parts: found.parts };
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

export function ChatView({ conversationId, initialMessages, olderBefore, userName, draft = "" }: ChatViewProps) {
  const { addConversation, refresh } = useConversations();
  // Null until the server has created the conversation (its id arrives in a response header).
  const [activeId, setActiveId] = useState(conversationId);
  const [title, setTitle] = useState<string | null>(null);
  const [input, setInput] = useState(draft);
  // What a screen reader hears of a reply: its text once, when it has finished (the log itself is
  // not live, or every streamed word would be read out). Keyed by the reply's id, so a reply that
  // says the same as the one before is a new node in the region, which a screen reader announces;
  // the same text set again would change nothing and be ignored.
  const [announcement, setAnnouncement] = useState<{ id: string; text: string } | null>(null);
  // False in the server's HTML and until this view hydrates; the fallback's composer never is.
  const hydrated = useHydrated();

  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatMessage>({
        api: "/api/chat",
        headers: { Accept: "text/event-stream" },
        // The server owns the history: send only the new message (and the conversation id,
        // passed as request body by send/retry).
        prepareSendMessagesRequest: ({ messages, body }) => ({
          body: { message: textOf([...messages].reverse().find((m) => m.role === "user")), ...body },
        }),
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          const sent = (JSON.parse(String(init?.body)) as { message: string }).message;
          // The composer keeps its text until the server accepts the message.
          if (response.ok) setInput((current) => (current.trim() === sent ? "" : current));
          // Also on a failed turn: the message was stored in this conversation; a retry continues it.
          const id = response.headers.get("x-conversation-id");
          if (id) {
            setActiveId(id);
            setTitle((title) => title ?? titleFromMessage(sent));
          }
          return response;
        },
      }),
    [],
  );

  // A new conversation: the URL becomes /chat/<id> (without remounting the streaming view) and
  // the sidebar shows it at once.
  useEffect(() => {
    if (!activeId || activeId === conversationId || window.location.pathname === `/chat/${activeId}`) return;
    window.history.replaceState(null, "", `/chat/${activeId}`);
    const now = new Date().toISOString();
    addConversation({ id: activeId, title: title ?? "New chat", created_at: now, updated_at: now });
  }, [activeId, conversationId, title, addConversation]);

  const requestBody = () => (activeId ? { conversation_id: activeId } : {});

  const { messages, setMessages, sendMessage, regenerate, stop, status, error, clearError } = useChat<ChatMessage>({
    id: conversationId ?? undefined,
    messages: initialMessages,
    transport,
    onFinish: ({ message }) => {
      if (message.role === "assistant") setAnnouncement({ id: message.id, text: textOf(message) });
      void refresh().catch(() => undefined);
    },
  });

  const busy = status === "submitted" || status === "streaming";
  const { scrollRef, contentRef, isAtBottom, scrollToBottom } = useStickToBottom({
    initial: "instant",
    resize: "smooth",
  });
  const older = useOlderMessages(conversationId, olderBefore);

  const send = (text: string) => {
    const trimmed = text.trim();
    if (!trimmed || busy) return;
    clearError();
    const last = messages.at(-1);
    // Sending again after a failed turn replaces the unanswered message instead of repeating it.
    if (error && last?.role === "user") setMessages(messages.slice(0, -1));
    void sendMessage({ text: trimmed }, { body: requestBody() });
    void scrollToBottom();
  };

  const onStop = async () => {
    const stopped = messages.at(-1);
    await stop();
    if (stopped?.role !== "assistant" || !activeId) return;
    // The server keeps what was said up to the moment it noticed the stop, which can be a word
    // more than this page had drawn: show its stored copy, so a reload shows exactly this.
    const stored = await fetchStoredMessage(activeId, stopped.id);
    setMessages((list) =>
      list.map((m) =>
        m.id !== stopped.id
          ? m
          : (stored ?? { ...m, parts: [...m.parts, { type: "data-turn-status", data: { status: "stopped" } }] }),
      ),
    );
  };

  const errorMessage = error ? messageOf(error) : null;
  const last = messages.at(-1);
  const showThinking =
    status === "submitted" ||
    (status === "streaming" && last?.role === "assistant" && last.parts.every((p) => p.type === "step-start"));

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div ref={scrollRef} className="relative min-h-0 flex-1 overflow-y-auto">
        <div ref={contentRef} className="mx-auto w-full max-w-3xl px-4 pt-6 pb-6">
          {messages.length === 0 ? (
            <StartScreen userName={userName} onPick={send} />
          ) : (
            <>
              {older.hasOlder && (
                <div className="mb-4 flex justify-center">
                  <button
                    type="button"
                    disabled={older.loading}
                    onClick={async () => {
                      const earlier = await older.load();
                      setMessages((list) => [...earlier.filter((m) => !list.some((x) => x.id === m.id)), ...list]);
                    }}
                    className="rounded-full border border-zinc-200 px-3 py-1 text-xs text-muted hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
                  >
                    {older.loading ? "Loading…" : "Load earlier messages"}
                  </button>
                </div>
              )}
              <div role="log" aria-label="Conversation" aria-live="off">
                <ul className="flex flex-col gap-4">
                  {messages.map((message) => (
                    <MessageItems key={message.id} message={message} streaming={busy && message === last} />
                  ))}
                  {showThinking && <Thinking />}
                </ul>
              </div>
            </>
          )}
          {errorMessage && (
            <div
              role="alert"
              className="mt-4 flex items-start justify-between gap-3 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
            >
              <span>{errorMessage}</span>
              <button
                type="button"
                onClick={() => {
                  clearError();
                  void regenerate({ body: requestBody() });
                }}
                className="inline-flex shrink-0 items-center gap-1 rounded-lg bg-white px-2.5 py-1 font-medium text-red-700 shadow-xs ring-1 ring-red-200 hover:bg-red-50 dark:bg-red-900/40 dark:text-red-100 dark:ring-red-800"
              >
                <RotateCcw className="size-3.5" aria-hidden />
                Retry
              </button>
            </div>
          )}
        </div>
      </div>
      <div className="relative mx-auto w-full max-w-3xl px-4 pb-4">
        {!isAtBottom && messages.length > 0 && (
          <button
            type="button"
            onClick={() => void scrollToBottom()}
            aria-label="Scroll to bottom"
            className="absolute -top-12 left-1/2 flex size-9 -translate-x-1/2 items-center justify-center rounded-full border border-zinc-200 bg-white text-zinc-600 shadow-md hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
          >
            <ArrowDown className="size-4" aria-hidden />
          </button>
        )}
        <Composer
          value={input}
          onChange={setInput}
          onSend={() => send(input)}
          onStop={() => void onStop()}
          busy={busy}
          ready={hydrated}
        />
        <p className="mt-2 text-center text-xs text-muted">Enter to send · Shift+Enter for a new line</p>
        <div role="status" data-testid="reply-announcement" className="sr-only">
          {announcement && <p key={announcement.id}>{announcement.text}</p>}
        </div>
      </div>
    </div>
  );
}
