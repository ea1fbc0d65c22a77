import "server-only";
import { randomUUID } from "node:crypto";
import {
  type ModelMessage,
  type UIMessageChunk,
  type UIMessageStreamOnFinishCallback,
  consumeStream,
  convertToModelMessages,
  getToolName,
  isToolUIPart,
  stepCountIs,
  streamText,
} from "ai";
import type { ModelChoice } from "@/lib/ai/model";
import { systemPrompt } from "@/lib/ai/prompt";
import { AppError } from "@/lib/errors";
import { type TaskTools, isTaskToolError, taskTools } from "@/lib/tasks/tools";
import {
  type HistoryRow,
  appendMessage,
  appendUserMessage,
  createConversationWithMessage,
  deleteMessage,
  loadRecentMessages,
  titleFromMessage,
} from "./conversations";
import { estimateTokens, fitHistory } from "./history";
import { assertWithinLimit } from "./rate-limit";
import type { ChatMessage, ChatPart, ToolCallSummary, TurnStatus } from "./types";

export type TurnSettings = {
  model: ModelChoice;
  historyTokens: number;
  maxSteps: number;
  timeoutMs: number;
  rateLimit: number;
};

export type TurnRequest = {
  userId: string;
  message: string;
  conversationId?: string;
  /** The user's IANA zone (the session carries it). */
  timezone: string;
};

export type FinishedTurn = {
  conversationId: string;
  /** The stored assistant message, or null when the turn produced nothing worth keeping. */
  message: ChatMessage | null;
  text: string;
  toolCalls: ToolCallSummary[];
  status: TurnStatus | null;
};

export const AI_UNAVAILABLE = "AI service temporarily unavailable";
export const TIMED_OUT = "Request took too long to process";

type AbortReason = "timeout" | "client";

/**
 * Everything before the model: the turn counted against the rate limit and the user message
 * stored (one statement), in parallel with the history (which also proves ownership). Throws
 * 429 / 404 having written nothing but the count.
 */
async function prepareTurn(request: TurnRequest, settings: TurnSettings) {
  const userMessage: ChatMessage = {
    id: randomUUID(),
    role: "user",
    parts: [{ type: "text", text: request.message }],
  };
  const stored = { id: userMessage.id, role: "user" as const, content: request.message, parts: userMessage.parts };
  const { timezone } = request;

  if (!request.conversationId) {
    const created = await createConversationWithMessage(
      request.userId,
      titleFromMessage(request.message),
      stored,
      settings.rateLimit,
    );
    assertWithinLimit(created, settings.rateLimit);
    return {
      userId: request.userId,
      conversationId: created.conversationId!,
      userMessage,
      history: [] as HistoryRow[],
      timezone,
    };
  }

  const conversationId = request.conversationId;
  const [appended, recent] = await Promise.all([
    appendUserMessage(request.userId, conversationId, stored, settings.rateLimit),
    loadRecentMessages(request.userId, conversationId, stored.id),
  ]);
  assertWithinLimit(appended, settings.rateLimit);
  if (!recent || !appended.stored) throw new AppError("not_found", "Conversation not found");
  // Retrying after a failed turn sends the same text again: the earlier copy is the last stored
  // message, still unanswered, so answer that one and drop the copy just stored.
  const last = recent[0];
  if (last?.role === "user" && last.content === request.message) {
    await deleteMessage(conversationId, stored.id);
    const retried: ChatMessage = { id: last.id, role: "user", parts: last.parts };
    return {
      userId: request.userId,
      conversationId,
      userMessage: retried,
      history: fitHistory(recent.slice(1), Math.max(0, settings.historyTokens - estimateTokens(last))),
      timezone,
    };
  }
  const history = fitHistory(recent, Math.max(0, settings.historyTokens - estimateTokens(stored)));
  return { userId: request.userId, conversationId, userMessage, history, timezone };
}

function textOf(parts: ChatPart[]): string {
  return parts
    .filter((p) => p.type === "text")
    .map((p) => p.text)
    .join("")
    .trim();
}

export function summarizeToolCalls(parts: ChatPart[]): ToolCallSummary[] {
  return parts.filter(isToolUIPart).map((part) => {
    const tool = getToolName(part);
    if (part.state === "output-error") return { tool, arguments: part.input, error: part.errorText };
    if (part.state === "output-available" && isTaskToolError(part.output)) {
      return { tool, arguments: part.input, error: part.output.error };
    }
    return { tool, arguments: part.input, result: part.state === "output-available" ? part.output : undefined };
  });
}

/**
 * What is kept of an assistant message. A completed or stopped turn keeps what was said; a
 * failed or timed-out one keeps only the tool calls that finished (they changed tasks), never
 * half-written text.
 */
