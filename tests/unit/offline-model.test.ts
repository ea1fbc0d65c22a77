/**
 * The offline model's decisions, driven through the real AI SDK tool loop (`generateText` /
 * `streamText` with `stopWhen`). The tools work on an in-memory list: what is under test is which
 * tools the model calls, with what, and whether its answer is true to the results.
 */
import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { generateText, stepCountIs, streamText, tool, type ModelMessage, type TextStreamPart, type ToolSet } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OFFLINE_MODEL_LABEL, createOfflineModel } from "@/lib/ai/offline-model";

// ---------------------------------------------------------------------------------------------
// An in-memory task list behind real tool definitions.

interface StoredTask {
  id: number;
  title: string;
  description: string | null;
  completed: boolean;
  created_at: string;
  updated_at: string;
}

type Seed = string | { title: string; completed?: boolean; description?: string };

interface StoreOptions {
  /** These tools answer `{error: "Unable to complete task operation"}`. */
  failing?: string[];
  /** These tools throw (the SDK passes an `error-text` result to the model). */
  throwing?: string[];
}

const STAMP = "2025-01-01T00:00:00.000Z";

function createStore(seed: Seed[] = [], options: StoreOptions = {}) {
  const tasks: StoredTask[] = [];
  let nextId = 1;
  const insert = (title: string, description: string | null = null, completed = false): StoredTask => {
    const task = { id: nextId++, title, description, completed, created_at: STAMP, updated_at: STAMP };
    tasks.push(task);
    return task;
  };
  for (const item of seed) {
    if (typeof item === "string") insert(item);
    else insert(item.title, item.description ?? null, item.completed ?? false);
  }

  /** Wraps an operation with the failure modes a test asked for. */
  const guarded =
    <I, O>(name: string, run: (input: I) => O) =>
    async (input: I): Promise<O | { error: string }> => {
      if (options.throwing?.includes(name)) throw new Error("Database is unavailable");
      if (options.failing?.includes(name)) return { error: "Unable to complete task operation" };
      return run(input);
    };
  const find = (id: number) => tasks.find((task) => task.id === id);
  const notFound = (id: number) => ({ error: `Task ${id} not found` });

  const tools = {
    add_task: tool({
      description: "Add a task",
      inputSchema: z.object({ title: z.string().min(1), description: z.string().optional() }),
      execute: guarded("add_task", ({ title, description }: { title: string; description?: string }) => ({
        ...insert(title, description ?? null),
      })),
    }),
    list_tasks: tool({
      description: "List tasks, newest first",
      inputSchema: z.object({ status: z.enum(["all", "pending", "completed"]).optional() }),
      execute: guarded("list_tasks", ({ status = "all" }: { status?: "all" | "pending" | "completed" }) => {
        const shown = tasks
          .filter((task) => status === "all" || task.completed === (status === "completed"))
          .sort((a, b) => b.id - a.id)
          .map((task) => ({ ...task }));
        return { tasks: shown, count: shown.length };
      }),
    }),
    complete_task: tool({
      description: "Mark a task done (or not done)",
      inputSchema: z.object({ task_id: z.number().int(), completed: z.boolean().optional() }),
      execute: guarded("complete_task", ({ task_id, completed = true }: { task_id: number; completed?: boolean }) => {
        const task = find(task_id);
        if (!task) return notFound(task_id);
        task.completed = completed;
        return { ...task };
      }),
    }),
    update_task: tool({
      description: "Change a task's title or description",
      inputSchema: z.object({
        task_id: z.number().int(),
        title: z.string().optional(),
        description: z.string().optional(),
      }),
      execute: guarded(
        "update_task",
        ({ task_id, title, description }: { task_id: number; title?: string; description?: string }) => {
          const task = find(task_id);
          if (!task) return notFound(task_id);
          if (title !== undefined) task.title = title;
          if (description !== undefined) task.description = description;
          return { ...task };
        },
      ),
    }),
    delete_task: tool({
      description: "Delete a task",
      inputSchema: z.object({ task_id: z.number().int() }),
      execute: guarded("delete_task", ({ task_id }: { task_id: number }) => {
        const task = find(task_id);
        if (!task) return notFound(task_id);
        tasks.splice(tasks.indexOf(task), 1);
        return { id: task.id, title: task.title, deleted: true };
      }),
    }),
  } satisfies ToolSet;

  return { tasks, tools };
}

