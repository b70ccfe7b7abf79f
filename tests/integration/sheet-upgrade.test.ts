import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~/utils/create-db.server";
import type { ReferenceSheetData } from "~/domain/reference-data";
import { createModule, createProgramme, getProgramme, setMapping } from "~/models/programme.server";
import { getVersion, publishVersion } from "~/models/programme-version.server";
import { saveSheetVersion } from "~/models/reference-sheet.server";
import { applyUpgrade, pendingUpgrades } from "~/models/sheet-upgrade.server";
import { programmeTargets } from "~/models/targets.server";
import { moduleForm } from "./programme-fixtures";

const db = createDb();
const original = JSON.parse(readFileSync("seed/reference-sheets/charge-e-commerce.json", "utf8")) as ReferenceSheetData;
const slug = "charge-e-commerce-essai";
const v1: ReferenceSheetData = { ...original, slug };
// Version 2: C5 disappears, C1 is reworded, the rest is unchanged.
const v2: ReferenceSheetData = {
  ...v1,
  requirements: v1.requirements.filter((r) => r.code !== "C5").map((r) => (r.code === "C1" ? { ...r, label: `${r.label} (reformulée)` } : r)),
};
let schoolId: string;
const actor = () => ({ userId: null, schoolId });

async function mappedProgramme() {
  const { id } = await createProgramme({ db, schoolId, form: { title: "BTS à mettre à jour", diplomaType: "bts", level: 5, entryEcts: 0, semesters: 4, targets: [slug], description: "" } });
  const created = await createModule({ db, schoolId, programmeId: id, form: moduleForm("UE1") });
  if (!created.ok) throw new Error("module");
  let version = created.version;
  for (const [code, depth, assessed] of [["C1", 2, true], ["C2", 1, false], ["C5", 3, false], ["C3", 1, true]] as const) {
    const saved = await setMapping({ db, schoolId, programmeId: id, moduleId: created.id, expectedVersion: version, itemRef: `${slug}/${code}`, value: { depth, assessed } });
    if (!saved.ok) throw new Error("mapping");
    version = saved.version;
  }
  return { id, moduleId: created.id, moduleVersion: version };
}

beforeAll(async () => {
  schoolId = (await db.school.create({ data: { slug: "ecole-maj", name: "École des mises à jour" } })).id;
  await saveSheetVersion(db, v1);
});
afterAll(() => db.$disconnect());

describe("mise à jour d'un référentiel dans une formation", () => {
  it("garde les correspondances inchangées, applique les décisions, et la version publiée garde l'ancien référentiel", async () => {
    const { id, moduleId, moduleVersion } = await mappedProgramme();
    await publishVersion({ db, schoolId, programmeId: id, label: "", actor: actor() });
    await saveSheetVersion(db, v2, "import");

    const programme = (await getProgramme({ db, schoolId, id }))!;
    const [pending] = await pendingUpgrades({ db, programme });
    expect(pending).toMatchObject({ sheetSlug: slug, fromVersion: 1, toVersion: 2 });
    expect(pending.diff.removed.map((r) => r.code)).toEqual(["C5"]);
    expect(pending.diff.reworded.map((r) => r.code)).toEqual(["C1"]);
    expect(pending.plan.kept.map((m) => m.itemRef).sort()).toEqual([`${slug}/C1`, `${slug}/C2`, `${slug}/C3`]);
    expect(pending.plan.decisions.map((d) => d.itemRef)).toEqual([`${slug}/C5`]);

    // A missing decision is refused and nothing changes.
    const refused = await applyUpgrade({ db, schoolId, programmeId: id, sheetSlug: slug, fromVersion: 1, toVersion: 2, choices: {}, actor: actor() });
    expect(refused).toMatchObject({ ok: false, reason: "invalid" });
    expect((await getProgramme({ db, schoolId, id }))!.targets[0].sheetVersion).toBe(1);

    const done = await applyUpgrade({ db, schoolId, programmeId: id, sheetSlug: slug, fromVersion: 1, toVersion: 2, choices: { [`${moduleId}|${slug}/C5`]: `move:${slug}/C3` }, actor: actor() });
    expect(done).toEqual({ ok: true, kept: 3, moved: 1, removed: 0, keptAsIs: 0 });
    const after = (await getProgramme({ db, schoolId, id }))!;
    expect(after.targets).toEqual([{ sheetSlug: slug, sheetVersion: 2 }]);
    expect(after.modules[0].mappings).toEqual([
      { itemRef: `${slug}/C1`, depth: 2, assessed: true, note: "" },
      { itemRef: `${slug}/C2`, depth: 1, assessed: false, note: "" },
      { itemRef: `${slug}/C3`, depth: 3, assessed: true, note: "" },
    ]);
    expect(after.modules[0].version).toBe(moduleVersion + 1);
    const [target] = await programmeTargets(db, after);
    expect(target.requirements.find((r) => r.ref === `${slug}/C1`)!.label).toMatch(/\(reformulée\)$/);
    expect(await pendingUpgrades({ db, programme: after })).toEqual([]);

    const published = await getVersion({ db, schoolId, programmeId: id, number: 1 });
    expect(published!.snapshot.targets[0].sheetVersion).toBe(1);
    expect(published!.snapshot.modules[0].mappings.map((m) => m.itemRef)).toContain(`${slug}/C5`);
    expect(published!.hashMatches).toBe(true);

    const audit = await db.auditLog.findFirst({ where: { programmeId: id, action: "upgrade_sheet" }, select: { before: true, after: true } });
    expect(JSON.parse(audit!.before!)).toEqual({ sheetSlug: slug, sheetVersion: 1 });
    expect(JSON.parse(audit!.after!)).toMatchObject({ sheetVersion: 2, kept: 3, decisions: [{ module: "UE1", itemRef: `${slug}/C5`, choice: `move:${slug}/C3` }] });
  });

  it("une mise à jour faite entre-temps par quelqu'un d'autre est refusée sans rien écrire", async () => {
    const { id, moduleId } = await mappedProgramme();
    const choices = { [`${moduleId}|${slug}/C5`]: "remove" };
    // This programme was created after version 2: it is already on it.
    expect((await getProgramme({ db, schoolId, id }))!.targets[0].sheetVersion).toBe(2);
    expect(await applyUpgrade({ db, schoolId, programmeId: id, sheetSlug: slug, fromVersion: 1, toVersion: 2, choices, actor: actor() })).toEqual({ ok: false, reason: "stale" });
    await db.programmeTarget.update({ where: { programmeId_sheetSlug: { programmeId: id, sheetSlug: slug } }, data: { sheetVersion: 1 } });
    expect(await applyUpgrade({ db, schoolId, programmeId: id, sheetSlug: slug, fromVersion: 1, toVersion: 2, choices, actor: actor() })).toMatchObject({ ok: true, removed: 1 });
    // The same form sent twice: the second finds the pin moved.
    expect(await applyUpgrade({ db, schoolId, programmeId: id, sheetSlug: slug, fromVersion: 1, toVersion: 2, choices, actor: actor() })).toEqual({ ok: false, reason: "stale" });
    expect((await getProgramme({ db, schoolId, id }))!.modules[0].mappings.map((m) => m.itemRef)).not.toContain(`${slug}/C5`);
    expect(await applyUpgrade({ db, schoolId: "autre", programmeId: id, sheetSlug: slug, fromVersion: 2, toVersion: 3, choices, actor: actor() })).toEqual({ ok: false, reason: "not_found" });
  });
});
