/**
 * Coverage of a stored programme: loads the programme (scoped by school) and its targets,
 * then asks the pure engine. The same function serves the page, the report and the API.
 */
import { createHash } from "node:crypto";
import type { Db } from "~/utils/create-db.server";
import { Recent } from "~/utils/recent.server";
import { computeCoverage, indexMappings, type CncpLevel, type CoverageResult, type ProgrammeInput } from "~/domain/coverage";
import { suggestChanges, type RequirementText, type Suggestion } from "~/domain/suggestions";
import { withLevelFramework } from "~/domain/cncp-levels";
import { expectedDepthsAt, NO_SETTINGS, type ExpectedDepthSettings } from "~/domain/expected-depth";
import { loadExpectedDepths, schoolSettingRevisionSql } from "./expected-depths.server";
import { requirementTexts } from "./requirement-texts.server";
import { getProgramme, listProgrammes, type ProgrammeDetail } from "./programme.server";
import { loadTargets, type LoadedTarget } from "./targets.server";

export function programmeInput(programme: Pick<ProgrammeDetail, "level" | "entryEcts" | "semesters" | "modules">): ProgrammeInput & { modules: Required<ProgrammeInput["modules"][number]>[] } {
  return {
    level: programme.level as CncpLevel,
    entryEcts: programme.entryEcts,
    semesters: programme.semesters,
    modules: programme.modules.map((module) => ({
      id: module.id,
      code: module.code,
      title: module.title,
      semester: module.semester,
      semesterSpan: module.semesterSpan,
      ects: module.ects,
      mappings: module.mappings,
      description: module.description,
      projectHours: module.hoursProjects,
    })),
  };
}

export type TargetCoverage = { target: LoadedTarget; result: CoverageResult; suggestions: Suggestion[] };

/**
 * The sheets a programme is checked against at `level`: its own targets, with the national
 * framework of that level in place of its own level's (the level chooser), each own target at
 * its pinned version and any other sheet at its newest.
 */
export function targetsAtLevel(programme: Pick<ProgrammeDetail, "targets">, level: CncpLevel, slugs?: readonly string[]) {
  const pins = new Map(programme.targets.map((t) => [t.sheetSlug, t.sheetVersion]));
  return (slugs ?? withLevelFramework(programme.targets.map((t) => t.sheetSlug), level)).map((sheetSlug) => ({ sheetSlug, sheetVersion: pins.get(sheetSlug) }));
}

/**
 * Coverage of a programme for the given sheets (default: its own targets) at a level
 * (default: its own). Null when the programme is not the school's.
 */
export async function programmeCoverage({
  db,
  schoolId,
  programmeId,
  slugs,
  level,
  loaded,
}: {
  db: Db;
  schoolId: string;
  programmeId: string;
  slugs?: readonly string[];
  level?: CncpLevel;
  /** The programme as the guard already loaded it for this school (saves loading it twice). */
  loaded?: ProgrammeDetail;
}): Promise<{ programme: ProgrammeDetail; coverages: TargetCoverage[]; settings: ExpectedDepthSettings; texts: Map<string, RequirementText> } | null> {
  const programme = loaded?.id === programmeId ? loaded : await getProgramme({ db, schoolId, id: programmeId });
  if (!programme) return null;
  const input = programmeInput(programme);
  const at = level ?? (programme.level as CncpLevel);
  const [targets, settings] = await Promise.all([loadTargets({ db, schoolId, targets: targetsAtLevel(programme, at, slugs), level: at }), loadExpectedDepths(db, schoolId, programme.id)]);
  const texts = await requirementTexts(db, targets.map((t) => ({ sheetSlug: t.sheetSlug, version: t.version, contentHash: t.contentHash })));
  const index = indexMappings(input);
  return {
    programme,
    settings,
    texts,
    coverages: targets.map((target) => {
      const result = computeCoverage(input, withExpected(target, settings, at), index);
      return { target, result, suggestions: suggestChanges(input, result, texts) };
    }),
  };
}

/** A target with the depths the school (or the programme) expects at the level. */
function withExpected<T extends LoadedTarget>(target: T, settings: ExpectedDepthSettings, level: CncpLevel): T {
  return { ...target, expected: expectedDepthsAt(settings, level) };
}

