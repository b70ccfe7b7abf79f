import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~/utils/create-db.server";
import { createModule, createProgramme, getProgramme, setMapping, updateModule } from "~/models/programme.server";
import { saveCells } from "~/models/matrix.server";
import type { ProgrammeForm } from "~/domain/programme";
import { moduleForm } from "./programme-fixtures";

const db = createDb();
let schoolId: string;
const actor = () => ({ userId: null, schoolId });

const form: ProgrammeForm = { title: "Licence de test", diplomaType: "licence_pro", level: 6, entryEcts: 120, semesters: 2, targets: ["charge-e-commerce"], description: "" };

beforeAll(async () => {
  schoolId = (await db.school.create({ data: { slug: "ecole-cellules", name: "École des cellules" } })).id;
});
afterAll(() => db.$disconnect());

async function programmeWith(codes: string[]) {
  const { id } = await createProgramme({ db, schoolId, form });
  const modules: string[] = [];
  for (const code of codes) {
    const created = await createModule({ db, schoolId, programmeId: id, form: moduleForm(code) });
    if (!created.ok) throw new Error(code);
    modules.push(created.id);
  }
  return { id, modules };
}

const cellsOf = async (programmeId: string) =>
  Object.fromEntries((await getProgramme({ db, schoolId, id: programmeId }))!.modules.map((m) => [m.code, Object.fromEntries(m.mappings.map((x) => [x.itemRef, `${x.depth}${x.assessed ? "✓" : ""}`]))]));

describe("conflits par cellule", () => {
  it("une version périmée est acceptée pour une autre cellule, refusée pour la même cellule changée ou vidée depuis", async () => {
    const { id, modules: [ue1] } = await programmeWith(["UE1"]);
    const base = { db, schoolId, programmeId: id, moduleId: ue1, actor: actor() };
    expect(await setMapping({ ...base, expectedVersion: 1, itemRef: "T01", value: { depth: 2, assessed: false } })).toEqual({ ok: true, version: 2 });
    // Someone still on version 1 saves another cell: nothing of theirs was overwritten.
    expect(await setMapping({ ...base, expectedVersion: 1, itemRef: "T02", value: { depth: 3, assessed: true } })).toEqual({ ok: true, version: 3 });
    // The same cell, changed at version 2, from version 1: refused with its value now.
    expect(await setMapping({ ...base, expectedVersion: 1, itemRef: "T01", value: { depth: 4, assessed: false } })).toEqual({
      ok: false,
      reason: "conflict",
      version: 3,
      current: { depth: 2, assessed: false, note: "" },
    });
    // From version 2 (after that change), the same cell is accepted.
    expect(await setMapping({ ...base, expectedVersion: 2, itemRef: "T01", value: { depth: 4, assessed: false } })).toEqual({ ok: true, version: 4 });
    // A cell emptied at version 5 is a change too: a save from version 4 is refused.
    expect(await setMapping({ ...base, expectedVersion: 4, itemRef: "T02", value: { depth: 0, assessed: false } })).toEqual({ ok: true, version: 5 });
    expect(await setMapping({ ...base, expectedVersion: 4, itemRef: "T02", value: { depth: 1, assessed: false } })).toMatchObject({ ok: false, reason: "conflict", current: { depth: 0 } });
    expect(await setMapping({ ...base, expectedVersion: 3, itemRef: "T03", value: { depth: 1, assessed: false } })).toEqual({ ok: true, version: 6 });
    expect(await cellsOf(id)).toEqual({ UE1: { T01: "4", T03: "1" } });
  });

  it("une modification du module sans cellule ne crée pas de conflit ; une écriture d'un autre genre rend prudent jusqu'à elle", async () => {
    const { id, modules: [ue1] } = await programmeWith(["UE1"]);
    const base = { db, schoolId, programmeId: id, moduleId: ue1, actor: actor() };
    expect(await setMapping({ ...base, expectedVersion: 1, itemRef: "T01", value: { depth: 2, assessed: false } })).toEqual({ ok: true, version: 2 });
    expect(await updateModule({ db, schoolId, programmeId: id, moduleId: ue1, expectedVersion: 2, form: { ...moduleForm("UE1"), title: "Nouveau titre" } })).toMatchObject({ ok: true, version: 3 });
    expect(await setMapping({ ...base, expectedVersion: 2, itemRef: "T02", value: { depth: 1, assessed: false } })).toEqual({ ok: true, version: 4 });

    // Another writer (an import, a sheet upgrade) changes mappings and raises the version, as
    // every writer must, without any record per cell.
    await db.$transaction([
      db.mapping.create({ data: { moduleId: ue1, itemRef: "T05", depth: 3, assessed: true } }),
      db.module.update({ where: { id: ue1 }, data: { version: { increment: 1 } } }),
    ]);
    // A save made before that write cannot be judged cell by cell: refused, whatever the cell.
    expect(await setMapping({ ...base, expectedVersion: 4, itemRef: "T06", value: { depth: 1, assessed: false } })).toMatchObject({ ok: false, reason: "conflict", version: 5 });
    // On the version that write left, accepted; and from then on cell by cell again.
    expect(await setMapping({ ...base, expectedVersion: 5, itemRef: "T06", value: { depth: 1, assessed: false } })).toEqual({ ok: true, version: 6 });
    expect(await setMapping({ ...base, expectedVersion: 5, itemRef: "T07", value: { depth: 2, assessed: false } })).toEqual({ ok: true, version: 7 });
    expect(await setMapping({ ...base, expectedVersion: 4, itemRef: "T08", value: { depth: 2, assessed: false } })).toMatchObject({ ok: false, reason: "conflict" });
    expect(await cellsOf(id)).toEqual({ UE1: { T01: "2", T02: "1", T05: "3✓", T06: "1", T07: "2" } });
  });
});

