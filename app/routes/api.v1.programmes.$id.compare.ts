import type { LoaderFunctionArgs } from "@remix-run/node";
import { compareVersions, parseVersionKey } from "~/models/programme-version.server";
import { db } from "~/utils/db.server";
import { requireApiProgramme } from "~/utils/programme-access.server";

/** GET /api/v1/programmes/:id/compare?from=N|draft&to=M|draft: the diff between two versions as JSON. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireApiProgramme(request, params.id);
  const url = new URL(request.url);
  const from = parseVersionKey(url.searchParams.get("from"));
  const to = parseVersionKey(url.searchParams.get("to"));
  if (from === null || to === null) return Response.json({ error: "Paramètres « from » et « to » attendus : un numéro de version ou « draft »." }, { status: 400 });
  const diff = await compareVersions({ db, schoolId: ctx.school.id, programmeId: programme.id, from, to });
  if (!diff) return Response.json({ error: "Version introuvable." }, { status: 404 });
  return Response.json({ programmeId: programme.id, from, to, diff });
}