/** A list most cases start from: ids 1–5, two of them done. */
const LIST: Seed[] = [
  "Call mom",
  { title: "Pay bills", completed: true },
  "Buy milk",
  "Buy groceries",
  { title: "Team meeting", completed: true },
];

// ---------------------------------------------------------------------------------------------
// Running a turn.

interface TurnOptions extends StoreOptions {
  tasks?: Seed[];
  history?: ModelMessage[];
  tools?: string[];
  maxSteps?: number;
}

type Call = [string, unknown];

function setup(options: TurnOptions) {
  const store = createStore(options.tasks, options);
  const tools = Object.fromEntries(
    Object.entries(store.tools).filter(([name]) => !options.tools || options.tools.includes(name)),
  ) as ToolSet;
  return { store, tools };
}

function messagesFor(say: string, options: TurnOptions): ModelMessage[] {
  return [...(options.history ?? []), { role: "user", content: say }];
}

async function chat(say: string, options: TurnOptions = {}) {
  const { store, tools } = setup(options);
  const result = await generateText({
    model: createOfflineModel({ maxSteps: options.maxSteps }),
    system: "You manage the user's todo list.",
    messages: messagesFor(say, options),
    tools,
    stopWhen: stepCountIs(options.maxSteps ?? 5),
  });
  const calls: Call[] = result.steps.flatMap((step) => step.toolCalls.map((call): Call => [call.toolName, call.input]));
  return { calls, text: result.text, store, result };
}

async function chatStreaming(say: string, options: TurnOptions & { chunkDelayMs?: number } = {}) {
  const { store, tools } = setup(options);
  const result = streamText({
    model: createOfflineModel({ chunkDelayMs: options.chunkDelayMs }),
    system: "You manage the user's todo list.",
    messages: messagesFor(say, options),
    tools,
    stopWhen: stepCountIs(5),
  });
  const parts: TextStreamPart<ToolSet>[] = [];
  for await (const part of result.fullStream) parts.push(part);
  return { parts, text: await result.text, store };
}

async function readAll(stream: ReadableStream<LanguageModelV3StreamPart>): Promise<LanguageModelV3StreamPart[]> {
  const parts: LanguageModelV3StreamPart[] = [];
  const reader = stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) parts.push(chunk.value);
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Phrasing → tool calls → answer.

interface Case {
  say: string;
  tasks?: Seed[];
  calls: Call[];
  /** Substrings the final answer must contain. */
  text?: string[];
}

const ADDING: Case[] = [
  {
    say: "add a task to buy groceries",
    calls: [["add_task", { title: "Buy groceries" }]],
    text: ["Added task #1 · Buy groceries."],
  },
  {
    say: "I need to remember to pay bills",
    calls: [["add_task", { title: "Pay bills" }]],
    text: ["Added task #1 · Pay bills."],
  },
  { say: "put renew passport on my list", calls: [["add_task", { title: "Renew passport" }]] },
  { say: "remind me to call mom", calls: [["add_task", { title: "Call mom" }]] },
  // The date goes to due_at / remind_at (see tests/integration/offline-model-tasks.test.ts).
  { say: "Remind me to call mom tomorrow!", calls: [["add_task", { title: "Call mom" }]] },
  { say: "add 'Call the dentist'", calls: [["add_task", { title: "Call the dentist" }]] },
  { say: "add “call the dentist at 9am.”", calls: [["add_task", { title: "call the dentist at 9am." }]] },
  { say: "ADD A TASK TO BUY MILK TO MY LIST, PLEASE.", calls: [["add_task", { title: "BUY MILK" }]] },
  { say: "please add a new task: water the plants for me", calls: [["add_task", { title: "Water the plants" }]] },
  { say: "create a task: finish the report", calls: [["add_task", { title: "Finish the report" }]] },
  { say: "I need to pay the rent", calls: [["add_task", { title: "Pay the rent" }]] },
  {
    say: "add buy milk with description 2 litres, semi-skimmed",
    calls: [["add_task", { title: "Buy milk", description: "2 litres, semi-skimmed" }]],
    text: ["Added task #1 · Buy milk — 2 litres, semi-skimmed."],
  },
  {
    say: "add buy milk described as 2 litres, semi-skimmed",
    calls: [["add_task", { title: "Buy milk", description: "2 litres, semi-skimmed" }]],
  },
  {
    say: "add milk, eggs and bread",
    calls: [
      ["add_task", { title: "Milk" }],
      ["add_task", { title: "Eggs" }],
      ["add_task", { title: "Bread" }],
    ],
    text: ["Added 3 tasks:\n- #1 Milk\n- #2 Eggs\n- #3 Bread"],
  },
  {
    say: "add 'Book flights' and 'Pack bags'",
    calls: [
      ["add_task", { title: "Book flights" }],
      ["add_task", { title: "Pack bags" }],
    ],
  },
  // A lone "and" is part of the title; see splitItems in the parser.
  { say: "add buy milk and eggs", calls: [["add_task", { title: "Buy milk and eggs" }]] },
  { say: "add a task to buy milk, eggs and bread", calls: [["add_task", { title: "Buy milk, eggs and bread" }]] },
];

