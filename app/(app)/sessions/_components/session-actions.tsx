"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

const buttonClass =
  "rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60 dark:border-zinc-600 dark:text-zinc-100 dark:hover:bg-zinc-800";

/**
 * A button that signs sessions out through /api/sessions: one (`sessionId`) or all of them. When
 * the browser's own session ends, it goes to /sign-in; otherwise the list is refreshed.
 */
export function SignOutSessionButton({
  sessionId,
  endsThisDevice,
  label,
  accessibleName,
}: {
  sessionId?: string;
  endsThisDevice: boolean;
  label: string;
  accessibleName?: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className={buttonClass}
        disabled={pending}
        aria-label={accessibleName}
        onClick={async () => {
          setPending(true);
          setError(null);
          const res = await fetch(sessionId ? `/api/sessions/${encodeURIComponent(sessionId)}` : "/api/sessions", {
            method: "DELETE",
          }).catch(() => null);
          setPending(false);
          if (!res || (!res.ok && res.status !== 404)) {
            setError("Couldn't sign out. Try again.");
            return;
          }
          if (endsThisDevice) router.replace("/sign-in");
          router.refresh();
        }}
      >
        {label}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}
