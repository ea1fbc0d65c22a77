/**
 * The message to show for a failed chat request. The transport throws the server's response
 * body (`{"error":"rate_limited","message":"…"}`) as the error message; stream errors carry the
 * server's text directly.
 */
export function chatErrorMessage(error: Error | undefined): string | null {
  if (!error) return null;
  try {
    const body = JSON.parse(error.message) as { message?: unknown };
    if (typeof body.message === "string" && body.message) return body.message;
  } catch {
    // not JSON: the text itself
  }
  if (/failed to fetch|networkerror|load failed/i.test(error.message))
    return "Can't reach the server. Check your connection.";
  return error.message || "Something went wrong.";
}
