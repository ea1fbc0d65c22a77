"use client";

import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { type ConversationPage, conversationsApi } from "@/lib/api-client";
import type { ConversationSummary } from "@/lib/chat/conversations";
import { useLiveEvents } from "../../_lib/live-events";

type ConversationsState = {
  conversations: ConversationSummary[];
  nextCursor: string | null;
  /** Bumped by "New chat" so the new-chat view starts fresh even when already on /chat. */
  newChatKey: number;
  startNewChat: () => void;
  /** Shows a just-created conversation at the top before the server list is re-read. */
  addConversation: (conversation: ConversationSummary) => void;
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
  rename: (id: string, title: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
};

const Context = createContext<ConversationsState | null>(null);

export function useConversations(): ConversationsState {
  const value = useContext(Context);
  if (!value) throw new Error("useConversations needs a ConversationsProvider");
  return value;
}

export function ConversationsProvider({ initial, children }: { initial: ConversationPage; children: React.ReactNode }) {
  const [conversations, setConversations] = useState(initial.conversations);
  const [nextCursor, setNextCursor] = useState(initial.next_cursor);
  const [newChatKey, setNewChatKey] = useState(0);

  const refresh = useCallback(async () => {
    const limit = Math.min(100, Math.max(20, conversations.length));
    const page = await conversationsApi.list({ limit });
    setConversations(page.conversations);
    setNextCursor(page.next_cursor);
  }, [conversations.length]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const page = await conversationsApi.list({ limit: 20, cursor: nextCursor });
    setConversations((list) => [...list, ...page.conversations.filter((c) => !list.some((x) => x.id === c.id))]);
    setNextCursor(page.next_cursor);
  }, [nextCursor]);

  const rename = useCallback(async (id: string, title: string) => {
    const updated = await conversationsApi.rename(id, title);
    setConversations((list) => list.map((c) => (c.id === id ? { ...c, title: updated.title } : c)));
  }, []);

  const remove = useCallback(async (id: string) => {
    await conversationsApi.remove(id);
    setConversations((list) => list.filter((c) => c.id !== id));
  }, []);

  const addConversation = useCallback((conversation: ConversationSummary) => {
    setConversations((list) => [conversation, ...list.filter((c) => c.id !== conversation.id)]);
  }, []);

  const startNewChat = useCallback(() => setNewChatKey((k) => k + 1), []);

  // Conversations made, continued, renamed or deleted elsewhere (another tab, ChatKit, a script).
  useLiveEvents((event) => {
    if (event.type === "conversation.deleted") {
      setConversations((list) => list.filter((c) => c.id !== event.data.id));
    } else if (event.type === "conversation.created" || event.type === "conversation.updated") {
      const changed = event.data;
      setConversations((list) => {
        const current = list.find((c) => c.id === changed.id);
        if (current && current.updated_at > changed.updated_at && current.title === changed.title) return list;
        // Most recently active first, as the server lists them.
        return [changed, ...list.filter((c) => c.id !== changed.id)].sort((a, b) =>
          b.updated_at.localeCompare(a.updated_at),
        );
      });
    }
  });

  const value = useMemo(
    () => ({ conversations, nextCursor, newChatKey, startNewChat, addConversation, refresh, loadMore, rename, remove }),
    [conversations, nextCursor, newChatKey, startNewChat, addConversation, refresh, loadMore, rename, remove],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
