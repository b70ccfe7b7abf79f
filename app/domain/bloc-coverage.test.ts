import { describe, expect, it } from "vitest";
import { blocCoverage, type BlocDefinition } from "./bloc-coverage";
import { computeCoverage, type ModuleInput } from "./coverage";

const slug = "rncp-37873";
const blocs: BlocDefinition[] = [
  { code: "RNCP37873BC01", label: "Développer une application sécurisée", assessment: "Présentation d'un projet    Entretien technique", itemCodes: ["RNCP37873BC01.1", "RNCP37873BC01.2"] },
  { code: "RNCP37873BC02", label: "Concevoir et développer une application", assessment: null, itemCodes: ["RNCP37873BC02.1", "RNCP37873BC02.2"] },
  { code: "RNCP37873BC03", label: "Préparer le déploiement", assessment: null, itemCodes: ["RNCP37873BC03"] },
];
const requirement = (code: string, required = true) => ({ ref: `${slug}/${code}`, kind: "competence" as const, label: code, required, requiredDepth: null });
const target = {
  sheetSlug: slug,
  title: "Concepteur développeur d'applications",
  cncpMin: 6,
  cncpMax: 6,
  level: 6 as const,
  requirements: ["RNCP37873BC01.1", "RNCP37873BC01.2", "RNCP37873BC02.1", "RNCP37873BC03"].map((c) => requirement(c)).concat(requirement("RNCP37873BC02.2", false)),
};
const module = (code: string, semester: number, mappings: ModuleInput["mappings"]): ModuleInput => ({ id: code, code, title: `Module ${code}`, semester, ects: 30, mappings });

function run(modules: ModuleInput[], methods: Record<string, string> = {}) {
  const result = computeCoverage({ level: 6, entryEcts: 120, semesters: 2, modules }, target);
  return blocCoverage({ slug, blocs, items: result.items, modules: modules.map((m) => ({ code: m.code, title: m.title, semester: m.semester, assessmentMethod: methods[m.code] ?? "" })) });
}

describe("coverage per bloc", () => {
  it("a bloc taught and assessed in full is covered and assessed, with no warning", () => {
    const [bc01] = run(
      [module("UE2", 2, [{ itemRef: `${slug}/RNCP37873BC01.2`, depth: 2, assessed: true }]), module("UE1", 1, [{ itemRef: `${slug}/RNCP37873BC01.1`, depth: 3, assessed: true }])],
      { UE1: "Projet noté", UE2: "" },
    );
    expect(bc01).toMatchObject({ status: "covered", assessment: "all", warning: null, counts: { required: 2, covered: 2, assessed: 2 } });
    expect(bc01.teaching.map((m) => m.code)).toEqual(["UE1", "UE2"]);
    expect(bc01.programmeMethods).toEqual([{ module: "UE1", method: "Projet noté" }]);
    expect(bc01.ficheMethods).toEqual(["Présentation d'un projet", "Entretien technique"]);
  });

  it("a competence taught but never assessed leaves the bloc partly assessed, with a warning naming the bloc", () => {
    const [bc01] = run([module("UE1", 1, [{ itemRef: `${slug}/RNCP37873BC01.1`, depth: 2, assessed: true }, { itemRef: `${slug}/RNCP37873BC01.2`, depth: 2, assessed: false }])]);
    expect(bc01).toMatchObject({ status: "covered", assessment: "some" });
    expect(bc01.assessing.map((m) => m.code)).toEqual(["UE1"]);
    expect(bc01.warning?.message).toBe(
      "Bloc RNCP37873BC01 (Développer une application sécurisée) : 1 compétence(s) sur 2 ne sont évaluées par aucun module ; le RNCP certifie chaque bloc séparément.",
    );
  });

  it("a heading kept for the record does not count; a bloc with nothing mapped is missing", () => {
    const [, bc02, bc03] = run([module("UE1", 1, [{ itemRef: `${slug}/RNCP37873BC02.1`, depth: 1, assessed: false }])]);
    expect(bc02.counts).toEqual({ required: 1, covered: 1, partial: 0, missing: 0, assessed: 0 });
    expect(bc02.items).toHaveLength(2);
    expect(bc03).toMatchObject({ status: "missing", assessment: "none", teaching: [], assessing: [] });
    expect(bc03.warning?.sentence.params).toMatchObject({ missing: 1, total: 1 });
  });

  it("partly covered when some competences are mapped and others not", () => {
    const [bc01] = run([module("UE1", 1, [{ itemRef: `${slug}/RNCP37873BC01.1`, depth: 1, assessed: true }])]);
    expect(bc01).toMatchObject({ status: "partial", assessment: "some", counts: { covered: 1, missing: 1 } });
  });
});
