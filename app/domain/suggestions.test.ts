import { describe, expect, it } from "vitest";
import { computeCoverage, type ModuleInput, type ProgrammeInput, type TargetInput } from "./coverage";
import { expectedDepthsAt } from "./expected-depth";
import { applySuggestions, moduleMatcher, proposedDepth, suggestChanges, suggestRequirements, type RequirementText } from "./suggestions";

// A small fixed corpus: modules written the way schools write them (capitals, accents, plurals, elisions).
const modules: ModuleInput[] = [
  { id: "droit", code: "M2-DROIT", title: "Droit du numérique", description: "Les contrats de l'entreprise en ligne, le commerce électronique et la protection des données.", semester: 2, ects: 6, mappings: [] },
  { id: "mgt", code: "M3-MGT", title: "Management d'équipes et leadership", semester: 3, ects: 6, mappings: [{ itemRef: "K-gestion", depth: 3, assessed: true }] },
  { id: "mkt", code: "M1-MKT", title: "Marketing digital", description: "Stratégies d'acquisition, référencement", semester: 1, ects: 6, mappings: [{ itemRef: "T06", depth: 2, assessed: true }] },
  { id: "stage", code: "M4-STAGE", title: "Mission en entreprise", semester: 4, ects: 30, projectHours: 600, mappings: [] },
];
const texts: RequirementText[] = [
  { ref: "s/C1", kind: "competence", label: "Encadrer et animer une équipe", text: "Il anime ses équipes, recrute et fédère" },
  { ref: "K-contrat", kind: "knowledge", label: "CONTRAT", text: "Droit des contrats de vente à distance" },
  { ref: "K-entreprise", kind: "knowledge", label: "Connaissance de l’entreprise", text: "L'entreprise et son environnement" },
  { ref: "K-chimie", kind: "knowledge", label: "Chimie organique", text: "Réactions des composés du carbone" },
  { ref: "T09", kind: "transversal", label: "Travail collaboratif", text: "Savoir coopérer" },
  { ref: "K-gestion", kind: "knowledge", label: "Gestion", text: "Gestion" },
  { ref: "T06", kind: "transversal", label: "Communication orale", text: "Communication orale" },
];
const byRef = new Map(texts.map((t) => [t.ref, t]));

describe("le classement des modules pour une exigence", () => {
  const matcher = moduleMatcher(modules, byRef);

  it("pluriel et majuscules : « Encadrer et animer une équipe » va au module de management, avec les mots trouvés", () => {
    const [best] = matcher.rank(byRef.get("s/C1")!);
    expect(best).toMatchObject({ moduleCode: "M3-MGT", matchedWords: ["équipes"] });
  });

  it("accents et casse : « CONTRAT » rencontre « contrats », et le code du module compte (M2-DROIT)", () => {
    const [best] = matcher.rank(byRef.get("K-contrat")!);
    expect(best.moduleCode).toBe("M2-DROIT");
    expect(best.matchedWords).toEqual(expect.arrayContaining(["droit", "contrats"]));
  });

  it("élision : « l’entreprise » rencontre « l'entreprise » et « entreprise »", () => {
    const ranked = matcher.rank(byRef.get("K-entreprise")!).map((m) => m.moduleCode);
    expect(ranked).toEqual(expect.arrayContaining(["M2-DROIT", "M4-STAGE"]));
  });

  it("un sujet dont aucun module ne parle n'en trouve aucun", () => {
    expect(matcher.rank(byRef.get("K-chimie")!)).toEqual([]);
  });
});

const target: TargetInput = {
  sheetSlug: "s",
  title: "S",
  cncpMin: 5,
  cncpMax: 7,
  level: 7,
  requirements: [
    { ref: "s/C1", kind: "competence", label: "Encadrer et animer une équipe", required: true, requiredDepth: null },
    { ref: "K-contrat", kind: "knowledge", label: "CONTRAT", required: true, requiredDepth: 3 },
    { ref: "K-chimie", kind: "knowledge", label: "Chimie organique", required: true, requiredDepth: null },
    { ref: "T09", kind: "transversal", label: "Travail collaboratif", required: true, requiredDepth: null },
  ],
};
const programme: ProgrammeInput = { level: 7, entryEcts: 180, semesters: 4, modules };

