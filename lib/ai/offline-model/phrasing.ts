/**
 * The offline model's "understanding": turns one user message into a list of intents, using
 * ordered regular-expression rules over everyday phrasing. Deliberately small and predictable:
 * each rule says what it recognises, and the first rule that matches wins.
 */
import type { TaskStatus } from "@/lib/tasks/schemas";
import { REMIND_ME, type TaskAttributes, extractAttributes, priorityIn } from "./attributes";
import { meaningfulWords } from "./tasks";
import {
  cleanDescription,
  cleanTitle,
  normalize,
  quotedSpans,
  separatorsOutsideQuotes,
  splitOutsideQuotes,
  stripTrailingFiller,
  wholeQuote,
} from "./text";

/** Which task(s) a request is about. */
export type Target =
  | { kind: "ids"; ids: number[] }
  | { kind: "words"; query: string }
  /** "it" / "them": the task(s) the conversation was just about. */
  | { kind: "it"; plural: boolean }
  /** "everything I finished", "all my tasks". */
  | { kind: "all"; status: TaskStatus };

export type TaskAction =
  | { kind: "complete" }
  | { kind: "reopen" }
  | { kind: "delete" }
  | ({ kind: "update"; title?: string; description?: string } & TaskAttributes);

interface NewTask extends TaskAttributes {
  title: string;
  description?: string;
}

/** What a list question narrows to: "what's due today?", "show my work tasks", "find the dentist one". */
interface ListFilters {
  q?: string;
  due?: "overdue" | "today" | "tomorrow" | "week";
  priority?: string;
  tag?: string;
  sort?: "due";
  limit?: number;
}

export type CannedReply = "greeting" | "help" | "thanks" | "unknown";

export type Intent =
  | { kind: "add"; items: NewTask[] }
  | { kind: "list"; status: TaskStatus; filters?: ListFilters }
  | { kind: "act"; action: TaskAction; target: Target }
  | { kind: "reply"; reply: CannedReply }
  /** Something is missing: which task, the title of a new task, or the new title. */
  | { kind: "clarify"; missing: "task" | "title" | "new-title" };

const UNKNOWN: Intent = { kind: "reply", reply: "unknown" };

/** The intents of one message, in the order the user asked for them. */
export function parseMessage(message: string): Intent[] {
  const text = normalize(message);
  const greeting = GREETING.exec(text);
  if (greeting) {
    const rest = text.slice(greeting[0].length).trim();
    // "Hello! Can you help me?" is still just a greeting; "hi, add milk" is a request.
    if (rest === "" || parseClause(rest).kind === "reply") return [{ kind: "reply", reply: "greeting" }];
    return splitClauses(rest).map(parseClause);
  }
  return splitClauses(text).map(parseClause);
}

const GREETING =
  /^(?:hi|hello|hey|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day))(?:\s+there)?\b[\s,!.]*/i;

// ---------------------------------------------------------------------------------------------
// Compound messages.

const CLAUSE_SEPARATOR = /\s*;\s*|(?<=[.!?])\s+|,?\s+(?:and\s+)?then\s+|,?\s+and\s+(?:also\s+)?|,\s+(?:also\s+)?/gi;

