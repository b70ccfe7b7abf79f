import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeCoverage,
  gapList,
  type CncpLevel,
  type ModuleInput,
  type ProgrammeInput,
  type TargetInput,
} from "./coverage";
import { applySuggestions, suggestChanges } from "./suggestions";

const target: TargetInput = {
  sheetSlug: "charge-e-commerce",
  title: "Chargé(e) du e-commerce",
  cncpMin: 5,
  cncpMax: 6,
  level: 5,
  requirements: [
    { ref: "charge-e-commerce/C1", kind: "competence", label: "Analyser l'environnement", required: true, requiredDepth: 3 },
    { ref: "charge-e-commerce/C2", kind: "competence", label: "Développer les ventes", required: true, requiredDepth: null },
    { ref: "K-34093", kind: "knowledge", label: "MARKETING DIGITAL", required: true, requiredDepth: 2 },
    { ref: "K-13154", kind: "knowledge", label: "ECONOMIE", required: true, requiredDepth: 1 },
    { ref: "T06", kind: "transversal", label: "Communication orale", required: true, requiredDepth: null },
    { ref: "T17", kind: "transversal", label: "Capacités manuelles et pratiques", required: false, requiredDepth: null },
  ],
};

function module(code: string, semester: number, ects: number, mappings: ModuleInput["mappings"]): ModuleInput {
  return { id: code.toLowerCase(), code, title: `Module ${code}`, semester, ects, mappings };
}

// A BTS (level 5, entry 0): 4 semesters of 30 ECTS.
const programme: ProgrammeInput = {
  level: 5,
  entryEcts: 0,
  semesters: 4,
  modules: [
    module("M1", 1, 30, [
      { itemRef: "charge-e-commerce/C1", depth: 2, assessed: true },
      { itemRef: "K-34093", depth: 2, assessed: false },
    ]),
    module("M2", 2, 30, [
      { itemRef: "charge-e-commerce/C1", depth: 3, assessed: false },
      { itemRef: "charge-e-commerce/C2", depth: 1, assessed: true },
      { itemRef: "T06", depth: 1, assessed: false },
    ]),
    module("M3", 3, 30, [{ itemRef: "K-34093", depth: 1, assessed: true }]),
    module("M4", 4, 30, [{ itemRef: "T17", depth: 2, assessed: true }]),
  ],
};

describe("computeCoverage", () => {
  const result = computeCoverage(programme, target);
  const item = (ref: string) => result.items.find((i) => i.ref === ref)!;

  it("couvert : la profondeur atteinte (la plus haute des modules) atteint la profondeur requise", () => {
    expect(item("charge-e-commerce/C1")).toMatchObject({ achievedDepth: 3, status: "covered", firstSemesterReached: 2 });
    expect(item("charge-e-commerce/C1").modules.map((m) => m.code)).toEqual(["M1", "M2"]);
  });

  it("couvert sans profondeur donnée : tout module relié suffit", () => {
    expect(item("charge-e-commerce/C2")).toMatchObject({ achievedDepth: 1, status: "covered", assessed: true, firstSemesterReached: 2 });
    expect(item("T06")).toMatchObject({ status: "covered", assessed: false });
  });

  it("partiel, manquant et non requis", () => {
    expect(item("K-34093")).toMatchObject({ achievedDepth: 2, status: "covered" });
    expect(item("K-13154")).toMatchObject({ achievedDepth: 0, status: "missing", modules: [], firstSemesterReached: null });
    expect(item("T17")).toMatchObject({ status: "not_required" });
  });

  it("évalué seulement si un module au niveau requis l'évalue", () => {
    // C1 is assessed in M1 at depth 2 only; the required depth 3 is reached in M2, not assessed.
    expect(item("charge-e-commerce/C1").assessed).toBe(false);
    // K-34093 required 2: M1 reaches 2 without assessing; M3 assesses at 1 only.
    expect(item("K-34093").assessed).toBe(false);
  });

  it("résumé par type et global", () => {
    expect(result.summary.overall).toEqual({ covered: 4, partial: 0, missing: 1, not_required: 1, required: 5, ratioCovered: 0.8 });
    expect(result.summary.byKind.knowledge).toMatchObject({ covered: 1, missing: 1, required: 2, ratioCovered: 0.5 });
    expect(result.summary.byKind.transversal).toMatchObject({ covered: 1, not_required: 1, required: 1, ratioCovered: 1 });
    expect(result.summary.coveredNotAssessed).toBe(3);
  });

  it("avertit : couvert mais jamais évalué, et profondeur qui baisse d'un semestre à l'autre", () => {
    const codes = result.warnings.map((w) => `${w.code}:${w.subject ?? ""}`);
    expect(codes).toEqual([
      "covered_not_assessed:charge-e-commerce/C1",
      "covered_not_assessed:K-34093",
      "depth_decreases:K-34093",
      "covered_not_assessed:T06",
    ]);
    expect(result.warnings.find((w) => w.code === "depth_decreases")!.message).toBe(
      "K-34093 : la profondeur baisse au semestre 3 (1 après 2).",
    );
  });

  it("un élément partiel", () => {
    const partial = computeCoverage(
      { ...programme, modules: [module("M1", 1, 30, [{ itemRef: "charge-e-commerce/C1", depth: 2, assessed: true }])] },
      target,
    );
    expect(partial.items[0]).toMatchObject({ status: "partial", achievedDepth: 2, firstSemesterReached: null });
    expect(partial.summary.overall.partial).toBe(1);
  });

  it("avertit : niveau hors de la plage de la fiche, crédits qui ne font pas le total, semestres à plus ou moins de 30 ECTS, module relié à rien", () => {
    const master: ProgrammeInput = {
      level: 7,
      entryEcts: 180,
      semesters: 4,
      modules: [module("A", 1, 30, [{ itemRef: "T06", depth: 1, assessed: true }]), module("B", 2, 24, []), module("C", 3, 30, [])],
    };
    const warnings = computeCoverage(master, { ...target, level: 7 }).warnings;
    expect(warnings.map((w) => `${w.code}:${w.subject ?? ""}`)).toEqual([
      "level_outside_range:7",
      "credits_total_mismatch:",
      "semester_ects:2",
      "semester_ects:4",
      "module_maps_nothing:B",
      "module_maps_nothing:C",
    ]);
    expect(warnings[0].message).toContain("hors de la plage");
    expect(warnings[1].message).toBe(
      "Crédits d'entrée (180) + crédits de la formation (84) = 264 ECTS, alors que le niveau 7 en demande 300.",
    );
    expect(warnings[3].message).toBe("Le semestre 4 porte 0 ECTS au lieu de 30.");
  });

  it("aucun avertissement de programme pour une maquette conforme", () => {
    expect(computeCoverage(programme, target).warnings.filter((w) => !["covered_not_assessed", "depth_decreases"].includes(w.code))).toEqual([]);
  });

  it("la liste des écarts va du plus grave au moins grave", () => {
    expect(gapList(result).map((i) => `${i.ref}:${i.status}`)).toEqual([
      "K-13154:missing",
      "charge-e-commerce/C1:covered",
      "K-34093:covered",
      "T06:covered",
    ]);
  });
});

