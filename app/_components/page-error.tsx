"use client";

import { useEffect, useState } from "react";
import { healthApi } from "@/lib/api-client";

const button =
  "mt-5 inline-flex min-h-10 items-center justify-center rounded-lg bg-indigo-600 px-3.5 text-sm font-medium text-white shadow-sm transition-colors hover:bg-indigo-500 sm:min-h-9";

/**
 * What a page shows when it could not be rendered. A production build hides the server's error
 * from the browser, so the page asks /api/health: when the database is away, it says the service
 * is temporarily unavailable (as the API's 503 does) instead of blaming a bug.
 */
export function PageError({ title, detail, retry }: { title: string; detail: string; retry: () => void }) {
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    let live = true;
    void healthApi.isUp().then((up) => live && setUnavailable(!up));
    return () => {
      live = false;
    };
  }, []);
  return (
    <main className="flex h-full min-h-full items-center justify-center px-4 py-16">
      <div role="alert" className="max-w-sm text-center">
        <h1 className="text-lg font-semibold tracking-tight">
          {unavailable ? "Service temporarily unavailable" : title}
        </h1>
        <p className="mt-1 text-sm text-muted">
          {unavailable
            ? "The database isn't answering right now. Nothing you saved is lost; try again in a moment."
            : detail}
        </p>
        <button type="button" onClick={() => retry()} className={button}>
          Try again
        </button>
      </div>
    </main>
  );
}
