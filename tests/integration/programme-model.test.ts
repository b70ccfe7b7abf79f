import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { createDb } from "~/utils/create-db.server";
import { transactionInSteps } from "~/utils/db-scope.server";
import {
  createModule,
  createProgramme,
  deleteProgramme,
  duplicateModule,
  getProgramme,
  importProgramme,
  listProgrammes,
  moveModule,
  setMapping,
  toImportedModules,
  updateModule,
} from "~/models/programme.server";
import type { ProgrammeForm } from "~/domain/programme";
import { moduleForm } from "./programme-fixtures";

const db = createDb();
let schoolA: string;
let schoolB: string;

const form: ProgrammeForm = {
  title: "BTS de test",
  diplomaType: "bts",
  level: 5,
  entryEcts: 0,
  semesters: 4,
  targets: ["charge-e-commerce"],
  description: "",
};

beforeAll(async () => {
  schoolA = (await db.school.create({ data: { slug: "ecole-a", name: "École A" } })).id;
  schoolB = (await db.school.create({ data: { slug: "ecole-b", name: "École B" } })).id;
});
afterAll(() => db.$disconnect());

describe("programmes et modules", () => {
  it("un établissement ne voit ni ne modifie les programmes d'un autre", async () => {
    const { id } = await createProgramme({ db, schoolId: schoolA, form });
    expect(await getProgramme({ db, schoolId: schoolA, id })).not.toBeNull();
    expect(await getProgramme({ db, schoolId: schoolB, id })).toBeNull();
    expect((await listProgrammes({ db, schoolId: schoolB })).map((p) => p.id)).not.toContain(id);
    expect(await createModule({ db, schoolId: schoolB, programmeId: id, form: moduleForm("X1") })).toEqual({ ok: false, reason: "not_found" });
    expect(await deleteProgramme({ db, schoolId: schoolB, id })).toBe(false);
    expect(await getProgramme({ db, schoolId: schoolA, id })).not.toBeNull();
  });

  it("le code d'un module est unique dans le programme, et une modification sur une version périmée est refusée", async () => {
    const { id } = await createProgramme({ db, schoolId: schoolA, form });
    const first = await createModule({ db, schoolId: schoolA, programmeId: id, form: moduleForm("UE1") });
    expect(first.ok).toBe(true);
    expect(await createModule({ db, schoolId: schoolA, programmeId: id, form: moduleForm("UE1") })).toEqual({ ok: false, reason: "duplicate_code" });
    if (!first.ok) return;
    const updated = await updateModule({ db, schoolId: schoolA, programmeId: id, moduleId: first.id, expectedVersion: 1, form: { ...moduleForm("UE1"), title: "Nouveau titre" } });
    expect(updated).toMatchObject({ ok: true, version: 2 });
    const stale = await updateModule({ db, schoolId: schoolA, programmeId: id, moduleId: first.id, expectedVersion: 1, form: { ...moduleForm("UE1"), title: "Écrasé ?" } });
    expect(stale).toEqual({ ok: false, reason: "conflict", version: 2 });
    const programme = await getProgramme({ db, schoolId: schoolA, id });
    expect(programme!.modules[0].title).toBe("Nouveau titre");
  });

  it("une cellule enregistrée sur une version périmée renvoie la valeur actuelle, sans rien perdre", async () => {
    const { id } = await createProgramme({ db, schoolId: schoolA, form });
    const created = await createModule({ db, schoolId: schoolA, programmeId: id, form: moduleForm("UE1") });
    if (!created.ok) throw new Error("module");
    const base = { db, schoolId: schoolA, programmeId: id, moduleId: created.id };
    expect(await setMapping({ ...base, expectedVersion: 1, itemRef: "T06", value: { depth: 2, assessed: true } })).toEqual({ ok: true, version: 2 });
    const conflict = await setMapping({ ...base, expectedVersion: 1, itemRef: "T06", value: { depth: 4, assessed: false } });
    expect(conflict).toEqual({ ok: false, reason: "conflict", version: 2, current: { depth: 2, assessed: true, note: "" } });
    expect(await setMapping({ ...base, expectedVersion: 2, itemRef: "T06", value: { depth: 0, assessed: false } })).toEqual({ ok: true, version: 3 });
    expect((await getProgramme({ db, schoolId: schoolA, id }))!.modules[0].mappings).toEqual([]);
  });

  it("deux enregistrements simultanés sur la même version : deux cases différentes réussissent, la même case une seule fois", async () => {
    const { id } = await createProgramme({ db, schoolId: schoolA, form });
    const created = await createModule({ db, schoolId: schoolA, programmeId: id, form: moduleForm("UE1") });
    if (!created.ok) throw new Error("module");
    const base = { db, schoolId: schoolA, programmeId: id, moduleId: created.id, expectedVersion: 1 };
    const different = await Promise.all([
      setMapping({ ...base, itemRef: "T01", value: { depth: 1, assessed: false } }),
      setMapping({ ...base, itemRef: "T02", value: { depth: 3, assessed: true } }),
    ]);
    expect(different.map((r) => r.ok)).toEqual([true, true]);
    expect(different.map((r) => (r.ok ? r.version : 0)).sort()).toEqual([2, 3]);
    const same = await Promise.all([
      setMapping({ ...base, expectedVersion: 3, itemRef: "T03", value: { depth: 1, assessed: false } }),
      setMapping({ ...base, expectedVersion: 3, itemRef: "T03", value: { depth: 2, assessed: false } }),
    ]);
    expect(same.filter((r) => r.ok)).toHaveLength(1);
    expect(same.find((r) => !r.ok)).toMatchObject({ reason: "conflict", version: 4 });
    expect((await getProgramme({ db, schoolId: schoolA, id }))!.modules[0].mappings).toHaveLength(3);
  });

  it("un enregistrement de case écrit la case et sa ligne d'historique ensemble ; une écriture en étapes qui échoue à la dernière n'enregistre rien", async () => {
    const { id } = await createProgramme({ db, schoolId: schoolA, form });
    const created = await createModule({ db, schoolId: schoolA, programmeId: id, form: moduleForm("UE1") });
    if (!created.ok) throw new Error("module");
    const actor = { userId: null, schoolId: schoolA };
    expect(await setMapping({ db, schoolId: schoolA, programmeId: id, moduleId: created.id, expectedVersion: 1, itemRef: "T06", value: { depth: 3, assessed: true }, actor })).toEqual({ ok: true, version: 2 });
    const logged = await db.auditLog.findMany({ where: { programmeId: id, action: "set_mapping" }, select: { before: true, after: true } });
    expect(logged.map((row) => [JSON.parse(String(row.before)), JSON.parse(String(row.after))])).toEqual([
      [{ itemRef: "T06", module: "UE1", depth: 0, assessed: false }, { itemRef: "T06", module: "UE1", depth: 3, assessed: true }],
    ]);

    // The first step changes the module, the last one fails: neither is kept.
    await expect(
      transactionInSteps(db, async (step) => {
        await step([Prisma.sql`UPDATE "Module" SET "title" = 'Changé' WHERE "id" = ${created.id}`]);
        await step([Prisma.sql`INSERT INTO "Mapping" ("moduleId", "itemRef", "depth", "assessed") VALUES ('absent', 'T06', 1, false)`], { last: true });
      }),
    ).rejects.toThrow();
    const after = (await getProgramme({ db, schoolId: schoolA, id }))!.modules[0];
    expect([after.title, after.version, after.mappings.length]).toEqual(["Module UE1", 2, 1]);
  });

  it("dupliquer, déplacer, puis exporter redonne les modules importés, notes comprises", async () => {
    const modules = [
      { code: "UE1", title: "Un", semester: 1, ects: 6, hours: { lectures: 10, tutorials: 0, practical: 0, projects: 0 }, mappings: [{ itemRef: "T06", depth: 2, assessed: true, note: "Exposé oral" }] },
      { code: "UE2", title: "Deux", semester: 1, ects: 4.5, hours: { lectures: 0, tutorials: 5, practical: 5, projects: 2 }, mappings: [] },
    ];
    const { id } = await importProgramme({ db, schoolId: schoolA, form, modules });
    const programme = (await getProgramme({ db, schoolId: schoolA, id }))!;
    expect(toImportedModules(programme.modules)).toEqual(modules);
    const copy = await duplicateModule({ db, schoolId: schoolA, programmeId: id, moduleId: programme.modules[0].id });
    expect(copy.ok).toBe(true);
    await moveModule({ db, schoolId: schoolA, programmeId: id, moduleId: programme.modules[1].id, direction: "up" });
    const after = (await getProgramme({ db, schoolId: schoolA, id }))!;
    expect(after.modules.map((m) => m.code)).toEqual(["UE2", "UE1", "UE1-copie"]);
    expect(after.modules[2].mappings).toEqual([{ itemRef: "T06", depth: 2, assessed: true, note: "Exposé oral" }]);
  });
});
