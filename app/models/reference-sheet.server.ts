import { createHash } from "node:crypto";
import type { Db } from "~/utils/create-db.server";
import {
  canonicalJson,
  referenceSheetSchema,
  sheetKindOf,
  type KnowledgeCatalogue,
  type ReferenceSheetData,
  type RequirementKind,
  type SheetKind,
  type TransversalFramework,
} from "~/domain/reference-data";
import { renderSentence, type Language } from "~/domain/sentences";
import { parseSheetFile } from "~/domain/sheet-exchange";
import { emptyCounts, type SheetCounts } from "~/domain/sheet-view";
import { formatZodIssues } from "~/domain/validation";
import { audit, type Actor } from "./audit.server";
import { faultPoint } from "./fault-injection.server";
import type { Tx } from "./programme.server";

export type SheetLoadResult = { slug: string; version: number; status: "created" | "unchanged" };

export function contentHash(data: ReferenceSheetData): string {
  return createHash("sha256").update(canonicalJson(data)).digest("hex");
}

/**
 * The sheets a school may read: every public sheet, and its own lists (docs/decisions/054).
 * Without a school (a visitor, a script), the public sheets only.
 */
export function visibleSheets(schoolId: string | null | undefined) {
  return schoolId ? { OR: [{ schoolId: null }, { schoolId }] } : { schoolId: null };
}

/**
 * Writes `data` as the next version of the sheet `sheetId`, unless its latest version has the
 * same content. Runs inside the caller's transaction.
 */
export async function writeSheetVersion(tx: Tx, sheetId: string, data: ReferenceSheetData, origin: SheetOrigin): Promise<{ version: number; contentHash: string; status: "created" | "unchanged" }> {
  const hash = contentHash(data);
  const latest = await tx.referenceSheetVersion.findFirst({
    where: { sheetId },
    orderBy: { version: "desc" },
    select: { version: true, contentHash: true },
  });
  if (latest?.contentHash === hash) return { version: latest.version, contentHash: hash, status: "unchanged" };
  const version = (latest?.version ?? 0) + 1;
  await tx.referenceSheetVersion.create({
    data: {
      sheetId,
      version,
      contentHash: hash,
      content: canonicalJson(data),
      title: data.title,
      publisher: data.publisher.name,
      sourceFile: data.sourceFile,
      cncpMin: data.cncp.min,
      cncpMax: data.cncp.max,
      origin,
      requirements: {
        create: data.requirements.map((item, position) => ({
          code: item.code,
          kind: item.kind,
          label: item.label,
          required: item.required,
          requiredDepth: item.requiredDepth,
          editorial: item.editorial,
          editorialReason: item.editorialReason ?? null,
          sourceFile: item.source.file,
          sourceQuote: item.source.quote,
          position,
        })),
      },
    },
  });
  return { version, contentHash: hash, status: "created" };
}

/** Where a version came from: a data file, an upload or the API, or a school's list edited in the app. */
export type SheetOrigin = "seed" | "import" | "school";

/**
 * Stores a public sheet as a new version unless its latest version has the same content.
 * All-or-nothing: the version and its requirements are written in one transaction. A school's
 * own list is never written here (app/models/school-list.server.ts).
 */
export async function saveSheetVersion(
  db: Db,
  data: ReferenceSheetData,
  origin: "seed" | "import" = "seed",
  actor?: Actor,
): Promise<SheetLoadResult> {
  if (sheetKindOf(data) === "school") throw new Error(`${data.slug} : une liste d'établissement ne s'enregistre pas comme une fiche publique.`);
  return db.$transaction(
    async (tx) => {
      const sheet = await tx.referenceSheet.upsert({
        where: { slug: data.slug },
        create: { slug: data.slug, kind: sheetKindOf(data) },
        update: {},
        select: { id: true, schoolId: true },
      });
      if (sheet.schoolId !== null) throw new Error(`${data.slug} : ce slug est celui d'une liste d'établissement.`);
      const written = await writeSheetVersion(tx, sheet.id, data, origin);
      if (written.status === "unchanged") return { slug: data.slug, version: written.version, status: "unchanged" as const };
      faultPoint("sheet-version:requirements");
      if (actor) await audit(tx, actor, { action: "import", entity: "reference_sheet", entityId: data.slug, after: { version: written.version, contentHash: written.contentHash } });
      return { slug: data.slug, version: written.version, status: "created" as const };
    },
    { timeout: 60_000 },
  );
}

