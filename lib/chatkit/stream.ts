// A chat turn's UI message stream (what /api/chat streams to useChat) as ChatKit thread events,
// and ChatKit events as server-sent events.
import type { UIMessageChunk } from "ai";
import type { ChatMetadata } from "@/lib/chat/types";
import { textContent, textItemId, widgetItem } from "./items";
import type { AssistantMessageItem, ThreadStreamEvent } from "./schemas";
import { toolProgress } from "./widgets";

type Chunk = UIMessageChunk<ChatMetadata>;

/** Sent first in every stream, as the reference server does: the client may cancel. */
export const STREAM_OPTIONS: ThreadStreamEvent = { type: "stream_options", stream_options: { allow_cancel: true } };

/**
 * Maps a turn's chunks to events: text parts stream as assistant message items (added, content
 * part added, text deltas, content part done, done), each task tool reports progress while it
 * runs and then its result as a widget. `prefix` goes first (thread created, user message).
 * When the turn fails, the text it streamed is withdrawn (`thread.item.removed`), as the stored
 * conversation keeps none of a failed turn's text, and an error event follows.
 */
export function turnEvents(
  threadId: string,
  prefix: ThreadStreamEvent[],
  zone: string,
): TransformStream<Chunk, ThreadStreamEvent> {
  let messageId = "";
  let createdAt = new Date().toISOString();
  let textCount = 0;
  const open = new Map<string, AssistantMessageItem>();
  const streamedText: string[] = [];
  const calls = new Map<string, { toolName: string; input: unknown }>();
  const reported = new Set<string>();
  const announced = new Set<string>();

  // Once per call, whether the provider streams the call's input (tool-input-start) or not.
  const progress = (toolCallId: string, toolName: string): ThreadStreamEvent[] => {
    const known = toolProgress[toolName];
    if (!known || announced.has(toolCallId)) return [];
    announced.add(toolCallId);
    return [{ type: "progress_update", icon: known.icon, text: known.text }];
  };

  const closeText = (chunkId: string): ThreadStreamEvent[] => {
    const item = open.get(chunkId);
    if (!item) return [];
    open.delete(chunkId);
    const content = item.content[0]!;
    return [
      {
        type: "thread.item.updated",
        item_id: item.id,
        update: { type: "assistant_message.content_part.done", content_index: 0, content },
      },
      { type: "thread.item.done", item },
    ];
  };

  const widget = (toolCallId: string, outcome: { output: unknown } | { errorText: string }): ThreadStreamEvent[] => {
    const call = calls.get(toolCallId);
    if (!call || reported.has(toolCallId)) return [];
    reported.add(toolCallId);
    const item = widgetItem(threadId, messageId, createdAt, { toolCallId, ...call, outcome }, [], zone);
    return item ? [{ type: "thread.item.done", item }] : [];
  };

  const eventsOf = (chunk: Chunk): ThreadStreamEvent[] => {
    switch (chunk.type) {
      case "start":
        messageId = chunk.messageId ?? messageId;
        createdAt = chunk.messageMetadata?.createdAt ?? createdAt;
        return [];
      case "text-delta": {
        if (!chunk.delta) return [];
        const item = open.get(chunk.id);
        if (item) {
          item.content[0]!.text += chunk.delta;
          return [
            {
              type: "thread.item.updated",
              item_id: item.id,
              update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta: chunk.delta },
            },
          ];
        }
        const added: AssistantMessageItem = {
          type: "assistant_message",
          id: textItemId(messageId, textCount++),
          thread_id: threadId,
          created_at: createdAt,
          content: [],
        };
        open.set(chunk.id, { ...added, content: [textContent(chunk.delta)] });
        streamedText.push(added.id);
        return [
          { type: "thread.item.added", item: added },
          {
            type: "thread.item.updated",
            item_id: added.id,
            update: { type: "assistant_message.content_part.added", content_index: 0, content: textContent("") },
          },
          {
            type: "thread.item.updated",
            item_id: added.id,
            update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta: chunk.delta },
          },
        ];
      }
      case "text-end":
        return closeText(chunk.id);
      case "tool-input-start":
        return progress(chunk.toolCallId, chunk.toolName);
      case "tool-input-available":
        calls.set(chunk.toolCallId, { toolName: chunk.toolName, input: chunk.input });
        return progress(chunk.toolCallId, chunk.toolName);
      case "tool-input-error":
        calls.set(chunk.toolCallId, { toolName: chunk.toolName, input: chunk.input });
        return widget(chunk.toolCallId, { errorText: chunk.errorText });
      case "tool-output-available":
        return chunk.preliminary ? [] : widget(chunk.toolCallId, { output: chunk.output });
      case "tool-output-error":
        return widget(chunk.toolCallId, { errorText: chunk.errorText });
      case "error": {
        open.clear();
        const removed = streamedText
          .splice(0)
          .map((id): ThreadStreamEvent => ({ type: "thread.item.removed", item_id: id }));
        return [...removed, { type: "error", code: "custom", message: chunk.errorText, allow_retry: true }];
      }
      default:
        return [];
    }
  };

  return new TransformStream<Chunk, ThreadStreamEvent>({
    start(controller) {
      for (const event of prefix) controller.enqueue(event);
    },
    transform(chunk, controller) {
      for (const event of eventsOf(chunk)) controller.enqueue(event);
    },
  });
}

/** A stream of the given events, already known. */
export function eventsStream(events: ThreadStreamEvent[]): ReadableStream<ThreadStreamEvent> {
  return new ReadableStream({
    start(controller) {
      for (const event of events) controller.enqueue(event);
      controller.close();
    },
  });
}

/** Events as a `text/event-stream` response (`data: <json>\n\n`, as the reference server writes them). */
export function sseResponse(events: ReadableStream<ThreadStreamEvent>): Response {
  const encoder = new TextEncoder();
  const body = events.pipeThrough(
    new TransformStream<ThreadStreamEvent, Uint8Array>({
      transform(event, controller) {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
      },
    }),
  );
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform" },
  });
}
