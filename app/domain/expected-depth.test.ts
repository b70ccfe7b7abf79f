import { describe, expect, it } from "vitest";
import { computeCoverage, type CncpLevel, type ProgrammeInput, type TargetInput } from "./coverage";
import { depthRule, expectedDepthFor, expectedDepthList, expectedDepthsAt, NO_SETTINGS, type ExpectedDepthSettings } from "./expected-depth";

const by = { setByName: "Alice Martin", setAt: "2026-12-01T09:00:00.000Z" };
const settings: ExpectedDepthSettings = {
  school: [
    { level: 6, kind: "competence", depth: 2, ...by },
    { level: 7, kind: "competence", depth: 3, ...by },
    { level: 7, kind: "knowledge", depth: 2, ...by },
    { level: 5, kind: "knowledge", depth: null, ...by },
  ],
  programme: [{ level: 7, kind: "knowledge", depth: null, setByName: "Romain Bernard", setAt: "2026-12-02T09:00:00.000Z" }],
};

describe("la règle de la profondeur attendue", () => {
  it("la profondeur de la fiche l'emporte toujours ; un élément non requis n'a pas de profondeur", () => {
    const expected = expectedDepthsAt(settings, 7);
    expect(depthRule({ kind: "competence", required: true, requiredDepth: 1 }, expected)).toEqual({ depth: 1, origin: "sheet" });
    expect(depthRule({ kind: "competence", required: false, requiredDepth: null }, expected)).toEqual({ depth: null, origin: null });
  });

  it("sans profondeur dans la fiche : celle de l'établissement pour le niveau et le type, avec qui l'a fixée et quand", () => {
    expect(expectedDepthFor(settings, 7, "competence")).toEqual({ depth: 3, origin: "school", ...by });
    expect(depthRule({ kind: "competence", required: true, requiredDepth: null }, expectedDepthsAt(settings, 6))).toEqual({ depth: 2, origin: "school" });
  });

  it("la formation peut passer outre, jusqu'à « aucune » (la fiche seule)", () => {
    expect(expectedDepthFor(settings, 7, "knowledge")).toBeNull();
    const raised = { ...settings, programme: [{ level: 6, kind: "competence", depth: 4, setByName: "R", setAt: "2026-12-03T00:00:00.000Z" }] };
    expect(expectedDepthFor(raised, 6, "competence")).toMatchObject({ depth: 4, origin: "programme", setByName: "R" });
  });

  it("par défaut, aucune : tout module qui traite l'élément le couvre (le comportement d'avant)", () => {
    expect(expectedDepthsAt(NO_SETTINGS, 7)).toEqual({});
    expect(expectedDepthFor(settings, 5, "knowledge")).toBeNull();
    expect(expectedDepthFor(settings, 5, "transversal")).toBeNull();
    expect(depthRule({ kind: "transversal", required: true, requiredDepth: null }, expectedDepthsAt(settings, 7))).toEqual({ depth: null, origin: null });
  });
});

describe("la couverture d'une même formation change avec le niveau", () => {
  const target = (level: CncpLevel): TargetInput => ({
    sheetSlug: "s",
    title: "S",
    cncpMin: 5,
    cncpMax: 7,
    level,
    requirements: [
      { ref: "s/C1", kind: "competence", label: "Piloter", required: true, requiredDepth: null },
      { ref: "s/C2", kind: "competence", label: "Vendre", required: true, requiredDepth: null },
      { ref: "K-1", kind: "knowledge", label: "Droit", required: true, requiredDepth: 1 },
    ],
    expected: expectedDepthsAt(settings, level),
  });
  const programme: ProgrammeInput = {
    level: 7,
    entryEcts: 180,
    semesters: 4,
    modules: [
      { id: "a", code: "A", title: "A", semester: 1, ects: 60, mappings: [{ itemRef: "s/C1", depth: 1, assessed: true }, { itemRef: "K-1", depth: 1, assessed: true }] },
      { id: "b", code: "B", title: "B", semester: 3, ects: 60, mappings: [{ itemRef: "s/C2", depth: 2, assessed: true }] },
    ],
  };

  it("niveau 5 : tout est couvert ; niveau 6 : C1 partiel ; niveau 7 : C1 et C2 partiels, marqués comme choix de l'établissement", () => {
    const covered = (level: CncpLevel) => computeCoverage(programme, target(level)).summary.overall.covered;
    expect([covered(5), covered(6), covered(7)]).toEqual([3, 2, 1]);
    const seven = computeCoverage(programme, target(7));
    expect(seven.items.find((i) => i.ref === "s/C2")).toMatchObject({ status: "partial", requiredDepth: null, targetDepth: 3, depthOrigin: "school" });
    expect(seven.items.find((i) => i.ref === "K-1")).toMatchObject({ status: "covered", targetDepth: 1, depthOrigin: "sheet" });
  });

  it("sans réglage, les trois niveaux donnent les mêmes chiffres", () => {
    const plain = (level: CncpLevel) => computeCoverage(programme, { ...target(level), expected: undefined }).summary.overall.covered;
    expect([plain(5), plain(6), plain(7)]).toEqual([3, 3, 3]);
  });
});

describe("profondeurs attendues en liste", () => {
  it("une ligne par type qui en a une, dans l'ordre compétences, connaissances, transverses", () => {
    const school = { origin: "school" as const, ...by };
    expect(expectedDepthList({ transversal: { depth: 1, ...school }, competence: { depth: 3, ...school } }).map((e) => [e.kind, e.depth])).toEqual([["competence", 3], ["transversal", 1]]);
    expect(expectedDepthList({})).toEqual([]);
  });
});