function keptParts(parts: ChatPart[], status: TurnStatus | null): ChatPart[] {
  const kept = parts.flatMap((part): ChatPart[] => {
    if (isToolUIPart(part)) return part.state === "output-available" || part.state === "output-error" ? [part] : [];
    if (part.type === "text") {
      if (status && status.status !== "stopped") return [];
      return part.text ? [{ ...part, state: "done" }] : [];
    }
    if (part.type === "reasoning") return [];
    return [part];
  });
  if (!kept.some((p) => p.type === "text" || isToolUIPart(p))) return [];
  return status ? [...kept, { type: "data-turn-status", data: status }] : kept;
}

type Prepared = Awaited<ReturnType<typeof prepareTurn>>;

function statusAfterFailure(reason: unknown): TurnStatus {
  if (reason === "timeout") return { status: "timeout", message: TIMED_OUT };
  if (reason === "client") return { status: "stopped" };
  return { status: "failed", message: AI_UNAVAILABLE };
}

function turnStatus(
  outcome: Parameters<UIMessageStreamOnFinishCallback<ChatMessage>>[0]["outcome"],
  reason: unknown,
): TurnStatus | null {
  return outcome.status === "completed" ? null : statusAfterFailure(reason);
}

/**
 * A user or assistant message of text alone, with plain string content: the SDK validates the
 * whole prompt (every history message) on every call, and a string is the cheapest content to
 * check. Anything else (tool calls, provider metadata) stays as converted.
 */
function plainText(message: ModelMessage): ModelMessage {
  if ((message.role !== "user" && message.role !== "assistant") || typeof message.content === "string") return message;
  let text = "";
  for (const part of message.content) {
    if (part.type !== "text" || part.providerOptions) return message;
    text += part.text;
  }
  return message.role === "user"
    ? { role: "user", content: text, providerOptions: message.providerOptions }
    : { role: "assistant", content: text, providerOptions: message.providerOptions };
}

async function modelMessages(prepared: Prepared, tools: TaskTools) {
  const history: ChatMessage[] = prepared.history.map((row) => ({ id: row.id, role: row.role, parts: row.parts }));
  const messages = await convertToModelMessages([...history, prepared.userMessage], {
    tools,
    ignoreIncompleteToolCalls: true,
  });
  return messages.map(plainText);
}

/** The agent call both modes make: the model, its instructions, the history, the user's tools. */
function agentCall(
  settings: TurnSettings,
  timezone: string,
  messages: ModelMessage[],
  tools: TaskTools,
  abort: AbortController,
) {
  return {
    model: settings.model.model,
    system: systemPrompt(new Date(), timezone),
    messages,
    tools,
    stopWhen: stepCountIs(settings.maxSteps),
    abortSignal: abort.signal,
    // Fail fast: the person sees the error and can retry; retries would blow the deadline.
    maxRetries: 0,
  };
}

/** Stores what is kept of the assistant message (if anything) and describes the finished turn. */
async function storeTurn(prepared: Prepared, response: ChatMessage, status: TurnStatus | null): Promise<FinishedTurn> {
  const parts = keptParts(response.parts, status);
  const message: ChatMessage | null =
    parts.length > 0 ? { ...response, metadata: { ...response.metadata }, parts } : null;
  if (message) {
    await appendMessage(prepared.userId, prepared.conversationId, {
      id: message.id,
      role: "assistant",
      content: textOf(parts),
      parts,
    });
  }
  return {
    conversationId: prepared.conversationId,
    message,
    text: textOf(parts),
    toolCalls: summarizeToolCalls(response.parts),
    status,
  };
}

const metadataOf = (prepared: Prepared, settings: TurnSettings) => ({
  conversationId: prepared.conversationId,
  createdAt: new Date().toISOString(),
  model: settings.model.label,
});

/**
 * Runs the agent on a prepared turn, streaming. Returns the UI message stream (what useChat
 * consumes) and a promise of the finished turn, settled after the assistant message is stored.
 * The stream must be read to the end, even when its reader goes away, for the turn to finish.
 */
