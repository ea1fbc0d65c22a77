import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requireUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { ChatKitPanel } from "./_components/chatkit-panel";

export const metadata: Metadata = { title: "ChatKit" };

const code = "rounded bg-zinc-100 px-1 py-0.5 font-mono text-[13px] text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100";

/** /chatkit: OpenAI's ChatKit UI on Taskchat's own backend, when a domain key is configured. */
export default async function ChatKitPage() {
  await connection(); // the key is read at run time, so one build serves any deployment
  await requireUser();
  const domainKey = env().NEXT_PUBLIC_CHATKIT_DOMAIN_KEY;
  if (domainKey) return <ChatKitPanel domainKey={domainKey} />;
  return (
    <main className="h-full overflow-y-auto">
      <div className="mx-auto w-full max-w-2xl px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
        <h1 className="text-2xl font-semibold tracking-tight">Use OpenAI&apos;s ChatKit UI</h1>
        <p className="mt-3 text-[15px] leading-relaxed text-zinc-700 dark:text-zinc-300">
          Taskchat is a ChatKit backend: OpenAI&apos;s ChatKit web component can talk to{" "}
          <code className={code}>/api/chatkit</code> with your tasks, conversations and the same assistant. ChatKit
          loads its interface from OpenAI&apos;s servers and needs a domain key, so it is off on this server.
        </p>
        <h2 className="mt-8 text-lg font-semibold">To turn it on</h2>
        <ol className="mt-3 list-decimal space-y-2 pl-5 text-[15px] leading-relaxed text-zinc-700 dark:text-zinc-300">
          <li>
            Add this site to your organization&apos;s domain allowlist on OpenAI&apos;s platform (Settings → Security →
            Domain allowlist) and copy its domain key.
          </li>
          <li>
            Set <code className={code}>NEXT_PUBLIC_CHATKIT_DOMAIN_KEY</code> to that key in the server&apos;s
            environment and restart it.
          </li>
          <li>Open this page again: ChatKit appears here, signed in as you.</li>
        </ol>
        <p className="mt-8 text-[15px] text-zinc-700 dark:text-zinc-300">
          Meanwhile, Taskchat&apos;s own chat does all of this without a key:{" "}
          <Link href="/chat" className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            open the chat
          </Link>
          .
        </p>
      </div>
    </main>
  );
}
