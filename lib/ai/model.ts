import "server-only";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { type Env, env } from "@/lib/env";
import { OFFLINE_MODEL_LABEL, createOfflineModel } from "./offline-model";

export type ModelChoice = {
  model: LanguageModel;
  provider: "gemini" | "openai-compatible" | "offline";
  /** What the UI shows as "answering": "Gemini 2.5 Flash", "Offline model", … */
  label: string;
};

/** "gemini-2.5-flash" → "Gemini 2.5 Flash" */
export function labelForModelId(id: string): string {
  return id
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => (/^\d/.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(" ");
}

/** The one model selector: Gemini with a key, a local OpenAI-compatible server, or offline. */
export function selectModel(e: Env): ModelChoice {
  const geminiKey = e.GEMINI_API_KEY ?? e.GOOGLE_GENERATIVE_AI_API_KEY;
  if (e.AI_PROVIDER === "openai-compatible") {
    if (!e.OPENAI_COMPATIBLE_BASE_URL || !e.OPENAI_COMPATIBLE_MODEL) {
      throw new Error("AI_PROVIDER=openai-compatible needs OPENAI_COMPATIBLE_BASE_URL and OPENAI_COMPATIBLE_MODEL");
    }
    const provider = createOpenAICompatible({
      name: "local",
      baseURL: e.OPENAI_COMPATIBLE_BASE_URL,
      apiKey: e.OPENAI_COMPATIBLE_API_KEY,
    });
    return {
      model: provider.chatModel(e.OPENAI_COMPATIBLE_MODEL),
      provider: "openai-compatible",
      label: `${e.OPENAI_COMPATIBLE_MODEL} (local)`,
    };
  }
  if (geminiKey && e.AI_PROVIDER !== "offline") {
    const google = createGoogleGenerativeAI({ apiKey: geminiKey, baseURL: e.GEMINI_BASE_URL });
    return { model: google(e.GEMINI_MODEL), provider: "gemini", label: labelForModelId(e.GEMINI_MODEL) };
  }
  return {
    model: createOfflineModel({ chunkDelayMs: e.OFFLINE_MODEL_DELAY_MS, maxSteps: e.CHAT_MAX_STEPS }),
    provider: "offline",
    label: OFFLINE_MODEL_LABEL,
  };
}

let choice: ModelChoice | undefined;

/** The process's model, picked once from the environment. */
export function chatModel(): ModelChoice {
  choice ??= selectModel(env());
  return choice;
}
