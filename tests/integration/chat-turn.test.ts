import { randomUUID } from "node:crypto";
import type { LanguageModelV3CallOptions, LanguageModelV3Content, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { consumeStream } from "ai";
import { MockLanguageModelV3, convertArrayToReadableStream } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import type { QueryEvent } from "@/lib/database/instrument";
import { createOfflineModel } from "@/lib/ai/offline-model";
import { chatTurnJson, chatTurnStream } from "@/lib/chat/turn";
import { listTasks } from "@/lib/tasks/service";
import { parseWhen } from "@/lib/tasks/when";
import { captureQueries, createUser, setupTestDatabase } from "../helpers/in-process";
import { mockTurnSettings, mockUsage, replyingModel } from "../helpers/mock-model";

// The chat turn in-process, on a real database, with the AI SDK's mock model recording exactly
// what the model receives.
setupTestDatabase("chat_turn");

const noSignal = () => new AbortController().signal;
const offlineChoice = { model: createOfflineModel(), provider: "offline", label: "Offline model" } as const;

/** Messages the model received (system first), as role + text. */
function received(call: LanguageModelV3CallOptions): { role: string; text: string }[] {
  return call.prompt.map((m) => ({
    role: m.role,
    text:
      typeof m.content === "string" ? m.content : m.content.map((p) => ("text" in p ? p.text : `[${p.type}]`)).join(""),
  }));
}

async function seedConversation(userId: string, count: number): Promise<string> {
  const { prisma } = await import("@/lib/db");
  const conversation = await prisma.conversation.create({ data: { userId, title: `${count} messages` } });
  const base = Date.now() - count * 1000;
  const rows = Array.from({ length: count }, (_, i) => {
    const role = i % 2 === 0 ? ("user" as const) : ("assistant" as const);
    const content = `${role} message number ${i} ${"lorem ipsum ".repeat(8)}`;
    return {
      id: randomUUID(),
      conversationId: conversation.id,
      role,
      content,
      parts: [{ type: "text", text: content }],
      createdAt: new Date(base + i * 1000),
    };
  });
  for (let i = 0; i < rows.length; i += 2000) await prisma.message.createMany({ data: rows.slice(i, i + 2000) });
  return conversation.id;
}

let user: { id: string };
beforeAll(async () => {
  user = await createUser();
});

describe("the history window", () => {
  it("a 10,000-message conversation: the model gets only the budgeted window, from one bounded query", async () => {
    const conversationId = await seedConversation(user.id, 10_000);
    const model = replyingModel("ok");
    const events = await captureQueries(() =>
      chatTurnJson(
        { userId: user.id, timezone: "UTC", message: "what now?", conversationId },
        mockTurnSettings(model, { historyTokens: 2000 }),
        noSignal(),
      ),
    );

    const prompt = received(model.doStreamCalls[0]!);
    expect(prompt[0]!.role).toBe("system");
    expect(prompt.at(-1)).toEqual({ role: "user", text: "what now?" });
    const history = prompt.slice(1, -1);
    // ~40 tokens per seeded message, 2000-token budget: a few dozen messages, the newest ones.
    expect(history.length).toBeGreaterThan(10);
    expect(history.length).toBeLessThan(60);
    expect(history.at(-1)!.text).toContain("message number 9999");
    expect(history[0]!.role).toBe("user");
    const totalChars = history.reduce((n, m) => n + m.text.length, 0);
    expect(totalChars / 4).toBeLessThanOrEqual(2000);

    const historyQueries = events.filter((e) => /FROM "public"\."messages"/.test(e.sql) && /^SELECT/.test(e.sql));
    expect(historyQueries).toHaveLength(1);
    expect(historyQueries[0]!.sql).toMatch(/ORDER BY .*"created_at" DESC/);
    expect(historyQueries[0]!.sql).toMatch(/LIMIT/);
  });

  it("costs the same statements in a 10-message conversation as in a 10,000-message one", async () => {
    const small = await seedConversation(user.id, 10);
    const large = await seedConversation(user.id, 10_000);
    // The rate limit and the history load run in parallel: compare the statements, not their order.
    const shape = (events: QueryEvent[]) => events.map((e) => e.sql.replace(/\$\d+/g, "?")).sort();
    const a = await captureQueries(() =>
      chatTurnJson(
        { userId: user.id, timezone: "UTC", message: "hi", conversationId: small },
        mockTurnSettings(replyingModel("a")),
        noSignal(),
      ),
    );
    const b = await captureQueries(() =>
      chatTurnJson(
        { userId: user.id, timezone: "UTC", message: "hi", conversationId: large },
        mockTurnSettings(replyingModel("b")),
        noSignal(),
      ),
    );
    expect(shape(b)).toEqual(shape(a));
  });

  it("a turn is 3 round trips here (rate limit + user message, history, assistant message; 2 for a new conversation)", async () => {
    // The session lookup adds one over HTTP: within the spec's 6.
    const first = await captureQueries(() =>
      chatTurnJson(
        { userId: user.id, timezone: "UTC", message: "hello" },
        mockTurnSettings(replyingModel("hi")),
        noSignal(),
      ),
    );
    expect(first).toHaveLength(2);
    const { prisma } = await import("@/lib/db");
    const { id } = await prisma.conversation.findFirstOrThrow({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
    });
    const next = await captureQueries(() =>
      chatTurnJson(
        { userId: user.id, timezone: "UTC", message: "again", conversationId: id },
        mockTurnSettings(replyingModel("ok")),
        noSignal(),
      ),
    );
    expect(next).toHaveLength(3);
    // The first write (count + user message) waits for no WAL flush; the last one does.
    expect(next.filter((e) => /synchronous_commit/.test(e.sql))).toHaveLength(1);
    // The answer and the conversation's event (live sync) are that one last statement.
    expect(next.at(-1)!.sql).toMatch(/INSERT INTO messages[\s\S]*INSERT INTO events/);
  });

  it("the tools read dates in words in the zone the turn brings (the session's), without reading the user's row", async () => {
    const zone = "Asia/Karachi"; // the stored zone is still the default, UTC
    const settings = { ...mockTurnSettings(replyingModel("unused")), model: offlineChoice };
    const now = new Date();
    const events = await captureQueries(() =>
      chatTurnJson(
        { userId: user.id, timezone: zone, message: "add pay the rent tomorrow at 9" },
        settings,
        noSignal(),
      ),
    );
    expect(events.filter((e) => /\busers\b/.test(e.sql))).toEqual([]);
    const { tasks } = await listTasks(user.id, { q: "pay the rent" });
    const expected = parseWhen("tomorrow at 9", zone, now);
    if (!expected.ok) throw new Error(expected.message);
    expect(tasks.map((t) => t.due_at)).toEqual([expected.when.at.toISOString()]);
  });
});

describe("failures", () => {
  it("a model that throws → ai_unavailable, the user message kept, nothing else", async () => {
    const explode = async (): Promise<never> => {
      throw new Error("provider exploded");
    };
    const model = new MockLanguageModelV3({ doGenerate: explode, doStream: explode });
    const error = await chatTurnJson(
      { userId: user.id, timezone: "UTC", message: "are you there?" },
      mockTurnSettings(model),
      noSignal(),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ai_unavailable", message: "AI service temporarily unavailable" });
    const { prisma } = await import("@/lib/db");
    const conversation = await prisma.conversation.findFirstOrThrow({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
      include: { messages: true },
    });
    expect(conversation.messages.map((m) => [m.role, m.content])).toEqual([["user", "are you there?"]]);
  });

  it("a past-the-limit turn answers 429 with Retry-After and writes nothing", async () => {
    const limited = await createUser();
    const s = mockTurnSettings(replyingModel("ok"), { rateLimit: 2 });
    await chatTurnJson({ userId: limited.id, timezone: "UTC", message: "one" }, s, noSignal());
    await chatTurnJson({ userId: limited.id, timezone: "UTC", message: "two" }, s, noSignal());
    const error = await chatTurnJson({ userId: limited.id, timezone: "UTC", message: "three" }, s, noSignal()).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "rate_limited" });
    expect(Number((error as { headers: Record<string, string> }).headers["Retry-After"])).toBeGreaterThan(0);
    const { prisma } = await import("@/lib/db");
    expect(await prisma.conversation.count({ where: { userId: limited.id } })).toBe(2);
  });
});

