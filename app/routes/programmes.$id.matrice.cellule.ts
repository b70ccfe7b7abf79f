import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setMapping } from "~/models/programme.server";
import { isTargetItem } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { fill, translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { requireMembership } from "~/utils/auth.server";
import { lockMessage, requireModuleRow } from "~/utils/programme-access.server";

const cellSchema = z.strictObject({
  moduleId: z.string().min(1).max(64),
  version: z.number().int().min(1),
  itemRef: z.string().min(1).max(200),
  depth: z.number().int().min(0).max(4),
  assessed: z.boolean(),
});

/**
 * POST /programmes/:id/matrice/cellule {moduleId, version, itemRef, depth, assessed}: saves
 * one cell of the matrix. 200 {version}; 409 {current, version} when the module changed
 * since `version`; 403 for a row the person may not edit; 400 for a bad cell.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMembership(request);
  const locale = await getLocale(request);
  const t = translator(locale);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    body = undefined;
  }
  const parsed = cellSchema.safeParse(body);
  // The programme first (404 for one that is not the school's, whatever the body), then the cell.
  const { programme, module, lockedBy, canEditRow, actor } = await requireModuleRow(ctx, params.id, parsed.success ? parsed.data.moduleId : "");
  if (body === undefined) return Response.json({ error: t("act.cell.jsonExpected") }, { status: 400 });
  if (!parsed.success) return Response.json({ error: t("act.cell.invalid") }, { status: 400 });
  const { moduleId, version, itemRef, depth, assessed } = parsed.data;
  if (!module) return Response.json({ error: t("act.cell.moduleNotFound") }, { status: 404 });
  if (lockedBy !== null) return Response.json({ error: lockMessage(lockedBy, locale) }, { status: 409 });
  if (!canEditRow) return Response.json({ error: t("act.cell.notYourModule") }, { status: 403 });
  if (!(await isTargetItem({ db, programme, itemRef }))) {
    return Response.json({ error: fill(t("act.cell.notTargeted"), { ref: itemRef }) }, { status: 400 });
  }
  const result = await setMapping({ db, schoolId: actor.schoolId, programmeId: programme.id, moduleId, expectedVersion: version, itemRef, value: { depth, assessed: depth === 0 ? false : assessed }, actor });
  if (result.ok) return Response.json({ version: result.version });
  if (result.reason === "locked") return Response.json({ error: lockMessage(result.lockedBy, locale) }, { status: 409 });
  if (result.reason === "conflict") return Response.json({ error: t("act.cell.conflict"), current: result.current, version: result.version }, { status: 409 });
  return Response.json({ error: t("act.cell.moduleNotFound") }, { status: 404 });
}

export function loader() {
  return Response.json({ error: "Utilisez POST." }, { status: 405 });
}
