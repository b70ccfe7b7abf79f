/**
 * The coverage engine: for one programme and one target (a reference sheet at a CNCP level),
 * what each requirement needs, what the programme achieves, and what a reviewer will ask
 * about. Pure: plain data in, plain data out, no I/O, so it runs on the server and in the
 * browser on every edit of the matrix.
 *
 * Rules (docs: shared/notes/domain.md, "What is required of a programme"):
 * - an item's achieved depth is the highest depth among the modules that map it;
 * - covered: achieved depth reaches the required depth (where the sheet gives no depth, any
 *   mapping covers it); partial: mapped below it; missing: no module maps it; not_required;
 * - assessed: a module that maps the item at the required depth (any depth when none is
 *   given) also assesses it;
 * - the required depth is the sheet's own, else the depth the school (or the programme)
 *   expects at the level for the item's kind, else none (app/domain/expected-depth.ts).
 */
import { creditsPerSemester } from "./credits";
import { depthRule, type DepthOrigin, type ExpectedDepths } from "./expected-depth";
import type { RequirementKind } from "./reference-data";
import { frenchText, sentence, type Sentence } from "./sentences";

export type CncpLevel = 5 | 6 | 7;
export const CNCP_LEVELS: readonly CncpLevel[] = [5, 6, 7];
/** Credits after the baccalauréat that each level requires (30 a semester). */
export const LEVEL_TOTAL_ECTS: Record<CncpLevel, number> = { 5: 120, 6: 180, 7: 300 };
export const SEMESTER_ECTS = 30;

export type Mapping = { itemRef: string; depth: number; assessed: boolean };
export type ModuleInput = {
  id: string;
  code: string;
  title: string;
  semester: number;
  /** 2 for a module over `semester` and the next: its ECTS count half in each (./credits). */
  semesterSpan?: number;
  ects: number;
  mappings: readonly Mapping[];
  /** What the module is about, in its own words (read by the suggestions). */
  description?: string;
  /** Hours in a professional situation (projects, placements), read by the suggestions. */
  projectHours?: number;
};
export type ProgrammeInput = {
  level: CncpLevel;
  entryEcts: number;
  semesters: number;
  modules: readonly ModuleInput[];
};
export type TargetRequirement = {
  /** `<sheet-slug>/<code>` for competences, the bare code for shared items (T06, K-34093). */
  ref: string;
  kind: RequirementKind;
  label: string;
  required: boolean;
  requiredDepth: number | null;
};
export type TargetInput = {
  sheetSlug: string;
  title: string;
  cncpMin: number;
  cncpMax: number;
  /** Why the transcription chose the sheet's level, when the sheet does not state it (null or absent: the sheet's own). */
  cncpEditorialReason?: string | null;
  /** The level the programme is checked at (default: the programme's own). */
  level: CncpLevel;
  requirements: readonly TargetRequirement[];
  /** The depths expected at `level` where the sheet gives none (none when absent). */
  expected?: ExpectedDepths;
};

export type CoverageStatus = "covered" | "partial" | "missing" | "not_required";
export const COVERAGE_STATUSES: readonly CoverageStatus[] = ["covered", "partial", "missing", "not_required"];

export type ContributingModule = { id: string; code: string; title: string; semester: number; depth: number; assessed: boolean };

export type ItemCoverage = TargetRequirement & {
  /** The depth the item is checked against: the sheet's `requiredDepth`, else the expected one, else null. */
  targetDepth: number | null;
  /** Whose that depth is: the sheet's, the school's or the programme's choice (null: none). */
  depthOrigin: DepthOrigin | null;
  achievedDepth: number;
  status: CoverageStatus;
  /** A module at the required depth (any depth when none is given) assesses the item. */
  assessed: boolean;
  modules: ContributingModule[];
  /** The first semester at whose end the required depth is reached, or null. */
  firstSemesterReached: number | null;
};

export type StatusCounts = Record<CoverageStatus, number> & { required: number; ratioCovered: number };
export type CoverageSummary = {
  overall: StatusCounts;
  byKind: Record<RequirementKind, StatusCounts>;
  coveredNotAssessed: number;
};

export type WarningCode =
  | "level_outside_range"
  | "credits_total_mismatch"
  | "semester_ects"
  | "module_maps_nothing"
  | "covered_not_assessed"
  | "depth_decreases";

