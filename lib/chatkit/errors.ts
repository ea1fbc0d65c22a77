import { type ErrorBody, errorResponse } from "@/lib/errors";
import type { z } from "zod";
import type { errorResponseSchema } from "./schemas";

/**
 * A refused ChatKit request: ChatKit's error event (what its clients show), with Taskchat's
 * error code and issues beside it. Statuses, logging and the hiding of causes stay lib/errors'.
 */
const chatKitErrorBody = ((error) => ({
  type: "error",
  code: "custom",
  message: error.message,
  allow_retry: error.status === 429 || error.status >= 500,
  error: error.code,
  ...(error.issues && { issues: error.issues }),
})) satisfies (...args: Parameters<ErrorBody>) => z.infer<typeof errorResponseSchema>;

/** Runs a ChatKit handler, answering anything it throws in ChatKit's error shape. */
export async function withChatKitErrors(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    return errorResponse(error, chatKitErrorBody);
  }
}