function sameRow(existing: Record<string, unknown> | undefined, row: Record<string, unknown>) {
  return existing !== undefined && Object.entries(row).every(([key, value]) => existing[key] === value);
}

/** Writes the shared frameworks; returns how many rows were created or changed. */
export async function saveFrameworks(
  db: Db,
  transversal: TransversalFramework,
  knowledge: KnowledgeCatalogue,
): Promise<{ transversal: number; knowledge: number }> {
  return db.$transaction(
    async (tx) => {
      const counts = { transversal: 0, knowledge: 0 };
      const resources = new Map((await tx.transversalResource.findMany()).map((row) => [row.code, row]));
      for (const [position, item] of transversal.entries()) {
        const row = { label: item.label, position, sourceFile: item.source.file, sourceQuote: item.source.quote };
        if (sameRow(resources.get(item.code), row)) continue;
        await tx.transversalResource.upsert({ where: { code: item.code }, create: { code: item.code, ...row }, update: row });
        counts.transversal++;
        faultPoint("frameworks:row");
      }
      const domains = new Map((await tx.knowledgeDomain.findMany()).map((row) => [row.code, row]));
      for (const item of knowledge) {
        const row = { label: item.label, nsf: item.nsf, formacode: item.formacode, sourceFile: item.source.file, sourceQuote: item.source.quote };
        if (sameRow(domains.get(item.code), row)) continue;
        await tx.knowledgeDomain.upsert({ where: { code: item.code }, create: { code: item.code, ...row }, update: row });
        counts.knowledge++;
        faultPoint("frameworks:row");
      }
      return counts;
    },
    { timeout: 60_000 },
  );
}

/** The public sheets (a school's own lists are not counted). */
export async function countReferenceSheets(db: Db) {
  return db.referenceSheet.count({ where: { schoolId: null } });
}

/**
 * Every sheet the school may read (`schoolId`; none: the public ones) with its latest version's
 * header and its requirement counts per kind.
 */
export async function listLatestSheets({ db, schoolId }: { db: Db; schoolId?: string | null }) {
  const sheets = await db.referenceSheet.findMany({
    where: visibleSheets(schoolId),
    orderBy: { slug: "asc" },
    select: {
      slug: true,
      kind: true,
      schoolId: true,
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: { id: true, version: true, title: true, publisher: true, cncpMin: true, cncpMax: true, createdAt: true },
      },
    },
  });
  const latest = sheets.flatMap((sheet) => (sheet.versions[0] ? [{ slug: sheet.slug, kind: sheet.kind as SheetKind, own: sheet.schoolId !== null, ...sheet.versions[0] }] : []));
  const groups = await db.sheetRequirement.groupBy({
    by: ["sheetVersionId", "kind", "required"],
    where: { sheetVersionId: { in: latest.map((version) => version.id) } },
    _count: { _all: true },
  });
  const counts = new Map<string, SheetCounts>();
  for (const group of groups) {
    const forVersion = counts.get(group.sheetVersionId) ?? emptyCounts();
    const kind = forVersion[group.kind as RequirementKind];
    kind.total += group._count._all;
    if (group.required) kind.required += group._count._all;
    counts.set(group.sheetVersionId, forVersion);
  }
  return latest
    .map(({ id, cncpMin, cncpMax, createdAt, ...version }) => ({
      ...version,
      cncp: { min: cncpMin, max: cncpMax },
      createdAt: createdAt.toISOString(),
      counts: counts.get(id) ?? emptyCounts(),
    }))
    .sort((a, b) => a.title.localeCompare(b.title, "fr"));
}

/**
 * One version of a sheet the school may read (`schoolId`; none: a public sheet), the latest when
 * `version` is omitted, with its whole content; null when absent or not the school's to read.
 */
