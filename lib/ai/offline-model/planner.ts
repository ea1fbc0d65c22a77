/**
 * Decides the offline model's next step. The model is stateless, so every call replays the plan
 * for the user's message against the steps already in the prompt: each intent consumes the steps
 * it asked for, and the first intent that still needs a tool call decides the next step. When all
 * intents are done, the answer is a text built from the tool results.
 */
import { parseMessage, type Intent, type Target, type TaskAction } from "./phrasing";
import type { Turn } from "./prompt";
import {
  CANNED_REPLIES,
  CLARIFYING_QUESTIONS,
  STEP_LIMIT_REPLY,
  WHICH_TASK,
  alreadyReply,
  ambiguousReply,
  describeStep,
  lookupFailedReply,
  noMatchReply,
  nothingToDoReply,
  toolUnavailableReply,
  type RecordedCall,
} from "./replies";
import type { TaskStatus } from "@/lib/tasks/schemas";
import type { TaskToolName } from "@/lib/tasks/tools";
import { asTaskList, matchTasks, type Task, type TaskRef } from "./tasks";

interface PlannedCall {
  toolName: TaskToolName;
  input: Record<string, unknown>;
}

export type Decision = { type: "text"; text: string } | { type: "tool-calls"; calls: PlannedCall[] };

type Step = readonly RecordedCall[];

type Progress =
  | { type: "calls"; calls: PlannedCall[] }
  /** `halt` stops the rest of the message, e.g. after asking which task was meant. */
  | { type: "done"; text: string; subjects?: TaskRef[]; halt?: boolean };

interface Context {
  /** The tasks "it"/"them" refer to: the last ones acted on in this message, or in the previous turn. */
  subjects: TaskRef[];
  /** The user's IANA zone, for the dates in replies. */
  zone: string;
}

export function decideNextStep(turn: Turn, availableTools: ReadonlySet<string>, maxSteps: number): Decision {
  const texts: string[] = [];
  const answer = (): Decision => ({ type: "text", text: texts.filter((t) => t !== "").join("\n\n") });
  const context: Context = { subjects: turn.previousSubjects, zone: turn.zone };
  let cursor = 0;

  for (const intent of parseMessage(turn.userText)) {
    const consumed: Step[] = [];
    for (;;) {
      const progress = advance(intent, consumed, context);
      if (progress.type === "done") {
        texts.push(progress.text);
        if (progress.subjects && progress.subjects.length > 0) context.subjects = progress.subjects;
        if (progress.halt) return answer();
        break;
      }
      const missing = progress.calls.find((call) => !availableTools.has(call.toolName));
      if (missing) {
        texts.push(toolUnavailableReply(missing.toolName));
        return answer();
      }
      const step = turn.steps[cursor];
      if (!step) {
        // The caller stops the loop after `maxSteps` model calls: the last one must be the answer.
        if (turn.steps.length >= maxSteps - 1) {
          texts.push(STEP_LIMIT_REPLY);
          return answer();
        }
        return { type: "tool-calls", calls: progress.calls };
      }
      if (!sameTools(step, progress.calls)) {
        // The prompt holds steps this plan did not produce (e.g. another model's): report what happened.
        texts.push(...turn.steps.slice(cursor).map((s) => describeStep(s, turn.zone).text));
        return answer();
      }
      consumed.push(step);
      cursor++;
    }
  }
  return answer();
}

function sameTools(step: Step, calls: readonly PlannedCall[]): boolean {
  const names = (list: readonly { toolName: string }[]) =>
    list
      .map((c) => c.toolName)
      .sort()
      .join(",");
  return names(step) === names(calls);
}

function advance(intent: Intent, steps: readonly Step[], context: Context): Progress {
  switch (intent.kind) {
    case "reply":
      return { type: "done", text: CANNED_REPLIES[intent.reply] };
    case "clarify":
      return { type: "done", text: CLARIFYING_QUESTIONS[intent.missing], halt: true };
    case "add":
      return oneStep(
        steps,
        intent.items.map((item) => ({ toolName: "add_task", input: { ...item } })),
        context.zone,
      );
    case "list":
      return oneStep(
        steps,
        [{ toolName: "list_tasks", input: { status: intent.status, ...intent.filters } }],
        context.zone,
      );
    case "act":
      return advanceAction(intent.action, intent.target, steps, context);
  }
}

/** Intents that need exactly one step: make the calls, then summarise their results. */
function oneStep(steps: readonly Step[], calls: PlannedCall[], zone: string): Progress {
  const [step] = steps;
  if (!step) return { type: "calls", calls };
  return { type: "done", ...describeStep(step, zone) };
}

