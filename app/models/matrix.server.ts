/**
 * The one way the matrix's cells are saved: one cell or a range, one transaction, all or
 * nothing. A save names, for each cell, the version of its module it was made on; it is
 * refused (with the current value of each cell at fault) only when one of its cells changed
 * since that version, as the record per cell tells (decision 035). Every cell saved raises its
 * module's version once per save, writes the version it was set at, and appends its audit row
 * with the programme's id (the kept coverage answers follow those rows: decisions 029, 030).
 */
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/create-db.server";
import { transactionInSteps } from "~/utils/db-scope.server";
import { isStale, normaliseCell, type CellValue } from "~/domain/matrix";
import type { CncpLevel } from "~/domain/coverage";
import { expectedDepthsAt } from "~/domain/expected-depth";
import { buildMatrixData, type MatrixData, type RowLock } from "~/domain/matrix-data";
import { auditSql, type Actor } from "./audit.server";
import { loadExpectedDepths } from "./expected-depths.server";
import { programmeTargets } from "./targets.server";

export type CellWrite = { moduleId: string; version: number; itemRef: string; value: CellValue };

/** A cell that stops a save: its module is not the programme's, or it changed since. */
export type CellRefusal =
  | { moduleId: string; itemRef: string; reason: "not_found" }
  | { moduleId: string; itemRef: string; reason: "stale"; current: CellValue; version: number };

export type SaveCellsResult =
  | { ok: true; versions: Record<string, number> }
  | { ok: false; reason: "locked"; lockedBy: number }
  | { ok: false; reason: "refused"; cells: CellRefusal[] };

/** The most cells one save may carry: a paste of 20 columns down 120 modules. */
export const MAX_CELLS_PER_SAVE = 2500;

const lockSql = (programmeId: string) => Prisma.sql`SELECT "number" FROM "ProgrammeVersion" WHERE "programmeId" = ${programmeId} AND "reviewStatus" = 'submitted' LIMIT 1`;

/**
 * The module's version goes up by one; `cellsKnownFrom` moves to the version as it was when
 * another writer changed the module since the last cell save (its `cellsVersion` is behind).
 * Every right-hand side reads the row as it was, on both databases. Nothing while the draft is
 * under review: a submission between the page load and the save wins.
 */
const bumpSql = (moduleId: string, programmeId: string, schoolId: string) => Prisma.sql`
  UPDATE "Module" SET
    "cellsKnownFrom" = CASE WHEN "cellsVersion" = "version" THEN "cellsKnownFrom" ELSE "version" END,
    "version" = "version" + 1,
    "cellsVersion" = "version" + 1,
    "updatedAt" = ${new Date()}
  WHERE "id" = ${moduleId} AND "programmeId" = ${programmeId} AND "schoolId" = ${schoolId}
    AND NOT EXISTS (SELECT 1 FROM "ProgrammeVersion" v WHERE v."programmeId" = ${programmeId} AND v."reviewStatus" = 'submitted')
  RETURNING "code", "version", "cellsKnownFrom"`;

/** A cell as stored, in one row whether it is mapped, was emptied by a cell save, or neither. */
const cellSql = (moduleId: string, itemRef: string) => Prisma.sql`
  SELECT m."depth", m."assessed", m."note", m."changedAt", c."clearedAt"
  FROM (SELECT 1 AS "one") x
  LEFT JOIN "Mapping" m ON m."moduleId" = ${moduleId} AND m."itemRef" = ${itemRef}
  LEFT JOIN "ClearedCell" c ON c."moduleId" = ${moduleId} AND c."itemRef" = ${itemRef}`;

type StoredCell = { value: CellValue & { note: string }; changedAt: number };

function storedCell(row: Record<string, unknown> | undefined): StoredCell {
  if (!row || row.depth === null || row.depth === undefined) {
    return { value: { depth: 0, assessed: false, note: "" }, changedAt: row?.clearedAt == null ? 0 : Number(row.clearedAt) };
  }
  const assessed = row.assessed === true || Number(row.assessed) === 1;
  return { value: { depth: Number(row.depth), assessed, note: String(row.note ?? "") }, changedAt: Number(row.changedAt) };
}

