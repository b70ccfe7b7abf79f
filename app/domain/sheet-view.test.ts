import { describe, expect, it } from "vitest";
import { readReferenceSheets } from "../../seed/reference-data";
import { apiSheet, countRequirements, filterRequirements, normaliseForSearch, requirementRef, requirementsByKind } from "./sheet-view";

const sheets = readReferenceSheets();
const sheet003 = sheets.find((sheet) => sheet.slug === "charge-e-commerce")!;

describe("la vue d'une fiche", () => {
  it("compte les exigences par nature, requises ou non", () => {
    const counts = countRequirements(sheet003.requirements);
    expect(counts.competence.total).toBe(5);
    expect(counts.transversal).toEqual({ total: 17, required: 16 });
    expect(counts.knowledge.total).toBe(sheet003.requirements.filter((item) => item.kind === "knowledge").length);
    for (const sheet of sheets) {
      const all = countRequirements(sheet.requirements);
      expect(all.competence.total + all.knowledge.total + all.transversal.total).toBe(sheet.requirements.length);
    }
  });

  it("regroupe par nature dans l'ordre compétences, connaissances, ressources transverses", () => {
    expect(requirementsByKind(sheet003.requirements).map((group) => group.kind)).toEqual(["competence", "knowledge", "transversal"]);
  });

  it("nomme une compétence par sa fiche et un élément partagé par son seul code", () => {
    expect(requirementRef("charge-e-commerce", { kind: "competence", code: "C3" })).toBe("charge-e-commerce/C3");
    expect(requirementRef("charge-e-commerce", { kind: "transversal", code: "T06" })).toBe("T06");
    expect(requirementRef("charge-e-commerce", { kind: "knowledge", code: "K-34093" })).toBe("K-34093");
  });

  it("cherche sans tenir compte des accents ni de la casse", () => {
    expect(normaliseForSearch("  Maîtrise   ÉLEVÉE ")).toBe("maitrise elevee");
    expect(filterRequirements(sheet003.requirements, "marketing digital").map((item) => item.code)).toEqual(["K-34093"]);
    expect(filterRequirements(sheet003.requirements, "k-34093").map((item) => item.code)).toEqual(["K-34093"]);
    const analyse = filterRequirements(sheet003.requirements, "ANALYSE ET SYNTHESE");
    expect(analyse.map((item) => item.code)).toContain("T01");
  });

  it("trouve une compétence par ses sous-éléments (sous-compétence, mot-clé)", () => {
    const c1 = sheet003.requirements.find((item) => item.code === "C1")!;
    if (c1.kind !== "competence") throw new Error("C1 est une compétence");
    const sub = c1.subCompetences[0];
    expect(filterRequirements(sheet003.requirements, sub.code!).map((item) => item.code)).toEqual(["C1"]);
    const keyword = c1.keywords[0].label;
    expect(filterRequirements(sheet003.requirements, keyword).map((item) => item.code)).toContain("C1");
  });

  it("une recherche vide garde tout, une recherche sans résultat ne garde rien", () => {
    expect(filterRequirements(sheet003.requirements, "  ")).toHaveLength(sheet003.requirements.length);
    expect(filterRequirements(sheet003.requirements, "zzzz-introuvable")).toEqual([]);
  });

  it("l'API donne pour chaque exigence sa référence, sa profondeur et sa source", () => {
    const api = apiSheet(sheet003, { version: 1, createdAt: "2026-01-01T00:00:00.000Z", origin: "seed" });
    expect(api.requirements).toHaveLength(sheet003.requirements.length);
    expect(api.requirements.find((item) => item.code === "K-34093")).toMatchObject({
      ref: "K-34093",
      kind: "knowledge",
      label: "MARKETING DIGITAL",
      requiredDepth: 2,
      required: true,
      editorial: false,
      source: { file: "003_04128ebfd6715543.txt", quote: "312 34093 MARKETING DIGITAL X" },
    });
    expect(api.requirements.find((item) => item.code === "C1")!.ref).toBe("charge-e-commerce/C1");
    expect(api.cncp).toEqual({ min: 5, max: 6, editorial: false, editorialReason: null });
    // The source's wrong code and typos come with their editorial notes.
    expect(api.romeCodes).toEqual([{ code: "E1103", label: "Animation de site multimédia", editorialNote: expect.stringContaining("probablement E1101") }]);
    expect(api.requirements.find((item) => item.code === "T05")!.editorialNote).toMatch(/^\[sic\]/);
    expect(api.workingConditions.filter((c) => c.significant).map((c) => c.label)).toEqual(["Travail en équipe", "Télétravail possible"]);
  });

  it("dit, dans l'API, quand le niveau d'une fiche est une inférence de la transcription, et pourquoi", () => {
    const sheet004 = sheets.find((sheet) => sheet.slug === "chef-de-projet-e-commerce")!;
    const api = apiSheet(sheet004, { version: 1, createdAt: "2026-01-01T00:00:00.000Z", origin: "seed" });
    expect(api.cncp).toEqual({ min: 7, max: 7, editorial: true, editorialReason: expect.stringContaining("n’ouvrent pas directement les portes") });
  });
});