describe("les suggestions pour les écarts", () => {
  const suggestions = suggestChanges(programme, computeCoverage(programme, target), byRef);
  const of = (ref: string) => suggestions.find((s) => s.itemRef === ref)!;

  it("propose le meilleur module avec les mots en commun et deux autres au choix", () => {
    expect(of("K-contrat")).toMatchObject({ kind: "map_item", basis: "words", moduleCode: "M2-DROIT", toDepth: 3, depthReason: { code: "sheet" } });
    expect(of("K-contrat").explanation).toMatch(/« Droit du numérique » en parle \(.*contrats.*\)/);
    expect(of("K-contrat").score).toBeGreaterThan(0);
  });

  it("sans profondeur nulle part : toute profondeur couvre, et la profondeur proposée est celle que le module donne à ce type d'exigences, dite en clair", () => {
    const c1 = of("s/C1");
    expect(c1.moduleCode).toBe("M3-MGT");
    // M3-MGT maps no competence: its usual depth over any kind (3), said so, never a silent 1.
    expect(c1.depthReason).toMatchObject({ code: "module_any", depth: 3 });
    expect(c1.depthReason.explanation).toMatch(/toute profondeur couvre l'élément/);
    expect(proposedDepth({ kind: "transversal", targetDepth: null, depthOrigin: null }, modules[2], 7)).toMatchObject({ code: "module_kind", depth: 2 });
    expect(proposedDepth({ kind: "knowledge", targetDepth: null, depthOrigin: null }, modules[0], 7)).toMatchObject({ code: "module_empty", depth: 1 });
  });

  it("avec une profondeur attendue par l'établissement, c'est elle, et dite comme telle", () => {
    const expected = expectedDepthsAt({ school: [{ level: 7, kind: "competence", depth: 3, setByName: "A", setAt: "2026-12-01T00:00:00.000Z" }], programme: [] }, 7);
    const withSetting = suggestChanges(programme, computeCoverage(programme, { ...target, expected }), byRef).find((s) => s.itemRef === "s/C1")!;
    expect(withSetting.depthReason).toMatchObject({ code: "school", depth: 3 });
    expect(withSetting.depthReason.explanation).toMatch(/l'établissement attend au niveau 7/);
  });

  it("sous le seuil : « aucun module ne traite ce sujet : créer un module ? », prérempli", () => {
    expect(of("K-chimie")).toMatchObject({ kind: "create_module", moduleId: null, moduleCode: null, prefill: { title: "Chimie organique" } });
    expect(of("K-chimie").explanation).toMatch(/aucun module ne traite ce sujet : créer un module \?/);
  });

  it("une ressource transverse dont aucun module ne parle va au module le plus en situation professionnelle, dit comme tel", () => {
    expect(of("T09")).toMatchObject({ kind: "map_item", basis: "situation", moduleCode: "M4-STAGE", matchedWords: [] });
    expect(of("T09").explanation).toMatch(/600 h de projet/);
  });

  it("appliquer les suggestions (modules créés compris) couvre toute la cible, évaluée", () => {
    const after = computeCoverage(applySuggestions(programme, suggestions), target);
    expect(after.summary.overall.ratioCovered).toBe(1);
    expect(after.summary.coveredNotAssessed).toBe(0);
  });
});

describe("les exigences suggérées par le descriptif d'un module", () => {
  it("classe les exigences que ses mots évoquent, sans celles qu'il relie déjà ni celles écartées", () => {
    const droit = modules[0];
    expect(suggestRequirements(droit, texts).map((r) => r.ref)).toEqual(expect.arrayContaining(["K-contrat", "K-entreprise"]));
    expect(suggestRequirements(droit, texts)[0].ref).toBe("K-contrat");
    expect(suggestRequirements(droit, texts, new Set(["K-contrat"])).map((r) => r.ref)).not.toContain("K-contrat");
    expect(suggestRequirements({ ...droit, mappings: [{ itemRef: "K-contrat", depth: 2, assessed: false }] }, texts).map((r) => r.ref)).not.toContain("K-contrat");
    expect(suggestRequirements({ ...droit, title: "", code: "X", description: "" }, texts)).toEqual([]);
  });
});
