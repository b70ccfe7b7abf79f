/**
 * Published versions of a programme: publish (an immutable snapshot with its SHA-256), read,
 * compare, start the draft again from a version, and duplicate a programme. Every write is
 * one transaction; the snapshot is built from what that transaction reads.
 */
import { createHash } from "node:crypto";
import type { Db } from "~/utils/create-db.server";
import { computeCoverage, indexMappings, type CncpLevel } from "~/domain/coverage";
import {
  diffSnapshots,
  isEmptySnapshotDiff,
  normaliseModules,
  snapshotCoverage,
  snapshotText,
  SNAPSHOT_FORMAT,
  type Comparable,
  type ProgrammeSnapshot,
  type ReviewStatus,
  type SnapshotModule,
} from "~/domain/programme-version";
import { audit, type Actor } from "./audit.server";
import { faultPoint } from "./fault-injection.server";
import { programmeInput } from "./coverage.server";
import { getProgramme, type ProgrammeDetail, type Tx } from "./programme.server";
import { ensureLevelFrameworkTarget, programmeTargets } from "./targets.server";

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function snapshotModules(programme: ProgrammeDetail): SnapshotModule[] {
  return normaliseModules(
    programme.modules.map((m) => ({
      code: m.code,
      title: m.title,
      semester: m.semester,
      ...(m.semesterSpan === 2 ? { semesterSpan: 2 } : {}),
      ects: m.ects,
      hoursLectures: m.hoursLectures,
      hoursTutorials: m.hoursTutorials,
      hoursPractical: m.hoursPractical,
      hoursProjects: m.hoursProjects,
      assessmentMethod: m.assessmentMethod,
      description: m.description,
      mappings: m.mappings.map((x) => ({ itemRef: x.itemRef, depth: x.depth, assessed: x.assessed, ...(x.note ? { note: x.note } : {}) })),
    })),
  );
}

/** The draft as it stands, in the shape of a snapshot (programme, targets, modules, coverage). */
async function draftOf(db: Db | Tx, programme: ProgrammeDetail): Promise<Comparable> {
  const targets = await programmeTargets(db, programme);
  const input = programmeInput(programme);
  const index = indexMappings(input);
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      diplomaType: programme.diplomaType,
      level: programme.level,
      entryEcts: programme.entryEcts,
      semesters: programme.semesters,
      description: programme.description,
    },
    targets: targets.map((t) => ({ sheetSlug: t.sheetSlug, sheetVersion: t.version, title: t.title, contentHash: t.contentHash })),
    modules: snapshotModules(programme),
    coverage: snapshotCoverage(targets.map((t) => ({ sheetVersion: t.version, result: computeCoverage(input, { ...t, level: programme.level as CncpLevel }, index) }))),
  };
}

export async function draftSnapshot({ db, schoolId, programmeId }: { db: Db | Tx; schoolId: string; programmeId: string }) {
  const programme = await getProgramme({ db, schoolId, id: programmeId });
  return programme ? draftOf(db, programme) : null;
}

async function personName(tx: Tx, userId: string | null) {
  if (!userId) return "Système";
  const user = await tx.user.findUnique({ where: { id: userId }, select: { name: true } });
  return user?.name ?? "Compte supprimé";
}

/** The outcome of publishing: the new version, or the newest one when the draft is identical to it. */
export type PublishResult = { unchanged: false; number: number; snapshotHash: string } | { unchanged: true; number: number; snapshotHash: string };

/**
 * Publishes the draft inside the caller's transaction; the fault hook lets tests break it
 * half-way. A draft identical to the newest version (the same programme, targets, modules and
 * mappings: what the versions page calls "identical") is not published again.
 */
async function publishIn(tx: Tx, { schoolId, programmeId, label, actor, now = new Date() }: { schoolId: string; programmeId: string; label: string; actor: Actor; now?: Date }): Promise<PublishResult | null> {
  const programme = await getProgramme({ db: tx, schoolId, id: programmeId });
  if (!programme) return null;
  const last = await tx.programmeVersion.findFirst({ where: { programmeId }, orderBy: { number: "desc" }, select: { number: true, snapshot: true, snapshotHash: true } });
  const draft = await draftOf(tx, programme);
  if (last && sameContent(draft, JSON.parse(last.snapshot) as ProgrammeSnapshot)) {
    return { unchanged: true, number: last.number, snapshotHash: last.snapshotHash };
  }
  const number = (last?.number ?? 0) + 1;
  const name = await personName(tx, actor.userId);
  const snapshot: ProgrammeSnapshot = {
    format: SNAPSHOT_FORMAT,
    number,
    label,
    publishedAt: now.toISOString(),
    publishedBy: { id: actor.userId, name },
    ...draft,
  };
  const text = snapshotText(snapshot);
  const hash = sha256(text);
  await tx.programmeVersion.create({
    data: { programmeId, schoolId, number, label, snapshot: text, snapshotHash: hash, publishedById: actor.userId, publishedByName: name, publishedAt: now },
  });
  faultPoint("version-publish:snapshot");
  await audit(tx, actor, { action: "publish_version", entity: "programme", entityId: programmeId, programmeId, after: { number, label, snapshotHash: hash } });
  return { unchanged: false, number, snapshotHash: hash };
}

