import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FeedbackKind } from "./conversations";

/**
 * Records (or, with null, clears) a person's thumbs up / down on assistant messages of their
 * conversation (`conversationId` null: any of their conversations). Every message must be an
 * assistant message the user can see, or nothing is written.
 */
export async function setMessageFeedback(
  userId: string,
  conversationId: string | null,
  messageIds: string[],
  kind: FeedbackKind | null,
): Promise<void> {
  const ids = [...new Set(messageIds)];
  const found = await prisma.message.findMany({
    where: { id: { in: ids }, conversation: { userId, ...(conversationId && { id: conversationId }) } },
    select: { id: true, role: true },
  });
  if (found.length !== ids.length) throw new AppError("not_found", "Message not found");
  if (found.some((m) => m.role !== "assistant")) {
    throw new AppError("invalid_request", "Feedback is for the assistant's messages");
  }
  if (kind === null) {
    await prisma.messageFeedback.deleteMany({ where: { messageId: { in: ids } } });
    return;
  }
  await prisma.$transaction(
    ids.map((messageId) =>
      prisma.messageFeedback.upsert({
        where: { messageId },
        create: { messageId, kind },
        update: { kind },
      }),
    ),
  );
}
