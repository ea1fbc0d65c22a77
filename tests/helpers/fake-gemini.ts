// A stand-in for the Gemini REST API (generativelanguage.googleapis.com/v1beta) speaking the part
// of it that @ai-sdk/google uses: POST models/{model}:generateContent (one JSON response) and
// POST models/{model}:streamGenerateContent?alt=sse (server-sent events). Tests script the model's
// replies and inspect what the app sent. Point the provider at it with
// createGoogleGenerativeAI({ apiKey, baseURL: fake.url }).
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export type GeminiRequest = {
  model: string;
  stream: boolean;
  /** The `x-goog-api-key` header. */
  apiKey: string | null;
  /** The parsed JSON body: contents, systemInstruction, tools, toolConfig, generationConfig. */
  body: any;
  /** Set when the client went away before the reply was complete (e.g. its abortSignal fired). */
  aborted: boolean;
};

export type FunctionCall = { name: string; args: Record<string, unknown> };

export type FakeReply =
  | { text: string }
  | { functionCalls: FunctionCall[] }
  | { status: number; error?: { code?: number; message: string; status?: string } }
  | { hang: true };

export type FakeGeminiOptions = {
  respond: (request: GeminiRequest) => FakeReply | Promise<FakeReply>;
  /** Wait before answering and, when streaming, between chunks. */
  delayMs?: number;
  /** When streaming, the wait between chunks instead of `delayMs` (0: the whole reply at once). */
  chunkDelayMs?: number;
};

export type FakeGemini = {
  /** Base URL for the provider, ending in /v1beta. */
  url: string;
  /** Every model request received, in order. */
  requests: GeminiRequest[];
  /** Replaces the responder; replaces the delay too when `delayMs` is given. */
  setResponder(respond: FakeGeminiOptions["respond"], delayMs?: number): void;
  /** Stops the server, cutting any hanging responses. */
  close(): Promise<void>;
};

