import "server-only";
import { chatModel } from "@/lib/ai/model";
import { env } from "@/lib/env";
import type { TurnSettings } from "./turn";

export function chatSettings(): TurnSettings {
  const e = env();
  return {
    model: chatModel(),
    historyTokens: e.CHAT_HISTORY_TOKENS,
    maxSteps: e.CHAT_MAX_STEPS,
    timeoutMs: e.CHAT_TIMEOUT_MS,
    rateLimit: e.CHAT_RATE_LIMIT,
  };
}
