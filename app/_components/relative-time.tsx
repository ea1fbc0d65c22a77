"use client";

import { fullDate, relativeDate } from "@/lib/relative-time";
import { useNow } from "./use-now";

/** "5 min ago", with the full date on hover; rendered after hydration (see useNow). */
export function RelativeTime({ iso, prefix }: { iso: string; prefix?: string }) {
  const now = useNow();
  if (now === null) return null;
  return (
    <time dateTime={iso} title={fullDate(iso)}>
      {prefix}
      {relativeDate(iso, now)}
    </time>
  );
}
