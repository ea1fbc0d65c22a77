import type { ChatMessage } from "@/lib/chat/types";

// Its own module: chat-view-lazy.tsx must not import chat-view.tsx, not even for a type, or the
// chat machinery it loads lazily ends up in /chat's first-load JavaScript.
export type ChatViewProps = {
  conversationId: string | null;
  initialMessages: ChatMessage[];
  /** Id of the oldest loaded message when older ones exist (load them on demand). */
  olderBefore: string | null;
  userName: string;
  /** What was typed (or picked) before this component loaded. */
  draft?: string;
};
