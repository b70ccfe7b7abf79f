import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectSources, quoteAppearsIn, sheetKindOf } from "../app/domain/reference-data";
import {
  buildKnowledgeCatalogue,
  FRAMEWORKS_DIR,
  readKnowledgeCatalogue,
  readReferenceData,
  SHEETS_DIR,
  sheetFiles,
} from "./reference-data";

// The published sheets the data files quote, kept with the data so that the evidence can be checked anywhere.
const SEEDS_DIR = join(import.meta.dirname, "sources");
const seedText = new Map<string, string>();
function seed(file: string): string {
  if (!seedText.has(file)) seedText.set(file, readFileSync(join(SEEDS_DIR, file), "utf8"));
  return seedText.get(file)!;
}

const EXPECTED_SLUGS = [
  "charge-e-commerce",
  "chef-de-projet-commerce-electronique",
  "chef-de-projet-e-commerce",
  "directeur-e-commerce",
  "responsable-e-commerce",
];

describe("données de référence", () => {
  const data = readReferenceData();

  it("contient les cinq fiches, chacune valide pour le schéma", () => {
    expect(data.sheets.filter((sheet) => sheetKindOf(sheet) === "job").map((sheet) => sheet.slug).sort()).toEqual(EXPECTED_SLUGS);
  });

  const files = [...sheetFiles(), join(FRAMEWORKS_DIR, "transversal-resources.json"), join(FRAMEWORKS_DIR, "knowledge-domains.json")];
  for (const path of files) {
    it(`chaque citation de ${path.replace(SHEETS_DIR, "reference-sheets").split("/seed/").pop()} figure mot pour mot dans sa fiche source`, () => {
      const sources = collectSources(JSON.parse(readFileSync(path, "utf8")));
      expect(sources.length).toBeGreaterThan(0);
      const wrong = sources.filter(({ source }) => !quoteAppearsIn(source.quote, seed(source.file)));
      expect(wrong.map(({ path: where, source }) => `${where}: « ${source.quote} »`)).toEqual([]);
    });
  }

  it("chaque fiche cite son propre fichier source", () => {
    // A national framework also quotes its context (EQF, arrêté): seed/level-frameworks.test.ts.
    for (const sheet of data.sheets.filter((s) => sheetKindOf(s) === "job")) {
      const files = new Set(collectSources(sheet).map(({ source }) => source.file));
      expect([...files]).toEqual([sheet.sourceFile]);
    }
  });

  it("le catalogue des connaissances est celui que l'on déduit des fiches (npm run data:catalogue)", () => {
    expect(readKnowledgeCatalogue()).toEqual(buildKnowledgeCatalogue(data.sheets));
  });

  it("la fiche 003 est complète : 5 couples, 17 ressources transverses, domaines avec NSF, Formacode et profondeur", () => {
    const sheet = data.sheets.find((s) => s.slug === "charge-e-commerce")!;
    const competences = sheet.requirements.filter((r) => r.kind === "competence");
    expect(competences.map((c) => c.code)).toEqual(["C1", "C2", "C3", "C4", "C5"]);
    for (const competence of competences) {
      if (competence.kind !== "competence") continue;
      expect(competence.activity).not.toBeNull();
      expect(competence.subActivities.length).toBeGreaterThan(0);
      expect(competence.subCompetences.length).toBeGreaterThan(0);
      expect(competence.keywords.length).toBeGreaterThan(0);
    }
    const transversal = sheet.requirements.filter((r) => r.kind === "transversal");
    expect(transversal).toHaveLength(17);
    expect(transversal.filter((r) => r.required)).toHaveLength(16);
    expect(transversal.find((r) => r.code === "T17")!.required).toBe(false);
    const knowledge = sheet.requirements.filter((r) => r.kind === "knowledge");
    expect(knowledge.length).toBeGreaterThanOrEqual(9);
    for (const item of knowledge) {
      if (item.kind !== "knowledge") continue;
      expect(item.nsf).toMatch(/^\d{3}$/);
      expect(item.code).toBe(`K-${item.formacode}`);
      expect(item.requiredDepth).toBeGreaterThanOrEqual(1);
    }
    expect(knowledge.find((k) => k.code === "K-34093")).toMatchObject({ label: "MARKETING DIGITAL", requiredDepth: 2 });
    expect(sheet.cncp).toMatchObject({ min: 5, max: 6 });
  });

  it("la fiche 002 a ses six groupes de compétences et sept groupes de connaissances", () => {
    const sheet = data.sheets.find((s) => s.slug === "chef-de-projet-commerce-electronique")!;
    expect(sheet.requirements.filter((r) => r.kind === "competence")).toHaveLength(6);
    const groups = new Set(sheet.requirements.filter((r) => r.kind === "knowledge").map((r) => r.group));
    expect(groups.size).toBe(7);
  });
});
