"use client";

import { ChatKit, useChatKit } from "@openai/chatkit-react";
import { useSyncExternalStore } from "react";

const darkQuery = "(prefers-color-scheme: dark)";
const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(darkQuery);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};

/** ChatKit against Taskchat's /api/chatkit; the page's session cookie signs its requests. */
export default function ChatKitEmbed({ domainKey }: { domainKey: string }) {
  const dark = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(darkQuery).matches,
    () => false,
  );
  const { control } = useChatKit({
    api: { url: "/api/chatkit", domainKey },
    theme: { colorScheme: dark ? "dark" : "light" },
    frameTitle: "Taskchat in ChatKit",
    history: { enabled: true },
    threadItemActions: { feedback: true, retry: true },
    startScreen: {
      greeting: "What's on your list?",
      prompts: [
        { label: "Add a task", prompt: "Add a task to buy milk" },
        { label: "What's pending?", prompt: "What's still pending?" },
      ],
    },
    composer: { placeholder: "Message" },
  });
  return <ChatKit control={control} className="min-h-0 w-full flex-1" />;
}
