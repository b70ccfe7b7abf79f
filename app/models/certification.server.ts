/**
 * RNCP certifications in the database: one fiche of an export imported as a version of its
 * sheet (`rncp-<number>`), and the blocs of a stored version for the coverage per bloc.
 * Reading the export is app/utils/rncp-export.server.ts; the fiche becomes a sheet in the pure
 * app/domain/rncp-fiche.ts; the version is saved like any imported sheet (one transaction,
 * one audit row), so a newer export makes a new version that programmes upgrade to as usual.
 */
import type { Db } from "~/utils/create-db.server";
import { blocCoverage, blocsOfSheet, type BlocDefinition, type ModuleInfo } from "~/domain/bloc-coverage";
import type { CoverageResult } from "~/domain/coverage";
import { referenceSheetSchema } from "~/domain/reference-data";
import { ficheToSheet, normaliseFicheNumber, refusalTexts } from "~/domain/rncp-fiche";
import { renderSentence, sentence, type Language } from "~/domain/sentences";
import { readRncpFiche, type ExportFile, type Progress } from "~/utils/rncp-export.server";
import type { Actor } from "./audit.server";
import { findSheetVersion, importSheet, type ImportResult } from "./reference-sheet.server";

/**
 * Imports one fiche of an RNCP export. Refused, with nothing written, when the number is not a
 * fiche's, the file is not an export or is cut short, the fiche is missing, is an RS fiche, has
 * no level or no bloc, or the export is older than the one already loaded.
 */
export async function importRncpFiche({
  db,
  file,
  fiche,
  exportDate,
  actor,
  language = "fr",
  onProgress,
}: {
  db: Db;
  file: ExportFile;
  fiche: string;
  /** YYYY-MM-DD, for a file whose name does not carry the export's date. */
  exportDate?: string;
  actor?: Actor;
  language?: Language;
  onProgress?: Progress;
}): Promise<ImportResult & { format?: "xml" | "csv" }> {
  const refuse = (errors: Parameters<typeof refusalTexts>[0]): ImportResult => ({ status: "invalid", errors: refusalTexts(errors, language) });
  const number = normaliseFicheNumber(fiche);
  if (!number) return refuse([sentence("rncp.bad_number", { fiche })]);
  const read = await readRncpFiche(file, number, { exportDate, onProgress });
  if (!read.ok) return refuse(read.errors);
  const sheet = ficheToSheet(read.fiche, read.info);
  if (!sheet.ok) return refuse(sheet.errors);
  const latest = await findSheetVersion({ db, slug: sheet.data.slug });
  const loaded = latest?.data.certification?.exportDate;
  if (latest && loaded && loaded > read.info.exportDate) {
    return refuse([sentence("rncp.older_export", { date: read.info.exportDate, version: latest.version, latest: loaded })]);
  }
  const saved = await importSheet({ db, data: sheet.data, origin: "import", actor, language });
  return saved.status === "invalid" ? saved : { ...saved, format: read.info.format };
}

/**
 * Blocs of stored sheet versions, by version id and content hash: a stored version never
 * changes (decision 015), so its content is parsed once per process.
 */
const BLOCS = new Map<string, BlocDefinition[]>();
const BLOCS_MAX = 200;

/** The blocs of a certification sheet's version (none for another kind of sheet). */
export async function certificationBlocs({ db, slug, version }: { db: Db; slug: string; version: number }): Promise<BlocDefinition[]> {
  const head = await db.referenceSheetVersion.findFirst({ where: { sheet: { slug, kind: "certification" }, version }, select: { id: true, contentHash: true } });
  if (!head) return [];
  const key = `${head.id}:${head.contentHash}`;
  const kept = BLOCS.get(key);
  if (kept) return kept;
  const row = await db.referenceSheetVersion.findUniqueOrThrow({ where: { id: head.id }, select: { content: true } });
  const blocs = blocsOfSheet(referenceSheetSchema.parse(JSON.parse(row.content)));
  if (BLOCS.size >= BLOCS_MAX) BLOCS.delete(BLOCS.keys().next().value!);
  BLOCS.set(key, blocs);
  return blocs;
}

/**
 * Coverage per bloc of a target that is an RNCP certification (none for another sheet), its
 * warnings written in `language`: what the coverage page and the report show.
 */
export async function blocCoverageOf({
  db,
  target,
  result,
  modules,
  language,
}: {
  db: Db;
  target: { sheetSlug: string; version: number };
  result: Pick<CoverageResult, "items">;
  modules: readonly ModuleInfo[];
  language: Language;
}) {
  const blocs = await certificationBlocs({ db, slug: target.sheetSlug, version: target.version });
  return blocCoverage({ slug: target.sheetSlug, blocs, items: result.items, modules }).map(({ warning, ...bloc }) => ({
    ...bloc,
    warning: warning ? renderSentence(warning.sentence, language) : null,
  }));
}