function actionCall(action: TaskAction, taskId: number): PlannedCall {
  switch (action.kind) {
    case "complete":
      return { toolName: "complete_task", input: { task_id: taskId } };
    case "reopen":
      return { toolName: "complete_task", input: { task_id: taskId, completed: false } };
    case "delete":
      return { toolName: "delete_task", input: { task_id: taskId } };
    case "update": {
      const fields = Object.entries(action).filter(([key, value]) => key !== "kind" && value !== undefined);
      return { toolName: "update_task", input: { task_id: taskId, ...Object.fromEntries(fields) } };
    }
  }
}

function advanceAction(action: TaskAction, target: Target, steps: readonly Step[], context: Context): Progress {
  switch (target.kind) {
    case "ids":
      return oneStep(
        steps,
        target.ids.map((id) => actionCall(action, id)),
        context.zone,
      );
    case "it": {
      const refs = target.plural ? context.subjects : context.subjects.slice(-1);
      if (refs.length === 0) return { type: "done", text: WHICH_TASK, halt: true };
      return oneStep(
        steps,
        refs.map((ref) => actionCall(action, ref.id)),
        context.zone,
      );
    }
    case "words":
      return actOnWords(action, target.query, steps, context.zone);
    case "all":
      return actOnAll(action, target.status, steps, context.zone);
  }
}

type Lookup = { tasks: Task[] } | { error: string };

function readLookup(step: Step): Lookup {
  const call = step[0];
  if (!call) return { error: "No result was returned" };
  if (!call.outcome.ok) return { error: call.outcome.error };
  const tasks = asTaskList(call.outcome.value);
  return tasks ? { tasks } : { error: "The task list could not be read" };
}

/**
 * "mark the milk task as done": look the tasks up, then act on the one task the words mean.
 * Among several matches, the ones the action makes sense for win (completing prefers open tasks).
 */
function actOnWords(action: TaskAction, query: string, steps: readonly Step[], zone: string): Progress {
  const [lookupStep, actionStep] = steps;
  if (!lookupStep) return { type: "calls", calls: [{ toolName: "list_tasks", input: { status: "all" } }] };
  // Once the action ran, its results are what the answer reports.
  if (actionStep) return { type: "done", ...describeStep(actionStep, zone) };
  const lookup = readLookup(lookupStep);
  if ("error" in lookup) return { type: "done", text: lookupFailedReply(lookup.error), halt: true };

  const matches = preferActionable(action, matchTasks(query, lookup.tasks));
  const [task] = matches;
  if (!task) return { type: "done", text: noMatchReply(query, lookup.tasks), halt: true };
  if (matches.length > 1) return { type: "done", text: ambiguousReply(action, query, matches), halt: true };
  if (isAlreadyDone(action, task)) return { type: "done", text: alreadyReply(action, task), subjects: [task] };
  return { type: "calls", calls: [actionCall(action, task.id)] };
}

function preferActionable(action: TaskAction, matches: Task[]): Task[] {
  if (action.kind !== "complete" && action.kind !== "reopen") return matches;
  // Only completed tasks can be reopened, only open ones completed.
  const actionableState = action.kind === "reopen";
  const actionable = matches.filter((task) => task.completed === actionableState);
  return actionable.length > 0 ? actionable : matches;
}

function isAlreadyDone(action: TaskAction, task: Task): boolean {
  return (action.kind === "complete" && task.completed) || (action.kind === "reopen" && !task.completed);
}

/** "delete everything I finished": list the tasks in that state, act on each, summarise. */
function actOnAll(action: TaskAction, status: TaskStatus, steps: readonly Step[], zone: string): Progress {
  const lookupStatus: TaskStatus =
    action.kind === "complete" ? "pending" : action.kind === "reopen" ? "completed" : status;
  const [lookupStep, actionStep] = steps;
  if (!lookupStep) return { type: "calls", calls: [{ toolName: "list_tasks", input: { status: lookupStatus } }] };
  if (actionStep) return { type: "done", ...describeStep(actionStep, zone) };
  const lookup = readLookup(lookupStep);
  if ("error" in lookup) return { type: "done", text: lookupFailedReply(lookup.error), halt: true };

  // Filter again rather than trusting the tool's filter: deleting the wrong tasks is not undoable.
  const tasks = lookup.tasks.filter(
    (task) => lookupStatus === "all" || task.completed === (lookupStatus === "completed"),
  );
  if (tasks.length === 0) return { type: "done", text: nothingToDoReply(action, lookupStatus) };
  return { type: "calls", calls: tasks.map((task) => actionCall(action, task.id)) };
}
