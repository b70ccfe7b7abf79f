import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { NOTE_MAX } from "~/domain/matrix";
import { MAX_CELLS_PER_SAVE, saveCells, type CellWrite } from "~/models/matrix.server";
import { targetItemsAmong } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { fill, translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { requireMembership } from "~/utils/auth.server";
import { lockMessage, requireModuleRows } from "~/utils/programme-access.server";

const cellSchema = z.strictObject({
  moduleId: z.string().min(1).max(64),
  version: z.number().int().min(1),
  itemRef: z.string().min(1).max(200),
  depth: z.number().int().min(0).max(4),
  assessed: z.boolean(),
  note: z.string().max(NOTE_MAX).optional(),
});
const rangeSchema = z.strictObject({ cells: z.array(cellSchema).min(1).max(MAX_CELLS_PER_SAVE) });

type RefusedCell = { moduleId: string; itemRef: string; reason: "outside" | "notAllowed" | "stale"; current?: { depth: number; assessed: boolean; note?: string }; version?: number };

/**
 * POST /programmes/:id/matrice/cellule: the matrix's one save, for one cell or a range, all or
 * nothing (decision 035).
 *
 * One cell, `{moduleId, version, itemRef, depth, assessed, note?}`: 200 {version}; 409
 * {current, version} when that cell changed since `version`; 403 for a row the person may not
 * edit; 400 for a bad cell or a requirement outside the targets; 404 for an unknown module.
 *
 * A range, `{cells: [...]}` of such cells: 200 {versions: {moduleId: version}}; when any cell
 * is outside the matrix (400), on a row the person may not edit (403) or changed since (409),
 * nothing is saved and the answer names every such cell: {error, cells: [{moduleId, itemRef,
 * reason, current?}]}.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMembership(request);
  const locale = await getLocale(request);
  const t = translator(locale);
  const refusedSentence = (count: number) => fill(t(count === 1 ? "act.cells.refused.one" : "act.cells.refused.other"), { count });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    body = undefined;
  }
  const single = cellSchema.safeParse(body);
  const range = single.success ? null : rangeSchema.safeParse(body);
  const cells = single.success ? [single.data] : range?.success ? range.data.cells : [];
  // The programme first (404 for one that is not the school's, whatever the body), then the cells.
  const { programme, modules, lockedBy, canEditRow, actor } = await requireModuleRows(ctx, params.id, [...new Set(cells.map((cell) => cell.moduleId))]);
  if (body === undefined) return Response.json({ error: t("act.cell.jsonExpected") }, { status: 400 });
  if (cells.length === 0) return Response.json({ error: t("act.cell.invalid") }, { status: 400 });
  if (new Set(cells.map((cell) => `${cell.moduleId}|${cell.itemRef}`)).size !== cells.length) return Response.json({ error: t("act.cells.twice") }, { status: 400 });
  if (single.success && !modules.has(single.data.moduleId)) return Response.json({ error: t("act.cell.moduleNotFound") }, { status: 404 });
  if (lockedBy !== null) return Response.json({ error: lockMessage(lockedBy, locale) }, { status: 409 });

  const targeted = await targetItemsAmong({ db, schoolId: ctx.school.id, programme, itemRefs: [...new Set(cells.map((cell) => cell.itemRef))] });
  const refused: RefusedCell[] = [];
  for (const { moduleId, itemRef } of cells) {
    if (!modules.has(moduleId) || !targeted.has(itemRef)) refused.push({ moduleId, itemRef, reason: "outside" });
    else if (!canEditRow(moduleId)) refused.push({ moduleId, itemRef, reason: "notAllowed" });
  }
  if (single.success && refused.length) {
    const { itemRef } = single.data;
    if (refused[0].reason === "notAllowed") return Response.json({ error: t("act.cell.notYourModule") }, { status: 403 });
    return Response.json({ error: fill(t("act.cell.notTargeted"), { ref: itemRef }) }, { status: 400 });
  }
  if (refused.length) {
    const outside = refused.some((cell) => cell.reason === "outside");
    return Response.json({ error: refusedSentence(refused.length), cells: refused }, { status: outside ? 400 : 403 });
  }

  const writes: CellWrite[] = cells.map(({ moduleId, version, itemRef, depth, assessed, note }) => ({
    moduleId,
    version,
    itemRef,
    value: { depth, assessed: depth === 0 ? false : assessed, ...(note === undefined ? {} : { note: depth === 0 ? "" : note }) },
  }));
  const result = await saveCells({ db, schoolId: actor.schoolId, programmeId: programme.id, cells: writes, actor });
  if (result.ok) return Response.json(single.success ? { version: result.versions[single.data.moduleId] } : { versions: result.versions });
  if (result.reason === "locked") return Response.json({ error: lockMessage(result.lockedBy, locale) }, { status: 409 });
  if (single.success) {
    const [cell] = result.cells;
    if (cell.reason === "stale") return Response.json({ error: t("act.cell.conflict"), current: cell.current, version: cell.version }, { status: 409 });
    return Response.json({ error: t("act.cell.moduleNotFound") }, { status: 404 });
  }
  const named: RefusedCell[] = result.cells.map((cell) =>
    cell.reason === "stale"
      ? { moduleId: cell.moduleId, itemRef: cell.itemRef, reason: "stale", current: cell.current, version: cell.version }
      : { moduleId: cell.moduleId, itemRef: cell.itemRef, reason: "outside" },
  );
  return Response.json({ error: refusedSentence(named.length), cells: named }, { status: 409 });
}

export function loader() {
  return Response.json({ error: "Utilisez POST." }, { status: 405 });
}