export type CoverageWarning = {
  code: WarningCode;
  /** The French text of `sentence`, as the API gives it. */
  message: string;
  /** What the warning says, to write in the reader's language. */
  sentence: Sentence;
  /** What the warning is about: a module code, an item ref, a semester number. */
  subject?: string;
};

export type CoverageResult = {
  target: { sheetSlug: string; title: string; level: CncpLevel; cncpMin: number; cncpMax: number; cncpEditorialReason: string | null };
  items: ItemCoverage[];
  summary: CoverageSummary;
  warnings: CoverageWarning[];
};

const KINDS: readonly RequirementKind[] = ["competence", "knowledge", "transversal"];

function emptyCounts(): StatusCounts {
  return { covered: 0, partial: 0, missing: 0, not_required: 0, required: 0, ratioCovered: 0 };
}

function itemStatus(item: TargetRequirement, targetDepth: number | null, achievedDepth: number): CoverageStatus {
  if (!item.required) return "not_required";
  if (achievedDepth === 0) return "missing";
  if (targetDepth === null || achievedDepth >= targetDepth) return "covered";
  return "partial";
}

/** What the programme does for one item, whatever the target: computed once per programme. */
export type ItemIndex = {
  /** Sorted by semester, then deepest first, then code. */
  modules: ContributingModule[];
  achievedDepth: number;
  drops: { semester: number; from: number; to: number }[];
};

/** Index of the mappings by item: built once per programme, reused for every target. */
export function indexMappings(programme: ProgrammeInput): Map<string, ItemIndex> {
  const byItem = new Map<string, ContributingModule[]>();
  for (const module of programme.modules) {
    for (const mapping of module.mappings) {
      if (mapping.depth < 1) continue;
      let list = byItem.get(mapping.itemRef);
      if (!list) byItem.set(mapping.itemRef, (list = []));
      list.push({
        id: module.id,
        code: module.code,
        title: module.title,
        semester: module.semester,
        depth: mapping.depth,
        assessed: mapping.assessed,
      });
    }
  }
  const index = new Map<string, ItemIndex>();
  for (const [ref, modules] of byItem) {
    modules.sort((a, b) => a.semester - b.semester || b.depth - a.depth || compareCodes(a.code, b.code));
    let achievedDepth = 0;
    for (const module of modules) if (module.depth > achievedDepth) achievedDepth = module.depth;
    index.set(ref, { modules, achievedDepth, drops: depthDrops(modules) });
  }
  return index;
}

function firstSemesterReaching(modules: ContributingModule[], depth: number): number | null {
  // Modules are sorted by semester: the first one deep enough is the earliest.
  for (const module of modules) if (module.depth >= depth) return module.semester;
  return null;
}

/** Semesters where the best depth of the item falls below an earlier semester's (modules sorted by semester). */
function depthDrops(modules: ContributingModule[]): { semester: number; from: number; to: number }[] {
  const drops: { semester: number; from: number; to: number }[] = [];
  let highest = 0;
  for (let i = 0; i < modules.length; ) {
    const semester = modules[i].semester;
    const best = modules[i].depth; // deepest first within a semester
    while (i < modules.length && modules[i].semester === semester) i++;
    if (best < highest) drops.push({ semester, from: highest, to: best });
    highest = Math.max(highest, best);
  }
  return drops;
}

