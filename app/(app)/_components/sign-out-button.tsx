"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { authApi } from "@/lib/api-client";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // The app's small client rather than Better Auth's, which would add its code to every app page.
        await authApi.signOut().catch(() => undefined);
        router.replace("/sign-in");
        router.refresh();
      }}
      className="rounded-lg px-2.5 py-1.5 text-sm whitespace-nowrap text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 disabled:opacity-60 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white"
    >
      Sign out
    </button>
  );
}
