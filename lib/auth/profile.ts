import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type Profile = { id: string; email: string; name: string; timezone: string };

export async function getProfile(userId: string): Promise<Profile> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, timezone: true },
  });
  if (!user) throw new AppError("unauthorized");
  return user;
}
