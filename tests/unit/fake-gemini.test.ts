import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { APICallError, generateText, stepCountIs, streamText, tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  type FakeGemini,
  declaredTools,
  functionResponses,
  lastUserText,
  quickstartResponder,
  startFakeGemini,
  systemText,
} from "../helpers/fake-gemini";

// The fake is exercised through the real @ai-sdk/google provider, so these tests also pin down
// the wire format the app depends on.

let fake: FakeGemini;
const model = () => createGoogleGenerativeAI({ apiKey: "test-key", baseURL: fake.url })("gemini-2.5-flash");

beforeAll(async () => {
  fake = await startFakeGemini({ respond: () => ({ text: "unused" }) });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.setResponder(() => ({ text: "unused" }), 0);
});

const weather = tool({
  description: "Current weather in a city",
  inputSchema: z.object({ city: z.string().describe("City name") }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
});

describe("the fake Gemini server", () => {
  it("answers with text", async () => {
    fake.setResponder(() => ({ text: "Hello there" }));
    const result = await generateText({ model: model(), prompt: "hi" });
    expect(result.text).toBe("Hello there");
    expect(result.finishReason).toBe("stop");
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      model: "gemini-2.5-flash",
      stream: false,
      apiKey: "test-key",
      aborted: false,
    });
  });

  it("records the system instruction and the declared tools with their schemas", async () => {
    fake.setResponder(() => ({ text: "ok" }));
    await generateText({ model: model(), system: "You manage tasks.", prompt: "hello", tools: { weather } });
    const [request] = fake.requests;
    expect(request).toBeDefined();
    expect(systemText(request!)).toBe("You manage tasks.");
    expect(lastUserText(request!)).toBe("hello");
    expect(declaredTools(request!)).toEqual(["weather"]);
    expect(request!.body.tools[0].functionDeclarations[0]).toEqual({
      name: "weather",
      description: "Current weather in a city",
      parameters: {
        type: "object",
        properties: { city: { type: "string", description: "City name" } },
        required: ["city"],
      },
    });
  });

  it("round-trips a tool call: functionCall, the tool runs, its functionResponse comes back", async () => {
    fake.setResponder((request) => {
      const [result] = functionResponses(request);
      if (!result) return { functionCalls: [{ name: "weather", args: { city: "Paris" } }] };
      const output = result.output as { city: string; temperature: number };
      return { text: `${output.city}: ${output.temperature}°C` };
    });
    const result = await generateText({
      model: model(),
      prompt: "weather in Paris?",
      tools: { weather },
      stopWhen: stepCountIs(5),
    });

    expect(result.text).toBe("Paris: 21°C");
    expect(result.steps.map((step) => step.finishReason)).toEqual(["tool-calls", "stop"]);
    expect(fake.requests).toHaveLength(2);
    const contents = fake.requests[1]!.body.contents;
    expect(contents).toHaveLength(3);
    expect(contents[1]).toEqual({
      role: "model",
      parts: [{ functionCall: { id: expect.any(String), name: "weather", args: { city: "Paris" } } }],
    });
    // Tool results travel as a `user` content whose response wraps the output as { name, content }.
    expect(contents[2]).toEqual({
      role: "user",
      parts: [
        {
          functionResponse: {
            id: contents[1].parts[0].functionCall.id,
            name: "weather",
            response: { name: "weather", content: { city: "Paris", temperature: 21 } },
          },
        },
      ],
    });
    expect(lastUserText(fake.requests[1]!)).toBe("weather in Paris?");
  });

  it("sends several function calls in one reply", async () => {
    fake.setResponder((request) =>
      functionResponses(request).length === 0
        ? { functionCalls: ["Oslo", "Rome"].map((city) => ({ name: "weather", args: { city } })) }
        : {
            text: functionResponses(request)
              .map((r) => (r.output as { city: string }).city)
              .join(" & "),
          },
    );
    const result = await generateText({
      model: model(),
      prompt: "two cities",
      tools: { weather },
      stopWhen: stepCountIs(5),
    });
    expect(result.steps[0]!.toolCalls.map((call) => call.input)).toEqual([{ city: "Oslo" }, { city: "Rome" }]);
    expect(result.text).toBe("Oslo & Rome");
  });

  it("streams text in several deltas, and streams function calls", async () => {
    const text = "Here is a reply long enough to arrive in several chunks.";
    fake.setResponder(() => ({ text }), 5);
    const result = streamText({ model: model(), prompt: "hi" });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join("")).toBe(text);
    expect(await result.finishReason).toBe("stop");
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
    expect(fake.requests[0]).toMatchObject({ stream: true, apiKey: "test-key" });

    fake.setResponder((request) =>
      functionResponses(request).length === 0
        ? { functionCalls: [{ name: "weather", args: { city: "Lima" } }] }
        : { text: "done" },
    );
    const withTools = streamText({ model: model(), prompt: "weather", tools: { weather }, stopWhen: stepCountIs(5) });
    expect(await withTools.text).toBe("done");
    expect((await withTools.steps)[0]!.toolResults.map((r) => r.output)).toEqual([{ city: "Lima", temperature: 21 }]);
  });

  it.each([
    [429, "Resource has been exhausted (e.g. check quota)."],
    [500, "Internal error encountered."],
  ])("surfaces HTTP %i as an error", async (status, message) => {
    fake.setResponder(() => ({ status, error: { message } }));
    const error = await generateText({ model: model(), prompt: "hi", maxRetries: 0 }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: status, message });
    expect(fake.requests).toHaveLength(1);
  });

  it("answers unknown paths with a 404 in Gemini's error shape", async () => {
    const res = await fetch(`${fake.url}/models/x:countTokens`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 404, status: "NOT_FOUND" });
    expect(fake.requests).toHaveLength(0);
  });

  it("hangs until the client aborts, and records the abort", async () => {
    fake.setResponder(() => ({ hang: true }));
    const call = generateText({ model: model(), prompt: "hi", maxRetries: 0, abortSignal: AbortSignal.timeout(100) });
    await expect(call).rejects.toThrow();
    await vi.waitFor(() => expect(fake.requests[0]?.aborted).toBe(true));
  });

  it("ends hanging responses when it closes", async () => {
    const own = await startFakeGemini({ respond: () => ({ hang: true }) });
    const provider = createGoogleGenerativeAI({ apiKey: "k", baseURL: own.url });
    const call = generateText({ model: provider("gemini-2.5-flash"), prompt: "hi", maxRetries: 0 });
    await vi.waitFor(() => expect(own.requests).toHaveLength(1));
    await own.close();
    await expect(call).rejects.toThrow();
    expect(own.requests[0]!.aborted).toBe(false);
  });
});