/** Publishes the draft as the next version. Null when the programme is not the school's. */
export async function publishVersion({ db, schoolId, programmeId, label, actor }: { db: Db; schoolId: string; programmeId: string; label: string; actor: Actor }) {
  return db.$transaction((tx) => publishIn(tx, { schoolId, programmeId, label, actor }), { timeout: 60_000 });
}

export type VersionRow = {
  number: number;
  label: string;
  snapshotHash: string;
  publishedByName: string;
  publishedAt: string;
  reviewStatus: ReviewStatus | null;
  submittedAt: string | null;
  submittedByName: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  decisionNote: string | null;
};

const rowSelect = {
  number: true,
  label: true,
  snapshotHash: true,
  publishedByName: true,
  publishedAt: true,
  reviewStatus: true,
  submittedAt: true,
  submittedByName: true,
  decidedAt: true,
  decidedByName: true,
  decisionNote: true,
} as const;

type StoredRow = Omit<VersionRow, "publishedAt" | "submittedAt" | "decidedAt" | "reviewStatus"> & {
  reviewStatus: string | null;
  publishedAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
};

function toRow(v: StoredRow): VersionRow {
  return {
    ...v,
    reviewStatus: v.reviewStatus as ReviewStatus | null,
    publishedAt: v.publishedAt.toISOString(),
    submittedAt: v.submittedAt?.toISOString() ?? null,
    decidedAt: v.decidedAt?.toISOString() ?? null,
  };
}

/** The programme's versions, newest first (the programme must be the school's). */
export async function listVersions({ db, schoolId, programmeId }: { db: Db; schoolId: string; programmeId: string }): Promise<VersionRow[]> {
  const rows = await db.programmeVersion.findMany({ where: { programmeId, schoolId }, orderBy: { number: "desc" }, select: rowSelect });
  return rows.map(toRow);
}

/** One version with its snapshot, and whether the stored hash still matches the stored text. */
export async function getVersion({ db, schoolId, programmeId, number }: { db: Db | Tx; schoolId: string; programmeId: string; number: number }) {
  const found = await db.programmeVersion.findFirst({ where: { programmeId, schoolId, number }, select: { ...rowSelect, snapshot: true } });
  if (!found) return null;
  const { snapshot: text, ...row } = found;
  return { ...toRow(row), snapshot: JSON.parse(text) as ProgrammeSnapshot, snapshotText: text, hashMatches: sha256(text) === row.snapshotHash };
}

/** `draft` or a version number. */
export type VersionKey = number | "draft";

export function parseVersionKey(value: string | null | undefined): VersionKey | null {
  if (value === "draft" || value === "brouillon") return "draft";
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
}

async function comparable(db: Db, schoolId: string, programmeId: string, key: VersionKey): Promise<Comparable | null> {
  if (key === "draft") return draftSnapshot({ db, schoolId, programmeId });
  return (await getVersion({ db, schoolId, programmeId, number: key }))?.snapshot ?? null;
}

/** What changed from one version (or the draft) to another. Null when either is unknown. */
export async function compareVersions({ db, schoolId, programmeId, from, to }: { db: Db; schoolId: string; programmeId: string; from: VersionKey; to: VersionKey }) {
  const [before, after] = await Promise.all([comparable(db, schoolId, programmeId, from), comparable(db, schoolId, programmeId, to)]);
  return before && after ? diffSnapshots(before, after) : null;
}

/** Writes these modules (with their mappings) into a programme, reassigning teachers by module code. */
async function writeModules(tx: Tx, { programmeId, schoolId, modules, teachersByCode }: { programmeId: string; schoolId: string; modules: readonly SnapshotModule[]; teachersByCode: ReadonlyMap<string, string[]> }) {
  const positions = new Map<number, number>();
  for (const { mappings, ...module } of modules) {
    const position = positions.get(module.semester) ?? 0;
    positions.set(module.semester, position + 1);
    const created = await tx.module.create({ data: { programmeId, schoolId, ...module, position }, select: { id: true } });
    if (mappings.length) await tx.mapping.createMany({ data: mappings.map((m) => ({ moduleId: created.id, ...m })) });
    const teachers = teachersByCode.get(module.code) ?? [];
    if (teachers.length) await tx.moduleTeacher.createMany({ data: teachers.map((userId) => ({ moduleId: created.id, userId })) });
  }
}

