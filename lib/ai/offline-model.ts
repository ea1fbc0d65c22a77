/**
 * The built-in offline model: a deterministic LanguageModelV3 that understands everyday phrasing
 * about a todo list and drives the task tools through the same tool loop as a real model
 * (`generateText`/`streamText` with `stopWhen`). It makes the app useful with no API key and no
 * network, and gives the end-to-end tests a model whose every answer is predictable.
 *
 * Each call is one step of the loop: from the last user message and the tool results already in
 * the prompt it either calls tools or answers in text (see ./offline-model/planner.ts).
 */
import { createHash } from "node:crypto";
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { decideNextStep, type Decision } from "./offline-model/planner";
import { readTurn } from "./offline-model/prompt";

export const OFFLINE_MODEL_LABEL = "Offline model";

export interface OfflineModelOptions {
  /**
   * Pause before each streamed chunk (every text delta and tool call), and the same total pause
   * before `doGenerate` answers: simulates a slow model, streaming its text a word at a time.
   * Default 0: an instant model, whose text comes in a few larger deltas.
   */
  chunkDelayMs?: number;
  /** The caller's step limit (`stopWhen: stepCountIs(n)`); the model answers in text on the last step. Default 5. */
  maxSteps?: number;
}

const DEFAULT_MAX_STEPS = 5;

export function createOfflineModel(options: OfflineModelOptions = {}): LanguageModelV3 {
  const chunkDelayMs = Math.max(0, options.chunkDelayMs ?? 0);
  const maxSteps = Math.max(1, options.maxSteps ?? DEFAULT_MAX_STEPS);

  return {
    specificationVersion: "v3",
    provider: "taskchat",
    modelId: "offline",
    supportedUrls: {},

    async doGenerate(call: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
      throwIfAborted(call.abortSignal);
      const response = respond(call, maxSteps);
      await sleep(chunkDelayMs * chunkCount(response.content), call.abortSignal);
      return {
        content: response.content,
        finishReason: response.finishReason,
        usage: response.usage,
        response: { id: response.id, modelId: "offline" },
        warnings: [],
      };
    },

    async doStream(call: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
      throwIfAborted(call.abortSignal);
      const parts = toStreamParts(respond(call, maxSteps), chunkDelayMs > 0 ? textChunks : instantChunks);
      return { stream: streamOf(parts, chunkDelayMs, call.abortSignal) };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Producing one step.

interface Response {
  id: string;
  content: LanguageModelV3Content[];
  finishReason: LanguageModelV3FinishReason;
  usage: LanguageModelV3Usage;
}

function respond(call: LanguageModelV3CallOptions, maxSteps: number): Response {
  const prompt = fingerprint(call.prompt);
  const id = `offline-${prompt.hash}`;
  const decision = decideNextStep(readTurn(call.prompt), availableTools(call), maxSteps);
  const content = toContent(decision, id);
  return {
    id,
    content,
    finishReason:
      decision.type === "tool-calls" ? { unified: "tool-calls", raw: "tool_calls" } : { unified: "stop", raw: "stop" },
    usage: usageOf(prompt.length, content),
  };
}

/** Only function tools the caller offered (and allowed by `toolChoice`) may be called. */
function availableTools(call: LanguageModelV3CallOptions): Set<string> {
  const choice = call.toolChoice;
  if (choice?.type === "none") return new Set();
  const names = (call.tools ?? []).filter((tool) => tool.type === "function").map((tool) => tool.name);
  return new Set(choice?.type === "tool" ? names.filter((name) => name === choice.toolName) : names);
}

function toContent(decision: Decision, responseId: string): LanguageModelV3Content[] {
  if (decision.type === "text") return [{ type: "text", text: decision.text }];
  // Ids derive from the prompt, so they are deterministic yet differ between steps and turns.
  return decision.calls.map((call, index) => ({
    type: "tool-call",
    toolCallId: `call_${responseId.slice("offline-".length)}_${index}`,
    toolName: call.toolName,
    input: JSON.stringify(call.input),
  }));
}

/**
 * A short, stable fingerprint of the prompt's text (its messages, tool calls and results) and
 * that text's length. Hashed piece by piece by node:crypto: the prompt of a long conversation is
 * tens of kilobytes, read twice per turn.
 */
function fingerprint(prompt: LanguageModelV3Prompt): { hash: string; length: number } {
  const hash = createHash("sha256");
  let length = 0;
  const add = (piece: string) => {
    hash.update(piece).update("\n");
    length += piece.length + 1;
  };
  for (const message of prompt) {
    if (message.role === "system") {
      add(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === "text" || part.type === "reasoning") add(part.text);
      else if (part.type === "tool-call") add(`${part.toolName}\n${JSON.stringify(part.input) ?? ""}`);
      else if (part.type === "tool-result") add(`${part.toolName}\n${JSON.stringify(part.output) ?? ""}`);
    }
  }
  return { hash: hash.digest("base64url").slice(0, 12), length };
}

/** Tokens are estimated as one per four characters, like the rest of the app's budgets. */
function estimateTokens(characters: number): number {
  return Math.ceil(characters / 4);
}

function usageOf(promptLength: number, content: readonly LanguageModelV3Content[]): LanguageModelV3Usage {
  const input = estimateTokens(promptLength);
  let textTokens = 0;
  let toolTokens = 0;
  for (const part of content) {
    if (part.type === "text") textTokens += estimateTokens(part.text.length);
    if (part.type === "tool-call") toolTokens += estimateTokens(part.toolName.length + part.input.length);
  }
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: textTokens + toolTokens, text: textTokens, reasoning: 0 },
  };
}

// ---------------------------------------------------------------------------------------------
// Streaming.

/** Word-sized pieces, each with its trailing whitespace, so the deltas join back exactly. */
function textChunks(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * An instant model's text in at most INSTANT_DELTAS pieces of whole words. Still streamed in
 * several deltas, but not a word at a time: each delta costs the SDK's stream pipeline the same
 * whatever its size, and a slow model's pace (a word at a time) means nothing without the pause.
 */
const INSTANT_DELTAS = 4;
function instantChunks(text: string): string[] {
  const words = textChunks(text);
  const size = Math.ceil(words.length / INSTANT_DELTAS);
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += size) pieces.push(words.slice(i, i + size).join(""));
  return pieces;
}

function chunkCount(content: readonly LanguageModelV3Content[]): number {
  return content.reduce((count, part) => count + (part.type === "text" ? textChunks(part.text).length : 1), 0);
}

function toStreamParts(response: Response, chunks: (text: string) => string[]): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "response-metadata", id: response.id, modelId: "offline" },
  ];
  response.content.forEach((part, index) => {
    if (part.type === "text") {
      const id = `text-${index}`;
      parts.push({ type: "text-start", id });
      for (const delta of chunks(part.text)) parts.push({ type: "text-delta", id, delta });
      parts.push({ type: "text-end", id });
    } else if (part.type === "tool-call") {
      const id = part.toolCallId;
      parts.push({ type: "tool-input-start", id, toolName: part.toolName });
      parts.push({ type: "tool-input-delta", id, delta: part.input });
      parts.push({ type: "tool-input-end", id });
      parts.push(part);
    }
  });
  parts.push({ type: "finish", finishReason: response.finishReason, usage: response.usage });
  return parts;
}

