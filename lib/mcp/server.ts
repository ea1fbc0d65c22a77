import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { AuthUser } from "@/lib/auth/session";
import { AppError, errorResponse } from "@/lib/errors";
import { TASK_TOOL_NAMES, isTaskToolError, runTaskTool, taskToolDefinitions } from "@/lib/tasks/tools";

const annotations = {
  add_task: { title: "Add a task", readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  list_tasks: { title: "List tasks", readOnlyHint: true },
  complete_task: {
    title: "Complete or re-open a task",
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
  },
  update_task: { title: "Update a task", readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  delete_task: { title: "Delete a task", readOnlyHint: false, destructiveHint: true, idempotentHint: true },
} as const;

/** An MCP server exposing the five task tools, bound to one authenticated user. */
function createTaskMcpServer(user: AuthUser, refused: AppError[]): McpServer {
  const server = new McpServer({ name: "taskchat", version: "1.0.0" });
  for (const name of TASK_TOOL_NAMES) {
    const { description, inputSchema } = taskToolDefinitions[name];
    server.registerTool(
      name,
      { title: annotations[name].title, description, inputSchema, annotations: annotations[name] },
      async (input: unknown) => {
        let result: object;
        try {
          result = await runTaskTool(name, { userId: user.id, source: "mcp", timezone: user.timezone }, input);
        } catch (error) {
          if (!(error instanceof AppError && error.code === "rate_limited")) throw error;
          refused.push(error);
          result = { error: error.message };
        }
        return {
          content: [{ type: "text" as const, text: JSON.stringify(result) }],
          structuredContent: result as Record<string, unknown>,
          isError: isTaskToolError(result),
        };
      },
    );
  }
  return server;
}

const toolCallsIn = (body: unknown) =>
  (Array.isArray(body) ? body : [body]).filter(
    (m) => typeof m === "object" && m !== null && "method" in m && m.method === "tools/call",
  ).length;

/**
 * Serves one MCP request over Streamable HTTP, statelessly: any instance can answer any request,
 * so a new server and transport are made per request. Each tool call is one write against the
 * user's write rate limit; when every call of the request was refused by it, the answer is a
 * `429` with `Retry-After`, and a batch that was only partly refused keeps its results (the
 * refused calls are error results) and gets the `Retry-After` header.
 */
export async function handleMcpRequest(req: Request, user: AuthUser, parsedBody: unknown): Promise<Response> {
  const refused: AppError[] = [];
  const server = createTaskMcpServer(user, refused);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    const response = await transport.handleRequest(req, {
      parsedBody,
      authInfo: { token: "", clientId: user.id, scopes: [] },
    });
    const [first] = refused;
    if (!first) return response;
    if (refused.length === toolCallsIn(parsedBody)) return errorResponse(first);
    const headers = new Headers(response.headers);
    headers.set("Retry-After", first.headers?.["Retry-After"] ?? "60");
    return new Response(response.body, { status: response.status, headers });
  } finally {
    await server.close();
  }
}
