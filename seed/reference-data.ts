/**
 * Reads and validates the reference data files in seed/: one file per sheet, the shared
 * framework of the 17 transversal resources and the knowledge-domain catalogue.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { z } from "zod";
import {
  knowledgeCatalogueSchema,
  knowledgeCodeFromName,
  referenceSheetSchema,
  transversalFrameworkSchema,
  type KnowledgeCatalogue,
  type ReferenceSheetData,
  type TransversalFramework,
} from "../app/domain/reference-data";
import { formatZodIssues } from "../app/domain/validation";

export const SEED_DIR = resolve(import.meta.dirname ?? ".", ".");
export const SHEETS_DIR = join(SEED_DIR, "reference-sheets");
export const FRAMEWORKS_DIR = join(SEED_DIR, "frameworks");

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path} : JSON illisible (${(error as Error).message})`);
  }
}

function parseFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  const result = schema.safeParse(readJson(path));
  if (!result.success) throw new Error(`${path} :\n${formatZodIssues(result.error.issues).join("\n")}`);
  return result.data;
}

export function sheetFiles(dir = SHEETS_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => join(dir, name));
}

export function readReferenceSheets(dir = SHEETS_DIR): ReferenceSheetData[] {
  return sheetFiles(dir).map((path) => {
    const sheet = parseFile(path, referenceSheetSchema);
    const expected = `${sheet.slug}.json`;
    if (!path.endsWith(`/${expected}`)) throw new Error(`${path} : le fichier d'une fiche se nomme <slug>.json (${expected})`);
    return sheet;
  });
}

export function readTransversalFramework(dir = FRAMEWORKS_DIR): TransversalFramework {
  return parseFile(join(dir, "transversal-resources.json"), transversalFrameworkSchema);
}

export function readKnowledgeCatalogue(dir = FRAMEWORKS_DIR): KnowledgeCatalogue {
  return parseFile(join(dir, "knowledge-domains.json"), knowledgeCatalogueSchema);
}

/**
 * The knowledge-domain catalogue derived from the sheets: one entry per code, described by
 * the first sheet (in seed-file order) that gives its Formacode, else the first whose own
 * wording the code is made from (`K-<slug-of-the-name>`), else the first that names it. So an
 * entry's label and quote are always the words its code comes from.
 */
export function buildKnowledgeCatalogue(sheets: ReferenceSheetData[]): KnowledgeCatalogue {
  const byCode = new Map<string, KnowledgeCatalogue[number]>();
  const ordered = [...sheets].sort((a, b) => a.sourceFile.localeCompare(b.sourceFile));
  for (const sheet of ordered) {
    for (const item of sheet.requirements) {
      if (item.kind !== "knowledge") continue;
      const known = byCode.get(item.code);
      if (known && !describesBetter(item, known)) continue;
      byCode.set(item.code, {
        code: item.code,
        label: item.label,
        nsf: item.nsf,
        formacode: item.formacode,
        source: item.source,
      });
    }
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** Whether `item` describes a catalogue entry better than the sheet that describes it now. */
function describesBetter(item: { code: string; label: string; formacode: string | null }, known: { code: string; label: string; formacode: string | null }) {
  if (known.formacode !== null) return false;
  if (item.formacode !== null) return true;
  const givesCode = (label: string) => knowledgeCodeFromName(label) === item.code;
  return givesCode(item.label) && !givesCode(known.label);
}

export type ReferenceData = {
  sheets: ReferenceSheetData[];
  transversal: TransversalFramework;
  knowledge: KnowledgeCatalogue;
};

/** Reads every file and checks that they agree with one another. */
export function readReferenceData(): ReferenceData {
  const sheets = readReferenceSheets();
  const transversal = readTransversalFramework();
  const knowledge = readKnowledgeCatalogue();
  const known = new Set(knowledge.map((item) => item.code));
  const labels = new Map(transversal.map((item) => [item.code, item.label]));
  for (const sheet of sheets) {
    for (const item of sheet.requirements) {
      if (item.kind === "knowledge" && !known.has(item.code)) {
        throw new Error(`${sheet.slug}/${item.code} : absent du catalogue des connaissances (npm run data:catalogue)`);
      }
      if (item.kind === "transversal" && labels.get(item.code) !== item.label) {
        throw new Error(`${sheet.slug}/${item.code} : le libellé diffère du cadre des ressources transverses`);
      }
    }
  }
  return { sheets, transversal, knowledge };
}
