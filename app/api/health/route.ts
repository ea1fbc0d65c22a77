// GET /api/health — {"status":"ok"} when the database answers, else 503
import { isDatabaseHealthy } from "@/lib/health";
import { handle, methods } from "@/lib/http";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: handle(async () =>
    (await isDatabaseHealthy())
      ? Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } })
      : Response.json({ status: "error" }, { status: 503, headers: { "Cache-Control": "no-store" } }),
  ),
});
