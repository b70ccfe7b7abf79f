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
import type { RequirementKind } from "~/domain/reference-data";
import { requirementRef } from "~/domain/sheet-view";

const headSelect = { id: true, version: true, contentHash: true } as const;

const versionSelect = {
  ...headSelect,
  title: true,
  publisher: true,
  sourceFile: true,
  cncpMin: true,
  cncpMax: true,
  // Read once per stored version (kept below) for what the columns do not hold: whether the
  // level is the transcription's inference, and why.
  content: true,
  requirements: {
    orderBy: { position: "asc" },
    select: { code: true, kind: true, label: true, required: true, requiredDepth: true, editorial: true, editorialReason: true },
  },
} as const;

type VersionHead = { slug: string; id: string; version: number; contentHash: string };

async function latestHeads(db: Reader, slugs?: readonly string[]): Promise<VersionHead[]> {
  const sheets = await db.referenceSheet.findMany({
    where: slugs ? { slug: { in: [...slugs] } } : undefined,
    select: { slug: true, versions: { orderBy: { version: "desc" }, take: 1, select: headSelect } },
  });
  return sheets.flatMap((sheet) => (sheet.versions[0] ? [{ slug: sheet.slug, ...sheet.versions[0] }] : []));
}

async function latestVersions(db: Reader, slugs?: readonly string[]) {
  return withRequirements(db, await latestHeads(db, slugs));
}

/** A sheet a programme is checked against: by slug, at a pinned version (default: the newest). */
export type TargetRef = { sheetSlug: string; sheetVersion?: number | null };

type StoredVersion = VersionHead & Omit<Awaited<ReturnType<typeof readVersions>>[number], "sheet" | "content"> & { cncpEditorialReason: string | null };

async function readVersions(db: Reader, ids: readonly string[]) {
  return db.referenceSheetVersion.findMany({ where: { id: { in: [...ids] } }, select: { ...versionSelect, sheet: { select: { slug: true } } } });
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
    for (const { sheet, content, ...version } of read) {
      if (STORED_VERSIONS.size >= STORED_VERSIONS_MAX) STORED_VERSIONS.delete(STORED_VERSIONS.keys().next().value!);
      STORED_VERSIONS.set(key({ slug: sheet.slug, ...version }), { slug: sheet.slug, ...version, cncpEditorialReason: levelInference(content) });
    }
  }
  return heads.flatMap((head) => {
    const stored = STORED_VERSIONS.get(key(head));
    return stored && stored.slug === head.slug ? [stored] : [];
  });
}

/** Why the transcription chose the sheet's level, when the level is its inference (null: the sheet states it). */
export function levelInference(content: string): string | null {
  const { cncp } = JSON.parse(content) as { cncp?: { editorial?: boolean; editorialReason?: string } };
  return cncp?.editorial ? (cncp.editorialReason ?? "") : null;
}

async function versionsFor(db: Reader, refs: readonly TargetRef[]) {
  const pinned = refs.filter((r): r is { sheetSlug: string; sheetVersion: number } => typeof r.sheetVersion === "number");
  const latest = refs.filter((r) => typeof r.sheetVersion !== "number").map((r) => r.sheetSlug);
  const [atPin, newest] = await Promise.all([
    pinned.length
      ? db.referenceSheetVersion.findMany({
          where: { OR: pinned.map((r) => ({ sheet: { slug: r.sheetSlug }, version: r.sheetVersion })) },
          select: { ...headSelect, sheet: { select: { slug: true } } },
        })
      : [],
    latest.length ? latestHeads(db, latest) : [],
  ]);
  return withRequirements(db, [...atPin.map(({ sheet, ...v }) => ({ slug: sheet.slug, ...v })), ...newest]);
}

export type LoadedTarget = TargetInput & {
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
 * the order asked; unknown sheets or versions are left out.
 */
export async function loadTargets({ db, targets, level }: { db: Reader; targets: readonly TargetRef[]; level: CncpLevel }): Promise<LoadedTarget[]> {
  const versions = await versionsFor(db, targets);
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
        title: version.title,
        cncpMin: version.cncpMin,
        cncpMax: version.cncpMax,
        cncpEditorialReason: version.cncpEditorialReason,
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

/** Every reference a mapping may name: competences of every sheet, T01..T17, the K- catalogue. */
export async function loadKnownItems({ db }: { db: Db }): Promise<KnownItems> {
  const [versions, transversal, knowledge] = await Promise.all([
    latestVersions(db),
    db.transversalResource.findMany({ select: { code: true } }),
    db.knowledgeDomain.findMany({ select: { code: true } }),
  ]);
  const refs = new Set<string>([...transversal.map((t) => t.code), ...knowledge.map((k) => k.code)]);
  for (const version of versions) {
    for (const item of version.requirements) refs.add(requirementRef(version.slug, { kind: item.kind as RequirementKind, code: item.code }));
  }
  return { refs, sheets: new Set(versions.map((v) => v.slug)) };
}

/** The sheets a school may target: slug and title of each, by title. */
export async function listTargetChoices({ db }: { db: Db }) {
  const versions = await latestVersions(db);
  return versions
    .map((v) => ({ slug: v.slug, title: v.title, cncpMin: v.cncpMin, cncpMax: v.cncpMax, cncpEditorialReason: v.cncpEditorialReason }))
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

type ProgrammeTargets = { level: number; targets: readonly { sheetSlug: string; sheetVersion: number }[] };

/** A programme's own targets, each at the sheet version the programme is pinned to, at its level. */
export async function programmeTargets(db: Reader, programme: ProgrammeTargets): Promise<LoadedTarget[]> {
  return loadTargets({ db, targets: programme.targets, level: programme.level as CncpLevel });
}

/** The newest version number of each of these sheets (what a new target is pinned to). */
export async function newestVersionNumbers(db: Reader, slugs: readonly string[]): Promise<Map<string, number>> {
  const sheets = await db.referenceSheet.findMany({
    where: { slug: { in: [...slugs] } },
    select: { slug: true, versions: { orderBy: { version: "desc" }, take: 1, select: { version: true } } },
  });
  return new Map(sheets.flatMap((s) => (s.versions[0] ? [[s.slug, s.versions[0].version] as [string, number]] : [])));
}

/** Whether one of these targets has a newer sheet version than the one it is pinned to. */
export async function hasPendingUpgrade(db: Reader, targets: readonly { sheetSlug: string; sheetVersion: number }[]) {
  const newest = await newestVersionNumbers(db, targets.map((t) => t.sheetSlug));
  return targets.some((t) => (newest.get(t.sheetSlug) ?? 0) > t.sheetVersion);
}
