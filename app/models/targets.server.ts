/**
 * What the coverage engine and the imports need from the reference data: the targets
 * (latest version of each sheet, as requirement rows) and the set of item references a
 * mapping may name.
 */
import { Prisma } from "~/generated/prisma/client";
import { readAll } from "~/utils/db-scope.server";
import type { Db } from "~/utils/create-db.server";
import type { Tx } from "./programme.server";

/** Reads work on the client or inside a transaction. */
type Reader = Db | Tx;
import type { CncpLevel, TargetInput } from "~/domain/coverage";
import type { KnownItems } from "~/domain/programme-import";
import type { RequirementKind, SheetKind } from "~/domain/reference-data";
import { requirementRef } from "~/domain/sheet-view";
import { levelOfFrameworkSlug, withLevelFramework } from "~/domain/cncp-levels";
import { visibleSheets } from "./reference-sheet.server";

/** The school whose own lists may be read besides the public sheets (none: public sheets only; docs/decisions/054). */
type SheetScope = { schoolId?: string | null };

const headSelect = { id: true, version: true, contentHash: true } as const;

const versionSelect = {
  ...headSelect,
  title: true,
  publisher: true,
  sourceFile: true,
  cncpMin: true,
  cncpMax: true,
  requirements: {
    orderBy: { position: "asc" },
    select: { code: true, kind: true, label: true, required: true, requiredDepth: true, editorial: true, editorialReason: true },
  },
} as const;

type VersionHead = { slug: string; id: string; version: number; contentHash: string };

async function latestHeads(db: Reader, slugs: readonly string[] | undefined, { schoolId }: SheetScope): Promise<VersionHead[]> {
  const sheets = await db.referenceSheet.findMany({
    where: { ...visibleSheets(schoolId), ...(slugs ? { slug: { in: [...slugs] } } : {}) },
    select: { slug: true, versions: { orderBy: { version: "desc" }, take: 1, select: headSelect } },
  });
  return sheets.flatMap((sheet) => (sheet.versions[0] ? [{ slug: sheet.slug, ...sheet.versions[0] }] : []));
}

async function latestVersions(db: Reader, slugs: readonly string[] | undefined, scope: SheetScope) {
  return withRequirements(db, await latestHeads(db, slugs, scope));
}

/** A sheet a programme is checked against: by slug, at a pinned version (default: the newest). */
export type TargetRef = { sheetSlug: string; sheetVersion?: number | null };

type StoredVersion = VersionHead & Omit<Awaited<ReturnType<typeof readVersions>>[number], "sheet"> & { kind: SheetKind };

async function readVersions(db: Reader, ids: readonly string[]) {
  return db.referenceSheetVersion.findMany({ where: { id: { in: [...ids] } }, select: { ...versionSelect, sheet: { select: { slug: true, kind: true } } } });
}

/**
 * Stored sheet versions by id and content hash. A sheet version is never changed once stored
 * (a new file makes a new version; decision 015), so its requirements are read once per process
 * and kept; the cheap head query still runs on every call, so a version that is not in the
 * database any more (or another database's) is never served from here.
 */
const STORED_VERSIONS = new Map<string, StoredVersion>();
const STORED_VERSIONS_MAX = 500;

async function withRequirements(db: Reader, heads: readonly VersionHead[]): Promise<StoredVersion[]> {
  const key = (head: VersionHead) => `${head.id}:${head.contentHash}`;
  const missing = heads.filter((head) => !STORED_VERSIONS.has(key(head)));
  if (missing.length) {
    const read = await readVersions(db, missing.map((head) => head.id));
    for (const { sheet, ...version } of read) {
      if (STORED_VERSIONS.size >= STORED_VERSIONS_MAX) STORED_VERSIONS.delete(STORED_VERSIONS.keys().next().value!);
      STORED_VERSIONS.set(key({ slug: sheet.slug, ...version }), { slug: sheet.slug, kind: sheet.kind as SheetKind, ...version });
    }
  }
  return heads.flatMap((head) => {
    const stored = STORED_VERSIONS.get(key(head));
    return stored && stored.slug === head.slug ? [stored] : [];
  });
}

async function versionsFor(db: Reader, refs: readonly TargetRef[], scope: SheetScope) {
  const pinned = refs.filter((r): r is { sheetSlug: string; sheetVersion: number } => typeof r.sheetVersion === "number");
  const latest = refs.filter((r) => typeof r.sheetVersion !== "number").map((r) => r.sheetSlug);
  const [atPin, newest] = await Promise.all([
    pinned.length
      ? db.referenceSheetVersion.findMany({
          where: { sheet: visibleSheets(scope.schoolId), OR: pinned.map((r) => ({ sheet: { slug: r.sheetSlug }, version: r.sheetVersion })) },
          select: { ...headSelect, sheet: { select: { slug: true } } },
        })
      : [],
    latest.length ? latestHeads(db, latest, scope) : [],
  ]);
  return withRequirements(db, [...atPin.map(({ sheet, ...v }) => ({ slug: sheet.slug, ...v })), ...newest]);
}

