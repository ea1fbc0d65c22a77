import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { NewChat } from "./_components/new-chat";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatPage() {
  const user = await requireUser();
  return <NewChat userName={user.name} />;
}