const LISTING: Case[] = [
  {
    say: "what's pending?",
    tasks: LIST,
    calls: [["list_tasks", { status: "pending" }]],
    text: ["You have 3 pending tasks:\n- #4 Buy groceries\n- #3 Buy milk\n- #1 Call mom"],
  },
  { say: "What's still pending", tasks: LIST, calls: [["list_tasks", { status: "pending" }]] },
  { say: "what do I have to do?", tasks: LIST, calls: [["list_tasks", { status: "pending" }]] },
  {
    say: "show everything",
    tasks: LIST,
    calls: [["list_tasks", { status: "all" }]],
    text: ["You have 5 tasks (2 done):", "- #5 Team meeting ✓ done"],
  },
  { say: "show me my tasks", tasks: LIST, calls: [["list_tasks", { status: "all" }]] },
  { say: "list my tasks", tasks: LIST, calls: [["list_tasks", { status: "all" }]] },
  {
    say: "what have I completed?",
    tasks: LIST,
    calls: [["list_tasks", { status: "completed" }]],
    text: ["You have completed 2 tasks:\n- #5 Team meeting\n- #2 Pay bills"],
  },
  { say: "what's done", tasks: LIST, calls: [["list_tasks", { status: "completed" }]] },
  { say: "what's pending?", calls: [["list_tasks", { status: "pending" }]], text: ["You have no pending tasks."] },
  {
    say: "what have I completed?",
    tasks: ["Buy milk"],
    calls: [["list_tasks", { status: "completed" }]],
    text: ["You have no completed tasks."],
  },
];

const COMPLETING: Case[] = [
  ...["mark task 3 as complete", "complete #3", "done with 3", "finish task 3", "Task 3 is done."].map((say): Case => ({
    say,
    tasks: LIST,
    calls: [["complete_task", { task_id: 3 }]],
    text: ["Marked #3 Buy milk as done."],
  })),
  ...["reopen task 2", "mark task 2 as not done", "mark task 2 as undone", "mark task 2 as pending"].map(
    (say): Case => ({
      say,
      tasks: LIST,
      calls: [["complete_task", { task_id: 2, completed: false }]],
      text: ["Reopened #2 Pay bills."],
    }),
  ),
  {
    say: "complete tasks 1 and 3",
    tasks: LIST,
    calls: [
      ["complete_task", { task_id: 1 }],
      ["complete_task", { task_id: 3 }],
    ],
    text: ["Marked 2 tasks as done:\n- #1 Call mom\n- #3 Buy milk"],
  },
];

/** Naming a task by words: look the list up first, then act on the single match. */
const byWords = (say: string, call: Call, text: string): Case => ({
  say,
  tasks: LIST,
  calls: [["list_tasks", { status: "all" }], call],
  text: [text],
});

