import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { getConversation } from "@/lib/chat/conversations";
import { conversationPathSchema } from "@/lib/chat/schemas";
import type { ChatMessage } from "@/lib/chat/types";
import { AppError } from "@/lib/errors";
import { LazyChatView } from "../_components/chat-view-lazy";

type Props = { params: Promise<{ id: string }> };

// Shared by generateMetadata and the page: one read per request.
const load = cache(async (userId: string, id: string) => {
  if (!conversationPathSchema.safeParse({ id }).success) notFound();
  try {
    return await getConversation(userId, id, { limit: 100 });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser();
  const conversation = await load(user.id, (await params).id);
  return { title: conversation.title };
}

export default async function ConversationPage({ params }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const conversation = await load(user.id, id);
  const messages: ChatMessage[] = conversation.messages.map(({ id, role, parts, feedback }) => ({
    id,
    role,
    parts,
    metadata: { feedback },
  }));
  return (
    <LazyChatView
      key={id}
      conversationId={id}
      initialMessages={messages}
      olderBefore={conversation.next_before}
      userName={user.name}
    />
  );
}
