"use client";

import Script from "next/script";
import { Suspense, lazy } from "react";

// The React bindings load only on this page, and only when ChatKit is configured.
const ChatKitEmbed = lazy(() => import("./chatkit-embed"));

/** ChatKit's script comes from OpenAI's CDN (it defines the <openai-chatkit> element). */
export const CHATKIT_SCRIPT = "https://cdn.platform.openai.com/deployments/chatkit/chatkit.js";

export function ChatKitPanel({ domainKey }: { domainKey: string }) {
  return (
    <main className="flex h-full flex-col">
      <h1 className="sr-only">ChatKit</h1>
      <Script src={CHATKIT_SCRIPT} strategy="afterInteractive" />
      <Suspense fallback={<p className="p-6 text-sm text-zinc-600 dark:text-zinc-300">Loading ChatKit…</p>}>
        <ChatKitEmbed domainKey={domainKey} />
      </Suspense>
    </main>
  );
}