export type LoadedTarget = TargetInput & {
  /** What the sheet describes: a job, a national framework, a certification, the school's own list. */
  kind: SheetKind;
  version: number;
  /** SHA-256 of the sheet version's data: what a published programme version was checked against. */
  contentHash: string;
  publisher: string;
  sourceFile: string;
  /** Editorial choices of the transcription: item ref → reason. */
  editorial: Map<string, string>;
};

/**
 * The targets for these sheets (each at its pinned version, else the newest) at a level, in
 * the order asked; unknown sheets or versions, and another school's lists, are left out.
 */
export async function loadTargets({ db, targets, level, schoolId }: { db: Reader; targets: readonly TargetRef[]; level: CncpLevel } & SheetScope): Promise<LoadedTarget[]> {
  const versions = await versionsFor(db, targets, { schoolId });
  const bySlug = new Map(versions.map((v) => [v.slug, v]));
  return targets.flatMap(({ sheetSlug: slug }) => {
    const version = bySlug.get(slug);
    if (!version) return [];
    const requirements = version.requirements.map((item) => ({
      ref: requirementRef(slug, { kind: item.kind as RequirementKind, code: item.code }),
      kind: item.kind as RequirementKind,
      label: item.label,
      required: item.required,
      requiredDepth: item.requiredDepth,
    }));
    return [
      {
        sheetSlug: slug,
        kind: version.kind,
        title: version.title,
        cncpMin: version.cncpMin,
        cncpMax: version.cncpMax,
        level,
        version: version.version,
        contentHash: version.contentHash,
        publisher: version.publisher,
        sourceFile: version.sourceFile,
        requirements,
        editorial: new Map(requirements.flatMap((r, i) => (version.requirements[i].editorial ? [[r.ref, version.requirements[i].editorialReason ?? ""] as [string, string]] : []))),
      },
    ];
  });
}

/** Every reference a mapping may name: competences of every sheet the school may read, T01..T17, the K- catalogue. */
export async function loadKnownItems({ db, schoolId }: { db: Db } & SheetScope): Promise<KnownItems> {
  const [versions, transversal, knowledge] = await Promise.all([
    latestVersions(db, undefined, { schoolId }),
    db.transversalResource.findMany({ select: { code: true } }),
    db.knowledgeDomain.findMany({ select: { code: true } }),
  ]);
  const refs = new Set<string>([...transversal.map((t) => t.code), ...knowledge.map((k) => k.code)]);
  for (const version of versions) {
    for (const item of version.requirements) refs.add(requirementRef(version.slug, { kind: item.kind as RequirementKind, code: item.code }));
  }
  return { refs, sheets: new Set(versions.map((v) => v.slug)) };
}

/** The sheets a school may target (the public ones and its own lists): slug, kind and title of each, by title. */
export async function listTargetChoices({ db, schoolId }: { db: Db } & SheetScope) {
  const versions = await latestVersions(db, undefined, { schoolId });
  return versions
    .map((v) => ({ slug: v.slug, kind: v.kind, title: v.title, cncpMin: v.cncpMin, cncpMax: v.cncpMax }))
    .sort((a, b) => a.title.localeCompare(b.title, "fr"));
}

/** Whether an item is a requirement of one of the programme's targets (a column of its matrix). */
export async function isTargetItem({ db, programme, itemRef }: { db: Db; programme: Pick<ProgrammeTargets, "targets">; itemRef: string }) {
  // One indexed lookup instead of loading the targets: `<slug>/<code>` is a competence of that
  // sheet; a bare code is a shared item (transversal resource, knowledge domain) of any target.
  const slash = itemRef.indexOf("/");
  const slug = slash >= 0 ? itemRef.slice(0, slash) : null;
  const code = slash >= 0 ? itemRef.slice(slash + 1) : itemRef;
  const targets = programme.targets.filter((t) => slug === null || t.sheetSlug === slug);
  if (!code || targets.length === 0) return false;
  // One statement (it runs with every cell saved): the sheets and versions that have this code.
  // Reference data, in one round trip on PostgreSQL.
  const [rows] = await readAll(db, [
    Prisma.sql`
      SELECT s."slug", v."version", r."kind" FROM "SheetRequirement" r
      JOIN "ReferenceSheetVersion" v ON v."id" = r."sheetVersionId"
      JOIN "ReferenceSheet" s ON s."id" = v."sheetId"
      WHERE r."code" = ${code}`,
  ]);
  return rows.some((r) => (slug === null ? r.kind !== "competence" : r.kind === "competence") && targets.some((t) => t.sheetSlug === r.slug && t.sheetVersion === Number(r.version)));
}

