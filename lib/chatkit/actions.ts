import "server-only";
import { getToolName, isToolUIPart } from "ai";
import { z } from "zod";
import { appendMessagePart, getConversationSummary, getMessage } from "@/lib/chat/conversations";
import type { TaskAction } from "@/lib/chat/types";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import { taskIdSchema } from "@/lib/tasks/schemas";
import { deleteTask, setTaskCompleted } from "@/lib/tasks/service";
import { actionsOf, parseItemId, widgetItem } from "./items";
import type { RequestOf } from "./schemas";
import { STREAM_OPTIONS, eventsStream, sseResponse } from "./stream";
import { type ChatKitUser, assertThreadId, itemNotFound } from "./threads";
import { TASK_ACTIONS, taskIdsOf } from "./widgets";

// The actions of Taskchat's widgets, as `threads.custom_action` brings them back.

const taskActionSchema = z.object({
  type: z.enum([TASK_ACTIONS.complete, TASK_ACTIONS.delete]),
  payload: z.object({ task_id: taskIdSchema }),
});

/**
 * A widget's "Complete" or "Delete": runs the task service on a task the widget shows, keeps the
 * change with the message the widget belongs to, and streams the widget as it now stands.
 */
export async function runWidgetAction(
  { id: userId, timezone: zone }: ChatKitUser,
  params: RequestOf<"threads.custom_action">["params"],
) {
  assertThreadId(params.thread_id);
  const action = parseWith(z.object({ "params.action": taskActionSchema }), { "params.action": params.action })[
    "params.action"
  ];
  if (!params.item_id)
    throw new AppError("invalid_request", "params.item_id: the widget the action came from is required");
  const ref = parseItemId(params.item_id);
  const message = ref && (await getMessage(userId, params.thread_id, ref.messageId));
  const part = message?.parts.filter(isToolUIPart).find((p) => p.toolCallId === ref?.toolCallId);
  if (!message || !part || part.state !== "output-available") {
    if (!message) await getConversationSummary(userId, params.thread_id);
    throw itemNotFound();
  }
  const call = {
    toolCallId: part.toolCallId,
    toolName: getToolName(part),
    input: part.input,
    outcome: { output: part.output },
  };
  const shown = widgetItem(params.thread_id, message.id, message.created_at, call, actionsOf(message.parts), zone);
  const taskId = action.payload.task_id;
  if (!shown || !taskIdsOf(shown.widget).includes(taskId)) {
    throw new AppError("invalid_request", `params.action.payload.task_id: task ${taskId} is not in this widget`);
  }

  let record: TaskAction;
  const actor = { userId, source: "chat", timezone: zone } as const;
  try {
    record =
      action.type === TASK_ACTIONS.complete
        ? { tool_call_id: part.toolCallId, action: "complete", task: await setTaskCompleted(actor, taskId, true) }
        : { tool_call_id: part.toolCallId, action: "delete", task: await deleteTask(actor, taskId) };
  } catch (error) {
    // Gone since the widget was drawn (deleted elsewhere): the person is told in the thread.
    if (!(error instanceof AppError) || error.code !== "not_found") throw error;
    return sseResponse(
      eventsStream([STREAM_OPTIONS, { type: "error", code: "custom", message: error.message, allow_retry: false }]),
    );
  }
  const kept = { type: "data-task-action" as const, data: record };
  if (!(await appendMessagePart(userId, params.thread_id, message.id, kept))) throw itemNotFound();
  const updated = widgetItem(
    params.thread_id,
    message.id,
    message.created_at,
    call,
    [...actionsOf(message.parts), record],
    zone,
  );
  return sseResponse(
    eventsStream([STREAM_OPTIONS, ...(updated ? [{ type: "thread.item.replaced" as const, item: updated }] : [])]),
  );
}