describe("JSON mode and stream mode: one agent path", () => {
  // Two steps: text and a tool call carrying provider metadata (Gemini's thought signature,
  // which must come back with the history), then the answer.
  function scriptedModel() {
    const steps: { content: LanguageModelV3Content[]; finish: "tool-calls" | "stop" }[] = [
      {
        content: [
          { type: "text", text: "Adding it." },
          {
            type: "tool-call",
            toolCallId: "call-1",
            toolName: "add_task",
            input: JSON.stringify({ title: "Buy oat milk" }),
            providerMetadata: { google: { thoughtSignature: "sig-1" } },
          },
          {
            type: "tool-call",
            toolCallId: "call-2",
            toolName: "complete_task",
            input: JSON.stringify({ task_id: "not a number" }),
          },
        ],
        finish: "tool-calls",
      },
      { content: [{ type: "text", text: "Added #1 Buy oat milk." }], finish: "stop" },
    ];
    let step = 0;
    const next = () => steps[Math.min(step++, steps.length - 1)]!;
    const streamed = (content: LanguageModelV3Content[]): LanguageModelV3StreamPart[] =>
      content.flatMap((part, i): LanguageModelV3StreamPart[] =>
        part.type === "text"
          ? [
              { type: "text-start", id: `t${i}` },
              { type: "text-delta", id: `t${i}`, delta: part.text },
              { type: "text-end", id: `t${i}` },
            ]
          : part.type === "tool-call"
            ? [part]
            : [],
      );
    return new MockLanguageModelV3({
      doStream: async () => {
        const { content, finish } = next();
        return {
          stream: convertArrayToReadableStream<LanguageModelV3StreamPart>([
            { type: "stream-start", warnings: [] },
            ...streamed(content),
            { type: "finish", finishReason: { unified: finish, raw: finish }, usage: mockUsage },
          ]),
        };
      },
    });
  }

  async function storedReply(conversationId: string) {
    const { prisma } = await import("@/lib/db");
    const reply = await prisma.message.findFirstOrThrow({ where: { conversationId, role: "assistant" } });
    // Task ids and timestamps differ between the two runs; everything else must not.
    return JSON.parse(JSON.stringify(reply.parts), (key, value) =>
      ["id", "created_at", "updated_at"].includes(key) ? "*" : value,
    );
  }

  it("store the same assistant message: steps, text, tool calls with results, errors and provider metadata", async () => {
    const json = await chatTurnJson(
      { userId: user.id, timezone: "UTC", message: "add oat milk" },
      mockTurnSettings(scriptedModel()),
      noSignal(),
    );
    const streamed = await chatTurnStream(
      { userId: user.id, timezone: "UTC", message: "add oat milk" },
      mockTurnSettings(scriptedModel()),
      noSignal(),
    );
    await consumeStream({ stream: streamed.stream });

    const jsonParts = await storedReply(json.conversation_id);
    expect(jsonParts).toEqual(await storedReply(streamed.conversationId));
    expect(jsonParts.map((p: { type: string; state?: string }) => `${p.type}${p.state ? `:${p.state}` : ""}`)).toEqual([
      "step-start",
      "text:done",
      "tool-add_task:output-available",
      "tool-complete_task:output-error",
      "step-start",
      "text:done",
    ]);
    expect(jsonParts[2]).toMatchObject({
      toolCallId: "call-1",
      callProviderMetadata: { google: { thoughtSignature: "sig-1" } },
    });
    expect(json.tool_calls.map((c) => c.tool)).toEqual(["add_task", "complete_task"]);
    expect(json.response).toBe("Adding it.Added #1 Buy oat milk.");
  });
});