const BY_WORDS: Case[] = [
  byWords("I'm done with the groceries one", ["complete_task", { task_id: 4 }], "Marked #4 Buy groceries as done."),
  byWords("mark the milk task as done", ["complete_task", { task_id: 3 }], "Marked #3 Buy milk as done."),
  byWords("I bought the milk", ["complete_task", { task_id: 3 }], "Marked #3 Buy milk as done."),
  byWords("I called mom", ["complete_task", { task_id: 1 }], "Marked #1 Call mom as done."),
  byWords("reopen the bills task", ["complete_task", { task_id: 2, completed: false }], "Reopened #2 Pay bills."),
  byWords("delete the meeting task", ["delete_task", { task_id: 5 }], "Deleted #5 Team meeting."),
  byWords("remove the milk one", ["delete_task", { task_id: 3 }], "Deleted #3 Buy milk."),
  byWords(
    "rename the milk one to oat milk",
    ["update_task", { task_id: 3, title: "Oat milk" }],
    "Renamed #3 to “Oat milk”.",
  ),
  byWords("delete 'Team meeting'", ["delete_task", { task_id: 5 }], "Deleted #5 Team meeting."),
];

const UPDATING: Case[] = [
  {
    say: "change task 1 to 'Call mom tonight'",
    tasks: LIST,
    calls: [["update_task", { task_id: 1, title: "Call mom tonight" }]],
    text: ["Renamed #1 to “Call mom tonight”."],
  },
  {
    say: "rename task 1 to Call mom tonight",
    tasks: LIST,
    calls: [["update_task", { task_id: 1, title: "Call mom tonight" }]],
  },
  {
    say: "update task 4 description to bring receipts",
    tasks: LIST,
    calls: [["update_task", { task_id: 4, description: "bring receipts" }]],
    text: ["Updated the description of #4 Buy groceries: “bring receipts”."],
  },
  {
    say: "set the description of task 4 to bring receipts",
    tasks: LIST,
    calls: [["update_task", { task_id: 4, description: "bring receipts" }]],
  },
  { say: "change task 3 to done", tasks: LIST, calls: [["complete_task", { task_id: 3 }]] },
];

const DELETING: Case[] = [
  { say: "delete task 5", tasks: LIST, calls: [["delete_task", { task_id: 5 }]], text: ["Deleted #5 Team meeting."] },
  { say: "remove #5", tasks: LIST, calls: [["delete_task", { task_id: 5 }]] },
  ...["delete everything I finished", "clear completed tasks"].map((say): Case => ({
    say,
    tasks: LIST,
    calls: [
      ["list_tasks", { status: "completed" }],
      ["delete_task", { task_id: 5 }],
      ["delete_task", { task_id: 2 }],
    ],
    text: ["Deleted 2 tasks:\n- #5 Team meeting\n- #2 Pay bills"],
  })),
  {
    say: "delete all my tasks",
    tasks: ["Call mom", "Buy milk"],
    calls: [
      ["list_tasks", { status: "all" }],
      ["delete_task", { task_id: 2 }],
      ["delete_task", { task_id: 1 }],
    ],
    text: ["Deleted 2 tasks:"],
  },
  {
    say: "clear completed tasks",
    tasks: ["Buy milk"],
    calls: [["list_tasks", { status: "completed" }]],
    text: ["You have no completed tasks to delete."],
  },
];

const COMPOUND: Case[] = [
  {
    say: "add a task to buy milk and mark it as done",
    calls: [
      ["add_task", { title: "Buy milk" }],
      ["complete_task", { task_id: 1 }],
    ],
    text: ["Added task #1 · Buy milk.", "Marked #1 Buy milk as done."],
  },
  {
    say: "add milk then show my list",
    tasks: ["Call mom"],
    calls: [
      ["add_task", { title: "Milk" }],
      ["list_tasks", { status: "all" }],
    ],
    text: ["Added task #2 · Milk.", "You have 2 tasks:\n- #2 Milk\n- #1 Call mom"],
  },
  {
    say: "add eggs, flour and butter and mark them done",
    calls: [
      ["add_task", { title: "Eggs" }],
      ["add_task", { title: "Flour" }],
      ["add_task", { title: "Butter" }],
      ["complete_task", { task_id: 1 }],
      ["complete_task", { task_id: 2 }],
      ["complete_task", { task_id: 3 }],
    ],
    text: ["Added 3 tasks:", "Marked 3 tasks as done:"],
  },
  {
    say: "I'm done with the groceries one and delete task 1",
    tasks: LIST,
    calls: [
      ["list_tasks", { status: "all" }],
      ["complete_task", { task_id: 4 }],
      ["delete_task", { task_id: 1 }],
    ],
  },
];

