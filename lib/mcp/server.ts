import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { AuthUser } from "@/lib/auth/session";
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
function createTaskMcpServer(user: AuthUser): McpServer {
  const server = new McpServer({ name: "taskchat", version: "1.0.0" });
  for (const name of TASK_TOOL_NAMES) {
    const { description, inputSchema } = taskToolDefinitions[name];
    server.registerTool(
      name,
      { title: annotations[name].title, description, inputSchema, annotations: annotations[name] },
      async (input: unknown) => {
        const result = await runTaskTool(name, { userId: user.id, source: "mcp" }, input);
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

/**
 * Serves one MCP request over Streamable HTTP, statelessly: any instance can answer any request,
 * so a new server and transport are made per request.
 */
export async function handleMcpRequest(req: Request, user: AuthUser, parsedBody: unknown): Promise<Response> {
  const server = createTaskMcpServer(user);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req, { parsedBody, authInfo: { token: "", clientId: user.id, scopes: [] } });
  } finally {
    await server.close();
  }
}
