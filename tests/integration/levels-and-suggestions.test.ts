import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgrammeForm } from "~/domain/programme";
import { cachedProgrammeCoverage, programmeCoverage } from "~/models/coverage.server";
import { loadExpectedDepths, setProgrammeExpectedDepths, setSchoolExpectedDepths } from "~/models/expected-depths.server";
import { addLevelFrameworkTargets } from "~/models/level-frameworks.server";
import { dismissModuleSuggestion, moduleSuggestions } from "~/models/module-suggestions.server";
import { createModule, createProgramme, getProgramme, getProgrammeHead, updateProgramme } from "~/models/programme.server";
import { createDb } from "~/utils/create-db.server";
import { runSeed } from "../../seed/run";
import { moduleForm } from "./programme-fixtures";

/**
 * The national framework of the level as a target of every programme, the expected depths per
 * level (school setting, programme override) and the module suggestions, on the real database.
 */
const db = createDb();
let schoolId: string;
let actor: { userId: string; schoolId: string; name: string };
const form: ProgrammeForm = { title: "Master cadre", diplomaType: "master", level: 7, entryEcts: 180, semesters: 4, targets: ["directeur-e-commerce"], description: "" };

beforeAll(async () => {
  await runSeed(db, { demo: false });
  schoolId = (await db.school.create({ data: { slug: "ecole-niveaux", name: "École niveaux" } })).id;
  const userId = (await db.user.create({ data: { email: "gestion@niveaux.test", name: "Gestion Niveaux", passwordHash: "x" } })).id;
  actor = { userId, schoolId, name: "Gestion Niveaux" };
});
afterAll(() => db.$disconnect());

const targetsOf = async (id: string) => (await getProgramme({ db, schoolId, id }))!.targets.map((t) => t.sheetSlug);

describe("le cadre national du niveau, cible de toute formation", () => {
  it("dès la création, au changement de niveau, et ne peut être retiré", async () => {
    const { id } = await createProgramme({ db, schoolId, form, actor });
    expect(await targetsOf(id)).toEqual(["directeur-e-commerce", "cncp-niveau-7"]);
    await updateProgramme({ db, schoolId, id, form: { ...form, level: 6, entryEcts: 120 }, actor });
    expect(await targetsOf(id)).toEqual(["directeur-e-commerce", "cncp-niveau-6"]);
    // Sent without it (or with another level's), it is there all the same.
    await updateProgramme({ db, schoolId, id, form: { ...form, targets: ["directeur-e-commerce", "cncp-niveau-5"] }, actor });
    expect(await targetsOf(id)).toEqual(["directeur-e-commerce", "cncp-niveau-7"]);
  });

  it("une formation d'avant les cadres le reçoit au démarrage, une seule fois", async () => {
    const { id } = await createProgramme({ db, schoolId, form, actor });
    await db.programmeTarget.delete({ where: { programmeId_sheetSlug: { programmeId: id, sheetSlug: "cncp-niveau-7" } } });
    expect(await targetsOf(id)).toEqual(["directeur-e-commerce"]);
    expect(await addLevelFrameworkTargets(db)).toBe(1);
    expect(await targetsOf(id)).toEqual(["directeur-e-commerce", "cncp-niveau-7"]);
    expect(await db.auditLog.count({ where: { programmeId: id, action: "level_framework" } })).toBe(1);
    expect(await addLevelFrameworkTargets(db)).toBe(0);
  });

  it("le sélecteur de niveau vérifie contre le cadre du niveau choisi", async () => {
    const { id } = await createProgramme({ db, schoolId, form, actor });
    const head = (await getProgrammeHead({ db, schoolId, id }))!;
    for (const level of [5, 6, 7] as const) {
      const { coverages } = await cachedProgrammeCoverage({ db, schoolId, head, level });
      expect(coverages.map((c) => c.target.sheetSlug)).toEqual(["directeur-e-commerce", `cncp-niveau-${level}`]);
      expect(coverages[1].result.items).toHaveLength(level === 5 ? 4 : 3);
    }
  });
});

