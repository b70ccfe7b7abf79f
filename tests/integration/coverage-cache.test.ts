import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReferenceSheetData } from "~/domain/reference-data";
import { saveSheetVersion } from "~/models/reference-sheet.server";
import { createDb } from "~/utils/create-db.server";
import { cachedProgrammeCoverage } from "~/models/coverage.server";
import { createModule, createProgramme, deleteModule, getProgrammeHead, setMapping, updateModule, updateProgramme } from "~/models/programme.server";
import { publishVersion, restoreVersion } from "~/models/programme-version.server";
import type { ProgrammeForm } from "~/domain/programme";
import { moduleForm } from "./programme-fixtures";

/**
 * The coverage a process keeps per programme revision (docs/decisions/029) is the one a fresh
 * computation gives after every kind of write: nobody ever reads a coverage older than the
 * programme.
 */
const db = createDb();
let schoolId: string;
let userId: string;

const sheet = JSON.parse(readFileSync("seed/reference-sheets/charge-e-commerce.json", "utf8")) as ReferenceSheetData;
const [slug, other] = ["charge-e-commerce-gardee", "charge-e-commerce-gardee-bis"];
const ITEM = `${slug}/C1`;
const form: ProgrammeForm = { title: "BTS suivi", diplomaType: "bts", level: 5, entryEcts: 0, semesters: 4, targets: [slug], description: "" };

beforeAll(async () => {
  schoolId = (await db.school.create({ data: { slug: "ecole-couverture-gardee", name: "École couverture gardée" } })).id;
  userId = (await db.user.create({ data: { email: "gestion@couverture-gardee.test", name: "Gestion", passwordHash: "x" } })).id;
  for (const s of [slug, other]) await saveSheetVersion(db, { ...sheet, slug: s });
});
afterAll(() => db.$disconnect());

/** What the coverage page shows of one requirement, read as a person opening the page would. */
async function shown(programmeId: string, ref = ITEM, level: 5 | 6 | 7 = 5) {
  const head = (await getProgrammeHead({ db, schoolId, id: programmeId }))!;
  const { coverages } = await cachedProgrammeCoverage({ db, schoolId, head, level });
  const item = coverages.flatMap((c) => c.result.items).find((i) => i.ref === ref);
  return { targets: coverages.map((c) => c.target.sheetSlug), depth: item?.achievedDepth ?? null, modules: item?.modules.map((m) => `${m.code}@S${m.semester}`) ?? [] };
}

describe("couverture gardée par révision du programme", () => {
  it("suit chaque écriture : cellule, module modifié, module supprimé, cibles, reprise d'une version", async () => {
    const actor = { userId, schoolId };
    const { id } = await createProgramme({ db, schoolId, form, actor });
    const created = await createModule({ db, schoolId, programmeId: id, form: moduleForm("UE1", 1), actor });
    if (!created.ok) throw new Error("module");
    expect(await shown(id)).toMatchObject({ depth: 0, modules: [] });
    expect(await shown(id)).toMatchObject({ depth: 0 }); // read twice: the kept one

    const base = { db, schoolId, programmeId: id, moduleId: created.id, actor };
    await setMapping({ ...base, expectedVersion: 1, itemRef: ITEM, value: { depth: 2, assessed: true } });
    expect(await shown(id)).toMatchObject({ depth: 2, modules: ["UE1@S1"] });

    // A cell written without an audit row (no actor) still changes the module's version.
    await setMapping({ db, schoolId, programmeId: id, moduleId: created.id, expectedVersion: 2, itemRef: ITEM, value: { depth: 3, assessed: true } });
    expect(await shown(id)).toMatchObject({ depth: 3 });

    await updateModule({ ...base, expectedVersion: 3, form: moduleForm("UE1", 2) });
    expect(await shown(id)).toMatchObject({ depth: 3, modules: ["UE1@S2"] });

    const published = await publishVersion({ db, schoolId, programmeId: id, label: "v1", actor });
    expect(published?.number).toBe(1);
    await deleteModule(base);
    expect(await shown(id)).toMatchObject({ depth: 0, modules: [] });

    expect((await restoreVersion({ db, schoolId, programmeId: id, number: 1, actor })).ok).toBe(true);
    expect(await shown(id)).toMatchObject({ depth: 3, modules: ["UE1@S2"] });

    await updateProgramme({ db, schoolId, id, form: { ...form, targets: [slug, other] }, actor });
    expect((await shown(id)).targets).toEqual([slug, other]);
  });

  it("deux programmes et deux niveaux ne se mélangent pas", async () => {
    const actor = { userId, schoolId };
    const first = await createProgramme({ db, schoolId, form, actor });
    const second = await createProgramme({ db, schoolId, form, actor });
    for (const [programme, depth] of [[first.id, 1], [second.id, 4]] as const) {
      const created = await createModule({ db, schoolId, programmeId: programme, form: moduleForm("UE1"), actor });
      if (!created.ok) throw new Error("module");
      await setMapping({ db, schoolId, programmeId: programme, moduleId: created.id, expectedVersion: 1, itemRef: ITEM, value: { depth, assessed: false }, actor });
    }
    expect((await shown(first.id)).depth).toBe(1);
    expect((await shown(second.id)).depth).toBe(4);
    const atLevel6 = await shown(first.id, ITEM, 6);
    expect(atLevel6.depth).toBe(1);
    expect((await shown(first.id, ITEM, 5)).depth).toBe(1);
  });
});
