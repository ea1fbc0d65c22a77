// GET /api/push/key — the VAPID public key browsers subscribe with (503 when Web Push is off)
import { AppError } from "@/lib/errors";
import { handle, methods } from "@/lib/http";
import { vapidKeys } from "@/lib/notifications/push";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: handle(async () => {
    const keys = vapidKeys();
    if (!keys) throw new AppError("unavailable", "Web Push is not configured on this server");
    return Response.json({ publicKey: keys.publicKey });
  }),
});
