/**
 * Published versions of a programme: what a snapshot holds, and what changed between two of
 * them (or between a version and the draft). Pure: the model layer stores the snapshot as
 * canonical JSON with its SHA-256; everything here works on plain values.
 */
import type { CoverageResult, CoverageStatus } from "~/domain/coverage";
import { canonicalJson } from "~/domain/reference-data";

export const SNAPSHOT_FORMAT = "maquette-programme-version/1";

/** `note` only when the mapping has one (snapshots of mappings without notes are unchanged). */
export type SnapshotMapping = { itemRef: string; depth: number; assessed: boolean; note?: string };
export type SnapshotModule = {
  code: string;
  title: string;
  semester: number;
  /** Only for a module over two semesters (2); absent for one. */
  semesterSpan?: number;
  ects: number;
  hoursLectures: number;
  hoursTutorials: number;
  hoursPractical: number;
  hoursProjects: number;
  assessmentMethod: string;
  description: string;
  mappings: SnapshotMapping[];
};
export type SnapshotTarget = { sheetSlug: string; sheetVersion: number; title: string; contentHash: string };
export type SnapshotCoverageItem = { ref: string; status: CoverageStatus; achievedDepth: number; requiredDepth: number | null; assessed: boolean };
export type SnapshotCoverage = {
  sheetSlug: string;
  sheetVersion: number;
  level: number;
  overall: { required: number; covered: number; partial: number; missing: number; ratioCovered: number };
  coveredNotAssessed: number;
  items: SnapshotCoverageItem[];
};
export type ProgrammeSnapshot = {
  format: typeof SNAPSHOT_FORMAT;
  number: number;
  label: string;
  publishedAt: string;
  publishedBy: { id: string | null; name: string };
  programme: { id: string; title: string; diplomaType: string; level: number; entryEcts: number; semesters: number; description: string };
  targets: SnapshotTarget[];
  modules: SnapshotModule[];
  coverage: SnapshotCoverage[];
};

/** The fields of a module compared field by field, in the order they are shown. */
export const MODULE_FIELDS = [
  "title",
  "semester",
  "ects",
  "hoursLectures",
  "hoursTutorials",
  "hoursPractical",
  "hoursProjects",
  "assessmentMethod",
  "description",
] as const satisfies readonly (keyof SnapshotModule)[];
export type ModuleField = (typeof MODULE_FIELDS)[number];

/** The coverage part of a snapshot, from the engine's results. */
export function snapshotCoverage(results: readonly { sheetVersion: number; result: CoverageResult }[]): SnapshotCoverage[] {
  return results.map(({ sheetVersion, result }) => ({
    sheetSlug: result.target.sheetSlug,
    sheetVersion,
    level: result.target.level,
    overall: {
      required: result.summary.overall.required,
      covered: result.summary.overall.covered,
      partial: result.summary.overall.partial,
      missing: result.summary.overall.missing,
      ratioCovered: result.summary.overall.ratioCovered,
    },
    coveredNotAssessed: result.summary.coveredNotAssessed,
    items: result.items.map((item) => ({
      ref: item.ref,
      status: item.status,
      achievedDepth: item.achievedDepth,
      requiredDepth: item.requiredDepth,
      assessed: item.assessed,
    })),
  }));
}

/** Modules in a stable order (semester, then code) with mappings sorted by item: equal content, equal text. */
export function normaliseModules(modules: readonly SnapshotModule[]): SnapshotModule[] {
  return [...modules]
    .sort((a, b) => a.semester - b.semester || a.code.localeCompare(b.code))
    .map((module) => ({ ...module, mappings: [...module.mappings].sort((a, b) => a.itemRef.localeCompare(b.itemRef)) }));
}

/** The stored text of a snapshot: canonical JSON (sorted keys), so its hash is reproducible. */
export function snapshotText(snapshot: ProgrammeSnapshot): string {
  return canonicalJson(snapshot);
}

export type FieldChange = { field: ModuleField; from: string | number; to: string | number };
export type MappingChange = { moduleCode: string; itemRef: string; from: SnapshotMapping | null; to: SnapshotMapping | null };
export type CoverageChange = {
  sheetSlug: string;
  from: { ratioCovered: number; covered: number; required: number } | null;
  to: { ratioCovered: number; covered: number; required: number } | null;
  /** Items whose status changed, with the direction (rose: closer to covered). */
  items: { ref: string; from: CoverageStatus | null; to: CoverageStatus | null; direction: "rose" | "fell" | "changed" }[];
};
export type SnapshotDiff = {
  programme: { field: string; from: string | number; to: string | number }[];
  targets: { sheetSlug: string; from: number | null; to: number | null }[];
  modulesAdded: { code: string; title: string; semester: number }[];
  modulesRemoved: { code: string; title: string; semester: number }[];
  modulesChanged: { code: string; title: string; changes: FieldChange[] }[];
  mappingsChanged: MappingChange[];
  coverage: CoverageChange[];
};

const STATUS_RANK: Record<CoverageStatus, number> = { not_required: -1, missing: 0, partial: 1, covered: 2 };

function direction(from: CoverageStatus | null, to: CoverageStatus | null): "rose" | "fell" | "changed" {
  if (from === null || to === null || from === "not_required" || to === "not_required") return "changed";
  return STATUS_RANK[to] > STATUS_RANK[from] ? "rose" : "fell";
}

