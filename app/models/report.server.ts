/**
 * The accreditation report's content (app/domain/report.ts), built once for the page, its PDF,
 * its workbook and its CSV: the programme and its modules, the newest published version, and
 * for each target its coverage with, from the sheet version the programme is checked against,
 * every requirement's source quote, editorial reason and note, and the sheet's title,
 * publisher, date and level (with the reason when the level is the transcription's).
 */
import { mappingNotes } from "~/domain/mapping-notes";
import { gapList, LEVEL_TOTAL_ECTS, type CncpLevel } from "~/domain/coverage";
import { expectedDepthList, expectedDepthsAt } from "~/domain/expected-depth";
import { isEmptySnapshotDiff } from "~/domain/programme-version";
import { moduleHours } from "~/domain/programme";
import { referenceSheetSchema, type ReferenceSheetData } from "~/domain/reference-data";
import type { ReportData, ReportItem, ReportTarget } from "~/domain/report";
import { renderSentence, type Language } from "~/domain/sentences";
import { requirementRef } from "~/domain/sheet-view";
import type { Db } from "~/utils/create-db.server";
import { blocCoverageOf } from "./certification.server";
import { programmeCoverage } from "./coverage.server";
import type { ProgrammeDetail } from "./programme.server";
import { compareVersions, listVersions } from "./programme-version.server";
import { visibleSheets } from "./reference-sheet.server";

/** The stored sheet versions a programme is checked against, with their whole content. */
async function sheetVersions(db: Db, schoolId: string, pins: readonly { sheetSlug: string; sheetVersion: number }[]) {
  if (pins.length === 0) return new Map<string, { data: ReferenceSheetData; createdAt: Date }>();
  const rows = await db.referenceSheetVersion.findMany({
    where: { sheet: visibleSheets(schoolId), OR: pins.map((pin) => ({ sheet: { slug: pin.sheetSlug }, version: pin.sheetVersion })) },
    select: { content: true, createdAt: true, sheet: { select: { slug: true } } },
  });
  return new Map(rows.map((row) => [row.sheet.slug, { data: referenceSheetSchema.parse(JSON.parse(row.content)), createdAt: row.createdAt }]));
}

export async function buildReport({ db, schoolId, programme, language, timeZone, now = new Date() }: { db: Db; schoolId: string; programme: ProgrammeDetail; language: Language; timeZone: string; now?: Date }): Promise<ReportData> {
  const found = await programmeCoverage({ db, schoolId, programmeId: programme.id, loaded: programme });
  const coverages = found?.coverages ?? [];
  const [sheets, versions] = await Promise.all([
    sheetVersions(db, schoolId, coverages.map((c) => ({ sheetSlug: c.target.sheetSlug, sheetVersion: c.target.version }))),
    listVersions({ db, schoolId, programmeId: programme.id }),
  ]);
  const newest = versions[0];
  const pending = newest ? await compareVersions({ db, schoolId, programmeId: programme.id, from: newest.number, to: "draft" }) : null;

  const targets: ReportTarget[] = coverages.map(({ target, result }) => {
    const sheet = sheets.get(target.sheetSlug);
    const byRef = new Map((sheet?.data.requirements ?? []).map((r) => [requirementRef(target.sheetSlug, r), r]));
    const reasonOf = (ref: string) => target.editorial.get(ref) ?? null;
    const items: ReportItem[] = result.items.map((item) => {
      const own = byRef.get(item.ref);
      return {
        ref: item.ref,
        code: own?.code ?? item.ref,
        kind: item.kind,
        label: item.label,
        group: own?.group ?? null,
        required: item.required,
        status: item.status,
        requiredDepth: item.requiredDepth,
        targetDepth: item.targetDepth,
        depthOrigin: item.depthOrigin,
        achievedDepth: item.achievedDepth,
        assessed: item.assessed,
        assessedIn: item.modules.filter((m) => m.assessed).map((m) => m.code),
        modules: item.modules.map((m) => ({ code: m.code, depth: m.depth })),
        editorialReason: reasonOf(item.ref),
        editorialNote: own?.editorialNote ?? null,
        quote: own?.source.quote ?? "",
      };
    });
    const levelReason = target.cncpEditorialReason ?? null;
    return {
      slug: target.sheetSlug,
      title: target.title,
      publisher: { name: target.publisher, editorialReason: sheet?.data.publisher.editorial ? (sheet.data.publisher.editorialReason ?? "") : null },
      published: sheet?.data.published?.date ?? null,
      version: target.version,
      loadedAt: (sheet?.createdAt ?? now).toISOString(),
      contentHash: target.contentHash,
      sourceFile: target.sourceFile,
      cncp: { min: target.cncpMin, max: target.cncpMax, editorialReason: levelReason },
      summary: result.summary,
      warnings: result.warnings.map((w) => ({ code: w.code, text: renderSentence(w.sentence, language), editorialReason: w.code === "level_outside_range" ? levelReason : null })),
      gaps: gapList(result).map((g) => ({ ref: g.ref, label: g.label, status: g.status, assessed: g.assessed, requiredDepth: g.requiredDepth, targetDepth: g.targetDepth, depthOrigin: g.depthOrigin, achievedDepth: g.achievedDepth, editorialReason: reasonOf(g.ref) })),
      items,
    };
  });

  const expected = found ? expectedDepthsAt(found.settings, programme.level as CncpLevel) : {};
  const blocTables = (
    await Promise.all(
      coverages.map(async ({ target, result }) => ({
        slug: target.sheetSlug,
        title: target.title,
        blocs: await blocCoverageOf({ db, target, result, modules: programme.modules, language }),
        modules: programme.modules.map((m) => ({ code: m.code, semester: m.semester })),
      })),
    )
  ).filter((table) => table.blocs.length > 0);

  // Columns of the cross table: every required item of the targets, shared items once.
  const columns = new Map<string, ReportData["columns"][number]>();
  for (const target of targets) for (const item of target.items) if (item.required && !columns.has(item.ref)) columns.set(item.ref, { ref: item.ref, label: item.label, editorialReason: item.editorialReason });

  return {
    generatedAt: now.toISOString(),
    timeZone,
    programme: {
      id: programme.id,
      title: programme.title,
      diplomaType: programme.diplomaType,
      level: programme.level,
      entryEcts: programme.entryEcts,
      ownEcts: programme.modules.reduce((n, m) => n + m.ects, 0),
      totalEcts: LEVEL_TOTAL_ECTS[programme.level as CncpLevel],
      semesters: programme.semesters,
      updatedAt: programme.updatedAt.toISOString(),
      isDemo: programme.isDemo,
    },
    version: newest
      ? {
          number: newest.number,
          label: newest.label,
          publishedAt: newest.publishedAt,
          publishedByName: newest.publishedByName,
          snapshotHash: newest.snapshotHash,
          draftDiffers: !(pending && isEmptySnapshotDiff({ ...pending, coverage: [] })),
        }
      : null,
    modules: programme.modules.map((m) => ({
      code: m.code,
      title: m.title,
      semester: m.semester,
      ects: m.ects,
      hours: moduleHours(m),
      assessmentMethod: m.assessmentMethod,
      cells: Object.fromEntries(m.mappings.map((x) => [x.itemRef, { depth: x.depth, assessed: x.assessed }])),
    })),
    columns: [...columns.values()],
    // How a module develops or assesses an item, as its mapping's note says (after the cross table).
    notes: mappingNotes(programme.modules),
    targets,
    expected: expectedDepthList(expected),
    blocTables,
  };
}
