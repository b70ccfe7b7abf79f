import type { ActionFunctionArgs } from "@remix-run/node";
import { isImportMode, planPreview } from "~/domain/import-plan";
import { translator } from "~/i18n";
import { checkImportInto } from "~/models/programme-import.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { requireProgrammeForImport } from "~/utils/import-into-guard.server";
import { readUpload } from "~/utils/programme-upload.server";

/**
 * POST (multipart: file, mode "merge" or "replace") → JSON: every problem by line (400), or what
 * importing the file into the programme would change, with the plan's digest to confirm it.
 * Writes nothing.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { programme } = await requireProgrammeForImport(request, params.id);
  const language = await getLocale(request);
  const upload = await readUpload(request, language);
  if (!upload.ok) return Response.json(upload, { status: 400 });
  const mode = upload.formData.get("mode");
  if (!isImportMode(mode)) return Response.json({ ok: false, problems: [], formErrors: [translator(language)("imp.into.mode")] }, { status: 400 });
  const outcome = await checkImportInto({ db, programme, rows: upload.rows, facts: upload.facts, mode, language });
  if (!outcome.ok) return Response.json(outcome, { status: 400 });
  return Response.json({ ok: true, digest: outcome.digest, rows: outcome.rowCount, preview: planPreview(outcome.plan) });
}
