import { createHash } from "node:crypto";
import type { Db } from "~/utils/create-db.server";
import {
  canonicalJson,
  referenceSheetSchema,
  sheetKindOf,
  type KnowledgeCatalogue,
  type ReferenceSheetData,
  type RequirementKind,
  type TransversalFramework,
} from "~/domain/reference-data";
import { renderSentence, type Language } from "~/domain/sentences";
import { parseSheetFile } from "~/domain/sheet-exchange";
import { emptyCounts, type SheetCounts } from "~/domain/sheet-view";
import { formatZodIssues } from "~/domain/validation";
import { audit, type Actor } from "./audit.server";
import { levelInference } from "./targets.server";
import { faultPoint } from "./fault-injection.server";

export type SheetLoadResult = { slug: string; version: number; status: "created" | "unchanged" };

export function contentHash(data: ReferenceSheetData): string {
  return createHash("sha256").update(canonicalJson(data)).digest("hex");
}

/**
 * Stores a sheet as a new version unless its latest version has the same content.
 * All-or-nothing: the version and its requirements are written in one transaction.
 */
export async function saveSheetVersion(
  db: Db,
  data: ReferenceSheetData,
  origin: "seed" | "import" = "seed",
  actor?: Actor,
): Promise<SheetLoadResult> {
  const hash = contentHash(data);
  return db.$transaction(
    async (tx) => {
      const sheet = await tx.referenceSheet.upsert({
        where: { slug: data.slug },
        create: { slug: data.slug, kind: sheetKindOf(data) },
        update: {},
        select: { id: true },
      });
      const latest = await tx.referenceSheetVersion.findFirst({
        where: { sheetId: sheet.id },
        orderBy: { version: "desc" },
        select: { version: true, contentHash: true },
      });
      if (latest?.contentHash === hash) return { slug: data.slug, version: latest.version, status: "unchanged" as const };
      const version = (latest?.version ?? 0) + 1;
      await tx.referenceSheetVersion.create({
        data: {
          sheetId: sheet.id,
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
      faultPoint("sheet-version:requirements");
      if (actor) await audit(tx, actor, { action: "import", entity: "reference_sheet", entityId: data.slug, after: { version, contentHash: hash } });
      return { slug: data.slug, version, status: "created" as const };
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

export async function countReferenceSheets(db: Db) {
  return db.referenceSheet.count();
}

/** Every sheet with its latest version's header and its requirement counts per kind. */
export async function listLatestSheets({ db }: { db: Db }) {
  const sheets = await db.referenceSheet.findMany({
    orderBy: { slug: "asc" },
    select: {
      slug: true,
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: { id: true, version: true, title: true, publisher: true, cncpMin: true, cncpMax: true, createdAt: true, content: true },
      },
    },
  });
  const latest = sheets.flatMap((sheet) => (sheet.versions[0] ? [{ slug: sheet.slug, ...sheet.versions[0] }] : []));
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
    .map(({ id, cncpMin, cncpMax, createdAt, content, ...version }) => ({
      ...version,
      cncp: { min: cncpMin, max: cncpMax, editorial: levelInference(content) !== null, editorialReason: levelInference(content) },
      createdAt: createdAt.toISOString(),
      counts: counts.get(id) ?? emptyCounts(),
    }))
    .sort((a, b) => a.title.localeCompare(b.title, "fr"));
}

/** One version of a sheet (the latest when `version` is omitted), with its whole content; null when absent. */
export async function findSheetVersion({ db, slug, version }: { db: Db; slug: string; version?: number }) {
  const row = await db.referenceSheetVersion.findFirst({
    where: { sheet: { slug }, ...(version === undefined ? {} : { version }) },
    orderBy: { version: "desc" },
    select: { version: true, createdAt: true, origin: true, contentHash: true, content: true },
  });
  if (!row) return null;
  const latest = await db.referenceSheetVersion.aggregate({ where: { sheet: { slug } }, _max: { version: true } });
  return {
    slug,
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

/** Every version of a sheet, newest first; null for an unknown slug. */
export async function listSheetVersions({ db, slug }: { db: Db; slug: string }) {
  const sheet = await db.referenceSheet.findUnique({
    where: { slug },
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
