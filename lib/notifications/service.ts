import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type Actor, recordEvent } from "@/lib/events/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ListNotificationsQuery, PushSubscriptionInput } from "./schemas";

// The only code that touches notification and push subscription rows. Every query is scoped by
// the user id. Notifications are written by the reminder firing (lib/reminders/fire.ts).

/** The longest body a notification keeps of its task's description. */
export const NOTIFICATION_BODY_CHARS = 500;

export type NotificationDto = {
  id: string;
  task_id: number | null;
  title: string;
  body: string;
  fired_at: string;
  read_at: string | null;
};

export type NotificationList = { notifications: NotificationDto[]; unread: number };

type NotificationRow = {
  id: string;
  taskId: number | null;
  title: string;
  body: string;
  firedAt: Date;
  readAt: Date | null;
};

export function toNotificationDto(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    task_id: row.taskId,
    title: row.title,
    body: row.body,
    fired_at: row.firedAt.toISOString(),
    read_at: row.readAt?.toISOString() ?? null,
  };
}

/** Writes notifications in the caller's transaction, in one statement. */
export async function createNotifications(
  tx: Prisma.TransactionClient,
  items: { userId: string; taskId: number; title: string; body: string }[],
): Promise<(NotificationDto & { user_id: string })[]> {
  const rows = await tx.notification.createManyAndReturn({
    data: items.map((i) => ({ ...i, body: i.body.slice(0, NOTIFICATION_BODY_CHARS) })),
  });
  return rows.map((row) => ({ ...toNotificationDto(row), user_id: row.userId }));
}

/** The newest notifications (only the unread ones with `unread`), and how many are unread in all. */
export async function listNotifications(userId: string, query: ListNotificationsQuery): Promise<NotificationList> {
  const unreadWhere = { userId, readAt: null };
  const [rows, unread] = await Promise.all([
    prisma.notification.findMany({
      where: query.unread ? unreadWhere : { userId },
      orderBy: [{ firedAt: "desc" }, { id: "desc" }],
      take: query.limit,
    }),
    prisma.notification.count({ where: unreadWhere }),
  ]);
  return { notifications: rows.map(toNotificationDto), unread };
}

/**
 * Marks notifications read (one by id, or all of them) and records a `notification.read` event
 * in the same transaction, so the bell in every open tab catches up. Reading again changes
 * nothing (the first read time stays) and records nothing. Returns the ids it marked.
 */
async function markRead(actor: Actor, only?: string): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.notification.updateManyAndReturn({
      where: { userId: actor.userId, readAt: null, ...(only !== undefined && { id: only }) },
      data: { readAt: new Date() },
      select: { id: true },
    });
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) await recordEvent(tx, actor, { type: "notification.read", data: { ids } });
    return ids;
  });
}

/** Marks one notification read (reading it again keeps the first time). */
export async function markNotificationRead(actor: Actor, id: string): Promise<NotificationDto> {
  await markRead(actor, id);
  const row = await prisma.notification.findFirst({ where: { id, userId: actor.userId } });
  if (!row) throw new AppError("not_found", "Notification not found");
  return toNotificationDto(row);
}

export async function markAllNotificationsRead(actor: Actor): Promise<{ updated: number }> {
  return { updated: (await markRead(actor)).length };
}

/** A user holds at most this many push subscriptions (browsers); the oldest make room. */
export const MAX_PUSH_SUBSCRIPTIONS = 20;

/**
 * Saves a browser's push subscription for the user. The endpoint identifies the browser: the
 * same browser subscribing again (or for another user after a sign-in) replaces its row.
 */
export async function savePushSubscription(userId: string, input: PushSubscriptionInput): Promise<void> {
  const data = { userId, p256dh: input.keys.p256dh, auth: input.keys.auth };
  await prisma.$transaction(async (tx) => {
    await tx.pushSubscription.upsert({
      where: { endpoint: input.endpoint },
      create: { endpoint: input.endpoint, ...data },
      update: { ...data, createdAt: new Date() },
    });
    const stale = await tx.pushSubscription.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      skip: MAX_PUSH_SUBSCRIPTIONS,
      select: { id: true },
    });
    if (stale.length > 0) await tx.pushSubscription.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  });
}

/** Forgets a browser's subscription (the user's own only). */
export async function deletePushSubscription(userId: string, endpoint: string): Promise<{ deleted: boolean }> {
  const { count } = await prisma.pushSubscription.deleteMany({ where: { userId, endpoint } });
  return { deleted: count > 0 };
}