/** The parts of a snapshot a diff reads; a draft is compared through the same shape. */
export type Comparable = Pick<ProgrammeSnapshot, "programme" | "targets" | "modules" | "coverage">;

const PROGRAMME_FIELDS = ["title", "diplomaType", "level", "entryEcts", "semesters", "description"] as const;

/** What changed from `before` to `after`: programme fields, targets, modules, mappings and coverage. */
export function diffSnapshots(before: Comparable, after: Comparable): SnapshotDiff {
  const diff: SnapshotDiff = { programme: [], targets: [], modulesAdded: [], modulesRemoved: [], modulesChanged: [], mappingsChanged: [], coverage: [] };
  for (const field of PROGRAMME_FIELDS) {
    if (before.programme[field] !== after.programme[field]) diff.programme.push({ field, from: before.programme[field], to: after.programme[field] });
  }
  const pinsBefore = new Map(before.targets.map((t) => [t.sheetSlug, t.sheetVersion]));
  const pinsAfter = new Map(after.targets.map((t) => [t.sheetSlug, t.sheetVersion]));
  for (const slug of new Set([...pinsBefore.keys(), ...pinsAfter.keys()])) {
    const from = pinsBefore.get(slug) ?? null;
    const to = pinsAfter.get(slug) ?? null;
    if (from !== to) diff.targets.push({ sheetSlug: slug, from, to });
  }

  const modulesBefore = new Map(before.modules.map((m) => [m.code, m]));
  const modulesAfter = new Map(after.modules.map((m) => [m.code, m]));
  for (const module of after.modules) {
    if (!modulesBefore.has(module.code)) diff.modulesAdded.push({ code: module.code, title: module.title, semester: module.semester });
  }
  for (const module of before.modules) {
    if (!modulesAfter.has(module.code)) diff.modulesRemoved.push({ code: module.code, title: module.title, semester: module.semester });
  }
  for (const code of new Set([...modulesBefore.keys(), ...modulesAfter.keys()])) {
    const was = modulesBefore.get(code);
    const is = modulesAfter.get(code);
    if (was && is) {
      const changes = MODULE_FIELDS.flatMap((field) => (was[field] !== is[field] ? [{ field, from: was[field], to: is[field] }] : []));
      if (changes.length) diff.modulesChanged.push({ code, title: is.title, changes });
    }
    const mapBefore = new Map((was?.mappings ?? []).map((m) => [m.itemRef, m]));
    const mapAfter = new Map((is?.mappings ?? []).map((m) => [m.itemRef, m]));
    for (const ref of [...new Set([...mapBefore.keys(), ...mapAfter.keys()])].sort()) {
      const from = mapBefore.get(ref) ?? null;
      const to = mapAfter.get(ref) ?? null;
      if (from?.depth !== to?.depth || from?.assessed !== to?.assessed) diff.mappingsChanged.push({ moduleCode: code, itemRef: ref, from, to });
    }
  }

  const coverageBefore = new Map(before.coverage.map((c) => [c.sheetSlug, c]));
  const coverageAfter = new Map(after.coverage.map((c) => [c.sheetSlug, c]));
  for (const slug of new Set([...coverageBefore.keys(), ...coverageAfter.keys()])) {
    const was = coverageBefore.get(slug);
    const is = coverageAfter.get(slug);
    const statusBefore = new Map((was?.items ?? []).map((i) => [i.ref, i.status]));
    const statusAfter = new Map((is?.items ?? []).map((i) => [i.ref, i.status]));
    const items = [...new Set([...statusBefore.keys(), ...statusAfter.keys()])].flatMap((ref) => {
      const from = statusBefore.get(ref) ?? null;
      const to = statusAfter.get(ref) ?? null;
      return from === to ? [] : [{ ref, from, to, direction: direction(from, to) }];
    });
    const summary = (c: SnapshotCoverage | undefined) => (c ? { ratioCovered: c.overall.ratioCovered, covered: c.overall.covered, required: c.overall.required } : null);
    const from = summary(was);
    const to = summary(is);
    if (items.length || from?.ratioCovered !== to?.ratioCovered) diff.coverage.push({ sheetSlug: slug, from, to, items });
  }
  return diff;
}

export function isEmptySnapshotDiff(diff: SnapshotDiff): boolean {
  return Object.values(diff).every((list) => list.length === 0);
}

/** Review states of a version, and the moves allowed from each. */
export const REVIEW_STATUSES = ["submitted", "changes_requested", "approved"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export type ReviewMove = "submit" | "withdraw" | "request_changes" | "approve";

/** Whether a move is allowed on a version in this state (null: published, never submitted). */
export function canMove(status: ReviewStatus | null, move: ReviewMove): boolean {
  switch (move) {
    case "submit":
      // A version is submitted once; after "changes requested", the next version is submitted.
      return status === null;
    case "withdraw":
    case "request_changes":
    case "approve":
      return status === "submitted";
  }
}

export function nextStatus(move: ReviewMove): ReviewStatus | null {
  return { submit: "submitted", withdraw: null, request_changes: "changes_requested", approve: "approved" }[move] as ReviewStatus | null;
}
