// GET /health — alias of /api/health for load balancers and uptime checks
export { GET, POST, PUT, PATCH, DELETE } from "@/app/api/health/route";

export const dynamic = "force-dynamic";
