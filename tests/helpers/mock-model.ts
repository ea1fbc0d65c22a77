// The AI SDK's mock model, as the in-process chat-turn tests use it: the turn streams from the
// model in both modes (JSON mode reads the whole stream before answering).
import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV3, convertArrayToReadableStream } from "ai/test";
import type { TurnSettings } from "@/lib/chat/turn";

export const mockUsage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** A model that answers every call with `text`. */
export function replyingModel(text: string): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doStream: async () => ({
      stream: convertArrayToReadableStream<LanguageModelV3StreamPart>([
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: text },
        { type: "text-end", id: "t" },
        { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: mockUsage },
      ]),
    }),
  });
}

/** Turn settings around `model`, generous unless a test overrides them. */
export function mockTurnSettings(model: MockLanguageModelV3, overrides: Partial<TurnSettings> = {}): TurnSettings {
  return {
    model: { model, provider: "offline", label: "Mock" },
    historyTokens: 8000,
    maxSteps: 5,
    timeoutMs: 5000,
    rateLimit: 1000,
    ...overrides,
  };
}
