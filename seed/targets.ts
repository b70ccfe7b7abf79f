/** Targets and known items built from the reference data files (seed, tests, benchmarks). */
import type { CncpLevel, TargetInput } from "../app/domain/coverage";
import type { KnownItems } from "../app/domain/programme-import";
import { requirementRef } from "../app/domain/sheet-view";
import type { ReferenceData } from "./reference-data";

export function knownItems(data: ReferenceData): KnownItems {
  const refs = new Set<string>([...data.transversal.map((t) => t.code), ...data.knowledge.map((k) => k.code)]);
  for (const sheet of data.sheets) {
    for (const item of sheet.requirements) refs.add(requirementRef(sheet.slug, item));
  }
  return { refs, sheets: new Set(data.sheets.map((s) => s.slug)) };
}

export function targetOf(data: ReferenceData, slug: string, level: CncpLevel): TargetInput {
  const sheet = data.sheets.find((s) => s.slug === slug);
  if (!sheet) throw new Error(`Référentiel inconnu : ${slug}`);
  return {
    sheetSlug: sheet.slug,
    title: sheet.title,
    cncpMin: sheet.cncp.min,
    cncpMax: sheet.cncp.max,
    level,
    requirements: sheet.requirements.map((item) => ({
      ref: requirementRef(sheet.slug, item),
      kind: item.kind,
      label: item.label,
      required: item.required,
      requiredDepth: item.requiredDepth,
    })),
  };
}