describe("les profondeurs attendues par niveau", () => {
  it("réglées par l'établissement, la même formation n'a pas la même couverture aux niveaux 5, 6 et 7 ; la formation peut passer outre", async () => {
    const { id } = await createProgramme({ db, schoolId, form, actor });
    const created = await createModule({ db, schoolId, programmeId: id, form: moduleForm("UE1"), actor });
    if (!created.ok) throw new Error("module");
    // The competences the sheet gives no depth: the first at depth 3, the others at depth 2.
    const found = (await programmeCoverage({ db, schoolId, programmeId: id }))!;
    const competences = found.coverages[0].result.items.filter((i) => i.kind === "competence" && i.required && i.requiredDepth === null).map((i) => i.ref);
    expect(competences.length).toBeGreaterThan(0);
    await db.mapping.createMany({ data: competences.map((itemRef, i) => ({ moduleId: created.id, itemRef, depth: i === 0 ? 3 : 2, assessed: true })) });
    const competencesCovered = async (level: 5 | 6 | 7) =>
      (await programmeCoverage({ db, schoolId, programmeId: id, level }))!.coverages[0].result.items.filter((i) => competences.includes(i.ref) && i.status === "covered").length;

    const before = [await competencesCovered(5), await competencesCovered(6), await competencesCovered(7)];
    expect(before).toEqual([competences.length, competences.length, competences.length]);

    await setSchoolExpectedDepths({ db, schoolId, changes: [{ level: 6, kind: "competence", depth: 3 }, { level: 7, kind: "competence", depth: 4 }], actor });
    expect([await competencesCovered(5), await competencesCovered(6), await competencesCovered(7)]).toEqual([competences.length, 1, 0]);
    const item = (await programmeCoverage({ db, schoolId, programmeId: id, level: 7 }))!.coverages[0].result.items.find((i) => i.ref === competences[0])!;
    expect(item).toMatchObject({ requiredDepth: null, targetDepth: 4, depthOrigin: "school", status: "partial" });
    expect((await loadExpectedDepths(db, schoolId)).school.find((s) => s.level === 7)).toMatchObject({ depth: 4, setByName: "Gestion Niveaux" });

    // The programme asks for none at level 7: the sheet alone decides, whatever the school says.
    await setProgrammeExpectedDepths({ db, schoolId, programmeId: id, changes: [{ level: 7, kind: "competence", depth: null }], actor });
    expect(await competencesCovered(7)).toBe(competences.length);
    await setProgrammeExpectedDepths({ db, schoolId, programmeId: id, changes: [{ level: 7, kind: "competence", depth: "school" }], actor });
    expect(await competencesCovered(7)).toBe(0);
    await setSchoolExpectedDepths({ db, schoolId, changes: [{ level: 6, kind: "competence", depth: null }, { level: 7, kind: "competence", depth: null }], actor });
  });

  it("un changement du réglage de l'établissement change la couverture gardée, sans écriture de la formation", async () => {
    const { id } = await createProgramme({ db, schoolId, form, actor });
    const created = await createModule({ db, schoolId, programmeId: id, form: moduleForm("UE1"), actor });
    if (!created.ok) throw new Error("module");
    await db.mapping.create({ data: { moduleId: created.id, itemRef: "directeur-e-commerce/C1", depth: 1, assessed: true } });
    const head = (await getProgrammeHead({ db, schoolId, id }))!;
    const status = async () => (await cachedProgrammeCoverage({ db, schoolId, head, level: 7 })).coverages[0].result.items.find((i) => i.ref === "directeur-e-commerce/C1")!.status;
    expect(await status()).toBe("covered");
    expect(await status()).toBe("covered"); // the kept one
    await setSchoolExpectedDepths({ db, schoolId, changes: [{ level: 7, kind: "competence", depth: 4 }], actor });
    expect(await status()).toBe("partial");
    await setSchoolExpectedDepths({ db, schoolId, changes: [{ level: 7, kind: "competence", depth: null }], actor });
    expect(await status()).toBe("covered");
  });
});

describe("les exigences suggérées par le descriptif d'un module", () => {
  it("classées par ses mots, une exigence écartée n'est plus proposée", async () => {
    const { id } = await createProgramme({ db, schoolId, form, actor });
    const created = await createModule({ db, schoolId, programmeId: id, form: { ...moduleForm("M2-FIN"), title: "Contrôle de gestion et analyse financière", description: "Budgets, comptes d'exploitation, rentabilité du centre de profit" }, actor });
    if (!created.ok) throw new Error("module");
    const programme = (await getProgramme({ db, schoolId, id }))!;
    const first = (await moduleSuggestions({ db, schoolId, programme, moduleId: created.id }))!;
    expect(first.length).toBeGreaterThan(0);
    expect(first[0].matchedWords.length).toBeGreaterThan(0);
    await dismissModuleSuggestion({ db, schoolId, programmeId: id, moduleId: created.id, itemRef: first[0].ref, actor });
    const after = (await moduleSuggestions({ db, schoolId, programme, moduleId: created.id }))!;
    expect(after.map((s) => s.ref)).not.toContain(first[0].ref);
    expect(await moduleSuggestions({ db, schoolId, programme, moduleId: "inconnu" })).toBeNull();
  });
});
