import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CNCP_LEVELS } from "../app/domain/coverage";
import { canonicalJson, quoteAppearsIn } from "../app/domain/reference-data";
import { buildLevelFramework } from "./level-frameworks";
import { readReferenceData, SHEETS_DIR } from "./reference-data";

const notes = (file: string) => readFileSync(join(import.meta.dirname, "sources", file), "utf8");

describe("les cadres nationaux des niveaux 5, 6 et 7", () => {
  const sheets = readReferenceData().sheets.filter((sheet) => sheet.kind === "framework");

  it("sont chargés avec les données de référence, tels que les construit npm run data:frameworks", () => {
    expect(sheets.map((s) => s.slug)).toEqual(["cncp-niveau-5", "cncp-niveau-6", "cncp-niveau-7"]);
    for (const level of CNCP_LEVELS) {
      const file = JSON.parse(readFileSync(join(SHEETS_DIR, `cncp-niveau-${level}.json`), "utf8"));
      expect(canonicalJson(file)).toBe(canonicalJson(buildLevelFramework(level)));
    }
  });

  it("4, 3 et 3 capacités, chacune citant la phrase entière, son extrait pris mot pour mot dans la phrase", () => {
    expect(sheets.map((s) => s.requirements.length)).toEqual([4, 3, 3]);
    for (const sheet of sheets) {
      const quotes = new Set(sheet.requirements.map((r) => r.source.quote));
      expect(quotes.size).toBe(1);
      for (const item of sheet.requirements) {
        expect(item.kind).toBe("competence");
        expect(item.code).toMatch(/^C\d$/);
        expect(quoteAppearsIn(item.excerpt!, item.source.quote)).toBe(true);
        expect(quoteAppearsIn(item.source.quote, notes(item.source.file))).toBe(true);
        // The short label is Maquette's own words: marked, with its reason.
        expect(item.editorial).toBe(true);
        expect(item.editorialReason).toMatch(/Libellé court/);
      }
    }
  });

  it("le niveau 7 porte la marque de la formulation Lhéo, à vérifier sur Légifrance ; les niveaux 5 et 6 citent le Code du travail", () => {
    const [five, six, seven] = sheets;
    for (const item of seven.requirements) expect(item.editorialReason).toMatch(/Lhéo.*Légifrance/);
    expect(seven.sourceFile).toBe("cncp-lheo-niveau-7.txt");
    expect(seven.cncp.editorial).toBe(true);
    for (const sheet of [five, six]) {
      expect(sheet.sourceFile).toBe("cncp-code-du-travail-d6113.txt");
      for (const item of sheet.requirements) expect(item.editorialReason).not.toMatch(/Lhéo/);
    }
  });

  it("montrent à côté, comme contexte, les lignes du CEC (en anglais) et les trois colonnes de l'arrêté, sans en faire des exigences", () => {
    for (const sheet of sheets) {
      const [arrete, eqf] = sheet.context!;
      expect(arrete.entries.map((e) => e.label)).toEqual(["Savoirs", "Savoir-faire", "Responsabilité et autonomie"]);
      expect(eqf.language).toBe("en");
      expect(eqf.entries).toHaveLength(3);
      expect(eqf.title).toContain(`niveau ${sheet.cncp.min}`);
      expect(sheet.requirements.some((r) => r.kind !== "competence")).toBe(false);
    }
  });
});
