// Inputs of the notifications domain: the bell's queries and the browsers' push subscriptions.
import { z } from "zod";

export const NOTIFICATION_LIST_LIMIT = 100;

const booleanParam = z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true");

export const listNotificationsQuerySchema = z.strictObject({
  unread: booleanParam.default(false),
  limit: z.coerce.number().int().min(1).max(NOTIFICATION_LIST_LIMIT).default(20),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const notificationPathSchema = z.object({ id: z.uuid("must be a notification id (uuid)") });

// A key as the browser's PushSubscription.toJSON() gives it: unpadded base64url of a fixed size.
const base64url = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, "must be base64url")
    .refine((s) => Buffer.from(s, "base64url").length === bytes, `must be ${what} (${bytes} bytes)`);

export const pushEndpointSchema = z
  .url({ protocol: /^https$/, error: "must be an https:// URL" })
  .max(2048, "must be at most 2048 characters");

/** `host` is one of `allowed`, or under one of them (`web.push.apple.com` under `push.apple.com`). */
const isAllowedHost = (host: string, allowed: readonly string[]) =>
  allowed.some((a) => host === a || host.endsWith(`.${a}`));

/** A push endpoint URL whose host is allowed: checked when a subscription is saved and at each send. */
export const isAllowedEndpoint = (url: string, allowed: readonly string[]) =>
  URL.canParse(url) && isAllowedHost(new URL(url).hostname.toLowerCase(), allowed);

/**
 * A browser `PushSubscription` as JSON: what `POST /api/push/subscriptions` accepts. The server
 * will POST to the endpoint, so it must be on one of `pushHosts` (PUSH_ENDPOINT_HOSTS).
 */
export const pushSubscriptionSchema = (pushHosts: readonly string[]) =>
  z.object({
    // (Zod runs the refinement after a failed URL check too: that one already said what is wrong.)
    endpoint: pushEndpointSchema.refine((url) => !URL.canParse(url) || isAllowedEndpoint(url, pushHosts), {
      error: `must be on a known push service (${pushHosts.join(", ")})`,
    }),
    expirationTime: z.number().nullable().optional(),
    keys: z.strictObject({
      p256dh: base64url(65, "an uncompressed P-256 public key"),
      auth: base64url(16, "a 16-byte secret"),
    }),
  });
export type PushSubscriptionInput = z.infer<ReturnType<typeof pushSubscriptionSchema>>;

export const deletePushSubscriptionSchema = z.strictObject({ endpoint: pushEndpointSchema });
