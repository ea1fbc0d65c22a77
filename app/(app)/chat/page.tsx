import type { Metadata } from "next";

export const metadata: Metadata = { title: "Chat" };

export default function ChatPage() {
  return (
    <main className="mx-auto flex h-full max-w-2xl flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Chat</h1>
      <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">The assistant arrives here soon.</p>
    </main>
  );
}