/**
 * What a programme's coverage depends on, as one short text that changes whenever any of it
 * does (docs/decisions/029):
 * - the fields and modules its head holds (the time the programme was last changed, its title,
 *   level, credits, semesters, targets and their pinned sheet versions; each module's id, code, title, semester, credits and version, a version that
 *   every change of the module's mappings raises);
 * - the newest entry of its audit log, which every write of the programme appends to in the
 *   write's own transaction, and which never changes or loses a row;
 * - the newest entry of the audit log of the school's expected depths (a school setting, not a
 *   write of the programme) and the number of stored sheet versions (another level's national
 *   framework is read at its newest version).
 * Every part is read before the coverage it stamps, so what is kept under a revision is never
 * older than that revision.
 */
export async function programmeRevision(db: Db, head: ProgrammeDetail, schoolId: string): Promise<string> {
  const [row] = await db.$queryRaw<{ audit: number | bigint | null; setting: number | bigint | null; sheets: number | bigint }[]>`
    SELECT (SELECT max("id") FROM "AuditLog" WHERE "programmeId" = ${head.id}) AS "audit",
      ${schoolSettingRevisionSql(schoolId)} AS "setting",
      (SELECT count(*) FROM "ReferenceSheetVersion") AS "sheets"`;
  const parts = [
    Number(row?.audit ?? 0),
    Number(row?.setting ?? 0),
    Number(row?.sheets ?? 0),
    head.updatedAt.toISOString(),
    head.title,
    head.level,
    head.entryEcts,
    head.semesters,
    head.targets.map((t) => [t.sheetSlug, t.sheetVersion]),
    head.modules.map((m) => [m.id, m.version, m.code, m.title, m.semester, m.ects]),
  ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url");
}

/** Coverages computed in this process, by programme, level and revision. */
const COMPUTED = new Recent<{ coverages: TargetCoverage[]; settings: ExpectedDepthSettings }>(100);

/**
 * The coverage of a programme's own targets at a level, computed again only when the programme
 * changed since this process last computed it, with the revision it is at. `head` is the
 * programme as the guard read it (its modules may come without mappings): after a change, the
 * whole programme is read. Each process keeps its own, checked against the database on every
 * call, so any number of app processes can serve one database.
 */
export async function cachedProgrammeCoverage({ db, schoolId, head, level }: { db: Db; schoolId: string; head: ProgrammeDetail; level: CncpLevel }): Promise<{ revision: string; coverages: TargetCoverage[]; settings: ExpectedDepthSettings }> {
  const revision = await programmeRevision(db, head, schoolId);
  const computed = await COMPUTED.getOrCompute(`${head.id}|${level}|${revision}`, async () => {
    const found = await programmeCoverage({ db, schoolId, programmeId: head.id, level });
    return { coverages: found?.coverages ?? [], settings: found?.settings ?? NO_SETTINGS };
  });
  return { revision, ...computed };
}

/** The coverage API's answers already written, by programme revision, sheet, level and language. */
const ANSWERS = new Recent<string>(200);

export function keptCoverageAnswer(key: string, write: () => string): Promise<string> {
  return ANSWERS.getOrCompute(key, write);
}

/**
 * The school's programmes (a reviewer's: those they are invited to) with their coverage ratio
 * per target at the programme's level: what the list and the home page show at a glance.
 */
export async function programmeOverviews({ db, schoolId, reviewerId }: { db: Db; schoolId: string; reviewerId?: string }) {
  const programmes = await listProgrammes({ db, schoolId, reviewerId });
  return Promise.all(
    programmes.map(async (p) => {
      const detail = (await getProgramme({ db, schoolId, id: p.id }))!;
      const input = programmeInput(detail);
      const index = indexMappings(input);
      const [targets, settings] = await Promise.all([loadTargets({ db, schoolId, targets: p.targets, level: p.level as CncpLevel }), loadExpectedDepths(db, schoolId, p.id)]);
      return {
        id: p.id,
        title: p.title,
        diplomaType: p.diplomaType,
        level: p.level,
        isDemo: p.isDemo,
        modules: p._count.modules,
        updatedAt: p.updatedAt.toISOString(),
        teacherIds: [...new Set(detail.modules.flatMap((m) => m.teachers.map((t) => t.userId)))],
        coverage: targets.map((target) => {
          const { summary } = computeCoverage(input, withExpected(target, settings, p.level as CncpLevel), index);
          return { slug: target.sheetSlug, title: target.title, ratio: summary.overall.ratioCovered, covered: summary.overall.covered, required: summary.overall.required };
        }),
      };
    }),
  );
}
