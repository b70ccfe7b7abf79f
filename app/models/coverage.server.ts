/**
 * Coverage of a stored programme: loads the programme (scoped by school) and its targets,
 * then asks the pure engine. The same function serves the page, the report and the API.
 */
import { createHash } from "node:crypto";
import type { Db } from "~/utils/create-db.server";
import { Recent } from "~/utils/recent.server";
import { computeCoverage, indexMappings, type CncpLevel, type CoverageResult, type ProgrammeInput } from "~/domain/coverage";
import { suggestChanges, type Suggestion } from "~/domain/suggestions";
import { getProgramme, listProgrammes, type ProgrammeDetail } from "./programme.server";
import { loadTargets, type LoadedTarget } from "./targets.server";

export function programmeInput(programme: Pick<ProgrammeDetail, "level" | "entryEcts" | "semesters" | "modules">): ProgrammeInput {
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
    })),
  };
}

export type TargetCoverage = { target: LoadedTarget; result: CoverageResult; suggestions: Suggestion[] };

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
}): Promise<{ programme: ProgrammeDetail; coverages: TargetCoverage[] } | null> {
  const programme = loaded?.id === programmeId ? loaded : await getProgramme({ db, schoolId, id: programmeId });
  if (!programme) return null;
  const input = programmeInput(programme);
  // The programme's own targets at their pinned sheet versions; any other sheet at its newest.
  const pins = new Map(programme.targets.map((t) => [t.sheetSlug, t.sheetVersion]));
  const targets = await loadTargets({
    db,
    targets: (slugs ?? programme.targets.map((t) => t.sheetSlug)).map((sheetSlug) => ({ sheetSlug, sheetVersion: pins.get(sheetSlug) })),
    level: level ?? (programme.level as CncpLevel),
  });
  const index = indexMappings(input);
  return {
    programme,
    coverages: targets.map((target) => {
      const result = computeCoverage(input, target, index);
      return { target, result, suggestions: suggestChanges(input, result) };
    }),
  };
}

/**
 * What a programme's coverage depends on, as one short text that changes whenever any of it
 * does (docs/decisions/029):
 * - the fields and modules its head holds (the time the programme was last changed, its title,
 *   level, credits, semesters, targets and their pinned sheet versions; each module's id, code, title, semester, credits and version, a version that
 *   every change of the module's mappings raises);
 * - the newest entry of its audit log, which every write of the programme appends to in the
 *   write's own transaction, and which never changes or loses a row.
 * Every part is read before the coverage it stamps, so what is kept under a revision is never
 * older than that revision.
 */
export async function programmeRevision(db: Db, head: ProgrammeDetail): Promise<string> {
  const [row] = await db.$queryRaw<{ audit: number | bigint | null }[]>`SELECT max("id") AS "audit" FROM "AuditLog" WHERE "programmeId" = ${head.id}`;
  const parts = [
    Number(row?.audit ?? 0),
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
const COMPUTED = new Recent<TargetCoverage[]>(100);

/**
 * The coverage of a programme's own targets at a level, computed again only when the programme
 * changed since this process last computed it, with the revision it is at. `head` is the
 * programme as the guard read it (its modules may come without mappings): after a change, the
 * whole programme is read. Each process keeps its own, checked against the database on every
 * call, so any number of app processes can serve one database.
 */
export async function cachedProgrammeCoverage({ db, schoolId, head, level }: { db: Db; schoolId: string; head: ProgrammeDetail; level: CncpLevel }): Promise<{ revision: string; coverages: TargetCoverage[] }> {
  const revision = await programmeRevision(db, head);
  const coverages = await COMPUTED.getOrCompute(`${head.id}|${level}|${revision}`, async () => (await programmeCoverage({ db, schoolId, programmeId: head.id, level }))?.coverages ?? []);
  return { revision, coverages };
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
      const targets = await loadTargets({ db, targets: p.targets, level: p.level as CncpLevel });
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
          const { summary } = computeCoverage(input, target, index);
          return { slug: target.sheetSlug, title: target.title, ratio: summary.overall.ratioCovered, covered: summary.overall.covered, required: summary.overall.required };
        }),
      };
    }),
  );
}