const CONVERSATION: Case[] = [
  ...["hello", "hi!", "Hello! Can you help me manage my tasks?", "what can you do?", "help"].map((say): Case => ({
    say,
    calls: [],
    text: ["add a task to buy groceries"],
  })),
  { say: "blorp the frobnicator", calls: [], text: ["didn't understand", "“what's still pending?”"] },
  { say: "add a task", calls: [], text: ["What should the task be called?"] },
  { say: "delete the task", tasks: LIST, calls: [], text: ["Which task do you mean?"] },
  { say: "rename task 1", tasks: LIST, calls: [], text: ["What should the new title be?"] },
  { say: "thanks!", calls: [], text: ["You're welcome"] },
];

describe.each([
  ["adding", ADDING],
  ["listing", LISTING],
  ["completing and reopening by id", COMPLETING],
  ["acting on a task named by words", BY_WORDS],
  ["updating", UPDATING],
  ["deleting", DELETING],
  ["compound requests", COMPOUND],
  ["conversation", CONVERSATION],
])("the offline model: %s", (_group, cases) => {
  it.each(cases)("“$say”", async ({ say, tasks, calls, text }) => {
    const turn = await chat(say, { tasks });
    expect(turn.calls).toEqual(calls);
    for (const fact of text ?? []) expect(turn.text).toContain(fact);
    expect(turn.result.finishReason).toBe("stop");
  });
});

// ---------------------------------------------------------------------------------------------
// Honesty: answers follow the tool results.

