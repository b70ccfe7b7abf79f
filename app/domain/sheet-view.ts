/**
 * What the reference-sheet pages and the read API show of a sheet, computed from its data:
 * counts per kind, the CNCP range, the stable reference of each requirement and the search
 * that filters items. Pure: the same code filters on the server (no JavaScript) and in the
 * browser (live filtering).
 */
import { requirementKinds, type ReferenceSheetData, type Requirement, type RequirementKind } from "~/domain/reference-data";

export type KindCount = { total: number; required: number };
export type SheetCounts = Record<RequirementKind, KindCount>;

export function emptyCounts(): SheetCounts {
  return {
    competence: { total: 0, required: 0 },
    knowledge: { total: 0, required: 0 },
    transversal: { total: 0, required: 0 },
  };
}

export function countRequirements(items: readonly Pick<Requirement, "kind" | "required">[]): SheetCounts {
  const counts = emptyCounts();
  for (const item of items) {
    counts[item.kind].total++;
    if (item.required) counts[item.kind].required++;
  }
  return counts;
}

/** Items of one kind, in the sheet's order. */
export function requirementsByKind(items: readonly Requirement[]): { kind: RequirementKind; items: Requirement[] }[] {
  return requirementKinds.map((kind) => ({ kind, items: items.filter((item) => item.kind === kind) }));
}

/**
 * `<slug>/<code>` for a competence (it belongs to its sheet), the bare code for the shared
 * items (transversal resources T.., knowledge domains K-..).
 */
export function requirementRef(slug: string, item: Pick<Requirement, "kind" | "code">): string {
  return item.kind === "competence" ? `${slug}/${item.code}` : item.code;
}

/** Lower case, accents removed, white space collapsed: "Maîtrise" and "maitrise" meet. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The words an item can be found by: its code, label, group and every sub-item. */
export function searchableText(item: Requirement): string {
  const parts: (string | null | undefined)[] = [item.code, item.label, item.group];
  if (item.kind === "competence") {
    for (const sub of [item.activity, ...item.subActivities, ...item.subCompetences, ...item.keywords]) {
      if (sub) parts.push(sub.code, sub.label);
    }
  } else if (item.kind === "knowledge") {
    parts.push(item.nsf, item.formacode);
  } else {
    parts.push(item.depthDescriptor);
  }
  return normaliseForSearch(parts.filter(Boolean).join(" \u0001 "));
}

/** Items matching every word of the query (accent- and case-insensitive); all for an empty query. */
export function filterRequirements<T extends Requirement>(items: readonly T[], query: string): T[] {
  const words = normaliseForSearch(query).split(" ").filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const text = searchableText(item);
    return words.every((word) => text.includes(word));
  });
}

export type ApiRequirement = {
  ref: string;
  code: string;
  kind: RequirementKind;
  label: string;
  requiredDepth: number | null;
  required: boolean;
  editorial: boolean;
  editorialReason: string | null;
  source: { file: string; quote: string };
};

export type ApiSheetSummary = {
  slug: string;
  title: string;
  publisher: string;
  cncp: { min: number; max: number };
  version: number;
  counts: SheetCounts;
};

/** The read API's view of one sheet version: header fields and flat requirements. */
export function apiSheet(data: ReferenceSheetData, meta: { version: number; createdAt: string; origin: string }) {
  return {
    slug: data.slug,
    title: data.title,
    alternativeTitles: data.alternativeTitles.map((title) => title.label),
    publisher: { name: data.publisher.name, editorial: data.publisher.editorial ?? false },
    sourceFile: data.sourceFile,
    romeCodes: data.romeCodes.map((rome) => ({ code: rome.code, label: rome.label ?? null })),
    cncp: { min: data.cncp.min, max: data.cncp.max, editorial: data.cncp.editorial ?? false },
    experience: data.experience?.text ?? null,
    version: meta.version,
    createdAt: meta.createdAt,
    origin: meta.origin,
    counts: countRequirements(data.requirements),
    // An RNCP certification: its fiche, export and blocs (the requirements below are their competences).
    ...(data.certification
      ? {
          certification: {
            number: data.certification.number,
            level: data.certification.level.code,
            exportFormat: data.certification.exportFormat,
            exportDate: data.certification.exportDate,
            certifiers: data.certification.certifiers.map((c) => c.name),
            blocs: data.certification.blocs.map((b) => ({ code: b.code, label: b.label, assessment: b.assessment?.text ?? null })),
          },
        }
      : {}),
    requirements: data.requirements.map(
      (item): ApiRequirement => ({
        ref: requirementRef(data.slug, item),
        code: item.code,
        kind: item.kind,
        label: item.label,
        requiredDepth: item.requiredDepth,
        required: item.required,
        editorial: item.editorial,
        editorialReason: item.editorialReason ?? null,
        source: { file: item.source.file, quote: item.source.quote },
      }),
    ),
  };
}
