/**
 * Reads a LanguageModelV3 prompt the way the offline model needs it: the last user message, the
 * tool steps taken since (the current turn), and what the previous turn was about.
 */
import type { LanguageModelV3Message, LanguageModelV3Prompt } from "@ai-sdk/provider";
import { ZONE_LINE } from "@/lib/ai/prompt";
import type { RecordedCall } from "./replies";
import { asDeleted, asTask, readToolOutput, type TaskRef, type ToolOutcome } from "./tasks";

export interface Turn {
  userText: string;
  /** The user's IANA zone, from the system prompt (UTC when it says none). */
  zone: string;
  /** One entry per model step of this turn that called tools, with the results of those calls. */
  steps: RecordedCall[][];
  /** The task(s) the previous turn acted on, for "it" in this one. */
  previousSubjects: TaskRef[];
}

const MISSING_RESULT: ToolOutcome = { ok: false, error: "No result was returned" };

export function readTurn(prompt: LanguageModelV3Prompt): Turn {
  const lastUser = findLastIndex(prompt, (m) => m.role === "user");
  const userMessage = prompt[lastUser];
  const previousUser = findLastIndex(prompt.slice(0, Math.max(lastUser, 0)), (m) => m.role === "user");
  const system = prompt.find((m) => m.role === "system");
  return {
    userText: userMessage ? textOf(userMessage) : "",
    zone: (system && ZONE_LINE.exec(textOf(system))?.[1]) ?? "UTC",
    steps: readSteps(lastUser < 0 ? [] : prompt.slice(lastUser + 1)),
    previousSubjects: lastUser < 0 ? [] : subjectsOf(prompt.slice(previousUser + 1, lastUser)),
  };
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && predicate(item)) return i;
  }
  return -1;
}

function textOf(message: LanguageModelV3Message): string {
  if (message.role === "system") return message.content;
  const texts: string[] = [];
  for (const part of message.content) {
    if (part.type === "text") texts.push(part.text);
  }
  return texts.join(" ");
}

function resultsById(messages: readonly LanguageModelV3Message[]): Map<string, ToolOutcome> {
  const results = new Map<string, ToolOutcome>();
  for (const message of messages) {
    if (message.role !== "tool" && message.role !== "assistant") continue;
    for (const part of message.content) {
      if (part.type === "tool-result") results.set(part.toolCallId, readToolOutput(part.output));
    }
  }
  return results;
}

function readSteps(messages: readonly LanguageModelV3Message[]): RecordedCall[][] {
  const results = resultsById(messages);
  const steps: RecordedCall[][] = [];
  for (const message of messages) {
    if (message.role !== "assistant") continue;
    const calls: RecordedCall[] = [];
    for (const part of message.content) {
      if (part.type !== "tool-call") continue;
      calls.push({
        toolName: part.toolName,
        input: part.input,
        outcome: results.get(part.toolCallId) ?? MISSING_RESULT,
      });
    }
    if (calls.length > 0) steps.push(calls);
  }
  return steps;
}

/**
 * What the previous turn was about: the tasks its last single-task tool results returned, or,
 * when history is kept as text only, the one task number its last reply mentioned.
 */
function subjectsOf(previousTurn: readonly LanguageModelV3Message[]): TaskRef[] {
  const steps = readSteps(previousTurn);
  for (let i = steps.length - 1; i >= 0; i--) {
    const subjects = (steps[i] ?? []).flatMap((call): TaskRef[] => {
      if (!call.outcome.ok || call.toolName === "list_tasks") return [];
      const task = asTask(call.outcome.value) ?? asDeleted(call.outcome.value);
      return task ? [{ id: task.id, title: task.title }] : [];
    });
    if (subjects.length > 0) return subjects;
  }
  const lastReply = [...previousTurn].reverse().find((m) => m.role === "assistant" && textOf(m) !== "");
  const ids = new Set([...(lastReply ? textOf(lastReply) : "").matchAll(/#(\d+)/g)].map((m) => Number(m[1])));
  return ids.size === 1 ? [...ids].map((id) => ({ id })) : [];
}
