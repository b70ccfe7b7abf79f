import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiSheet } from "~/domain/sheet-view";
import { findSheetVersion } from "~/models/reference-sheet.server";
import { requireApiAuth } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

/** GET /api/v1/reference-sheets/:slug[?version=N]: the sheet header and its requirements. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const { school } = await requireApiAuth(request);
  const raw = new URL(request.url).searchParams.get("version");
  const version = raw === null ? undefined : /^[1-9]\d*$/.test(raw) ? Number(raw) : NaN;
  const sheet = Number.isNaN(version) ? null : await findSheetVersion({ db, slug: params.slug ?? "", version, schoolId: school.id });
  if (!sheet) return Response.json({ error: `Référentiel introuvable : ${params.slug}` }, { status: 404 });
  return Response.json(apiSheet(sheet.data, { version: sheet.version, createdAt: sheet.createdAt, origin: sheet.origin }));
}
