import { describe, expect, it } from "vitest";
import { modulesTouched, planChangesNothing, planImport, type ProgrammeFields } from "./import-plan";
import type { ImportedModule } from "./programme-import";

const hours = (lectures: number) => ({ lectures, tutorials: 0, practical: 0, projects: 0 });
const fields: ProgrammeFields = { title: "BTS NDRC", diplomaType: "bts", level: 5, entryEcts: 0, semesters: 4, description: "", targets: ["charge-e-commerce"] };
const current: ImportedModule[] = [
  {
    code: "UE1",
    title: "Marketing",
    semester: 1,
    ects: 6,
    hours: hours(20),
    mappings: [
      { itemRef: "T06", depth: 1, assessed: true, note: "Oral" },
      { itemRef: "K-34093", depth: 2, assessed: false },
    ],
  },
  { code: "UE2", title: "Droit", semester: 2, ects: 4, hours: hours(30), mappings: [{ itemRef: "T01", depth: 1, assessed: false }] },
];
// The file: UE1 changed (semester over a year, T06 deeper, K-34093 gone, C3 new), UE3 new, UE2 not named.
const file: ImportedModule[] = [
  {
    code: "UE1",
    title: "Marketing",
    semester: 1,
    semesterSpan: 2,
    ects: 6,
    hours: hours(20),
    mappings: [
      { itemRef: "T06", depth: 2, assessed: true, note: "Oral" },
      { itemRef: "charge-e-commerce/C3", depth: 1, assessed: false },
    ],
  },
  { code: "UE3", title: "Projet", semester: 3, ects: 10, hours: hours(0), mappings: [{ itemRef: "T17", depth: 1, assessed: true }] },
];
const refs = (list: { module: string; itemRef: string }[]) => list.map((m) => `${m.module}:${m.itemRef}`);

describe("planImport", () => {
  it("remplacer : la formation devient le fichier, modules et correspondances qu'il ne nomme pas sont retirés", () => {
    const plan = planImport({ fields, modules: current }, { fields: {}, modules: file }, "replace");
    expect(plan.modules).toEqual({
      added: [{ code: "UE3", title: "Projet" }],
      removed: [{ code: "UE2", title: "Droit" }],
      changed: [{ code: "UE1", title: "Marketing", changes: [{ field: "semester", before: "S1", after: "S1–S2" }] }],
    });
    expect(refs(plan.mappings.added)).toEqual(["UE1:charge-e-commerce/C3", "UE3:T17"]);
    expect(refs(plan.mappings.removed)).toEqual(["UE1:K-34093", "UE2:T01"]);
    expect(plan.mappings.changed).toEqual([
      { module: "UE1", itemRef: "T06", before: { itemRef: "T06", depth: 1, assessed: true, note: "Oral" }, after: { itemRef: "T06", depth: 2, assessed: true, note: "Oral" } },
    ]);
    expect(plan.result.modules.map((m) => m.code)).toEqual(["UE1", "UE3"]);
    expect(plan.result.modules[0].mappings.map((m) => m.itemRef)).toEqual(["T06", "charge-e-commerce/C3"]);
    expect([...modulesTouched(plan)]).toEqual(["UE1"]);
  });

  it("fusionner : le fichier ajoute et change, ne retire rien", () => {
    const plan = planImport({ fields, modules: current }, { fields: {}, modules: file }, "merge");
    expect(plan.modules.added.map((m) => m.code)).toEqual(["UE3"]);
    expect(plan.modules.removed).toEqual([]);
    expect(plan.modules.changed.map((m) => m.code)).toEqual(["UE1"]);
    expect(refs(plan.mappings.added)).toEqual(["UE1:charge-e-commerce/C3", "UE3:T17"]);
    expect(plan.mappings.removed).toEqual([]);
    expect(refs(plan.mappings.changed)).toEqual(["UE1:T06"]);
    expect(plan.result.modules.map((m) => m.code)).toEqual(["UE1", "UE2", "UE3"]);
    expect(plan.result.modules[0].mappings.map((m) => m.itemRef)).toEqual(["T06", "K-34093", "charge-e-commerce/C3"]);
    expect(plan.result.modules[1]).toBe(current[1]);
  });

  it("un fichier sans colonne note garde les notes ; avec la colonne, une note vide efface", () => {
    const withoutNotes = file.map((m) => ({ ...m, mappings: m.mappings.map(({ note: _note, ...rest }) => rest) }));
    const kept = planImport({ fields, modules: current }, { fields: {}, modules: withoutNotes, keepNotes: true }, "merge");
    expect(kept.result.modules[0].mappings[0]).toEqual({ itemRef: "T06", depth: 2, assessed: true, note: "Oral" });
    const cleared = planImport({ fields, modules: current }, { fields: {}, modules: withoutNotes }, "merge");
    expect(cleared.mappings.changed[0].after).toEqual({ itemRef: "T06", depth: 2, assessed: true });
  });

  it("prend les champs de la feuille Formation ; en fusion, ajoute ses métiers visés à ceux de la formation", () => {
    const given = { title: "BTS NDRC e-commerce", level: 5, targets: ["chef-de-projet-e-commerce"] };
    const replaced = planImport({ fields, modules: current }, { fields: given, modules: current }, "replace");
    expect(replaced.fields).toEqual([
      { field: "title", before: "BTS NDRC", after: "BTS NDRC e-commerce" },
      { field: "targets", before: "charge-e-commerce", after: "chef-de-projet-e-commerce" },
    ]);
    const merged = planImport({ fields, modules: current }, { fields: given, modules: current }, "merge");
    expect(merged.result.fields.targets).toEqual(["charge-e-commerce", "chef-de-projet-e-commerce"]);
    expect(merged.fields.map((f) => f.field)).toEqual(["title", "targets"]);
  });

  it("garde le cadre national du niveau parmi les cibles : un fichier ne peut l'ôter, un changement de niveau le remplace", () => {
    const framed = { ...fields, targets: ["charge-e-commerce", "cncp-niveau-5"] };
    const replaced = planImport({ fields: framed, modules: current }, { fields: { targets: ["chef-de-projet-e-commerce"] }, modules: current, levelFramework: true }, "replace");
    expect(replaced.result.fields.targets).toEqual(["chef-de-projet-e-commerce", "cncp-niveau-5"]);
    const merged = planImport({ fields: framed, modules: current }, { fields: { level: 6 }, modules: current, levelFramework: true }, "merge");
    expect(merged.result.fields.targets).toEqual(["charge-e-commerce", "cncp-niveau-6"]);
    expect(merged.fields).toEqual([
      { field: "level", before: "5", after: "6" },
      { field: "targets", before: "charge-e-commerce, cncp-niveau-5", after: "charge-e-commerce, cncp-niveau-6" },
    ]);
    // A file that names neither targets nor level leaves them as they are.
    expect(planImport({ fields, modules: current }, { fields: { title: "Autre" }, modules: current, levelFramework: true }, "merge").result.fields.targets).toEqual(["charge-e-commerce"]);
  });

  it("le même fichier deux fois : rien ne change", () => {
    expect(planChangesNothing(planImport({ fields, modules: current }, { fields: { ...fields }, modules: current }, "replace"))).toBe(true);
    expect(planChangesNothing(planImport({ fields, modules: current }, { fields: {}, modules: file }, "merge"))).toBe(false);
  });
});