const ROUTE = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const WORDS_PER_CHUNK = 3;

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export async function startFakeGemini(options: FakeGeminiOptions): Promise<FakeGemini> {
  let respond = options.respond;
  let delayMs = options.delayMs ?? 0;
  let closing: Promise<void> | null = null;
  const requests: GeminiRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? "/", "http://fake");
    const match = req.method === "POST" ? ROUTE.exec(pathname) : null;
    if (!match) return sendError(res, { status: 404, error: { message: `No route for ${req.method} ${pathname}` } });
    const [, model = "", action] = match;

    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
      if (!isRecord(body)) throw new TypeError("not an object");
    } catch {
      return sendError(res, { status: 400, error: { message: "Invalid JSON payload received." } });
    }
    const header = req.headers["x-goog-api-key"];
    const request: GeminiRequest = {
      model,
      stream: action === "streamGenerateContent",
      apiKey: typeof header === "string" ? header : null,
      body,
      aborted: false,
    };
    requests.push(request);

    // Fires when the connection ends, whoever ends it; only the client leaving early is an abort.
    const gone = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished && !closing) request.aborted = true;
      gone.abort();
    });

    const delay = delayMs;
    let reply: FakeReply;
    try {
      reply = await respond(request);
    } catch (error) {
      reply = { status: 500, error: { message: `fake-gemini responder threw: ${String(error)}` } };
    }
    if ("hang" in reply) return; // until the client aborts or close() cuts the connection
    if (!(await wait(delay, gone.signal))) return;
    if ("status" in reply) return sendError(res, reply);

    const chunks = toChunks(reply, request);
    if (!request.stream) return sendJson(res, 200, chunks[0]);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0 && !(await wait(options.chunkDelayMs ?? delay, gone.signal))) return;
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    res.end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendError(res, { status: 500, error: { message: `fake-gemini failed: ${String(error)}` } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1beta`,
    requests,
    setResponder(next, nextDelayMs) {
      respond = next;
      if (nextDelayMs !== undefined) delayMs = nextDelayMs;
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The response bodies for a reply: one for generateContent, several SSE chunks when streaming. */
function toChunks(reply: { text: string } | { functionCalls: FunctionCall[] }, request: GeminiRequest): object[] {
  const partsPerChunk: object[][] =
    "functionCalls" in reply
      ? [reply.functionCalls.map(({ name, args }) => ({ functionCall: { name, args } }))]
      : request.stream
        ? splitText(reply.text).map((text) => [{ text }])
        : [[{ text: reply.text }]];
  const usageMetadata = usage(request.body, reply);
  return partsPerChunk.map((parts, i) => {
    const last = i === partsPerChunk.length - 1;
    return {
      candidates: [{ content: { role: "model", parts }, ...(last && { finishReason: "STOP" }), index: 0 }],
      ...(last && { usageMetadata }),
      modelVersion: request.model,
    };
  });
}

/** A few words per chunk; joined back together they are exactly the text. */
function splitText(text: string): string[] {
  const words = text.split(/(?<=\s)(?=\S)/);
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += WORDS_PER_CHUNK) chunks.push(words.slice(i, i + WORDS_PER_CHUNK).join(""));
  return chunks;
}

/** Made-up but plausible token counts (about four characters a token). */
function usage(body: any, reply: object) {
  const promptTokenCount = Math.ceil(JSON.stringify(body?.contents ?? []).length / 4);
  const candidatesTokenCount = Math.ceil(JSON.stringify(reply).length / 4);
  return { promptTokenCount, candidatesTokenCount, totalTokenCount: promptTokenCount + candidatesTokenCount };
}

function sendError(res: ServerResponse, { status, error }: Extract<FakeReply, { status: number }>): void {
  sendJson(res, status, {
    error: {
      code: error?.code ?? status,
      message: error?.message ?? `Fake Gemini error ${status}`,
      status: error?.status ?? STATUS_NAMES[status] ?? "UNKNOWN",
    },
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  res.end(JSON.stringify(value));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Resolves true after `ms`, or false as soon as the connection is gone. */
async function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms <= 0) return true;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a request, for scripted conversations.

type Part = { text?: string; functionCall?: any; functionResponse?: any };
type Content = { role?: string; parts?: Part[] };

const contentsOf = (request: GeminiRequest): Content[] =>
  Array.isArray(request.body?.contents) ? request.body.contents : [];
const hasText = (content: Content) => (content.parts ?? []).some((part) => typeof part.text === "string");
const lastUserTextIndex = (request: GeminiRequest) =>
  contentsOf(request).findLastIndex((content) => content.role === "user" && hasText(content));

/** The text of the last user message (tool results also travel as `user` contents, without text). */
export function lastUserText(request: GeminiRequest): string {
  const content = contentsOf(request)[lastUserTextIndex(request)];
  return (content?.parts ?? []).map((part) => part.text ?? "").join("");
}

export type FunctionResponse = {
  id: string | undefined;
  name: string;
  /** What the tool returned: the provider sends `response: { name, content: <tool output> }`. */
  output: unknown;
};

/** The tool results of the current turn: functionResponse parts after the last user text. */
export function functionResponses(request: GeminiRequest): FunctionResponse[] {
  return contentsOf(request)
    .slice(lastUserTextIndex(request) + 1)
    .flatMap((content) => content.parts ?? [])
    .flatMap(({ functionResponse: r }) => (r ? [{ id: r.id, name: r.name, output: r.response?.content }] : []));
}

/** The names of the function declarations the request offers the model. */
export function declaredTools(request: GeminiRequest): string[] {
  const tools: any[] = Array.isArray(request.body?.tools) ? request.body.tools : [];
  return tools.flatMap((t) => (t.functionDeclarations ?? []).map((declaration: any) => String(declaration.name)));
}

/** The system instruction's text. */
export function systemText(request: GeminiRequest): string {
  const parts: Part[] = request.body?.systemInstruction?.parts ?? [];
  return parts.map((part) => part.text ?? "").join("\n");
}

// ---------------------------------------------------------------------------------------------
// A scripted task assistant for the quickstart flow: add → list → complete. It only knows what the
// user said and what the tools returned (the app's tool outputs: a task, `{ tasks, count }`, or
// `{ error }`).

type Task = { id: number; title: string; completed?: boolean };

const HELP = "Hi! I'm your task assistant: I can add, list and complete tasks. Try “add a task to buy milk”.";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const isTask = (value: unknown): value is Task =>
  isRecord(value) && typeof value.id === "number" && typeof value.title === "string";
const call = (name: string, args: Record<string, unknown>): FakeReply => ({ functionCalls: [{ name, args }] });

/** "mark the milk task as done" → "milk" */
function taskToComplete(said: string): string | null {
  return /\bmark (?:the )?(.+?)(?: task| one)? (?:as )?(?:done|completed?)\b/i.exec(said)?.[1]?.toLowerCase() ?? null;
}

export function quickstartResponder(request: GeminiRequest): FakeReply {
  const said = lastUserText(request).trim();
  const latest = functionResponses(request).at(-1);
  if (latest) return afterTool(said, latest);

  if (taskToComplete(said) !== null) return call("list_tasks", { status: "all" });
  const title = /\badd a task to (.+?)[.!]?$/i.exec(said)?.[1];
  if (title) return call("add_task", { title: title.charAt(0).toUpperCase() + title.slice(1), description: "" });
  if (/\b(show me my tasks|what tasks|list my tasks)\b/i.test(said)) return call("list_tasks", { status: "all" });
  return { text: HELP };
}

function afterTool(said: string, { name, output }: FunctionResponse): FakeReply {
  if (isRecord(output) && typeof output.error === "string") return { text: `Sorry, that didn't work: ${output.error}` };
  if (name === "add_task" && isTask(output)) return { text: `Added task #${output.id} · ${output.title}` };
  if (name === "complete_task" && isTask(output)) return { text: `Marked #${output.id} ${output.title} as done` };
  if (name === "list_tasks" && isRecord(output) && Array.isArray(output.tasks)) {
    const tasks = output.tasks.filter(isTask);
    const wanted = taskToComplete(said);
    if (wanted !== null) {
      const task = tasks.find((t) => t.title.toLowerCase().includes(wanted));
      return task ? call("complete_task", { task_id: task.id }) : { text: `I couldn't find a task about “${wanted}”.` };
    }
    if (tasks.length === 0) return { text: "You have no tasks." };
    const count = typeof output.count === "number" ? output.count : tasks.length;
    const titles = tasks.map((t) => (t.completed ? `${t.title} (done)` : t.title));
    return { text: `You have ${count} task${count === 1 ? "" : "s"}: ${titles.join(", ")}.` };
  }
  return { text: `I ran ${name}, but didn't understand its result.` };
}
