// Taskchat's conversations as ChatKit threads, its messages as thread items.
//
// A user message is one item, its id the message's. An assistant message is several, in the
// order of its parts: each text part is an assistant message item ("<message>:text:<n>"), each
// task tool call a widget ("<message>:tool:<call id>"). The ids are the same while the turn
// streams and when the stored message is read back, so a client can act on an item at once.
import type { ConversationSummary, StoredMessage } from "@/lib/chat/conversations";
import { type DynamicToolUIPart, getToolName, isToolUIPart } from "ai";
import type { ChatPart, TaskAction, ToolPart } from "@/lib/chat/types";
import type { Thread, ThreadItem, UserMessageItem, WidgetItem } from "./schemas";
import { type ToolOutcome, taskToolWidget } from "./widgets";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const ITEM_ID = new RegExp(`^(${UUID})(?::text:(\\d{1,4})|:tool:([\\w.-]{1,100}))?$`, "i");
const THREAD_ID = new RegExp(`^${UUID}$`, "i");

export type ItemRef = { messageId: string; text?: number; toolCallId?: string };

/** What an item id points at, or null for an id this server never gave out. */
export function parseItemId(id: string): ItemRef | null {
  const match = ITEM_ID.exec(id);
  if (!match) return null;
  const [, messageId, text, toolCallId] = match;
  return { messageId: messageId!.toLowerCase(), text: text === undefined ? undefined : Number(text), toolCallId };
}

/** Thread ids are conversation ids (uuids); anything else names no thread. */
export const isThreadId = (id: string) => THREAD_ID.test(id);

export const textItemId = (messageId: string, index: number) => `${messageId}:text:${index}`;
export const toolItemId = (messageId: string, toolCallId: string) => `${messageId}:tool:${toolCallId}`;

export function threadOf(conversation: ConversationSummary, items: Thread["items"] = { data: [], has_more: false }) {
  return {
    id: conversation.id,
    title: conversation.title,
    created_at: conversation.created_at,
    status: { type: "active" },
    metadata: {},
    items,
  } satisfies Thread;
}

export function userMessageItem(threadId: string, message: StoredMessage): UserMessageItem {
  return {
    type: "user_message",
    id: message.id,
    thread_id: threadId,
    created_at: message.created_at,
    content: [{ type: "input_text", text: message.content }],
    attachments: [],
    inference_options: {},
  };
}

export const textContent = (text: string) => ({ type: "output_text" as const, text, annotations: [] });

export function actionsOf(parts: ChatPart[]): TaskAction[] {
  return parts.flatMap((p) => (p.type === "data-task-action" ? [p.data] : []));
}

/**
 * A tool call's widget item, drawn with the actions taken on it and its dates in the user's
 * `zone`; null for an unknown tool.
 */
export function widgetItem(
  threadId: string,
  messageId: string,
  createdAt: string,
  call: { toolCallId: string; toolName: string; input: unknown; outcome: ToolOutcome },
  actions: TaskAction[],
  zone: string,
): WidgetItem | null {
  const own = actions.filter((a) => a.tool_call_id === call.toolCallId);
  const drawn = taskToolWidget(call.toolName, call.input, call.outcome, zone, own);
  if (!drawn) return null;
  return {
    type: "widget",
    id: toolItemId(messageId, call.toolCallId),
    thread_id: threadId,
    created_at: createdAt,
    widget: drawn.widget,
    copy_text: drawn.copyText,
  };
}

function outcomeOf(part: ToolPart | DynamicToolUIPart): ToolOutcome | null {
  if (part.state === "output-available") return { output: part.output };
  if (part.state === "output-error") return { errorText: part.errorText };
  return null;
}

/** A stored message as the thread items it shows. */
export function itemsOfMessage(threadId: string, message: StoredMessage, zone: string): ThreadItem[] {
  if (message.role === "user") return [userMessageItem(threadId, message)];
  const actions = actionsOf(message.parts);
  const items: ThreadItem[] = [];
  let texts = 0;
  for (const part of message.parts) {
    if (part.type === "text" && part.text) {
      items.push({
        type: "assistant_message",
        id: textItemId(message.id, texts++),
        thread_id: threadId,
        created_at: message.created_at,
        content: [textContent(part.text)],
      });
    } else if (isToolUIPart(part)) {
      const outcome = outcomeOf(part);
      const item =
        outcome &&
        widgetItem(
          threadId,
          message.id,
          message.created_at,
          { toolCallId: part.toolCallId, toolName: getToolName(part), input: part.input, outcome },
          actions,
          zone,
        );
      if (item) items.push(item);
    }
  }
  return items;
}
