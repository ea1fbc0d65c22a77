import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type Actor, eventInsert, isoTimestamp, recordEvent } from "@/lib/events/record";
import { Prisma } from "@/lib/generated/prisma/client";
import { type TurnCount, countTurn } from "./rate-limit";
import type { ChatPart } from "./types";

export { titleFromMessage } from "./title";

// Conversations and their messages. Every query is scoped by the user id; a conversation of
// another user is "not found", exactly like one that does not exist.

export type ConversationSummary = { id: string; title: string; created_at: string; updated_at: string };
export type FeedbackKind = "positive" | "negative";
export type StoredMessage = {
  id: string;
  role: "user" | "assistant";
  content: string;
  parts: ChatPart[];
  created_at: string;
  /** The person's thumbs up / down on an assistant message. */
  feedback: FeedbackKind | null;
};

export const conversationNotFound = () => new AppError("not_found", "Conversation not found");
const notFound = conversationNotFound;

type ConversationRow = { id: string; title: string; createdAt: Date; updatedAt: Date };
const toSummary = (c: ConversationRow): ConversationSummary => ({
  id: c.id,
  title: c.title,
  created_at: c.createdAt.toISOString(),
  updated_at: c.updatedAt.toISOString(),
});

type MessageRow = {
  id: string;
  role: "user" | "assistant";
  content: string;
  parts: Prisma.JsonValue;
  createdAt: Date;
  feedback: { kind: FeedbackKind } | null;
};
const toStored = (m: MessageRow): StoredMessage => ({
  id: m.id,
  role: m.role,
  content: m.content,
  parts: m.parts as ChatPart[],
  created_at: m.createdAt.toISOString(),
  feedback: m.feedback?.kind ?? null,
});
// One query: with relationJoins the feedback comes in a lateral join.
const storedMessageSelect = {
  id: true,
  role: true,
  content: true,
  parts: true,
  createdAt: true,
  feedback: { select: { kind: true } },
} as const;

function encodeCursor(c: { updatedAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([c.updatedAt.toISOString(), c.id])).toString("base64url");
}

// A cursor is `[updated_at ISO, conversation uuid]`; anything else (forged or corrupted) is a 400,
// never a value handed to the database.
const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

function decodeCursor(cursor: string): { updatedAt: Date; id: string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) {
    throw new AppError("invalid_request", "cursor: is not a cursor this API returned", {
      issues: [{ path: ["cursor"], message: "invalid cursor" }],
    });
  }
  const [at, id] = parsed.data;
  return { updatedAt: new Date(at), id };
}

/** Newest first (or oldest first with `order: "asc"`), keyset-paginated on (updated_at, id). */
export async function listConversations(
  userId: string,
  params: { limit: number; cursor?: string; order?: "asc" | "desc" },
): Promise<{ conversations: ConversationSummary[]; next_cursor: string | null }> {
  const after = params.cursor ? decodeCursor(params.cursor) : undefined;
  const order = params.order ?? "desc";
  const beyond = order === "desc" ? "lt" : "gt";
  const rows = await prisma.conversation.findMany({
    where: {
      userId,
      ...(after && {
        OR: [{ updatedAt: { [beyond]: after.updatedAt } }, { updatedAt: after.updatedAt, id: { [beyond]: after.id } }],
      }),
    },
    orderBy: [{ updatedAt: order }, { id: order }],
    take: params.limit + 1,
    select: { id: true, title: true, createdAt: true, updatedAt: true },
  });
  const page = rows.slice(0, params.limit);
  const last = page.at(-1);
  return {
    conversations: page.map(toSummary),
    next_cursor: rows.length > params.limit && last ? encodeCursor(last) : null,
  };
}

/** A conversation with a page of its messages (oldest first within the page). */
export async function getConversation(
  userId: string,
  conversationId: string,
  params: { limit: number; before?: string },
): Promise<{ id: string; title: string; messages: StoredMessage[]; next_before: string | null }> {
  const conversation = await prisma.conversation.findFirst({
    where: { id: conversationId, userId },
    select: { id: true, title: true },
  });
  if (!conversation) throw notFound();
  const rows = await prisma.message.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: params.limit + 1,
    ...(params.before && { cursor: { id: params.before }, skip: 1 }),
    select: storedMessageSelect,
  });
  const page = rows.slice(0, params.limit);
  const oldest = page.at(-1);
  return {
    id: conversation.id,
    title: conversation.title,
    messages: page.reverse().map(toStored),
    next_before: rows.length > params.limit && oldest ? oldest.id : null,
  };
}

export async function getConversationSummary(userId: string, conversationId: string): Promise<ConversationSummary> {
  const row = await prisma.conversation.findFirst({
    where: { id: conversationId, userId },
    select: { id: true, title: true, createdAt: true, updatedAt: true },
  });
  if (!row) throw notFound();
  return toSummary(row);
}

