import "server-only";
import {
  conversationNotFound,
  getConversationSummary,
  getMessage,
  listConversations,
  listMessages,
} from "@/lib/chat/conversations";
import { AppError } from "@/lib/errors";
import type { AuthUser } from "@/lib/auth/session";
import { isThreadId, itemsOfMessage, parseItemId, threadOf } from "./items";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type Thread, type ThreadItem } from "./schemas";

// Reading threads and their items, with ChatKit's pagination: `limit`, `order`, and `after` (the
// cursor a previous page returned) in; `data`, `has_more` and `after` out.

export const itemNotFound = () => new AppError("not_found", "Item not found");

/** A thread id names a conversation (a uuid); anything else is one that does not exist. */
export function assertThreadId(threadId: string): void {
  if (!isThreadId(threadId)) throw conversationNotFound();
}

export type PageParams = { limit?: number | null; order: "asc" | "desc"; after?: string | null };

/** A page size within bounds: ChatKit clients choose their own, so a big one is cut, not refused. */
const pageSize = (limit: number | null | undefined) => Math.min(limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);

function page<T>(rows: T[], limit: number, cursor: (last: T) => string): Page<T> {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return rows.length > limit && last ? { data, has_more: true, after: cursor(last) } : { data, has_more: false };
}

/**
 * A page of a thread's items. An item id is the cursor: the page starts just past it. Messages
 * are read in one bounded query; each holds at least one item, so `limit + 1` of them (past the
 * one holding the cursor) always tell whether more items follow.
 */
/** The signed-in user as ChatKit's doors need them: who, and the zone dates are shown in. */
export type ChatKitUser = Pick<AuthUser, "id" | "timezone">;

export async function listItems(
  { id: userId, timezone: zone }: ChatKitUser,
  threadId: string,
  params: PageParams,
): Promise<Page<ThreadItem>> {
  assertThreadId(threadId);
  const limit = pageSize(params.limit);
  const ref = params.after ? parseItemId(params.after) : undefined;
  const anchor = ref ? await getMessage(userId, threadId, ref.messageId) : undefined;
  if (params.after && !anchor) {
    await getConversationSummary(userId, threadId); // 404 first when the thread is not the user's
    throw new AppError("invalid_request", "after: is not an item of this thread");
  }
  const rows = await listMessages(userId, threadId, { order: params.order, take: limit + 1, afterId: anchor?.id });
  if (!rows) throw conversationNotFound();

  const inOrder = (items: ThreadItem[]) => (params.order === "asc" ? items : items.reverse());
  let items = rows.flatMap((m) => inOrder(itemsOfMessage(threadId, m, zone)));
  if (anchor) {
    const own = inOrder(itemsOfMessage(threadId, anchor, zone));
    const at = own.findIndex((item) => item.id === params.after);
    if (at < 0) throw new AppError("invalid_request", "after: is not an item of this thread");
    items = [...own.slice(at + 1), ...items];
  }
  return page(items, limit, (last) => last.id);
}

/** A thread with its first page of items, oldest first (as the reference server loads one). */
export async function loadThread(user: ChatKitUser, threadId: string): Promise<Thread> {
  assertThreadId(threadId);
  const conversation = await getConversationSummary(user.id, threadId);
  return threadOf(conversation, await listItems(user, threadId, { order: "asc" }));
}

/** The user's threads, most recently active first (`order: "desc"`), without their items. */
export async function listThreads(userId: string, params: PageParams): Promise<Page<Thread>> {
  const limit = pageSize(params.limit);
  const { conversations, next_cursor } = await listConversations(userId, {
    limit,
    cursor: params.after ?? undefined,
    order: params.order,
  });
  const data = conversations.map((c) => threadOf(c));
  return next_cursor ? { data, has_more: true, after: next_cursor } : { data, has_more: false };
}
