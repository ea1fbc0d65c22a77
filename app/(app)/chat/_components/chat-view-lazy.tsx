"use client";

import { Suspense, lazy } from "react";
import type { ChatMessage } from "@/lib/chat/types";
import { MessageItems } from "./messages";

// The chat's client machinery (useChat, the AI SDK's stream protocol and its schemas) is most of
// the page's JavaScript. It loads as its own chunk: the server-rendered conversation shows at
// once and becomes interactive when the chunk arrives; on client-side navigation the same
// conversation is drawn statically meanwhile.
const ChatView = lazy(() => import("./chat-view").then((m) => ({ default: m.ChatView })));

type Props = {
  conversationId: string | null;
  initialMessages: ChatMessage[];
  olderBefore: string | null;
  userName: string;
};

function StaticChat({ initialMessages }: Props) {
  return (
    <div className="flex min-h-0 flex-1 flex-col" aria-busy="true">
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto w-full max-w-3xl px-4 pt-6 pb-6">
          {initialMessages.length > 0 && (
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
        <div className="h-[58px] rounded-2xl border border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900" />
        <p className="mt-2 text-center text-xs text-muted">Enter to send · Shift+Enter for a new line</p>
      </div>
    </div>
  );
}

export function LazyChatView(props: Props) {
  return (
    <Suspense fallback={<StaticChat {...props} />}>
      <ChatView {...props} />
    </Suspense>
  );
}