describe("the offline model's answers", () => {
  it("asks which task is meant when several match, and changes nothing", async () => {
    const turn = await chat("mark the milk task as done", { tasks: ["Buy milk", "Buy oat milk"] });
    expect(turn.calls).toEqual([["list_tasks", { status: "all" }]]);
    expect(turn.text).toContain("Which one do you mean?");
    expect(turn.text).toContain("- #1 Buy milk");
    expect(turn.text).toContain("- #2 Buy oat milk");
    expect(turn.store.tasks.every((task) => !task.completed)).toBe(true);
  });

  it("prefers the open task when only one of the matches can still be completed", async () => {
    const turn = await chat("I bought the milk", { tasks: [{ title: "Buy milk", completed: true }, "Buy oat milk"] });
    expect(turn.calls).toEqual([
      ["list_tasks", { status: "all" }],
      ["complete_task", { task_id: 2 }],
    ]);
  });

  it("says nothing matched and shows what exists", async () => {
    const turn = await chat("delete the dentist task", { tasks: ["Buy milk", "Pay bills"] });
    expect(turn.calls).toEqual([["list_tasks", { status: "all" }]]);
    expect(turn.text).toContain("I couldn't find a task matching “dentist”.");
    expect(turn.text).toContain("#2 Pay bills");
    expect(turn.store.tasks).toHaveLength(2);
  });

  it("reports a missing task plainly", async () => {
    const turn = await chat("complete task 99", { tasks: LIST });
    expect(turn.calls).toEqual([["complete_task", { task_id: 99 }]]);
    expect(turn.text).toBe("I couldn't find task #99.");
  });

  it("reports a failed add without claiming it", async () => {
    const turn = await chat("add a task to buy milk", { failing: ["add_task"] });
    expect(turn.text).toBe("I couldn't add “Buy milk”: Unable to complete task operation.");
  });

  it("reports a tool that threw", async () => {
    const turn = await chat("delete task 1", { tasks: LIST, throwing: ["delete_task"] });
    expect(turn.text).toBe("I couldn't delete task #1: Database is unavailable.");
  });

  it("stops a compound request when its first part fails", async () => {
    const turn = await chat("add a task to buy milk and mark it as done", { failing: ["add_task"] });
    expect(turn.calls).toEqual([["add_task", { title: "Buy milk" }]]);
    expect(turn.text).not.toMatch(/Marked|Added/);
  });

  it("reports a failed lookup", async () => {
    const turn = await chat("what's pending?", { failing: ["list_tasks"] });
    expect(turn.text).toBe("I couldn't load your tasks: Unable to complete task operation.");
  });

  it.each(["what's pending?", "delete task 5", "mark the milk task as done", "hello", "blorp", "add a task"])(
    "never says “Added” without an add_task result (“%s”)",
    async (say) => {
      const turn = await chat(say, { tasks: LIST });
      expect(turn.calls.some(([name]) => name === "add_task")).toBe(false);
      expect(turn.text).not.toContain("Added");
    },
  );

  it("does not call a tool it was not given", async () => {
    const turn = await chat("delete task 5", { tasks: LIST, tools: ["list_tasks", "add_task"] });
    expect(turn.calls).toEqual([]);
    expect(turn.text).toBe("Sorry, I can't delete tasks right now.");
  });

  it("answers in text on the last allowed step", async () => {
    const turn = await chat("add a task to buy milk and mark it as done", { maxSteps: 2 });
    expect(turn.calls).toEqual([["add_task", { title: "Buy milk" }]]);
    expect(turn.result.steps).toHaveLength(2);
    expect(turn.text).toContain("Added task #1 · Buy milk.");
    expect(turn.text).toContain("I stopped here");
  });

  it("resolves “it” to the task the previous turn was about", async () => {
    const history: ModelMessage[] = [
      { role: "user", content: "add a task to buy milk" },
      { role: "assistant", content: "Added task #3 · Buy milk." },
    ];
    const turn = await chat("mark it as done", { tasks: LIST, history });
    expect(turn.calls).toEqual([["complete_task", { task_id: 3 }]]);
  });

  it("resolves “it” from the previous turn's tool results", async () => {
    const history: ModelMessage[] = [
      { role: "user", content: "rename task 4 to Buy bread" },
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "c1", toolName: "update_task", input: { task_id: 4, title: "Buy bread" } },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "c1",
            toolName: "update_task",
            output: { type: "json", value: { id: 4, title: "Buy bread", description: null, completed: false } },
          },
        ],
      },
      { role: "assistant", content: "Renamed #4 to “Buy bread”." },
    ];
    const turn = await chat("actually, delete it", { tasks: LIST, history });
    expect(turn.calls).toEqual([["delete_task", { task_id: 4 }]]);
  });

  it("reports steps it did not plan instead of repeating them", async () => {
    const model = createOfflineModel();
    const result = await model.doGenerate({
      prompt: [
        { role: "user", content: [{ type: "text", text: "what's pending?" }] },
        {
          role: "assistant",
          content: [{ type: "tool-call", toolCallId: "x", toolName: "delete_task", input: { task_id: 5 } }],
        },
        {
          role: "tool",
          content: [
            {
              type: "tool-result",
              toolCallId: "x",
              toolName: "delete_task",
              output: { type: "json", value: { id: 5, title: "Team meeting", deleted: true } },
            },
          ],
        },
      ],
      tools: [{ type: "function", name: "list_tasks", inputSchema: { type: "object" } }],
    });
    expect(result.finishReason.unified).toBe("stop");
    expect(result.content).toEqual([{ type: "text", text: "Deleted #5 Team meeting." }]);
  });

  it("asks which task “it” is when nothing came before", async () => {
    const turn = await chat("delete it", { tasks: LIST });
    expect(turn.calls).toEqual([]);
    expect(turn.text).toContain("Which task do you mean?");
  });

  it("is deterministic", async () => {
    const first = await chat("I'm done with the groceries one", { tasks: LIST });
    const second = await chat("I'm done with the groceries one", { tasks: LIST });
    expect(second.text).toBe(first.text);
    expect(second.result.steps.map((s) => s.toolCalls)).toEqual(first.result.steps.map((s) => s.toolCalls));
    expect(second.result.usage).toEqual(first.result.usage);
  });

  it("estimates usage from the prompt and output", async () => {
    const turn = await chat("what's pending?", { tasks: LIST });
    const [listStep, answerStep] = turn.result.steps;
    expect(listStep?.usage.inputTokens).toBeGreaterThan(0);
    expect(answerStep?.usage.inputTokens).toBeGreaterThan(listStep?.usage.inputTokens ?? Infinity);
    expect(answerStep?.usage.outputTokens).toBe(Math.ceil((answerStep?.text.length ?? 0) / 4));
  });
});

