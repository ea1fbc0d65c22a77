// GET /api/tags — the user's tags with their open-task counts
import { withUser } from "@/lib/auth/with-user";
import { methods } from "@/lib/http";
import { listTags } from "@/lib/tasks/service";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: withUser(async (_req, { user }) => Response.json({ tags: await listTags(user.id) })),
});