function compareCodes(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NO_MAPPING: ItemIndex = { modules: [], achievedDepth: 0, drops: [] };

export function computeCoverage(
  programme: ProgrammeInput,
  target: TargetInput,
  index: Map<string, ItemIndex> = indexMappings(programme),
): CoverageResult {
  const items: ItemCoverage[] = [];
  const overall = emptyCounts();
  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, emptyCounts()])) as Record<RequirementKind, StatusCounts>;
  const warnings: CoverageWarning[] = [];
  let coveredNotAssessed = 0;

  for (const requirement of target.requirements) {
    const { modules, achievedDepth, drops } = index.get(requirement.ref) ?? NO_MAPPING;
    const rule = depthRule(requirement, target.expected);
    const status = itemStatus(requirement, rule.depth, achievedDepth);
    const threshold = rule.depth ?? 1;
    const assessed = modules.some((module) => module.assessed && module.depth >= threshold);
    items.push({
      ...requirement,
      targetDepth: rule.depth,
      depthOrigin: rule.origin,
      achievedDepth,
      status,
      assessed,
      modules,
      firstSemesterReached: status === "covered" ? firstSemesterReaching(modules, threshold) : null,
    });
    for (const counts of [overall, byKind[requirement.kind]]) {
      counts[status]++;
      if (requirement.required) counts.required++;
    }
    if (status === "covered" && !assessed) {
      coveredNotAssessed++;
      warnings.push(warning("covered_not_assessed", sentence("coverage.covered_not_assessed", { ref: requirement.ref, label: requirement.label }), requirement.ref));
    }
    for (const drop of drops) {
      warnings.push(
        warning("depth_decreases", sentence("coverage.depth_decreases", { ref: requirement.ref, semester: drop.semester, to: drop.to, from: drop.from }), requirement.ref),
      );
    }
  }
  for (const counts of [overall, ...Object.values(byKind)]) {
    counts.ratioCovered = counts.required === 0 ? 1 : counts.covered / counts.required;
  }
  warnings.unshift(...programmeWarnings(programme, target));
  return {
    target: {
      sheetSlug: target.sheetSlug,
      title: target.title,
      level: target.level,
      cncpMin: target.cncpMin,
      cncpMax: target.cncpMax,
      cncpEditorialReason: target.cncpEditorialReason ?? null,
    },
    items,
    summary: { overall, byKind, coveredNotAssessed },
    warnings,
  };
}

function warning(code: WarningCode, said: Sentence, subject?: string): CoverageWarning {
  return { code, message: frenchText(said.key, said.params), sentence: said, ...(subject === undefined ? {} : { subject }) };
}

/** The warnings that depend on the programme and the target level, not on single items. */
export function programmeWarnings(programme: ProgrammeInput, target: Pick<TargetInput, "level" | "cncpMin" | "cncpMax" | "title" | "cncpEditorialReason">): CoverageWarning[] {
  const warnings: CoverageWarning[] = [];
  if (target.level < target.cncpMin || target.level > target.cncpMax) {
    // A level the sheet does not state is said to be the transcription's, with its reason.
    const reason = target.cncpEditorialReason;
    const params = { level: target.level, title: target.title, min: target.cncpMin, max: target.cncpMax, ...(reason ? { reason } : {}) };
    const one = target.cncpMin === target.cncpMax;
    const key = reason ? (one ? "coverage.level_outside_one_level_inferred" : "coverage.level_outside_range_inferred") : one ? "coverage.level_outside_one_level" : "coverage.level_outside_range";
    warnings.push(warning("level_outside_range", sentence(key, params), String(target.level)));
  }
  const ownEcts = programme.modules.reduce((sum, module) => sum + module.ects, 0);
  const expected = LEVEL_TOTAL_ECTS[programme.level];
  if (programme.entryEcts + ownEcts !== expected) {
    const params = { entry: programme.entryEcts, own: ownEcts, total: programme.entryEcts + ownEcts, level: programme.level, expected };
    warnings.push(warning("credits_total_mismatch", sentence("coverage.credits_total_mismatch", params)));
  }
  for (const { semester, ects } of creditsPerSemester(programme.modules, programme.semesters)) {
    if (ects !== SEMESTER_ECTS) {
      warnings.push(warning("semester_ects", sentence("coverage.semester_ects", { semester, ects, expected: SEMESTER_ECTS }), String(semester)));
    }
  }
  for (const module of programme.modules) {
    if (!module.mappings.some((mapping) => mapping.depth >= 1)) {
      warnings.push(warning("module_maps_nothing", sentence("coverage.module_maps_nothing", { code: module.code, title: module.title }), module.code));
    }
  }
  return warnings;
}

const SEVERITY: Record<CoverageStatus, number> = { missing: 0, partial: 1, covered: 2, not_required: 3 };

/**
 * The gaps, most severe first: missing before partial (the larger the depth shortfall, the
 * earlier), then covered items never assessed.
 */
export function gapList(result: CoverageResult): ItemCoverage[] {
  const shortfall = (item: ItemCoverage) => (item.targetDepth ?? 1) - item.achievedDepth;
  return result.items
    .filter((item) => item.status === "missing" || item.status === "partial" || (item.status === "covered" && !item.assessed))
    .sort(
      (a, b) =>
        SEVERITY[a.status] - SEVERITY[b.status] ||
        shortfall(b) - shortfall(a) ||
        a.ref.localeCompare(b.ref, "fr", { numeric: true }),
    );
}
