import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { languageFromAcceptLanguage } from "~/domain/sentences";
import { importSheetFile, listLatestSheets } from "~/models/reference-sheet.server";
import { requireApiAuth } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { importRncpBody } from "~/models/rncp-import.server";

/** GET /api/v1/reference-sheets: every sheet in its latest version, with its counts. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { school } = await requireApiAuth(request);
  // The public sheets and the token's school's own lists (`kind` "school"; docs/decisions/054).
  const sheets = await listLatestSheets({ db, schoolId: school.id });
  return Response.json({
    referenceSheets: sheets.map(({ slug, kind, title, publisher, cncp, version, counts }) => ({ slug, kind, title, publisher, cncp, version, counts })),
  });
}

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * POST /api/v1/reference-sheets: imports a sheet (our JSON or a CASE CFPackage, as the body);
 * with `?fiche=RNCPnnnnn`, one fiche of an RNCP export (XML, its zip or the CSV zip, as the
 * body; `filename=` and `exportDate=` when the name does not carry the export's date).
 * Admins only. 201 with the new version, 200 when unchanged, 400 with the problems (in English
 * when Accept-Language prefers it).
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "Méthode non permise." }, { status: 405 });
  const { user, school } = await requireApiAuth(request, ["admin"]);
  if (new URL(request.url).searchParams.has("fiche")) {
    return importRncpBody(request, { userId: user.id, schoolId: school.id }, languageFromAcceptLanguage(request.headers.get("Accept-Language")));
  }
  const text = await request.text();
  if (text.length > MAX_IMPORT_BYTES) return Response.json({ error: "Fichier trop volumineux (5 Mo au plus)." }, { status: 413 });
  const fileName = new URL(request.url).searchParams.get("filename") ?? "import-api.json";
  const result = await importSheetFile({ db, fileName, text, actor: { userId: user.id, schoolId: school.id }, language: languageFromAcceptLanguage(request.headers.get("Accept-Language")) });
  if (result.status === "invalid") return Response.json({ error: "Fiche invalide : rien n'a été enregistré.", problems: result.errors }, { status: 400 });
  return Response.json(result, { status: result.status === "created" ? 201 : 200 });
}