/** One message of a user's conversation, or null. */
export async function getMessage(
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<StoredMessage | null> {
  const row = await prisma.message.findFirst({
    where: { id: messageId, conversationId, conversation: { userId } },
    select: storedMessageSelect,
  });
  return row && toStored(row);
}

/**
 * Up to `take` messages of a user's conversation in `order`, starting just past `afterId` (a
 * message of that conversation), on (created_at, id). Null when the conversation is not the user's.
 */
export async function listMessages(
  userId: string,
  conversationId: string,
  params: { order: "asc" | "desc"; take: number; afterId?: string },
): Promise<StoredMessage[] | null> {
  const rows = await prisma.message.findMany({
    where: { conversationId, conversation: { userId } },
    orderBy: [{ createdAt: params.order }, { id: params.order }],
    take: params.take,
    // A cursor compares with the stored timestamp itself (microseconds; a JS Date keeps only ms).
    ...(params.afterId && { cursor: { id: params.afterId }, skip: 1 }),
    select: storedMessageSelect,
  });
  if (rows.length > 0 || params.afterId) return rows.map(toStored);
  const exists = await prisma.conversation.count({ where: { id: conversationId, userId } });
  return exists ? [] : null;
}

/** Deletes the messages after `messageId` in a user's conversation (a retried question's old answers). */
export async function deleteMessagesAfter(userId: string, conversationId: string, messageId: string): Promise<void> {
  await prisma.$executeRaw`
    DELETE FROM messages m USING conversations c
    WHERE m.conversation_id = ${conversationId}::uuid AND c.id = m.conversation_id AND c.user_id = ${userId}
      AND (m.created_at, m.id) > (SELECT created_at, id FROM messages WHERE id = ${messageId}::uuid)`;
}

/**
 * The newest user message of a conversation with this text: the one a turn just stored (or,
 * for a retried question, kept). Null when there is none.
 */
export async function findUserMessage(
  userId: string,
  conversationId: string,
  content: string,
): Promise<StoredMessage | null> {
  const row = await prisma.message.findFirst({
    where: { conversationId, conversation: { userId }, role: "user", content },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: storedMessageSelect,
  });
  return row && toStored(row);
}

/**
 * Appends a part to a stored message of a user's conversation, in one statement (a concurrent
 * append is never lost). False when there is no such message.
 */
export async function appendMessagePart(
  userId: string,
  conversationId: string,
  messageId: string,
  part: ChatPart,
): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE messages m SET parts = m.parts || jsonb_build_array(${JSON.stringify(part)}::jsonb)
    FROM conversations c
    WHERE m.id = ${messageId}::uuid AND m.conversation_id = ${conversationId}::uuid
      AND c.id = m.conversation_id AND c.user_id = ${userId}`;
  return count > 0;
}

export async function renameConversation(
  actor: Actor,
  conversationId: string,
  title: string,
): Promise<ConversationSummary> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversationId, userId: actor.userId },
      data: { title },
    });
    if (count === 0) throw notFound();
    const summary = toSummary(
      await tx.conversation.findFirstOrThrow({ where: { id: conversationId, userId: actor.userId } }),
    );
    await recordEvent(tx, actor, { type: "conversation.updated", data: summary });
    return summary;
  });
}

/** Deletes a conversation and (cascade) its messages; tasks stay. */
export async function deleteConversation(actor: Actor, conversationId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.conversation.deleteMany({ where: { id: conversationId, userId: actor.userId } });
    if (count === 0) throw notFound();
    await recordEvent(tx, actor, { type: "conversation.deleted", data: { id: conversationId } });
  });
}

// ── Used by the chat turn ────────────────────────────────────────────────────────────────

/** Most messages a turn reads, whatever their size: the bound on the history query. */
export const HISTORY_ROW_LIMIT = 100;

export type HistoryRow = { id: string; role: "user" | "assistant"; content: string; parts: ChatPart[] };

/**
 * The newest messages of a user's conversation, newest first, in one bounded, indexed query
 * that also proves ownership; `exceptId` (the message this turn is storing meanwhile) is left
 * out. Null when the conversation is not the user's (or does not exist).
 */
export async function loadRecentMessages(
  userId: string,
  conversationId: string,
  exceptId: string,
): Promise<HistoryRow[] | null> {
  const rows = await prisma.message.findMany({
    where: { conversationId, conversation: { userId }, id: { not: exceptId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: HISTORY_ROW_LIMIT,
    select: { id: true, role: true, content: true, parts: true },
  });
  if (rows.length > 0) return rows.map((r) => ({ ...r, parts: r.parts as ChatPart[] }));
  // Conversations are created with their first message, so this is rare: confirm it exists.
  const exists = await prisma.conversation.count({ where: { id: conversationId, userId } });
  return exists ? [] : null;
}

type NewMessage = { id: string; role: "user" | "assistant"; content: string; parts: ChatPart[] };

// The first writes of a chat turn — counting it against the rate limit and storing the user's
// message — are one statement, and it commits without waiting for its WAL flush
// (synchronous_commit off, for that transaction only). The turn's last write, the assistant
// message, commits normally, and flushing it flushes everything written before it: a finished
// turn is exactly as durable as before, and only a database crash during the model call could
// lose the question (a failed turn's question reaches disk within a fraction of a second).
// Where a flush takes milliseconds, that is one flush per turn instead of two.
const RELAXED_COMMIT = Prisma.sql`set_config('synchronous_commit', 'off', true)`;

/** A conversation row of a CTE as the JSON of a ConversationSummary (for its event). */
const summaryJson = (c: Prisma.Sql, updatedAt: Prisma.Sql = Prisma.sql`${c}.updated_at`) =>
  Prisma.sql`jsonb_build_object('id', ${c}.id, 'title', ${c}.title, 'created_at', ${isoTimestamp(Prisma.sql`${c}.created_at`)}, 'updated_at', ${isoTimestamp(updatedAt)})`;

/**
 * Counts the turn (`countTurn`) and, within `turnLimit`, creates a conversation with its first
 * message, in one statement. `conversationId` is null when the limit refused the turn.
 */
export async function createConversationWithMessage(
  userId: string,
  title: string,
  message: NewMessage,
  turnLimit: number,
): Promise<TurnCount & { conversationId: string | null }> {
  const [row] = await prisma.$queryRaw<(TurnCount & { conversation_id: string | null })[]>`
    WITH ${countTurn(userId)},
    conversation AS (
      INSERT INTO conversations (id, user_id, title, created_at, updated_at)
      SELECT gen_random_uuid(), ${userId}, ${title}, now(), now() FROM turn_count WHERE count <= ${turnLimit}
      RETURNING id, title, created_at, updated_at
    ),
    event AS (${eventInsert({ userId, source: "chat" }, "conversation.created", Prisma.sql`SELECT ${summaryJson(Prisma.sql`conversation`)} FROM conversation`)}),
    message AS (
      INSERT INTO messages (id, conversation_id, role, content, parts)
      SELECT ${message.id}::uuid, conversation.id, ${message.role}::message_role, ${message.content}, ${JSON.stringify(message.parts)}::jsonb
      FROM conversation
      RETURNING conversation_id
    )
    SELECT count, retry_after, (SELECT conversation_id FROM message) AS conversation_id, ${RELAXED_COMMIT}
    FROM turn_count`;
  return { count: row!.count, retry_after: row!.retry_after, conversationId: row!.conversation_id };
}

/**
 * Counts the turn (`countTurn`) and, within `turnLimit`, appends the message to the user's
 * conversation, in one statement. `stored` is false when the limit refused the turn or the
 * conversation is not the user's.
 */
export async function appendUserMessage(
  userId: string,
  conversationId: string,
  message: NewMessage,
  turnLimit: number,
): Promise<TurnCount & { stored: boolean }> {
  const [row] = await prisma.$queryRaw<(TurnCount & { stored: boolean })[]>`
    WITH ${countTurn(userId)},
    message AS (
      INSERT INTO messages (id, conversation_id, role, content, parts)
      SELECT ${message.id}::uuid, c.id, ${message.role}::message_role, ${message.content}, ${JSON.stringify(message.parts)}::jsonb
      FROM conversations c, turn_count
      WHERE c.id = ${conversationId}::uuid AND c.user_id = ${userId} AND turn_count.count <= ${turnLimit}
      RETURNING id
    )
    SELECT count, retry_after, EXISTS (SELECT 1 FROM message) AS stored, ${RELAXED_COMMIT}
    FROM turn_count`;
  return { count: row!.count, retry_after: row!.retry_after, stored: row!.stored };
}

/** Removes one message of a conversation (a retried question's duplicate). */
export async function deleteMessage(conversationId: string, messageId: string): Promise<void> {
  await prisma.message.deleteMany({ where: { id: messageId, conversationId } });
}

/**
 * Appends a message to a user's conversation (a trigger bumps the conversation's updated_at) and
 * records the conversation's update, in one statement.
 */
export async function appendMessage(userId: string, conversationId: string, message: NewMessage): Promise<void> {
  await prisma.$executeRaw`
    WITH message AS (
      INSERT INTO messages (id, conversation_id, role, content, parts)
      SELECT ${message.id}::uuid, c.id, ${message.role}::message_role, ${message.content}, ${JSON.stringify(message.parts)}::jsonb
      FROM conversations c WHERE c.id = ${conversationId}::uuid AND c.user_id = ${userId}
      RETURNING conversation_id, created_at
    )
    ${eventInsert(
      { userId, source: "chat" },
      "conversation.updated",
      Prisma.sql`SELECT ${summaryJson(Prisma.sql`c`, Prisma.sql`GREATEST(c.updated_at, m.created_at)`)}
        FROM message m JOIN conversations c ON c.id = m.conversation_id`,
    )}`;
}
