import { createHash } from "node:crypto";
import type { Db } from "~/utils/create-db.server";
import {
  canonicalJson,
  type KnowledgeCatalogue,
  type ReferenceSheetData,
  type TransversalFramework,
} from "~/domain/reference-data";

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
): Promise<SheetLoadResult> {
  const hash = contentHash(data);
  return db.$transaction(
    async (tx) => {
      const sheet = await tx.referenceSheet.upsert({
        where: { slug: data.slug },
        create: { slug: data.slug },
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
      }
      const domains = new Map((await tx.knowledgeDomain.findMany()).map((row) => [row.code, row]));
      for (const item of knowledge) {
        const row = { label: item.label, nsf: item.nsf, formacode: item.formacode, sourceFile: item.source.file, sourceQuote: item.source.quote };
        if (sameRow(domains.get(item.code), row)) continue;
        await tx.knowledgeDomain.upsert({ where: { code: item.code }, create: { code: item.code, ...row }, update: row });
        counts.knowledge++;
      }
      return counts;
    },
    { timeout: 60_000 },
  );
}

export async function countReferenceSheets(db: Db) {
  return db.referenceSheet.count();
}
