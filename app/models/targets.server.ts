/**
 * What the coverage engine and the imports need from the reference data: the targets
 * (latest version of each sheet, as requirement rows) and the set of item references a
 * mapping may name.
 */
import type { Db } from "~/utils/create-db.server";
import type { CncpLevel, TargetInput } from "~/domain/coverage";
import type { KnownItems } from "~/domain/programme-import";
import type { RequirementKind } from "~/domain/reference-data";
import { requirementRef } from "~/domain/sheet-view";

async function latestVersions(db: Db, slugs?: readonly string[]) {
  const sheets = await db.referenceSheet.findMany({
    where: slugs ? { slug: { in: [...slugs] } } : undefined,
    select: {
      slug: true,
      versions: {
        orderBy: { version: "desc" },
        take: 1,
        select: {
          id: true,
          version: true,
          title: true,
          publisher: true,
          sourceFile: true,
          cncpMin: true,
          cncpMax: true,
          requirements: {
            orderBy: { position: "asc" },
            select: { code: true, kind: true, label: true, required: true, requiredDepth: true, editorial: true, editorialReason: true },
          },
        },
      },
    },
  });
  return sheets.flatMap((sheet) => (sheet.versions[0] ? [{ slug: sheet.slug, ...sheet.versions[0] }] : []));
}

export type LoadedTarget = TargetInput & {
  version: number;
  publisher: string;
  sourceFile: string;
  /** Editorial choices of the transcription: item ref → reason. */
  editorial: Map<string, string>;
};

/** The targets for these sheets at a level, in the order asked; unknown slugs are left out. */
export async function loadTargets({ db, slugs, level }: { db: Db; slugs: readonly string[]; level: CncpLevel }): Promise<LoadedTarget[]> {
  const versions = await latestVersions(db, slugs);
  const bySlug = new Map(versions.map((v) => [v.slug, v]));
  return slugs.flatMap((slug) => {
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
        level,
        version: version.version,
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
    .map((v) => ({ slug: v.slug, title: v.title, cncpMin: v.cncpMin, cncpMax: v.cncpMax }))
    .sort((a, b) => a.title.localeCompare(b.title, "fr"));
}

/** Whether an item is a requirement of one of the programme's targets (a column of its matrix). */
export async function isTargetItem({ db, programme, itemRef }: { db: Db; programme: { level: number; targets: { sheetSlug: string }[] }; itemRef: string }) {
  const targets = await loadTargets({ db, slugs: programme.targets.map((t) => t.sheetSlug), level: programme.level as CncpLevel });
  return targets.some((t) => t.requirements.some((r) => r.ref === itemRef));
}
