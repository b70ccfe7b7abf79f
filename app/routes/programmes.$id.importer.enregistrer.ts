import type { ActionFunctionArgs } from "@remix-run/node";
import { isImportMode } from "~/domain/import-plan";
import { translator } from "~/i18n";
import { checkImportInto, importIntoProgramme } from "~/models/programme-import.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { lockMessage } from "~/utils/programme-access.server";
import { requireProgrammeForImport } from "~/utils/import-into-guard.server";
import { readUpload } from "~/utils/programme-upload.server";

/**
 * POST (multipart: file, mode, digest of the preview) → 200 {ok}: the file applied to the
 * programme, all or nothing. 400 with the problems; 409 when the programme is under review or
 * changed since the preview (nothing saved).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, actor } = await requireProgrammeForImport(request, params.id);
  const language = await getLocale(request);
  const t = translator(language);
  const upload = await readUpload(request, language);
  if (!upload.ok) return Response.json(upload, { status: 400 });
  const mode = upload.formData.get("mode");
  if (!isImportMode(mode)) return Response.json({ ok: false, problems: [], formErrors: [t("imp.into.mode")] }, { status: 400 });
  const outcome = await checkImportInto({ db, programme, rows: upload.rows, facts: upload.facts, mode, language });
  if (!outcome.ok) return Response.json(outcome, { status: 400 });
  const changed = Response.json({ ok: false, problems: [], formErrors: [t("imp.into.changed")] }, { status: 409 });
  const digest = String(upload.formData.get("digest") ?? "");
  if (outcome.digest !== digest) return changed;
  const result = await importIntoProgramme({ db, schoolId: actor.schoolId, programmeId: programme.id, incoming: outcome.incoming, mode, digest, actor });
  if (result.ok) return Response.json({ ok: true });
  if (result.reason === "locked") return Response.json({ ok: false, problems: [], formErrors: [lockMessage(result.lockedBy, language)] }, { status: 409 });
  if (result.reason === "changed") return changed;
  throw new Response(t("prog.error.programmeNotFound"), { status: 404 });
}