/** The statements that write one cell at `version` (depth 0 removes the mapping and records it emptied). */
function writeSql(cell: CellWrite, version: number): Prisma.Sql[] {
  const { moduleId, itemRef, value } = cell;
  if (value.depth === 0) {
    return [
      Prisma.sql`DELETE FROM "Mapping" WHERE "moduleId" = ${moduleId} AND "itemRef" = ${itemRef}`,
      Prisma.sql`
        INSERT INTO "ClearedCell" ("moduleId", "itemRef", "clearedAt") VALUES (${moduleId}, ${itemRef}, ${version})
        ON CONFLICT ("moduleId", "itemRef") DO UPDATE SET "clearedAt" = excluded."clearedAt"`,
    ];
  }
  // One statement each (the query builder's upsert is a read and a write); a save without a
  // note leaves the note as it is.
  return [
    value.note === undefined
      ? Prisma.sql`
        INSERT INTO "Mapping" ("moduleId", "itemRef", "depth", "assessed", "note", "changedAt") VALUES (${moduleId}, ${itemRef}, ${value.depth}, ${value.assessed}, '', ${version})
        ON CONFLICT ("moduleId", "itemRef") DO UPDATE SET "depth" = excluded."depth", "assessed" = excluded."assessed", "changedAt" = excluded."changedAt"`
      : Prisma.sql`
        INSERT INTO "Mapping" ("moduleId", "itemRef", "depth", "assessed", "note", "changedAt") VALUES (${moduleId}, ${itemRef}, ${value.depth}, ${value.assessed}, ${value.note}, ${version})
        ON CONFLICT ("moduleId", "itemRef") DO UPDATE SET "depth" = excluded."depth", "assessed" = excluded."assessed", "note" = excluded."note", "changedAt" = excluded."changedAt"`,
  ];
}

/** What the audit row says of a cell: the note only when the save sets it. */
function audited(itemRef: string, code: string, value: CellValue, withNote: boolean) {
  const { depth, assessed } = value;
  return withNote ? { itemRef, module: code, depth, assessed, note: value.note ?? "" } : { itemRef, module: code, depth, assessed };
}

/**
 * Saves cells of the matrix (one or a range), all or nothing, in one transaction of two steps
 * (decision 031): every module named goes up one version and the cells are read as they are;
 * then, when no cell is at fault, the cells and their audit rows are written and committed.
 * When any cell is at fault, nothing is kept and each one is named. The caller has checked who
 * may write which row and that every requirement is one of the programme's targets.
 */
export async function saveCells({ db, schoolId, programmeId, cells, actor }: { db: Db; schoolId: string; programmeId: string; cells: readonly CellWrite[]; actor?: Actor }): Promise<SaveCellsResult> {
  const writes = cells.map((cell) => ({ ...cell, value: normaliseCell(cell.value) }));
  const moduleIds = [...new Set(writes.map((cell) => cell.moduleId))];
  return transactionInSteps(db, async (step) => {
    // The usual case in as many statements as cells and modules: nothing else is read.
    const rows = await step([...moduleIds.map((id) => bumpSql(id, programmeId, schoolId)), ...writes.map((cell) => cellSql(cell.moduleId, cell.itemRef))]);
    // Each module as it was before this save's raise, and the version this save gives it.
    const modules = new Map<string, { code: string; version: number; knownFrom: number }>();
    for (const [i, id] of moduleIds.entries()) {
      const [bumped] = rows[i];
      if (bumped) modules.set(id, { code: String(bumped.code), version: Number(bumped.version), knownFrom: Number(bumped.cellsKnownFrom) });
    }
    if (modules.size < moduleIds.length) {
      // Why not, read in the same transaction: a submission for review since the page loaded wins.
      const [[lock]] = await step([lockSql(programmeId)], { last: true, rollback: true });
      if (lock) return { ok: false, reason: "locked", lockedBy: Number(lock.number) };
      return { ok: false, reason: "refused", cells: writes.filter((cell) => !modules.has(cell.moduleId)).map((cell) => ({ moduleId: cell.moduleId, itemRef: cell.itemRef, reason: "not_found" as const })) };
    }
    const stored = writes.map((_, i) => storedCell(rows[moduleIds.length + i][0]));
    const refused: CellRefusal[] = [];
    for (const [i, cell] of writes.entries()) {
      const module = modules.get(cell.moduleId)!;
      // The module before the raise: at `version - 1`, its record per cell complete from `knownFrom`.
      const before = { version: module.version - 1, cellsVersion: module.version - 1, cellsKnownFrom: module.knownFrom };
      if (isStale(cell.version, before, stored[i].changedAt)) {
        refused.push({ moduleId: cell.moduleId, itemRef: cell.itemRef, reason: "stale", current: stored[i].value, version: before.version });
      }
    }
    if (refused.length) {
      await step([], { last: true, rollback: true });
      return { ok: false, reason: "refused", cells: refused };
    }
    const statements: Prisma.Sql[] = [];
    for (const [i, cell] of writes.entries()) {
      const { code, version } = modules.get(cell.moduleId)!;
      const withNote = cell.value.note !== undefined;
      if (actor) {
        const entry = { action: "set_mapping", entity: "module", programmeId, entityId: cell.moduleId, before: audited(cell.itemRef, code, stored[i].value, withNote), after: audited(cell.itemRef, code, cell.value, withNote) };
        statements.push(auditSql(actor, entry));
      }
      statements.push(...writeSql(cell, version));
    }
    await step(statements, { last: true });
    return { ok: true, versions: Object.fromEntries([...modules].map(([id, m]) => [id, m.version])) };
  }, { timeout: 60_000 });
}

