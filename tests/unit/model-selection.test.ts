import { describe, expect, it } from "vitest";
import { labelForModelId, selectModel } from "@/lib/ai/model";
import type { Env } from "@/lib/env";

const base = {
  GEMINI_MODEL: "gemini-2.5-flash",
  OFFLINE_MODEL_DELAY_MS: 0,
  CHAT_MAX_STEPS: 5,
} as unknown as Env;

const withEnv = (overrides: Partial<Env>) => selectModel({ ...base, ...overrides });

describe("the model selector", () => {
  it("uses the offline model when no key is set", () => {
    const choice = withEnv({});
    expect(choice.provider).toBe("offline");
    expect(choice.label).toBe("Offline model");
  });

  it.each([["GEMINI_API_KEY"], ["GOOGLE_GENERATIVE_AI_API_KEY"]] as const)("uses Gemini when %s is set", (key) => {
    const choice = withEnv({ [key]: "k" });
    expect(choice.provider).toBe("gemini");
    expect(choice.label).toBe("Gemini 2.5 Flash");
    expect(typeof choice.model === "object" && choice.model.modelId).toBe("gemini-2.5-flash");
  });

  it("honours GEMINI_MODEL", () => {
    const choice = withEnv({ GEMINI_API_KEY: "k", GEMINI_MODEL: "gemini-2.5-pro" });
    expect(choice.label).toBe("Gemini 2.5 Pro");
  });

  it("AI_PROVIDER=offline forces the offline model even with a key", () => {
    expect(withEnv({ GEMINI_API_KEY: "k", AI_PROVIDER: "offline" }).provider).toBe("offline");
  });

  it("uses an OpenAI-compatible local server when asked, and insists on its settings", () => {
    const choice = withEnv({
      AI_PROVIDER: "openai-compatible",
      OPENAI_COMPATIBLE_BASE_URL: "http://localhost:11434/v1",
      OPENAI_COMPATIBLE_MODEL: "llama3.1",
    });
    expect(choice.provider).toBe("openai-compatible");
    expect(choice.label).toBe("llama3.1 (local)");
    expect(() => withEnv({ AI_PROVIDER: "openai-compatible" })).toThrow(/OPENAI_COMPATIBLE_BASE_URL/);
  });

  it.each([
    ["gemini-2.5-flash", "Gemini 2.5 Flash"],
    ["gemini-2.0-flash-lite", "Gemini 2.0 Flash Lite"],
  ])("labels %s as %s", (id, label) => {
    expect(labelForModelId(id)).toBe(label);
  });
});
