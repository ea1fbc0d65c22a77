// GET | PATCH | DELETE /api/tasks/:id — one of the user's tasks
import { withUser } from "@/lib/auth/with-user";
import { methods, parseWith, readBody } from "@/lib/http";
import { taskPathSchema, updateTaskSchema } from "@/lib/tasks/schemas";
import { deleteTask, getTask, updateTask } from "@/lib/tasks/service";

type Params = { id: string };
const taskId = (params: Params) => parseWith(taskPathSchema, params).id;

export const { GET, POST, PUT, PATCH, DELETE } = methods<Params>({
  GET: withUser<Params>(async (_req, { user, params }) => Response.json(await getTask(user.id, taskId(params)))),
  PATCH: withUser<Params>(async (req, { actor, params }) => {
    const id = taskId(params);
    const input = await readBody(req, updateTaskSchema);
    return Response.json(await updateTask(actor, id, input));
  }),
  DELETE: withUser<Params>(async (_req, { actor, params }) => {
    await deleteTask(actor, taskId(params));
    return new Response(null, { status: 204 });
  }),
});
