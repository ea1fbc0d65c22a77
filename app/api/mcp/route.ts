// POST /api/mcp — the task tools as an MCP server (Streamable HTTP, stateless, Bearer auth only:
// MCP clients are programs holding a token, and a browser's cookie must not drive them)
import { withUser } from "@/lib/auth/with-user";
import { methods, readJson } from "@/lib/http";
import { handleMcpRequest } from "@/lib/mcp/server";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: withUser(async (req, { user }) => handleMcpRequest(req, user, await readJson(req)), { credentials: "bearer" }),
});