describe("quickstartResponder", () => {
  it("drives add → list → complete with the app's tools", async () => {
    type Task = { id: number; title: string; description: string; completed: boolean };
    const tasks: Task[] = [{ id: 1, title: "Call mom", description: "", completed: false }];
    const tools = {
      add_task: tool({
        description: "Add a task",
        inputSchema: z.object({ title: z.string(), description: z.string().optional() }),
        execute: async ({ title, description = "" }) => {
          const task = { id: tasks.length + 1, title, description, completed: false };
          tasks.push(task);
          return task;
        },
      }),
      list_tasks: tool({
        description: "List tasks",
        inputSchema: z.object({ status: z.enum(["all", "pending", "completed"]).optional() }),
        execute: async () => ({ tasks: [...tasks].reverse(), count: tasks.length }),
      }),
      complete_task: tool({
        description: "Complete a task",
        inputSchema: z.object({ task_id: z.number(), completed: z.boolean().optional() }),
        execute: async ({ task_id, completed = true }) => {
          const task = tasks.find((t) => t.id === task_id);
          if (!task) return { error: `Task ${task_id} not found` };
          task.completed = completed;
          return task;
        },
      }),
    };
    fake.setResponder(quickstartResponder);
    const say = (prompt: string) =>
      generateText({ model: model(), system: "You manage tasks.", prompt, tools, stopWhen: stepCountIs(5) });

    expect((await say("hello")).text).toContain("task");

    const added = await say("add a task to buy milk");
    expect(added.steps[0]!.toolCalls.map((c) => [c.toolName, c.input])).toEqual([
      ["add_task", { title: "Buy milk", description: "" }],
    ]);
    expect(added.text).toBe("Added task #2 · Buy milk");

    const listed = await say("show me my tasks");
    expect(listed.steps[0]!.toolCalls[0]!.input).toEqual({ status: "all" });
    expect(listed.text).toBe("You have 2 tasks: Buy milk, Call mom.");

    fake.requests.length = 0;
    const completed = await say("mark the milk task as done");
    expect(completed.steps.flatMap((s) => s.toolCalls.map((c) => c.toolName))).toEqual(["list_tasks", "complete_task"]);
    expect(completed.text).toBe("Marked #2 Buy milk as done");
    expect(tasks.find((t) => t.id === 2)?.completed).toBe(true);
    expect(fake.requests.map((r) => functionResponses(r).map((f) => f.name))).toEqual([
      [],
      ["list_tasks"],
      ["list_tasks", "complete_task"],
    ]);
  });
});
