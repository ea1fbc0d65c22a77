import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** One signed-in device, as the Sessions page and GET /api/sessions show it: never its token. */
export type SessionDto = {
  id: string;
  device: string;
  ip_address: string | null;
  created_at: string;
  last_active_at: string;
  current: boolean;
};

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/OPR\//, "Opera"],
  [/Firefox\//, "Firefox"],
  [/Chrom(e|ium)\//, "Chrome"],
  [/Safari\//, "Safari"],
  [/^curl\//, "curl"],
  [/^node|undici/i, "Node.js"],
];
const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad/, "iOS"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/** "Chrome on Linux", "curl", "Unknown device": enough to recognise a device, no parser library. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

/** The user's live sessions, most recently active first. */
export async function listSessions(userId: string, currentSessionId: string): Promise<SessionDto[]> {
  const rows = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    select: { id: true, userAgent: true, ipAddress: true, createdAt: true, updatedAt: true },
  });
  return rows.map((s) => ({
    id: s.id,
    device: describeDevice(s.userAgent),
    ip_address: s.ipAddress,
    created_at: s.createdAt.toISOString(),
    last_active_at: s.updatedAt.toISOString(),
    current: s.id === currentSessionId,
  }));
}

/**
 * Signs one of the user's sessions out: its cookie, its Bearer token and every JWT made from it
 * stop working at once (there is no cookie cache, and JWTs check their session). Another user's
 * session id is a 404, like one that does not exist.
 */
export async function revokeSession(userId: string, sessionId: string): Promise<void> {
  const { count } = await prisma.session.deleteMany({ where: { id: sessionId, userId } });
  if (count === 0) throw new AppError("not_found", "Session not found");
}

/** Signs the user out everywhere, this device included. */
export async function revokeAllSessions(userId: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId } });
  return count;
}
