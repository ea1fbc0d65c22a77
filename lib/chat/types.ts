import type { InferUITools, UIMessage } from "ai";
import type { taskTools } from "@/lib/tasks/tools";

/** Sent with every assistant message (stream metadata) so the client knows where it belongs. */
export type ChatMetadata = {
  conversationId?: string;
  createdAt?: string;
  model?: string;
};

/** How a turn ended when it did not simply complete. */
export type TurnStatus = { status: "stopped" | "failed" | "timeout"; message?: string };

export type ChatDataParts = { "turn-status": TurnStatus };

export type ChatTools = InferUITools<ReturnType<typeof taskTools>>;

/** The one message type of the chat: route, persistence and useChat all use it. */
export type ChatMessage = UIMessage<ChatMetadata, ChatDataParts, ChatTools>;
export type ChatPart = ChatMessage["parts"][number];

/** A tool call as the JSON API reports it. */
export type ToolCallSummary = { tool: string; arguments: unknown; result?: unknown; error?: string };
