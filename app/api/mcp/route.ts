// POST /api/mcp — the task tools as an MCP server (Streamable HTTP, stateless, Bearer auth)
import { withUser } from "@/lib/auth/with-user";
import { methods, readJson } from "@/lib/http";
import { handleMcpRequest } from "@/lib/mcp/server";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: withUser(async (req, { user }) => handleMcpRequest(req, user, await readJson(req))),
});