async function runAgent(
  userId: string,
  prepared: Prepared,
  settings: TurnSettings,
  abort: AbortController,
): Promise<{ stream: ReadableStream<UIMessageChunk>; finished: Promise<FinishedTurn> }> {
  const tools = taskTools(userId, prepared.timezone);
  const messages = await modelMessages(prepared, tools);

  let settle: (turn: FinishedTurn) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const finished = new Promise<FinishedTurn>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });

  const result = streamText({
    ...agentCall(settings, prepared.timezone, messages, tools, abort),
    onError: ({ error }) => console.error("[taskchat] model call failed:", error),
  });

  const metadata = metadataOf(prepared, settings);
  const stream = result.toUIMessageStream<ChatMessage>({
    generateMessageId: randomUUID,
    sendReasoning: false,
    messageMetadata: ({ part }) => (part.type === "start" ? metadata : undefined),
    onError: () => AI_UNAVAILABLE,
    onFinish: async ({ responseMessage, outcome }) => {
      try {
        settle(await storeTurn(prepared, responseMessage, turnStatus(outcome, abort.signal.reason)));
      } catch (error) {
        fail(error);
      }
    },
  });
  return { stream, finished };
}

/**
 * A failure after the conversation exists still tells the client which conversation it is (the
 * user message was stored there), so a retry continues it instead of starting another.
 */
function inConversation(conversationId: string, code: "timeout" | "ai_unavailable"): AppError {
  return new AppError(code, code === "timeout" ? TIMED_OUT : AI_UNAVAILABLE, {
    headers: { "X-Conversation-Id": conversationId },
  });
}

/** POST /api/chat in JSON mode: the whole turn, then one answer. */
export async function chatTurnJson(request: TurnRequest, settings: TurnSettings, signal: AbortSignal) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort("timeout" satisfies AbortReason), settings.timeoutMs);
  const onClientGone = () => abort.abort("client" satisfies AbortReason);
  signal.addEventListener("abort", onClientGone, { once: true });
  try {
    const prepared = await prepareTurn(request, settings);
    // The same agent run as a streamed turn, with nobody reading along: the stream is consumed
    // here and the turn is whatever the SDK built from it, stored exactly as in stream mode.
    const { stream, finished } = await runAgent(request.userId, prepared, settings, abort);
    await consumeStream({ stream });
    const turn = await finished;
    if (turn.status?.status === "timeout") throw inConversation(turn.conversationId, "timeout");
    if (turn.status?.status === "failed") throw inConversation(turn.conversationId, "ai_unavailable");
    return { conversation_id: turn.conversationId, response: turn.text, tool_calls: turn.toolCalls };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onClientGone);
  }
}

/**
 * POST /api/chat in stream mode. Waits (within the deadline) for the model's first output so
 * that an unavailable provider or a silent one still gets a 503 / 504 status; from then on,
 * errors travel in the stream and the deadline is the longest silence between chunks.
 */
export async function chatTurnStream(
  request: TurnRequest,
  settings: TurnSettings,
  signal: AbortSignal,
): Promise<{ conversationId: string; stream: ReadableStream<UIMessageChunk> }> {
  const abort = new AbortController();
  let idle: NodeJS.Timeout | undefined;
  const armIdleTimer = () => {
    clearTimeout(idle);
    idle = setTimeout(() => abort.abort("timeout" satisfies AbortReason), settings.timeoutMs);
  };
  const onClientGone = () => abort.abort("client" satisfies AbortReason);
  signal.addEventListener("abort", onClientGone, { once: true });
  armIdleTimer();

  const cleanup = () => {
    clearTimeout(idle);
    signal.removeEventListener("abort", onClientGone);
  };

  let prepared: Prepared;
  try {
    prepared = await prepareTurn(request, settings);
  } catch (error) {
    cleanup();
    throw error;
  }
  const { stream, finished } = await runAgent(request.userId, prepared, settings, abort).catch((error: unknown) => {
    cleanup();
    throw error;
  });
  finished.catch((error: unknown) => console.error("[taskchat] could not store the assistant message:", error));
  const reader = stream.getReader();

  // Hold back the stream until the model has said something (or failed).
  const head: UIMessageChunk[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done || value.type === "abort" || value.type === "error") {
      reader.releaseLock();
      await consumeStream({ stream });
      await finished.catch(() => undefined);
      cleanup();
      throw inConversation(prepared.conversationId, abort.signal.reason === "timeout" ? "timeout" : "ai_unavailable");
    }
    head.push(value);
    if (value.type !== "start" && value.type !== "start-step") break;
  }
  armIdleTimer();

  const output = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        cleanup();
        controller.close();
        return;
      }
      armIdleTimer();
      if (value.type === "abort" && abort.signal.reason === "timeout") {
        controller.enqueue({ type: "error", errorText: TIMED_OUT });
      }
      controller.enqueue(value);
    },
    async cancel() {
      // The client went away (Stop, closed tab): stop the model, then let the turn finish so
      // what was already said is stored.
      abort.abort("client" satisfies AbortReason);
      reader.releaseLock();
      await consumeStream({ stream });
      cleanup();
    },
  });
  return { conversationId: prepared.conversationId, stream: output };
}
