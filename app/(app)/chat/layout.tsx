import { requireUser } from "@/lib/auth/current-user";
import { listConversations } from "@/lib/chat/conversations";
import { ChatShell } from "./_components/chat-shell";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const initial = await listConversations(user.id, { limit: 30 });
  return <ChatShell initial={initial}>{children}</ChatShell>;
}
