import { describe, expect, it } from "vitest";
import { fileSlug, reportFileName, requirementRows, type ReportTarget } from "./report";

describe("le rapport", () => {
  it("se nomme par la formation et le jour dans le fuseau de l'établissement", () => {
    expect(fileSlug("Master Management du commerce électronique")).toBe("master-management-commerce-electronique");
    expect(reportFileName("Master Management du commerce électronique", "2026-12-02T10:00:00Z", "Europe/Paris", "pdf")).toBe("rapport-master-management-commerce-electronique-2026-12-02.pdf");
    // 23 h 30 in UTC is already the next day in Paris, still the same day in Cayenne.
    expect(reportFileName("BTS NDRC", "2026-12-02T23:30:00Z", "Europe/Paris", "xlsx")).toBe("rapport-bts-ndrc-2026-12-03.xlsx");
    expect(reportFileName("BTS NDRC", "2026-12-02T23:30:00Z", "America/Cayenne", "csv")).toBe("rapport-bts-ndrc-2026-12-02.csv");
    expect(fileSlug("« »")).toBe("formation");
  });

  it("chaque ligne d'exigence dit si elle est un choix éditorial, et pourquoi", () => {
    const target = {
      title: "Chef de projet",
      sourceFile: "002.txt",
      items: [
        { ref: "chef/C1", kind: "competence", label: "Analyser", status: "covered", requiredDepth: null, achievedDepth: 2, assessed: true, modules: [{ code: "UE1", depth: 2 }], editorialReason: "Structure choisie", editorialNote: null, quote: "Analyser les besoins" },
        { ref: "T05", kind: "transversal", label: "Apprentissage", status: "missing", requiredDepth: null, achievedDepth: 0, assessed: false, modules: [], editorialReason: null, editorialNote: "[sic]", quote: "dans des différentes familles" },
      ],
    } as unknown as ReportTarget;
    const rows = requirementRows([target], { kind: (k) => k, status: (s) => s, yes: "oui", no: "non" });
    expect(rows.map((r) => [r.requirement, r.editorial, r.editorialReason, r.editorialNote, r.quote])).toEqual([
      ["chef/C1", "oui", "Structure choisie", "", "Analyser les besoins"],
      ["T05", "non", "", "[sic]", "dans des différentes familles"],
    ]);
  });
});
