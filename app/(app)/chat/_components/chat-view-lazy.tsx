"use client";

import { Suspense, lazy, useState } from "react";
import type { ChatViewProps } from "./chat-view-props";
import { Composer } from "./composer";
import { MessageItems } from "./messages";
import { StartScreen } from "./start-screen";

// The chat's client machinery (useChat, the AI SDK's stream protocol and its schemas) is most of
// the page's JavaScript. It loads as its own chunk. Meanwhile the server renders (and the client
// draws, on client-side navigation) the same page statically: the conversation or the start
// screen, and the composer as it will look. What is typed or picked meanwhile is kept.
const ChatView = lazy(() => import("./chat-view").then((m) => ({ default: m.ChatView })));

type Props = Omit<ChatViewProps, "draft">;
type Draft = { draft: string; setDraft: (text: string) => void };

function StaticChat({ initialMessages, userName, draft, setDraft }: Props & Draft) {
  return (
    <div className="flex min-h-0 flex-1 flex-col" aria-busy="true">
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto w-full max-w-3xl px-4 pt-6 pb-6">
          {initialMessages.length === 0 ? (
            <StartScreen userName={userName} onPick={setDraft} />
          ) : (
            <div role="log" aria-label="Conversation">
              <ul className="flex flex-col gap-4">
                {initialMessages.map((message) => (
                  <MessageItems key={message.id} message={message} />
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
      <div className="mx-auto w-full max-w-3xl px-4 pb-4">
        <Composer value={draft} onChange={setDraft} onSend={() => undefined} onStop={() => undefined} busy={false} />
        <p className="mt-2 text-center text-xs text-muted">Enter to send · Shift+Enter for a new line</p>
      </div>
    </div>
  );
}

export function LazyChatView(props: Props) {
  const [draft, setDraft] = useState("");
  return (
    <Suspense fallback={<StaticChat {...props} draft={draft} setDraft={setDraft} />}>
      <ChatView {...props} draft={draft} />
    </Suspense>
  );
}
