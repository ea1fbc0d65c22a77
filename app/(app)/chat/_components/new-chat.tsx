"use client";

import { LazyChatView } from "./chat-view-lazy";
import { useConversations } from "./conversations-context";

/** /chat: a fresh conversation, restarted whenever "New chat" is pressed. */
export function NewChat({ userName }: { userName: string }) {
  const { newChatKey } = useConversations();
  return (
    <LazyChatView key={newChatKey} conversationId={null} initialMessages={[]} olderBefore={null} userName={userName} />
  );
}
