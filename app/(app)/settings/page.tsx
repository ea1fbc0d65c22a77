import type { Metadata } from "next";
import { connection } from "next/server";
import { requireUser } from "@/lib/auth/current-user";
import { getProfile } from "@/lib/auth/profile";
import { TimezoneForm } from "./_components/timezone-form";

export const metadata: Metadata = { title: "Settings" };

/** /settings: the account's time zone, in which every due date and reminder is read and shown. */
export default async function SettingsPage() {
  await connection();
  const user = await requireUser();
  const profile = await getProfile(user.id);
  // The zones this server knows (the browser's own is added in the form if it is missing).
  const zones = Intl.supportedValuesOf("timeZone");
  return (
    <main className="h-full overflow-y-auto">
      <div className="mx-auto w-full max-w-2xl px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
        <header className="mb-6">
          <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
          <p className="mt-1 text-sm text-muted">Signed in as {profile.email}.</p>
        </header>
        <TimezoneForm current={profile.timezone} zones={zones.includes("UTC") ? zones : ["UTC", ...zones]} />
      </div>
    </main>
  );
}