// ---------------------------------------------------------------------------------------------
// The model interface and streaming.

describe("the offline model as a streaming LanguageModelV3", () => {
  it("identifies itself", () => {
    const model = createOfflineModel();
    expect(model).toMatchObject({ specificationVersion: "v3", provider: "taskchat", modelId: "offline" });
    expect(OFFLINE_MODEL_LABEL).toBe("Offline model");
  });

  it("streams text in several deltas and tool calls as parts", async () => {
    const turn = await chatStreaming("what's pending?", { tasks: LIST });
    const types = turn.parts.map((part) => part.type);
    expect(types).toContain("tool-input-start");
    expect(types).toContain("tool-call");
    expect(types).toContain("tool-result");
    const deltas = turn.parts.flatMap((part) => (part.type === "text-delta" ? [part.text] : []));
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe(turn.text);
    expect(turn.text).toBe((await chat("what's pending?", { tasks: LIST })).text);
  });

  it("runs multi-step turns when streaming", async () => {
    const turn = await chatStreaming("add a task to buy milk and mark it as done");
    expect(turn.store.tasks).toEqual([expect.objectContaining({ id: 1, title: "Buy milk", completed: true })]);
    expect(turn.text).toContain("Marked #1 Buy milk as done.");
  });

  it("ends each step with a finish reason and usage", async () => {
    const model = createOfflineModel();
    const { stream } = await model.doStream({ prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });
    const parts = await readAll(stream);
    expect(parts[0]?.type).toBe("stream-start");
    const finish = parts.at(-1);
    expect(finish).toMatchObject({
      type: "finish",
      finishReason: { unified: "stop" },
      usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { reasoning: 0 } },
    });
  });

  it("slows down with chunkDelayMs", async () => {
    const started = performance.now();
    const turn = await chatStreaming("hello", { chunkDelayMs: 10 });
    const deltas = turn.parts.filter((part) => part.type === "text-delta").length;
    expect(deltas).toBeGreaterThan(5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(deltas * 10 - 5);
  });

  it("stops promptly when aborted", async () => {
    const controller = new AbortController();
    const result = streamText({
      model: createOfflineModel({ chunkDelayMs: 100 }),
      prompt: "hello",
      abortSignal: controller.signal,
    });
    let abortedAt = Infinity;
    const types: string[] = [];
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === "text-delta") {
        abortedAt = performance.now();
        controller.abort();
      }
    }
    // The next chunk was 100 ms away: ending well before that means the wait was cut short.
    expect(performance.now() - abortedAt).toBeLessThan(50);
    expect(types.filter((type) => type === "text-delta")).toHaveLength(1);
    expect(types).toContain("abort");
  });

  it("errors its raw stream with the abort reason", async () => {
    const controller = new AbortController();
    const model = createOfflineModel({ chunkDelayMs: 1_000 });
    const { stream } = await model.doStream({
      prompt: [{ role: "user", content: [{ type: "text", text: "hello" }] }],
      abortSignal: controller.signal,
    });
    const reader = stream.getReader();
    await reader.read();
    const pending = reader.read();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("refuses to start when already aborted", async () => {
    const model = createOfflineModel();
    const signal = AbortSignal.abort();
    const prompt = [{ role: "user" as const, content: [{ type: "text" as const, text: "hello" }] }];
    await expect(model.doGenerate({ prompt, abortSignal: signal })).rejects.toMatchObject({ name: "AbortError" });
    await expect(model.doStream({ prompt, abortSignal: signal })).rejects.toMatchObject({ name: "AbortError" });
  });
});
