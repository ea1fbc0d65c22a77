// GET /api/push/key — {publicKey}: the VAPID key browsers subscribe with (null when Web Push is off)
import { handle, methods } from "@/lib/http";
import { vapidKeys } from "@/lib/notifications/push";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: handle(async () => Response.json({ publicKey: vapidKeys()?.publicKey ?? null })),
});