/** The parts a slow model is slow to produce; the bookkeeping parts around them follow at once. */
function isContentChunk(part: LanguageModelV3StreamPart): boolean {
  return part.type === "text-delta" || part.type === "tool-input-start";
}

/**
 * Emits the parts one per pull, waiting `delayMs` before each content chunk. An abort errors the stream at
 * once with the signal's reason, which is how a fetch-based provider behaves.
 */
function streamOf(
  parts: readonly LanguageModelV3StreamPart[],
  delayMs: number,
  signal: AbortSignal | undefined,
): ReadableStream<LanguageModelV3StreamPart> {
  let next = 0;
  let finished = false;
  let removeAbortListener = () => {};

  return new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      if (!signal) return;
      const onAbort = () => {
        if (finished) return;
        finished = true;
        controller.error(abortReason(signal));
      };
      signal.addEventListener("abort", onAbort, { once: true });
      removeAbortListener = () => signal.removeEventListener("abort", onAbort);
    },
    async pull(controller) {
      const part = parts[next++];
      try {
        if (part && isContentChunk(part)) await sleep(delayMs, signal);
      } catch {
        return; // aborted: the abort listener has already errored the stream
      }
      if (finished) return;
      if (part) controller.enqueue(part);
      if (next >= parts.length) {
        finished = true;
        removeAbortListener();
        controller.close();
      }
    },
    cancel() {
      finished = true;
      removeAbortListener();
    },
  });
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/** Waits `ms` (not at all for 0), rejecting as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