export async function findSheetVersion({ db, slug, version, schoolId }: { db: Db | Tx; slug: string; version?: number; schoolId?: string | null }) {
  const sheet = { slug, ...visibleSheets(schoolId) };
  const row = await db.referenceSheetVersion.findFirst({
    where: { sheet, ...(version === undefined ? {} : { version }) },
    orderBy: { version: "desc" },
    select: { version: true, createdAt: true, origin: true, contentHash: true, content: true, sheet: { select: { schoolId: true } } },
  });
  if (!row) return null;
  const latest = await db.referenceSheetVersion.aggregate({ where: { sheet }, _max: { version: true } });
  return {
    slug,
    /** A school's own list (visible to that school only). */
    own: row.sheet.schoolId !== null,
    version: row.version,
    latestVersion: latest._max.version ?? row.version,
    createdAt: row.createdAt.toISOString(),
    origin: row.origin,
    contentHash: row.contentHash,
    // Validated before it was stored (saveSheetVersion's callers); parsed again so that a
    // row written by an older format fails loudly here rather than deep in a page.
    data: referenceSheetSchema.parse(JSON.parse(row.content)),
  };
}

/** Every version of a sheet the school may read, newest first; null for an unknown slug (or another school's list). */
export async function listSheetVersions({ db, slug, schoolId }: { db: Db; slug: string; schoolId?: string | null }) {
  const sheet = await db.referenceSheet.findFirst({
    where: { slug, ...visibleSheets(schoolId) },
    select: {
      versions: {
        orderBy: { version: "desc" },
        select: { version: true, createdAt: true, origin: true, contentHash: true, title: true },
      },
    },
  });
  if (!sheet) return null;
  return sheet.versions.map((version) => ({ ...version, createdAt: version.createdAt.toISOString() }));
}

/** The 17 shared transversal resources, in order (a foreign CASE import lists them all). */
export async function getTransversalFramework({ db }: { db: Db }): Promise<TransversalFramework> {
  const rows = await db.transversalResource.findMany({
    orderBy: { position: "asc" },
    select: { code: true, label: true, sourceFile: true, sourceQuote: true },
  });
  return rows.map((row) => ({ code: row.code, label: row.label, source: { file: row.sourceFile, quote: row.sourceQuote } }));
}

export type ImportResult = SheetLoadResult | { status: "invalid"; errors: string[] };

/**
 * Stores an imported sheet: validated again, checked against the shared transversal
 * framework, then saved as a new version (or "unchanged" when the content is the same).
 * All-or-nothing: an invalid sheet writes nothing.
 */
export async function importSheet({
  db,
  data,
  origin = "import",
  actor,
  language = "fr",
}: {
  db: Db;
  data: ReferenceSheetData;
  origin?: "seed" | "import";
  actor?: Actor;
  /** The language of the errors. */
  language?: Language;
}): Promise<ImportResult> {
  const parsed = referenceSheetSchema.safeParse(data);
  if (!parsed.success) return { status: "invalid", errors: formatZodIssues(parsed.error.issues, language) };
  // A school's own list is written in the app, by its school, never imported as public data.
  if (sheetKindOf(parsed.data) === "school") return { status: "invalid", errors: [renderSentence({ key: "refdata.school_list_import", params: {} }, language)] };
  const framework = new Map((await getTransversalFramework({ db })).map((item) => [item.code, item.label]));
  const errors = parsed.data.requirements.flatMap((item, index) =>
    item.kind === "transversal" && framework.size > 0 && framework.get(item.code) !== item.label
      ? [renderSentence({ key: "sheet.transversal_label", params: { index, code: item.code, expected: framework.get(item.code) ?? "" } }, language)]
      : [],
  );
  if (errors.length) return { status: "invalid", errors };
  return saveSheetVersion(db, parsed.data, origin, actor);
}

/** Reads an uploaded file (our JSON or a CASE package) and imports it. */
export async function importSheetFile({
  db,
  fileName,
  text,
  actor,
  language = "fr",
}: {
  db: Db;
  fileName: string;
  text: string;
  actor?: Actor;
  language?: Language;
}): Promise<ImportResult> {
  const parsed = parseSheetFile({ text, fileName, transversal: await getTransversalFramework({ db }), language });
  if (!parsed.ok) return { status: "invalid", errors: parsed.errors };
  return importSheet({ db, data: parsed.data, origin: "import", actor, language });
}