describe("suggestChanges", () => {
  // No module's words speak of ECONOMIE ("Module M1"…): no module is forced on it (the rule
  // before picked the module mapping the most items of the same kind, whatever its subject).
  it("propose une modification par écart, expliquée, et les appliquer couvre toute la cible avec évaluation", () => {
    const result = computeCoverage(programme, target);
    const suggestions = suggestChanges(programme, result);
    expect(suggestions.map((s) => `${s.kind}:${s.itemRef}:${s.moduleCode}:${s.toDepth}`)).toEqual([
      "create_module:K-13154:null:1",
      "add_assessment:charge-e-commerce/C1:M2:3",
      "add_assessment:K-34093:M1:2",
      "add_assessment:T06:M2:1",
    ]);
    expect(suggestions[0].explanation).toBe("K-13154 (ECONOMIE) : aucun module ne traite ce sujet : créer un module ?");
    const after = computeCoverage(applySuggestions(programme, suggestions), target);
    expect(after.summary.overall.ratioCovered).toBe(1);
    expect(after.summary.coveredNotAssessed).toBe(0);
  });

  it("élève la profondeur d'un élément partiel dans le module qui le traite le plus", () => {
    const weak: ProgrammeInput = { ...programme, modules: [module("M1", 1, 30, [{ itemRef: "charge-e-commerce/C1", depth: 2, assessed: false }])] };
    const raise = suggestChanges(weak, computeCoverage(weak, target)).find((s) => s.itemRef === "charge-e-commerce/C1");
    expect(raise).toMatchObject({ kind: "raise_depth", itemRef: "charge-e-commerce/C1", moduleCode: "M1", fromDepth: 2, toDepth: 3, toAssessed: true });
  });
});

const refs = target.requirements.map((r) => r.ref);
const mappingArb = fc.record({ itemRef: fc.constantFrom(...refs), depth: fc.integer({ min: 1, max: 4 }), assessed: fc.boolean() });
const programmeArb = fc
  .array(fc.record({ semester: fc.integer({ min: 1, max: 4 }), ects: fc.integer({ min: 0, max: 30 }), mappings: fc.uniqueArray(mappingArb, { maxLength: 6, selector: (m) => m.itemRef }) }), {
    minLength: 1,
    maxLength: 8,
  })
  .map(
    (modules): ProgrammeInput => ({
      level: 5 as CncpLevel,
      entryEcts: 0,
      semesters: 4,
      modules: modules.map((m, i) => ({ id: `m${i}`, code: `M${i}`, title: `Module ${i}`, ...m })),
    }),
  );

describe("propriétés", () => {
  it("ajouter une correspondance ne fait jamais baisser la profondeur atteinte d'un élément", () => {
    fc.assert(
      fc.property(programmeArb, fc.nat(), mappingArb, (p, which, extra) => {
        const before = computeCoverage(p, target);
        const index = which % p.modules.length;
        const withExtra: ProgrammeInput = {
          ...p,
          modules: p.modules.map((m, i) => (i === index ? { ...m, mappings: [...m.mappings, extra] } : m)),
        };
        const after = computeCoverage(withExtra, target);
        after.items.forEach((item, i) => expect(item.achievedDepth).toBeGreaterThanOrEqual(before.items[i].achievedDepth));
      }),
    );
  });

  it("sans aucune correspondance, chaque élément requis est manquant", () => {
    fc.assert(
      fc.property(programmeArb, (p) => {
        const empty = { ...p, modules: p.modules.map((m) => ({ ...m, mappings: [] })) };
        for (const item of computeCoverage(empty, target).items) {
          expect(item.status).toBe(item.required ? "missing" : "not_required");
        }
      }),
    );
  });

  it("appliquer les suggestions couvre toujours toute la cible, évaluée", () => {
    fc.assert(
      fc.property(programmeArb, (p) => {
        const after = computeCoverage(applySuggestions(p, suggestChanges(p, computeCoverage(p, target))), target);
        expect(after.summary.overall.ratioCovered).toBe(1);
        expect(after.summary.coveredNotAssessed).toBe(0);
      }),
    );
  });
});
