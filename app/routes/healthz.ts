import { checkHealth } from "~/models/health.server";

/** GET /healthz: 200 with JSON when the database answers, 503 otherwise. */
export async function loader() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