/**
 * Which of these references are requirements of the programme's targets (columns of its
 * matrix): one by `isTargetItem`'s indexed lookup, several against the targets' requirements
 * (kept per process, decision 015).
 */
export async function targetItemsAmong({ db, schoolId, programme, itemRefs }: { db: Db; schoolId: string; programme: Pick<ProgrammeTargets, "targets">; itemRefs: readonly string[] }): Promise<Set<string>> {
  if (itemRefs.length === 1) return (await isTargetItem({ db, programme, itemRef: itemRefs[0] })) ? new Set(itemRefs) : new Set();
  const versions = await versionsFor(db, programme.targets, { schoolId });
  const known = new Set(versions.flatMap((v) => v.requirements.map((item) => requirementRef(v.slug, { kind: item.kind as RequirementKind, code: item.code }))));
  return new Set(itemRefs.filter((ref) => known.has(ref)));
}

type ProgrammeTargets = { level: number; targets: readonly { sheetSlug: string; sheetVersion: number }[] };

/** A programme's own targets, each at the sheet version the programme is pinned to, at its level. */
export async function programmeTargets(db: Reader, programme: ProgrammeTargets & { schoolId: string }): Promise<LoadedTarget[]> {
  return loadTargets({ db, targets: programme.targets, level: programme.level as CncpLevel, schoolId: programme.schoolId });
}

/** The newest version number of each of these sheets that the school may read (what a new target is pinned to). */
export async function newestVersionNumbers(db: Reader, slugs: readonly string[], { schoolId }: SheetScope = {}): Promise<Map<string, number>> {
  const sheets = await db.referenceSheet.findMany({
    where: { ...visibleSheets(schoolId), slug: { in: [...slugs] } },
    select: { slug: true, versions: { orderBy: { version: "desc" }, take: 1, select: { version: true } } },
  });
  return new Map(sheets.flatMap((s) => (s.versions[0] ? [[s.slug, s.versions[0].version] as [string, number]] : [])));
}

/** Whether one of these targets has a newer sheet version than the one it is pinned to. */
export async function hasPendingUpgrade(db: Reader, targets: readonly { sheetSlug: string; sheetVersion: number }[], scope: SheetScope = {}) {
  const newest = await newestVersionNumbers(db, targets.map((t) => t.sheetSlug), scope);
  return targets.some((t) => (newest.get(t.sheetSlug) ?? 0) > t.sheetVersion);
}

/**
 * The sheets a programme at `level` targets: the ones asked for, and its level's national
 * framework (cncp-niveau-N) whenever that sheet is loaded; another level's framework is never
 * kept (docs/decisions/040).
 */
export async function targetSlugsAtLevel(db: Reader, slugs: readonly string[], level: number): Promise<string[]> {
  const wanted = withLevelFramework(slugs, level);
  const framework = wanted[wanted.length - 1];
  const loaded = await newestVersionNumbers(db, [framework]);
  return loaded.has(framework) ? wanted : wanted.filter((slug) => levelOfFrameworkSlug(slug) === null);
}

/**
 * Gives a programme its level's framework as a target when it lacks it (pinned to the newest
 * version) and drops another level's, keeping every other target and pin in order. True when
 * it changed the targets. Inside the caller's transaction.
 */
export async function ensureLevelFrameworkTarget(tx: Tx, programme: { id: string; level: number }): Promise<boolean> {
  const rows = await tx.programmeTarget.findMany({ where: { programmeId: programme.id }, orderBy: { position: "asc" }, select: { sheetSlug: true, sheetVersion: true } });
  const slugs = rows.map((row) => row.sheetSlug);
  const wanted = await targetSlugsAtLevel(tx, slugs, programme.level);
  if (wanted.join("\n") === slugs.join("\n")) return false;
  const pins = new Map(rows.map((row) => [row.sheetSlug, row.sheetVersion]));
  const newest = await newestVersionNumbers(tx, wanted.filter((slug) => !pins.has(slug)));
  await tx.programmeTarget.deleteMany({ where: { programmeId: programme.id } });
  await tx.programmeTarget.createMany({
    data: wanted.map((sheetSlug, position) => ({ programmeId: programme.id, sheetSlug, position, sheetVersion: pins.get(sheetSlug) ?? newest.get(sheetSlug) ?? 1 })),
  });
  return true;
}
