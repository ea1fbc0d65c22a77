// GET /api/tasks?status= — list the user's tasks · POST /api/tasks — create a task
import { withUser } from "@/lib/auth/with-user";
import { methods, parseWith, readBody, searchParams } from "@/lib/http";
import { createTaskSchema, listTasksQuerySchema } from "@/lib/tasks/schemas";
import { addTask, listTasks } from "@/lib/tasks/service";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: withUser(async (req, { user }) => {
    const query = parseWith(listTasksQuerySchema, searchParams(req));
    return Response.json(await listTasks(user.id, query, user.timezone));
  }),
  POST: withUser(async (req, { actor }) => {
    const input = await readBody(req, createTaskSchema);
    return Response.json(await addTask(actor, input), { status: 201 });
  }),
});