/** Words that open a request the assistant can act on; only those may start a new clause. */
const ACTION_START =
  /^(?:(?:please|also|then|now|and)\s+)*(?:add|create|insert|put|mark|complete|finish|close|check|tick|cross|reopen|re-open|unmark|uncheck|undo|delete|remove|erase|drop|trash|clear|rename|retitle|change|update|edit|set|describe|show|list|display|view|tell|give|what|what's|whats|which|remind|remember)\b/i;

/** Past this, a message is taken as one request: compound parsing is quadratic at best. */
const MAX_COMPOUND_LENGTH = 1_000;

/**
 * Splits "add a task to buy milk and mark it as done" into two clauses, but leaves "buy milk and
 * eggs" or "call mom and dad" alone: a split needs both sides to be requests on their own and the
 * right side to start with an action verb. After an add, a right side that names a task by words
 * ("add review and delete old emails") is most likely part of the title, so that is not split.
 * Results are memoised per suffix, which keeps the search polynomial.
 */
function splitClauses(text: string, memo = new Map<string, string[]>()): string[] {
  if (text.length > MAX_COMPOUND_LENGTH) return [text];
  const known = memo.get(text);
  if (known) return known;
  let clauses = [text];
  for (const [from, to] of separatorsOutsideQuotes(text, CLAUSE_SEPARATOR)) {
    const left = text.slice(0, from).trim();
    const right = text.slice(to).trim();
    if (left === "" || !ACTION_START.test(right)) continue;
    const leftIntent = parseClause(left);
    if (!isUnderstood(leftIntent)) continue;
    const rightClauses = splitClauses(right, memo);
    const rightIntent = parseClause(rightClauses[0] ?? "");
    if (!isUnderstood(rightIntent)) continue;
    if (leftIntent.kind === "add" && rightIntent.kind === "act" && rightIntent.target.kind === "words") continue;
    clauses = [left, ...rightClauses];
    break;
  }
  memo.set(text, clauses);
  return clauses;
}

function isUnderstood(intent: Intent): boolean {
  return !(intent.kind === "reply" && intent.reply === "unknown");
}

// ---------------------------------------------------------------------------------------------
// One clause.

type Rule = (clause: string) => Intent | null;

/** Order matters: earlier rules are more specific (e.g. "add a description to task 4" is an update). */
const RULES: Rule[] = [
  parseCannedReply,
  parseFind,
  parseAttributeUpdate,
  parseUpdate,
  parseVerbFirstAction,
  parseAdd,
  parseList,
  parseStatement,
  parseWish,
];

function parseClause(raw: string): Intent {
  const bare = normalize(raw).replace(/[\s.!?…]+$/, "");
  if (THANKS.test(bare)) return { kind: "reply", reply: "thanks" };
  if (HELP.test(bare)) return { kind: "reply", reply: "help" };
  const clause = stripLeadingFiller(stripTrailingPoliteness(bare));
  if (clause === "") return UNKNOWN;
  for (const rule of RULES) {
    const intent = rule(clause);
    if (intent) return intent;
  }
  return UNKNOWN;
}

const LEADING_FILLER =
  /^(?:ok(?:ay)?|so|well|hey|um+|uh+|hmm+|oh|ah|actually|alright|right|wait|sorry|also|and|then|now|please|pls|plz|kindly|just|can you|could you|would you(?: please| mind)?|will you|can u|could u|i'd like you to|i would like you to|i want you to|i need you to|go ahead and|let's|lets|help me(?=\s+(?:add|create|delete|remove|list|show|find|mark|complete|rename|change|update)\b))\b[\s,!.:]*/i;

function stripLeadingFiller(text: string): string {
  let current = text.trim();
  for (;;) {
    const next = current.replace(LEADING_FILLER, "").trim();
    if (next === current) return current;
    current = next;
  }
}

function stripTrailingPoliteness(text: string): string {
  return text.replace(/[\s,]*(?:\bplease\b|\bpls\b|\bthanks\b|\bthank you\b|[.!?…])+$/i, "").trim();
}

const THANKS =
  /^(?:that's all|that is all|nothing else|no thanks|i'?m done|all good|thanks?(?: you)?(?: so much| a lot| very much)?|thx|ty|cheers|great|awesome|perfect|cool|nice|ok(?:ay)?|got it|(?:great|perfect|ok(?:ay)?|cool),? thanks?(?: you)?)$/i;

const HELP =
  /^(?:(?:can you |could you )?help(?: me)?(?: please)?|i need help|\?+|what can you do(?: for me)?|what else can you do|what do you do|what are you|who are you|how does (?:this|it) work|how do i use (?:this|you|it)|what can i (?:say|ask|do here)|what (?:are|'re) (?:the |your )?commands|commands|how can you help(?: me)?|(?:can|could) you help(?: me)?(?: (?:manage|with|organi[sz]e|keep track of)\b.*)?|help me (?:manage|with|organi[sz]e|keep track of)\b.*|what (?:kind|sort) of things can you do|menu|options|usage)$/i;

function parseCannedReply(clause: string): Intent | null {
  if (THANKS.test(clause)) return { kind: "reply", reply: "thanks" };
  if (HELP.test(clause)) return { kind: "reply", reply: "help" };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Targets: "task 3", "#3 and #4", "it", "the milk one", "everything I finished".

const IT_SINGULAR =
  /^(?:it|that|this|that one|this one|that task|this task|the (?:last|latest|new|newest|same) (?:one|task))$/i;
const IT_PLURAL = /^(?:them|those|these|both|both of them|all of them|those ones|these ones|those tasks|these tasks)$/i;

/** Words that can surround a bulk target without saying which tasks it means. */
const BULK_FILLER = new Set(
  (
    "the my of that i i've ive have has are were is was already marked as off tasks ones items todos stuff things " +
    "from list which been you all every everything entire whole my whole"
  ).split(" "),
);
const BULK_MARKERS = new Set(["all", "every", "everything", "entire", "whole", "list"]);
const STATUS_WORDS: Record<string, Exclude<TaskStatus, "all">> = {
  completed: "completed",
  complete: "completed",
  done: "completed",
  finished: "completed",
  checked: "completed",
  ticked: "completed",
  crossed: "completed",
  pending: "pending",
  open: "pending",
  incomplete: "pending",
  unfinished: "pending",
  uncompleted: "pending",
  remaining: "pending",
  outstanding: "pending",
  undone: "pending",
  active: "pending",
};

const TARGET_TRAILING_FILLER =
  /\s+(?:from|off|on|in|out of)\s+(?:my|the)\s+(?:(?:todo|to-do|to do|task|tasks)\s+)?(?:list|tasks|todos)$/i;

function parseTarget(raw: string): Target | null {
  const phrase = stripTrailingFiller(raw).replace(TARGET_TRAILING_FILLER, "").trim();
  if (phrase === "") return null;

  const quoted = wholeQuote(phrase);
  if (quoted !== undefined) return { kind: "words", query: quoted };

  const ids = parseIds(phrase);
  if (ids) return { kind: "ids", ids };
  if (IT_SINGULAR.test(phrase)) return { kind: "it", plural: false };
  if (IT_PLURAL.test(phrase)) return { kind: "it", plural: true };

  const bulk = parseBulk(phrase);
  if (bulk) return { kind: "all", status: bulk };
  return meaningfulWords(phrase).length > 0 ? { kind: "words", query: phrase } : null;
}

/** "3", "#3", "task 3", "tasks 3 and 4", "#5, #6", "number 2". */
function parseIds(phrase: string): number[] | null {
  const rest = phrase
    .toLowerCase()
    .replace(/\b(?:tasks?|numbers?|no|items?|ids?|the|and|or|plus)\b|[#,&.]/g, " ")
    .trim();
  if (!/^\d+(?:\s+\d+)*$/.test(rest)) return null;
  return [...new Set(rest.split(/\s+/).map(Number))];
}

/**
 * "everything I finished", "completed tasks", "all my tasks", "my whole list". A bare status word
 * with a plural ("done ones") is enough; with no status word, "all"/"everything"/"list" is needed.
 * A singular noun ("the done one") never means several tasks.
 */
function parseBulk(phrase: string): TaskStatus | null {
  const tokens: string[] = phrase.toLowerCase().match(/[a-z']+/g) ?? [];
  if (tokens.some((t) => t === "one" || t === "task" || t === "item" || t === "todo")) return null;
  const rest = tokens.filter((t) => !BULK_FILLER.has(t) && t !== "not");
  const statuses = new Set(rest.map((t) => STATUS_WORDS[t]));
  if (rest.length === 0) return tokens.some((t) => BULK_MARKERS.has(t)) ? "all" : null;
  if (statuses.size !== 1 || statuses.has(undefined)) return null;
  const [status] = statuses;
  // "not done" is pending, "not pending" would be odd enough to ignore.
  if (tokens.includes("not")) return status === "completed" ? "pending" : null;
  return status ?? null;
}

/** A target for one specific task (bulk targets are only allowed where they make sense). */
function parseSpecificTarget(raw: string): Target | null {
  const target = parseTarget(raw);
  return target && target.kind !== "all" ? target : null;
}

function act(action: TaskAction, target: Target | null): Intent | null {
  return target ? { kind: "act", action, target } : null;
}

// ---------------------------------------------------------------------------------------------
// Updates: rename / change / describe.

/** The words for a task's two states, as regular-expression source. */
const DONE_STATE = "(?:done|complete|completed|finished|checked(?: off)?|ticked(?: off)?|crossed off)";
const OPEN_STATE =
  "(?:not (?:yet )?(?:done|complete|completed|finished)|undone|incomplete|unfinished|uncompleted|pending|open|active|to-?do|to do)";

/** "done"/"pending" as a new "title" is really a change of state: "change task 1 to done". */
const STATE_DONE = new RegExp(`^${DONE_STATE}$`, "i");
const STATE_OPEN = new RegExp(`^${OPEN_STATE}$`, "i");

const DESCRIPTION_WORD = "(?:description|details|notes?|desc)";
const UPDATE_VERB = "(?:update|change|set|edit|modify|replace|make)";

const DESCRIPTION_RULES: RegExp[] = [
  new RegExp(
    `^${UPDATE_VERB}\\s+(?:the\\s+)?${DESCRIPTION_WORD}\\s+(?:of|for|on)\\s+(.+?)\\s*(?:\\s+to|\\s+as|:|=)\\s*(.+)$`,
    "i",
  ),
  new RegExp(`^${UPDATE_VERB}\\s+(.+?)(?:'s)?\\s+${DESCRIPTION_WORD}\\s*(?:\\s+to|\\s+as|:|=)\\s*(.+)$`, "i"),
  new RegExp(
    `^(?:add|give|put|attach|write)\\s+(?:a\\s+|the\\s+)?${DESCRIPTION_WORD}\\s+(?:to|for|on)\\s+(.+?)\\s*(?::|\\s+saying|\\s+that says|\\s+-|\\s+—)\\s*(.+)$`,
    "i",
  ),
  /^describe\s+(.+?)\s+as\s+(.+)$/i,
];

const RENAME_RULES: RegExp[] = [
  /^(?:rename|retitle)\s+(.+?)\s+(?:to|as|into)\s+(.+)$/i,
  /^(?:rename|retitle)\s+(.+?)\s*:\s*(.+)$/i,
  new RegExp(`^${UPDATE_VERB}\\s+(?:the\\s+)?(?:title|name)\\s+(?:of\\s+)?(.+?)\\s+(?:to|as|into)\\s+(.+)$`, "i"),
  new RegExp(`^${UPDATE_VERB}\\s+(.+?)(?:'s)?\\s+(?:title|name)\\s+(?:to|as|into)\\s+(.+)$`, "i"),
  /^(?:change|update|edit|modify)\s+(.+?)\s+(?:to|into)\s+(.+)$/i,
];

function parseUpdate(clause: string): Intent | null {
  for (const rule of DESCRIPTION_RULES) {
    const m = rule.exec(clause);
    const description = m?.[2] === undefined ? "" : cleanDescription(m[2]);
    if (m?.[1] !== undefined && description !== "") {
      const target = parseSpecificTarget(m[1]);
      if (target) return { kind: "act", action: { kind: "update", description }, target };
    }
  }
  for (const rule of RENAME_RULES) {
    const m = rule.exec(clause);
    if (m?.[1] === undefined || m[2] === undefined) continue;
    const target = parseSpecificTarget(m[1]);
    if (!target) continue;
    const value = stripTrailingFiller(m[2]);
    if (STATE_DONE.test(value)) return { kind: "act", action: { kind: "complete" }, target };
    if (STATE_OPEN.test(value)) return { kind: "act", action: { kind: "reopen" }, target };
    const title = cleanTitle(value);
    if (title !== "") return { kind: "act", action: { kind: "update", title }, target };
  }
  if (/^(?:rename|retitle)\b/i.test(clause)) {
    return { kind: "clarify", missing: "new-title" };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Complete / reopen / delete, phrased verb first.

const MARK_AS = new RegExp(
  `^(?:mark|set|flag|make|put|move|switch|turn)\\s+(.+?)\\s+(?:as\\s+|to\\s+|back\\s+to\\s+|into\\s+)?(?:being\\s+)?(${OPEN_STATE}|${DONE_STATE})$`,
  "i",
);

const VERB_FIRST_RULES: Array<{ pattern: RegExp; action: TaskAction }> = [
  {
    pattern: /^(?:reopen|re-open|uncomplete|un-complete|unmark|uncheck|untick|unfinish|restore|undo)\s+(.+)$/i,
    action: { kind: "reopen" },
  },
  { pattern: /^(?:put|move|bring)\s+(.+?)\s+back(?:\s+(?:on|to|in|into)\s+.*)?$/i, action: { kind: "reopen" } },
  { pattern: /^(?:check|tick|cross|mark)\s+off\s+(.+)$/i, action: { kind: "complete" } },
  { pattern: /^(?:check|tick|cross)\s+(.+?)\s+off$/i, action: { kind: "complete" } },
  { pattern: /^(?:mark|tick)\s+(.+)$/i, action: { kind: "complete" } },
  { pattern: /^(?:complete|finish|close|resolve|finali[sz]e)\s+(.+)$/i, action: { kind: "complete" } },
  { pattern: /^(?:done|finished|completed)\s*(?:with\s+|:\s*|-\s*)?(.+)$/i, action: { kind: "complete" } },
  { pattern: /^take\s+(.+?)\s+off(?:\s+(?:my|the)\s+(?:\w+\s+)?list)?$/i, action: { kind: "delete" } },
  {
    pattern: /^(?:delete|remove|erase|drop|trash|bin|cancel|scrap|discard|clear|wipe|purge|get rid of)\s+(.+)$/i,
    action: { kind: "delete" },
  },
];

function parseVerbFirstAction(clause: string): Intent | null {
  const mark = MARK_AS.exec(clause);
  if (mark?.[1] !== undefined && mark[2] !== undefined) {
    const action: TaskAction = STATE_OPEN.test(mark[2]) ? { kind: "reopen" } : { kind: "complete" };
    const intent = act(action, parseTarget(mark[1]));
    if (intent) return intent;
  }
  for (const { pattern, action } of VERB_FIRST_RULES) {
    const m = pattern.exec(clause);
    if (m?.[1] === undefined) continue;
    const intent = act(action, parseTarget(m[1]));
    if (intent) return intent;
  }
  // "done!", "delete the task": an action without a usable task. Ask rather than guess.
  if (
    /^(?:delete|remove|erase|complete|finish|mark|reopen)\b|^(?:done|finished|all done|done with it)$/i.test(clause)
  ) {
    return { kind: "clarify", missing: "task" };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Adding tasks.

/** Verbs that always mean "add". "make", "note" and friends only count with a noun: "make a task". */
const ADD_VERB = /^(?:add|create|insert|new|jot down|write down|note down|put down)\b\s*:?\s*/i;
const ADD_VERB_WITH_NOUN =
  /^(?:make|note|log|save|record|track|set up|open)\s+(?=(?:a|an|another|new)\s+(?:new\s+)?(?:task|todo|to-do|item|reminder|entry|note)\b)/i;
/** "put renew passport on my list": "put" is only an add when the list is mentioned. */
const PUT_ON_LIST =
  /^(?:put|stick|pop)\s+(.+?)\s+(?:on|onto|in|into|to)\s+(?:my|the)\s+(?:(?:todo|to-do|to do|task|tasks|shopping)\s+)?(?:list|tasks|todos|agenda)$/i;
/** Phrasings that are always a new task, whatever follows. */
const REMINDER =
  /^(?:i\s+(?:need|have|want|must|should|ought)\s+to\s+remember\s+to|(?:please\s+)?remember\s+to|remind\s+me\s+(?:to|that\s+i\s+(?:need|have|must|should)\s+to|about|of)|don'?t\s+(?:let\s+me\s+)?forget\s+(?:to|about)|do\s+not\s+(?:let\s+me\s+)?forget\s+(?:to|about)|note\s+to\s+self\s*:?|(?:to-?do|to do|task|new task|reminder)\s*:)\s*(.+)$/i;

function parseAdd(clause: string): Intent | null {
  const reminder = REMINDER.exec(clause);
  if (reminder?.[1] !== undefined) return parseNewTasks(reminder[1], /^remind\s+me\b/i.test(clause));
  const put = PUT_ON_LIST.exec(clause);
  if (put?.[1] !== undefined) return parseNewTasks(put[1]);
  const verb = ADD_VERB.exec(clause) ?? ADD_VERB_WITH_NOUN.exec(clause);
  if (verb) return parseNewTasks(clause.slice(verb[0].length));
  // "water the plants every Monday, remind me at 8": a new task, with the reminder its time.
  const remindMe = REMIND_ME.exec(clause);
  return remindMe && remindMe.index > 0 ? parseNewTasks(clause) : null;
}

/** "a task to", "a new task:", "tasks:", "a reminder called" — the words before the title. */
const TASK_NOUN =
  /^(?:(?:a|an|another|one|some|the|new|quick|following)\s+)*(?:(task|todo|to-do|item|reminder|entry|note)|tasks|todos|to-dos|items|reminders|entries|notes)\b(?:\s*[:\-–—]\s*|\s+(?:to|for|called|named|titled|saying|that says|about)\b\s*|\s+|$)/i;
const LIST_PREFIX =
  /^(?:to|on|onto|in|into)\s+(?:my|the)\s+(?:(?:todo|to-do|to do|task|tasks|shopping)\s+)?list\s*:?\s*/i;

const DESCRIPTION_SEPARATOR =
  /\s*[,;]?\s*(?:\b(?:with|and)\s+(?:the\s+|a\s+)?(?:description|details|notes?|desc)\b(?:\s+(?:of|saying|that says|being)\b)?\s*:?|\bdescribed\s+as\b|\b(?:description|details|notes?)\s*:)\s*/gi;

function parseNewTasks(payload: string, reminder = false): Intent {
  const { title: withoutAttributes, ...attributes } = extractAttributes(payload.trim(), reminder);
  let rest = withoutAttributes;
  const noun = TASK_NOUN.exec(rest);
  // "a task ..." announces exactly one task, so its title is never split into several.
  const single = noun?.[1] !== undefined;
  if (noun) rest = rest.slice(noun[0].length);
  rest = rest.replace(LIST_PREFIX, "");

  const [separator] = separatorsOutsideQuotes(rest, DESCRIPTION_SEPARATOR);
  const titlePart = separator ? rest.slice(0, separator[0]) : rest;
  const description = separator ? cleanDescription(rest.slice(separator[1])) : "";

  const titles = (single || description !== "" ? [titlePart] : splitItems(titlePart))
    .map(cleanTitle)
    .filter((t) => t !== "");
  if (titles.length === 0) {
    return { kind: "clarify", missing: "title" };
  }
  const items = titles.map((title): NewTask => ({ title, ...(description !== "" && { description }), ...attributes }));
  return { kind: "add", items };
}

/**
 * Splitting rule for several tasks in one message: only a comma list ("milk, eggs and bread",
 * "milk, eggs") or several quoted titles ("'A' and 'B'") becomes several tasks. A lone "and"
 * stays inside the title, because "buy milk and eggs" or "call mom and dad" is usually one task.
 */
function splitItems(text: string): string[] {
  const stripped = stripTrailingFiller(text);
  const quotes = quotedSpans(stripped);
  const outsideQuotes = quotes.reduceRight((s, q) => s.slice(0, q.start) + s.slice(q.end), stripped);
  const onlyQuotes = outsideQuotes.replace(/,|&|\band\b|\bor\b/gi, "").trim() === "";
  if (quotes.length > 1 && onlyQuotes) return quotes.map((q) => `"${q.inner}"`);
  if (!outsideQuotes.includes(",")) return [text];
  return splitOutsideQuotes(stripped, /\s*,\s*(?:(?:and|&|plus)\s+)?|\s+(?:and|&|plus)\s+/gi);
}

// ---------------------------------------------------------------------------------------------
// Listing.

const LIST_VERB =
  /^(?:show|list|display|view|see|print|give|tell|read|get|check|pull up|bring up|open|review|recap|summari[sz]e)\b/i;
const QUESTION = /^(?:what|what's|whats|which|how many|how much|anything|is there|are there|do i have|have i|any)\b/i;
const LIST_TOPIC =
  /\b(?:tasks?|todos?|to-?dos|list|items?|everything|all|agenda|plate|stuff|left|pending|done|completed?|finished|open|remaining|outstanding|to do|next|due|incomplete|unfinished)\b/i;
const BARE_LIST =
  /^(?:(?:all|all of|my|the)\s+)*(?:(?:pending|open|completed|done|finished|remaining|outstanding|current|all)\s+)?(?:tasks|todos|to-dos|list|todo list|to-do list|to do list|task list|items)$|^(?:everything|pending|completed|status)$/i;

const PENDING_HINT =
  /\b(?:pending|left|remaining|remain|outstanding|open|incomplete|unfinished|uncompleted|not (?:yet )?(?:done|finished|completed?)|undone|to ?do|to-do|have to|need to|next|due|upcoming|active|still)\b/i;
const COMPLETED_HINT = /\b(?:completed?|done|finished|ticked off|checked off|accomplished|achieved)\b/i;
/** "todo list" names the list itself, and "not done" is a pending word, not a completed one. */
const NOT_A_STATUS = /\b(?:to-?do|to do)\s+list\b|\bnot (?:yet )?(?:done|finished|completed?)\b|\bstill\b/gi;

function parseList(clause: string): Intent | null {
  const filters = listFilters(clause);
  const isList =
    ((LIST_VERB.test(clause) || QUESTION.test(clause)) && (LIST_TOPIC.test(clause) || filters !== undefined)) ||
    BARE_LIST.test(clause);
  if (!isList) return null;
  // "what's overdue?" / "what's next?" ask about open tasks.
  const status = filters?.due === "overdue" || filters?.limit ? "pending" : listStatus(clause);
  return filters ? { kind: "list", status, filters } : { kind: "list", status };
}

const NOT_TAGS = new Set(
  "all open pending completed done finished remaining outstanding current the my own new old other urgent important next".split(
    " ",
  ),
);

/** The filters a list question names, or undefined for a plain "show my tasks". */
function listFilters(clause: string): ListFilters | undefined {
  const filters: ListFilters = {};
  if (/\b(?:overdue|late|past due)\b/i.test(clause)) filters.due = "overdue";
  else if (/\b(?:due\s+)?today\b/i.test(clause)) filters.due = "today";
  else if (/\b(?:due\s+)?tomorrow\b/i.test(clause)) filters.due = "tomorrow";
  else if (/\b(?:this|next)\s+(?:week|7 days)\b/i.test(clause)) filters.due = "week";
  if (/\bwhat'?s\s+next\b|\bwhat\s+is\s+next\b|\bcoming up\b|\bupcoming\b/i.test(clause)) {
    filters.sort = "due";
    filters.limit = 5;
  }
  const priority = priorityIn(clause);
  if (priority) filters.priority = priority;
  const tag =
    /(?:^|\s)#([\p{L}\p{N}_-]+)/u.exec(clause)?.[1] ??
    /\btagged\s+(?:as\s+|with\s+)?([\p{L}\p{N}_-]+)/iu.exec(clause)?.[1] ??
    /\bmy\s+([\p{L}\p{N}_-]+)\s+(?:tasks|todos|to-dos|items|stuff|list)\b/iu.exec(clause)?.[1];
  if (tag && !NOT_TAGS.has(tag.toLowerCase()) && !(priority && /priority|urgent/i.test(tag))) filters.tag = tag;
  if (filters.due && filters.due !== "overdue") filters.sort = "due";
  return Object.keys(filters).length > 0 ? filters : undefined;
}

// ---------------------------------------------------------------------------------------------
// Finding: "find the dentist one", "search for milk", "look for the passport task".

const FIND = /^(?:find|search(?:\s+for)?|look\s+(?:for|up)|where(?:'s|\s+is))\s+(.+)$/i;

function parseFind(clause: string): Intent | null {
  const match = FIND.exec(clause);
  if (!match?.[1]) return null;
  const q = meaningfulWords(match[1].replace(/\b(?:one|ones|task|tasks|todo|item|my|the|a|an)\b/gi, " ")).join(" ");
  return q ? { kind: "list", status: "all", filters: { q } } : null;
}

// ---------------------------------------------------------------------------------------------
// Dates, priorities, tags and repeats of an existing task: "move the dentist to Friday 3pm",
// "make the rent one urgent", "tag it work", "make it repeat every Monday".

const RESCHEDULE =
  /^(?:move|reschedule|push|postpone|shift|change|set)\s+(?:the\s+due\s+date\s+of\s+)?(.+?)\s+(?:to|until|till|for)\s+(.+)$/i;
const MAKE_PRIORITY =
  /^(?:make|mark|set|flag)\s+(.+?)\s+(?:as\s+|to\s+)?((?:a\s+)?(?:high|medium|low|top)[\s-]+priority|urgent|important|p[1-3])$/i;
const TAG_TASK = /^tag\s+(.+?)\s+(?:as\s+|with\s+)?#?([\p{L}\p{N}_-]{1,32})$/iu;
const MAKE_REPEAT = /^(?:make\s+)?(.+?)\s+(?:repeat|repeats|recur|recurs)\s+(.+)$/i;

function parseAttributeUpdate(clause: string): Intent | null {
  const priority = MAKE_PRIORITY.exec(clause);
  if (priority?.[1] && priority[2]) {
    const level = priorityIn(priority[2]);
    return level ? act({ kind: "update", priority: level }, parseSpecificTarget(priority[1])) : null;
  }
  const tag = TAG_TASK.exec(clause);
  if (tag?.[1] && tag[2]) return act({ kind: "update", tags: [tag[2]] }, parseSpecificTarget(tag[1]));
  const repeat = MAKE_REPEAT.exec(clause);
  if (repeat?.[1] && repeat[2]) {
    const { recurrence } = extractAttributes(repeat[2]);
    if (recurrence) return act({ kind: "update", recurrence }, parseSpecificTarget(repeat[1]));
  }
  const move = RESCHEDULE.exec(clause);
  if (move?.[1] && move[2]) {
    const { title, due_at } = extractAttributes(move[2]);
    if (due_at && title === "") return act({ kind: "update", due_at }, parseSpecificTarget(move[1]));
  }
  return null;
}

function listStatus(clause: string): TaskStatus {
  const withoutListName = clause.replace(/\b(?:to-?do|to do)\s+list\b/gi, "list");
  const pending = PENDING_HINT.test(withoutListName);
  const completed = COMPLETED_HINT.test(clause.replace(NOT_A_STATUS, " "));
  if (pending && !completed) return "pending";
  if (completed && !pending) return "completed";
  return "all";
}

// ---------------------------------------------------------------------------------------------
// Statements: "I'm done with the groceries one", "I bought the milk", "task 3 is done".

/** Past-tense verbs that report doing something. Regular "-ed" verbs count too, minus these. */
const IRREGULAR_PAST = new Set(
  (
    "bought paid made sent wrote took got went gave ate met sold built found brought fed drove did read caught taught " +
    "swept left spent put set hung ran won sang spoke told shot dug hid fought flew"
  ).split(" "),
);
const NOT_ACCOMPLISHMENTS = new Set(
  (
    "needed wanted decided planned tried hoped started forgot used added created deleted removed renamed changed " +
    "updated listed wondered asked liked loved hated intended expected wished meant missed noticed realized realised " +
    "remembered reopened marked"
  ).split(" "),
);

function isAccomplishment(verb: string): boolean {
  const v = verb.toLowerCase();
  // "-eed" verbs ("need", "feed") are present tense; short ones ("red", "bed") are not verbs.
  return (
    IRREGULAR_PAST.has(v) || (v.endsWith("ed") && !v.endsWith("eed") && v.length > 4 && !NOT_ACCOMPLISHMENTS.has(v))
  );
}

const STATEMENT_RULES: Array<{ pattern: RegExp; action: TaskAction }> = [
  {
    pattern: /^(?:i'?m|im|i\s+am)\s+(?:all\s+|now\s+|finally\s+)?(?:done|finished|through)\s+(?:with\s+)?(.+)$/i,
    action: { kind: "complete" },
  },
  {
    pattern:
      /^i(?:'ve|ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+|now\s+)?(?:finished|completed|done|did)\s+(.+)$/i,
    action: { kind: "complete" },
  },
  {
    pattern:
      /^(.+?)(?:\s+(?:is|are|was|were)\s*n't|\s+isn't|\s+aren't|\s+(?:is|are|was|were)\s+not|'s\s+not)\s+(?:yet\s+)?(?:done|finished|complete|completed)(?:\s+yet)?$/i,
    action: { kind: "reopen" },
  },
  {
    pattern:
      /^(.+?)(?:'s|\s+(?:is|are|was|were|has been|have been))?\s+(?:now\s+|already\s+|all\s+)?(?:done|finished|complete|completed)(?:\s+now)?$/i,
    action: { kind: "complete" },
  },
];

function parseStatement(clause: string): Intent | null {
  for (const { pattern, action } of STATEMENT_RULES) {
    const m = pattern.exec(clause);
    if (m?.[1] === undefined) continue;
    const intent = act(action, parseSpecificTarget(m[1]));
    if (intent) return intent;
  }
  const past = /^i(?:'ve|ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+|now\s+)?([a-z]+)\s+(.+)$/i.exec(clause);
  if (past?.[1] !== undefined && past[2] !== undefined && isAccomplishment(past[1])) {
    const target = parseSpecificTarget(past[2]);
    if (target?.kind === "words" || target?.kind === "it") return { kind: "act", action: { kind: "complete" }, target };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Wishes: "I need to pay bills" is a new task; "I'd like to see my tasks" is a request.

const WISH =
  /^(?:i\s+(?:would like|'d like|want|wanna|need|have|must|should|ought|gotta|got to|'ve got|have got)(?:\s+to)?|i'd\s+like(?:\s+to)?|id like to|i've\s+got\s+to)\s+(.+)$/i;
/** After "I want to …", these verbs ask the assistant for something rather than name a task. */
const MANAGEMENT_VERB =
  /^(?:add|create|see|show|list|view|check|know|delete|remove|rename|mark|update|change|edit|reopen|clear)\b/i;

function parseWish(clause: string): Intent | null {
  const m = WISH.exec(clause);
  if (m?.[1] === undefined) return null;
  const rest = m[1].replace(/^know\s+/i, "");
  const intent = parseClause(rest);
  // "I need to finish task 3" names a task by number, so it is a request too; "I need to
  // finish the report" is a new task, not a search for a "report" task.
  const namesTaskById = intent.kind === "act" && intent.target.kind === "ids";
  if ((MANAGEMENT_VERB.test(m[1]) && isUnderstood(intent)) || namesTaskById) return intent;
  return parseNewTasks(rest);
}
