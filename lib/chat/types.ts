import type { InferUITools, ToolUIPart, UIMessage } from "ai";
import type { DeletedTask, TaskDto } from "@/lib/tasks/service";
import type { TaskTools } from "@/lib/tasks/tools";

/** Sent with every assistant message (stream metadata) so the client knows where it belongs. */
export type ChatMetadata = {
  conversationId?: string;
  createdAt?: string;
  model?: string;
  /** A stored assistant message's thumbs up / down, when the page loads it. */
  feedback?: "positive" | "negative" | null;
};

/** How a turn ended when it did not simply complete. */
export type TurnStatus = { status: "stopped" | "failed" | "timeout"; message?: string };

/**
 * A task changed from a widget that showed a tool's result (ChatKit's "Complete" / "Delete"
 * buttons), kept with that message so the widget is drawn as it now stands. The model does
 * not see data parts.
 */
export type TaskAction =
  | { tool_call_id: string; action: "complete"; task: TaskDto }
  | { tool_call_id: string; action: "delete"; task: DeletedTask };

export type ChatDataParts = { "turn-status": TurnStatus; "task-action": TaskAction };

export type ChatTools = InferUITools<TaskTools>;

/** The one message type of the chat: route, persistence and useChat all use it. */
export type ChatMessage = UIMessage<ChatMetadata, ChatDataParts, ChatTools>;
export type ChatPart = ChatMessage["parts"][number];
/** A task tool call in a message (narrow a part to it with the SDK's `isToolUIPart`). */
export type ToolPart = ToolUIPart<ChatTools>;

/** A tool call as the JSON API reports it. */
export type ToolCallSummary = { tool: string; arguments: unknown; result?: unknown; error?: string };
