import "server-only";
import { z } from "zod";
import {
  deleteConversation,
  deleteMessagesAfter,
  findUserMessage,
  getConversationSummary,
  getMessage,
  renameConversation,
} from "@/lib/chat/conversations";
import { setMessageFeedback } from "@/lib/chat/feedback";
import { chatRequestSchema, renameConversationSchema } from "@/lib/chat/schemas";
import { chatSettings } from "@/lib/chat/settings";
import { type TurnRequest, chatTurnStream } from "@/lib/chat/turn";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import { runWidgetAction } from "./actions";
import { parseItemId, threadOf, userMessageItem } from "./items";
import {
  type ChatKitRequest,
  REQUEST_TYPES,
  type RequestOf,
  type ThreadStreamEvent,
  type UserMessageInput,
  chatKitRequestSchema,
} from "./schemas";
import { STREAM_OPTIONS, eventsStream, sseResponse, turnEvents } from "./stream";
import { type ChatKitUser, assertThreadId, itemNotFound, listItems, listThreads, loadThread } from "./threads";

// The ChatKit server protocol over Taskchat's services: threads are conversations, items are
// messages, a turn is the same chat turn /api/chat runs (rate limit, storage, stop and timeout
// included). Streaming requests answer with server-sent events, the others with JSON. A request
// that is malformed, unknown or not allowed is refused before anything is written.

function messageIdOf(itemId: string): string {
  const ref = parseItemId(itemId);
  if (!ref) throw itemNotFound();
  return ref.messageId;
}

/** Parses a request: an unknown type is named as such, anything else malformed gets its issues. */
export function parseChatKitRequest(body: unknown): ChatKitRequest {
  const { type } = parseWith(z.object({ type: z.string().max(100) }), body);
  if (!REQUEST_TYPES.includes(type)) throw new AppError("invalid_request", `type: unknown request type "${type}"`);
  return parseWith(chatKitRequestSchema, body);
}

/** The text a user message input says, held to the chat's own limits. */
function messageText(input: UserMessageInput): string {
  if (input.attachments.length > 0) {
    throw new AppError("invalid_request", "params.input.attachments: attachments are not supported");
  }
  const said = input.content.map((c) => (c.type === "input_text" ? c.text : `@${c.text}`)).join("");
  const quoted = input.quoted_text?.trim();
  const text = quoted ? `> ${quoted.replaceAll("\n", "\n> ")}\n\n${said}` : said;
  return parseWith(z.object({ "params.input.content": chatRequestSchema.shape.message }), {
    "params.input.content": text,
  })["params.input.content"];
}

/** The conversation a failed turn still belongs to (its question was stored), if any. */
function failedTurnConversation(error: unknown): string | undefined {
  if (!(error instanceof AppError) || (error.code !== "ai_unavailable" && error.code !== "timeout")) return undefined;
  return error.headers?.["X-Conversation-Id"];
}

/** What goes before the answer: the new thread (if the turn made one) and the stored question. */
async function turnPrefix(userId: string, threadId: string, text: string, created: boolean) {
  const [conversation, question] = await Promise.all([
    created ? getConversationSummary(userId, threadId) : null,
    findUserMessage(userId, threadId, text),
  ]);
  const events: ThreadStreamEvent[] = [];
  if (conversation) events.push({ type: "thread.created", thread: threadOf(conversation) });
  if (question) events.push({ type: "thread.item.done", item: userMessageItem(threadId, question) });
  return [...events, STREAM_OPTIONS];
}

/**
 * Runs a chat turn and streams it as ChatKit events. A turn whose model fails before saying
 * anything still stored its question: the thread (and question) are sent, then the error.
 */