function teachersByCode(programme: ProgrammeDetail) {
  return new Map(programme.modules.map((m) => [m.code, m.teachers.map((t) => t.userId)]));
}

export type RestoreResult = { ok: true; keptDraftAs: number | null } | { ok: false; reason: "not_found" | "locked" };

/**
 * Starts the draft again from a version (for the next accreditation cycle). Nothing is lost:
 * when the draft differs from the newest version, it is first published as a version of its own.
 */
export async function restoreVersion({ db, schoolId, programmeId, number, actor }: { db: Db; schoolId: string; programmeId: string; number: number; actor: Actor }): Promise<RestoreResult> {
  return db.$transaction(
    async (tx) => {
      const programme = await getProgramme({ db: tx, schoolId, id: programmeId });
      const version = await getVersion({ db: tx, schoolId, programmeId, number });
      if (!programme || !version) return { ok: false, reason: "not_found" };
      if (programme.versions.length) return { ok: false, reason: "locked" };
      // The draft is safe when some version already holds exactly its content.
      const published = await tx.programmeVersion.findMany({ where: { programmeId }, orderBy: { number: "desc" }, select: { snapshot: true } });
      const draft = await draftOf(tx, programme);
      const unpublished = !published.some((v) => sameContent(draft, JSON.parse(v.snapshot) as ProgrammeSnapshot));
      const kept = unpublished ? await publishIn(tx, { schoolId, programmeId, label: `Brouillon conservé avant la reprise de la version ${number}`, actor }) : null;
      const { snapshot } = version;
      await tx.module.deleteMany({ where: { programmeId } });
      await tx.programme.update({
        where: { id: programmeId },
        data: {
          title: snapshot.programme.title,
          diplomaType: snapshot.programme.diplomaType,
          level: snapshot.programme.level,
          entryEcts: snapshot.programme.entryEcts,
          semesters: snapshot.programme.semesters,
          description: snapshot.programme.description,
        },
      });
      await tx.programmeTarget.deleteMany({ where: { programmeId } });
      await tx.programmeTarget.createMany({ data: snapshot.targets.map((t, position) => ({ programmeId, sheetSlug: t.sheetSlug, sheetVersion: t.sheetVersion, position })) });
      // A version published before the national frameworks existed: its level's is targeted again.
      await ensureLevelFrameworkTarget(tx, { id: programmeId, level: snapshot.programme.level });
      await writeModules(tx, { programmeId, schoolId, modules: snapshot.modules, teachersByCode: teachersByCode(programme) });
      await audit(tx, actor, { action: "restore_version", entity: "programme", entityId: programmeId, programmeId, after: { number, keptDraftAs: kept?.number ?? null } });
      return { ok: true, keptDraftAs: kept?.number ?? null };
    },
    { timeout: 60_000 },
  );
}

/** Whether the draft holds exactly what a version holds (programme, targets, modules; coverage follows from them). */
function sameContent(draft: Comparable, version: Comparable) {
  return isEmptySnapshotDiff({ ...diffSnapshots(version, draft), coverage: [] });
}

/** Copies a programme (targets at their pins, modules, mappings, teachers) into a new one. */
export async function duplicateProgramme({ db, schoolId, programmeId, title, actor }: { db: Db; schoolId: string; programmeId: string; title: string; actor: Actor }) {
  return db.$transaction(
    async (tx) => {
      const programme = await getProgramme({ db: tx, schoolId, id: programmeId });
      if (!programme) return null;
      const created = await tx.programme.create({
        data: {
          schoolId,
          title,
          diplomaType: programme.diplomaType,
          level: programme.level,
          entryEcts: programme.entryEcts,
          semesters: programme.semesters,
          description: programme.description,
          targets: { create: programme.targets.map((t, position) => ({ sheetSlug: t.sheetSlug, sheetVersion: t.sheetVersion, position })) },
        },
        select: { id: true },
      });
      await writeModules(tx, { programmeId: created.id, schoolId, modules: snapshotModules(programme), teachersByCode: teachersByCode(programme) });
      await audit(tx, actor, { action: "duplicate_programme", entity: "programme", entityId: created.id, programmeId: created.id, after: { from: programmeId, fromTitle: programme.title, title } });
      await audit(tx, actor, { action: "duplicate_programme", entity: "programme", entityId: programmeId, programmeId, after: { to: created.id, title } });
      return created;
    },
    { timeout: 60_000 },
  );
}