/** The notes of a programme's mappings (only those that have one): module id → item → note. */
export async function programmeNotes(db: Db, programmeId: string) {
  const rows = await db.$queryRaw<{ moduleId: string; itemRef: string; note: string }[]>`
    SELECT m."moduleId", m."itemRef", m."note" FROM "Mapping" m JOIN "Module" mo ON mo."id" = m."moduleId"
    WHERE mo."programmeId" = ${programmeId} AND m."note" <> ''`;
  const notes = new Map<string, Map<string, string>>();
  for (const row of rows) {
    let byItem = notes.get(row.moduleId);
    if (!byItem) notes.set(row.moduleId, (byItem = new Map()));
    byItem.set(row.itemRef, row.note);
  }
  return notes;
}

/**
 * Where each requirement of the programme's targets comes from, at the pinned sheet versions:
 * `<slug>|<code>` → the source file and its sentence, and the editorial reason if it is one.
 */
export async function requirementSources(db: Db, targets: readonly { sheetSlug: string; sheetVersion: number }[]) {
  if (targets.length === 0) return new Map<string, { file: string; quote: string; editorial: string | null }>();
  const rows = await db.sheetRequirement.findMany({
    where: { OR: targets.map((t) => ({ sheetVersion: { version: t.sheetVersion, sheet: { slug: t.sheetSlug } } })) },
    select: { code: true, sourceFile: true, sourceQuote: true, editorial: true, editorialReason: true, sheetVersion: { select: { sheet: { select: { slug: true } } } } },
  });
  return new Map(rows.map((r) => [`${r.sheetVersion.sheet.slug}|${r.code}`, { file: r.sourceFile, quote: r.sourceQuote, editorial: r.editorial ? (r.editorialReason ?? "") : null }]));
}

/** What the matrix reads of a programme (a `ProgrammeDetail` has it all). */
type MatrixProgramme = Parameters<typeof programmeTargets>[1] & { id: string; entryEcts: number; semesters: number; modules: Parameters<typeof buildMatrixData>[0]["modules"] };

/**
 * The matrix of a programme as its pages carry it (the grid and its print layout): its targets,
 * where each requirement comes from, the notes, and the depths expected at its level where a
 * sheet gives none, so the grid's columns and live coverage follow the coverage page's rule.
 */
export async function loadMatrixData(
  db: Db,
  programme: MatrixProgramme,
  rowState: (moduleId: string) => { mine: boolean; lock: RowLock | null },
): Promise<MatrixData> {
  const level = programme.level as CncpLevel;
  const [targets, sources, notes, settings] = await Promise.all([
    programmeTargets(db, programme),
    requirementSources(db, programme.targets),
    programmeNotes(db, programme.id),
    loadExpectedDepths(db, programme.schoolId, programme.id),
  ]);
  return buildMatrixData({ level, entryEcts: programme.entryEcts, semesters: programme.semesters, targets, sources, modules: programme.modules, notes, rowState, expected: expectedDepthsAt(settings, level) });
}
