"use client";

import { createContext, useContext } from "react";

// The signed-in user's IANA time zone (GET /api/me's `timezone`), given by the app layout: every
// date the app shows or reads is in it, whatever zone the browser happens to be in.
const UserZoneContext = createContext("UTC");

export function UserZoneProvider({ zone, children }: { zone: string; children: React.ReactNode }) {
  return <UserZoneContext value={zone}>{children}</UserZoneContext>;
}

export function useUserZone(): string {
  return useContext(UserZoneContext);
}

/** The zone this browser runs in ("UTC" when it cannot say). */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
