"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { meApi, messageOf } from "@/lib/api-client";
import { field, fieldError, primaryButton, secondaryButton } from "../../tasks/_components/styles";
import { browserZone } from "../../_lib/user-zone";

const noSubscription = () => () => {};

/**
 * The account's time zone: a select of IANA zones, pre-filled with this browser's zone while the
 * account still has the default (UTC). Saving re-renders the app, so dates show in the new zone.
 */
export function TimezoneForm({ current, zones }: { current: string; zones: string[] }) {
  const router = useRouter();
  // Known only in the browser: null while rendering on the server (and hydrating).
  const browser = useSyncExternalStore(noSubscription, browserZone, () => null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const suggested = current === "UTC" && browser && browser !== "UTC" ? browser : null;
  const value = chosen ?? suggested ?? current;
  const options = browser && !zones.includes(browser) ? [browser, ...zones] : zones;
  const label = (zone: string) => zone.replaceAll("_", " ");

  async function save() {
    setPending(true);
    setError(null);
    setSaved(null);
    try {
      const profile = await meApi.setTimezone(value);
      setChosen(null);
      setSaved(`Time zone saved: ${label(profile.timezone)}.`);
      router.refresh();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      aria-labelledby="timezone-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      className="space-y-3 rounded-xl border border-zinc-200 p-4 sm:p-5 dark:border-zinc-800"
    >
      <h2 id="timezone-heading" className="text-base font-semibold">
        Time zone
      </h2>
      <p id="timezone-hint" className="text-sm text-muted">
        Due dates and reminders are read and shown in this zone, in Chat and on Tasks. Now:{" "}
        <strong className="font-medium text-zinc-900 dark:text-zinc-100" data-testid="current-timezone">
          {label(current)}
        </strong>
        .
      </p>
      <div>
        <label htmlFor="timezone" className="block text-sm font-medium">
          Time zone
        </label>
        <select
          id="timezone"
          value={value}
          disabled={pending}
          onChange={(e) => {
            setChosen(e.target.value);
            setSaved(null);
          }}
          aria-describedby={error ? "timezone-error" : "timezone-hint"}
          aria-invalid={error ? true : undefined}
          className={`${field} mt-1`}
        >
          {options.map((zone) => (
            <option key={zone} value={zone}>
              {label(zone)}
            </option>
          ))}
        </select>
        {error && (
          <p id="timezone-error" role="alert" className={fieldError}>
            {error}
          </p>
        )}
        {suggested && chosen === null && (
          <p className="mt-1.5 text-sm text-muted">
            Suggested from this browser. Save to use it.
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" disabled={pending || value === current} className={primaryButton}>
          {pending && <Loader2 className="size-4 animate-spin" aria-hidden />}
          {pending ? "Saving…" : "Save"}
        </button>
        {browser && value !== browser && (
          <button type="button" disabled={pending} onClick={() => setChosen(browser)} className={secondaryButton}>
            Use this browser’s zone ({label(browser)})
          </button>
        )}
      </div>
      <p role="status" className={saved ? "text-sm text-emerald-800 dark:text-emerald-300" : "sr-only"}>
        {saved}
      </p>
    </form>
  );
}