async function respond(
  turn: TurnRequest,
  signal: AbortSignal,
  prefix: (threadId: string) => Promise<ThreadStreamEvent[]>,
): Promise<Response> {
  let started: Awaited<ReturnType<typeof chatTurnStream>>;
  try {
    started = await chatTurnStream(turn, chatSettings(), signal);
  } catch (error) {
    const threadId = failedTurnConversation(error);
    if (!threadId || !(error instanceof AppError)) throw error;
    const failed: ThreadStreamEvent = { type: "error", code: "custom", message: error.message, allow_retry: true };
    return sseResponse(eventsStream([...(await prefix(threadId)), failed]));
  }
  const { conversationId, stream } = started;
  try {
    const events = await prefix(conversationId);
    return sseResponse(stream.pipeThrough(turnEvents(conversationId, events, turn.timezone)));
  } catch (error) {
    // The turn finishes (and stores what it has) only once its stream is read or cancelled.
    await stream.cancel();
    throw error;
  }
}

function sendMessage(user: ChatKitUser, threadId: string | null, input: UserMessageInput, signal: AbortSignal) {
  if (threadId !== null) assertThreadId(threadId);
  const message = messageText(input);
  const turn = { userId: user.id, timezone: user.timezone, message, conversationId: threadId ?? undefined };
  return respond(turn, signal, (id) => turnPrefix(user.id, id, message, threadId === null));
}

/** Answers a user message again: the items after it go, and the turn re-answers it. */
async function retryAfterItem(
  { id: userId, timezone }: ChatKitUser,
  params: RequestOf<"threads.retry_after_item">["params"],
  signal: AbortSignal,
) {
  assertThreadId(params.thread_id);
  const ref = parseItemId(params.item_id);
  const question = ref && (await getMessage(userId, params.thread_id, ref.messageId));
  if (!question) {
    await getConversationSummary(userId, params.thread_id);
    throw itemNotFound();
  }
  if (question.role !== "user" || ref.text !== undefined || ref.toolCallId !== undefined) {
    throw new AppError("invalid_request", "params.item_id: is not a user message");
  }
  await deleteMessagesAfter(userId, params.thread_id, question.id);
  const turn = { userId, timezone, message: question.content, conversationId: params.thread_id };
  return respond(turn, signal, async () => [STREAM_OPTIONS]);
}

function unsupported(type: string, what: string): never {
  throw new AppError("invalid_request", `type: "${type}" is not supported: Taskchat has no ${what}`);
}

/** One ChatKit request for a signed-in user. */
export async function handleChatKitRequest(
  user: ChatKitUser,
  request: ChatKitRequest,
  signal: AbortSignal,
): Promise<Response> {
  const userId = user.id;
  switch (request.type) {
    case "threads.create":
      return sendMessage(user, null, request.params.input, signal);
    case "threads.add_user_message":
      return sendMessage(user, request.params.thread_id, request.params.input, signal);
    case "threads.retry_after_item":
      return retryAfterItem(user, request.params, signal);
    case "threads.custom_action":
      return runWidgetAction(user, request.params);
    case "threads.add_client_tool_output":
      return unsupported(request.type, "client tools");
    case "attachments.create":
    case "attachments.delete":
      return unsupported(request.type, "attachments");
    case "threads.get_by_id":
      return Response.json(await loadThread(user, request.params.thread_id));
    case "threads.list":
      return Response.json(await listThreads(userId, request.params));
    case "items.list":
      return Response.json(await listItems(user, request.params.thread_id, request.params));
    case "threads.update": {
      assertThreadId(request.params.thread_id);
      const { title } = parseWith(renameConversationSchema, { title: request.params.title });
      return Response.json(
        threadOf(await renameConversation({ userId, source: "chat" }, request.params.thread_id, title)),
      );
    }
    case "threads.delete":
      assertThreadId(request.params.thread_id);
      await deleteConversation({ userId, source: "chat" }, request.params.thread_id);
      return Response.json({});
    case "items.feedback": {
      const { thread_id, item_ids, kind } = request.params;
      assertThreadId(thread_id);
      await setMessageFeedback(userId, thread_id, item_ids.map(messageIdOf), kind);
      return Response.json({});
    }
  }
}
