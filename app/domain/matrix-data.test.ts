import { describe, expect, it } from "vitest";
import { computeCoverage, indexMappings, type TargetInput } from "./coverage";
import type { ExpectedDepths } from "./expected-depth";
import { buildMatrixData, expandMatrixData, requiredDepthMark } from "./matrix-data";

const target: TargetInput = {
  sheetSlug: "cadre",
  title: "Cadre",
  cncpMin: 7,
  cncpMax: 7,
  level: 7,
  requirements: [
    { ref: "cadre/C1", kind: "competence", label: "Piloter une équipe", required: true, requiredDepth: null },
    { ref: "cadre/C2", kind: "competence", label: "Négocier", required: true, requiredDepth: 3 },
  ],
};
const modules = [{ id: "m1", code: "M1", title: "Management", semester: 1, ects: 6, version: 1, mappings: [{ itemRef: "cadre/C1", depth: 1, assessed: true }] }];

function matrixWith(expected?: ExpectedDepths) {
  const data = buildMatrixData({ level: 7, entryEcts: 240, semesters: 2, targets: [target], sources: new Map(), modules, notes: new Map(), rowState: () => ({ mine: true, lock: null }), expected });
  // The page carries its data as JSON: what the browser expands is what went through it.
  const expanded = expandMatrixData(JSON.parse(JSON.stringify(data)));
  const input = { level: 7 as const, entryEcts: 240, semesters: 2, modules: modules.map((m) => ({ ...m, mappings: m.mappings })) };
  const coverage = computeCoverage(input, expanded.targets[0], indexMappings(input));
  return { columns: expanded.columns, status: coverage.items.find((i) => i.ref === "cadre/C1")!.status };
}

describe("profondeurs attendues au niveau dans la matrice", () => {
  it("sans réglage, une exigence sans profondeur est couverte par toute correspondance, et sa colonne le dit", () => {
    const { columns, status } = matrixWith();
    expect(columns.map((c) => [c.code, c.requiredDepth, c.depthOrigin])).toEqual([["C1", null, null], ["C2", 3, "sheet"]]);
    expect(columns.map(requiredDepthMark)).toEqual(["–", "≥3"]);
    expect(status).toBe("covered");
  });

  it("la profondeur attendue par l'établissement au niveau s'applique là où la fiche n'en fixe pas : colonne et couverture en direct suivent la page de couverture", () => {
    const { columns, status } = matrixWith({ competence: { depth: 3, origin: "school", setByName: "Anne", setAt: "2026-12-01T10:00:00Z" } });
    expect(columns.map((c) => [c.code, c.requiredDepth, c.depthOrigin])).toEqual([["C1", 3, "school"], ["C2", 3, "sheet"]]);
    expect(columns.map(requiredDepthMark)).toEqual(["≥3*", "≥3"]);
    expect(status).toBe("partial");
  });
});
