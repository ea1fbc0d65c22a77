import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** `timezone_set`: the zone was chosen (in Settings, or adopted from a browser once), not the default. */
export type Profile = { id: string; email: string; name: string; timezone: string; timezone_set: boolean };

export async function getProfile(userId: string): Promise<Profile> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, timezone: true, timezoneSetAt: true },
  });
  if (!user) throw new AppError("unauthorized");
  const { timezoneSetAt, ...profile } = user;
  return { ...profile, timezone_set: timezoneSetAt !== null };
}