describe("une plage : une requête, une transaction, tout ou rien", () => {
  it("une plage sur deux modules monte chaque module d'une version et écrit une ligne d'historique par cellule", async () => {
    const { id, modules: [ue1, ue2] } = await programmeWith(["UE1", "UE2"]);
    const cells = [
      { moduleId: ue1, version: 1, itemRef: "T01", value: { depth: 2, assessed: true } },
      { moduleId: ue1, version: 1, itemRef: "T02", value: { depth: 3, assessed: false } },
      { moduleId: ue2, version: 1, itemRef: "T01", value: { depth: 1, assessed: false, note: "Étude de cas" } },
    ];
    expect(await saveCells({ db, schoolId, programmeId: id, cells, actor: actor() })).toEqual({ ok: true, versions: { [ue1]: 2, [ue2]: 2 } });
    expect(await cellsOf(id)).toEqual({ UE1: { T01: "2✓", T02: "3" }, UE2: { T01: "1" } });
    const logged = await db.auditLog.findMany({ where: { programmeId: id, action: "set_mapping" }, select: { after: true }, orderBy: { id: "asc" } });
    expect(logged.map((row) => JSON.parse(String(row.after)))).toEqual([
      { itemRef: "T01", module: "UE1", depth: 2, assessed: true },
      { itemRef: "T02", module: "UE1", depth: 3, assessed: false },
      { itemRef: "T01", module: "UE2", depth: 1, assessed: false, note: "Étude de cas" },
    ]);
  });

  it("une seule cellule périmée : rien n'est enregistré, ni cellule, ni version, ni historique, et elle est nommée", async () => {
    const { id, modules: [ue1, ue2] } = await programmeWith(["UE1", "UE2"]);
    expect(await setMapping({ db, schoolId, programmeId: id, moduleId: ue2, expectedVersion: 1, itemRef: "T03", value: { depth: 4, assessed: true }, actor: actor() })).toEqual({ ok: true, version: 2 });
    const auditBefore = await db.auditLog.count({ where: { programmeId: id } });
    const result = await saveCells({
      db,
      schoolId,
      programmeId: id,
      actor: actor(),
      cells: [
        { moduleId: ue1, version: 1, itemRef: "T03", value: { depth: 2, assessed: false } },
        { moduleId: ue2, version: 1, itemRef: "T04", value: { depth: 2, assessed: false } },
        { moduleId: ue2, version: 1, itemRef: "T03", value: { depth: 1, assessed: false } },
      ],
    });
    expect(result).toEqual({ ok: false, reason: "refused", cells: [{ moduleId: ue2, itemRef: "T03", reason: "stale", current: { depth: 4, assessed: true, note: "" }, version: 2 }] });
    expect(await cellsOf(id)).toEqual({ UE1: {}, UE2: { T03: "4✓" } });
    const modules = await db.module.findMany({ where: { programmeId: id }, select: { code: true, version: true }, orderBy: { code: "asc" } });
    expect(modules).toEqual([{ code: "UE1", version: 1 }, { code: "UE2", version: 2 }]);
    expect(await db.auditLog.count({ where: { programmeId: id } })).toBe(auditBefore);
  });

  it("une note se garde quand un enregistrement ne la nomme pas, et part avec la correspondance vidée", async () => {
    const { id, modules: [ue1] } = await programmeWith(["UE1"]);
    const save = (version: number, value: { depth: number; assessed: boolean; note?: string }) => saveCells({ db, schoolId, programmeId: id, cells: [{ moduleId: ue1, version, itemRef: "T01", value }], actor: actor() });
    await save(1, { depth: 2, assessed: false, note: "Projet tutoré" });
    await save(2, { depth: 3, assessed: true });
    const note = async () => (await db.mapping.findUnique({ where: { moduleId_itemRef: { moduleId: ue1, itemRef: "T01" } }, select: { note: true, depth: true } })) ?? null;
    expect(await note()).toEqual({ note: "Projet tutoré", depth: 3 });
    await save(3, { depth: 0, assessed: false });
    expect(await note()).toBeNull();
    await save(4, { depth: 1, assessed: false });
    expect(await note()).toEqual({ note: "", depth: 1 });
  });
});
