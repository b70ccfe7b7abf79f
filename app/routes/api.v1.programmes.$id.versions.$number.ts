import type { LoaderFunctionArgs } from "@remix-run/node";
import { getVersion } from "~/models/programme-version.server";
import { db } from "~/utils/db.server";
import { requireApiProgramme } from "~/utils/programme-access.server";

/**
 * GET /api/v1/programmes/:id/versions/:number: the snapshot exactly as stored (canonical JSON),
 * its SHA-256 in the `Digest` header: anyone can check `sha256(body) === hash`.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireApiProgramme(request, params.id);
  const number = Number(params.number);
  const version = Number.isInteger(number) ? await getVersion({ db, schoolId: ctx.school.id, programmeId: programme.id, number }) : null;
  if (!version) return Response.json({ error: "Version introuvable." }, { status: 404 });
  return new Response(version.snapshotText, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "X-Snapshot-SHA256": version.snapshotHash,
      "X-Review-Status": version.reviewStatus ?? "published",
    },
  });
}
