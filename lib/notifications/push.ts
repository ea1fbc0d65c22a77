import "server-only";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpush, { type PushSubscription as WebPushSubscription, WebPushError } from "web-push";
import { prisma } from "@/lib/db";
import { dataDir, env } from "@/lib/env";
import { isAllowedEndpoint } from "./schemas";

// Web Push (RFC 8030/8291/8292) through the `web-push` library: it signs the VAPID JWT and
// encrypts the payload (aes128gcm); this module picks the keys, fans a message out to a user's
// browsers and forgets the browsers whose push service says they are gone (404/410), or whose
// endpoint is not on PUSH_ENDPOINT_HOSTS (any more).

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

/** What the service worker receives (public/sw.js shows it). */
export type PushPayload = {
  title: string;
  body: string;
  /** The page a click opens. */
  url: string;
  /** Notifications with the same tag replace each other. */
  tag: string;
  notification_id: string;
};

// A reminder that arrives a day late is no longer worth showing.
const PUSH_TTL_SECONDS = 24 * 60 * 60;
const PUSH_TIMEOUT_MS = 10_000;
const SEND_CONCURRENCY = 16;

let cached: { keys: VapidKeys | null } | undefined;

// Development convenience, like the auth secret: a pair generated once and kept in .data/, so
// browsers subscribed yesterday still receive today's reminders.
function devKeys(): { publicKey: string; privateKey: string } {
  const file = path.join(dataDir, "vapid-keys.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as { publicKey: string; privateKey: string };
  const keys = webpush.generateVAPIDKeys();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  console.warn(`[taskchat] VAPID keys are not set: generated a development pair in ${file}`);
  return keys;
}

function defaultSubject(appUrl: string): string {
  return appUrl.startsWith("https://") ? appUrl : "mailto:taskchat@localhost";
}

/** The VAPID keys, or null when Web Push is off (production without keys: said once in the log). */
export function vapidKeys(): VapidKeys | null {
  if (cached) return cached.keys;
  const e = env();
  const subject = e.VAPID_SUBJECT ?? defaultSubject(e.BETTER_AUTH_URL);
  let keys: VapidKeys | null = null;
  if (e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY) {
    keys = { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject };
  } else if (!e.isProduction) {
    keys = { ...devKeys(), subject };
  } else {
    console.warn(
      "[taskchat] Web Push is disabled: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (npx web-push generate-vapid-keys). " +
        "Reminders still reach the bell and open pages.",
    );
  }
  cached = { keys };
  return keys;
}

type Subscription = { id: string; endpoint: string; p256dh: string; auth: string };

async function runPool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

export type PushOutcome = { sent: number; removed: number; failed: number };

/**
 * Sends each message to every browser its user subscribed. A push service answering 404 or 410
 * means the subscription is gone for good: its row is deleted. Other failures are logged; a
 * reminder's notification row is already committed, so nothing is lost but the popup.
 *
 * The server POSTs to whatever URL a row holds, so the allow-list that guards saving a
 * subscription is checked again here: a row saved before the list existed or before it was
 * narrowed is never sent to, and is deleted.
 */
export async function sendPush(messages: { userId: string; payload: PushPayload }[]): Promise<PushOutcome> {
  const outcome: PushOutcome = { sent: 0, removed: 0, failed: 0 };
  const keys = vapidKeys();
  if (!keys || messages.length === 0) return outcome;
  const userIds = [...new Set(messages.map((m) => m.userId))];
  const subscriptions = await prisma.pushSubscription.findMany({
    where: { userId: { in: userIds } },
    select: { id: true, userId: true, endpoint: true, p256dh: true, auth: true },
  });
  const hosts = env().PUSH_ENDPOINT_HOSTS;
  const gone = new Set<string>();
  const byUser = new Map<string, Subscription[]>();
  for (const s of subscriptions) {
    if (!isAllowedEndpoint(s.endpoint, hosts)) {
      gone.add(s.id);
      continue;
    }
    byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s]);
  }
  if (gone.size > 0) console.warn(`[taskchat] push: ${gone.size} subscription(s) off PUSH_ENDPOINT_HOSTS removed`);
  const deliveries = messages.flatMap((m) =>
    (byUser.get(m.userId) ?? []).map((s) => ({ subscription: s, payload: m.payload })),
  );
  const options = {
    vapidDetails: keys,
    TTL: PUSH_TTL_SECONDS,
    urgency: "high" as const,
    timeout: PUSH_TIMEOUT_MS,
  };
  await runPool(deliveries, SEND_CONCURRENCY, async ({ subscription, payload }) => {
    if (gone.has(subscription.id)) return;
    try {
      await webpush.sendNotification(toWebPush(subscription), JSON.stringify(payload), options);
      outcome.sent++;
    } catch (error) {
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
        gone.add(subscription.id);
        return;
      }
      outcome.failed++;
      console.warn(`[taskchat] push to ${new URL(subscription.endpoint).host} failed:`, describe(error));
    }
  });
  if (gone.size > 0) {
    const { count } = await prisma.pushSubscription.deleteMany({ where: { id: { in: [...gone] } } });
    outcome.removed = count;
  }
  return outcome;
}

function toWebPush(s: Subscription): WebPushSubscription {
  return { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } };
}

function describe(error: unknown): string {
  if (error instanceof WebPushError) return `${error.statusCode} ${error.body}`.trim();
  return error instanceof Error ? error.message : String(error);
}
