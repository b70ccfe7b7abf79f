/**
 * A school's own requirement lists, through the models, on both databases: created, edited,
 * published in versions with stable codes, targeted by a programme and upgraded like any sheet;
 * and never seen by another school, nor by a visitor, in any of the ways sheets are read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schoolListSchema, type SchoolListForm } from "~/domain/school-list";
import { exportSheetCase, exportSheetJson } from "~/domain/sheet-exchange";
import { programmeCoverage } from "~/models/coverage.server";
import { createModule, createProgramme, getProgramme, setMapping } from "~/models/programme.server";
import { findSheetVersion, importSheet, importSheetFile, listLatestSheets, listSheetVersions, saveSheetVersion } from "~/models/reference-sheet.server";
import { readReferenceSheets } from "../../seed/reference-data";
import { applyUpgrade, pendingUpgrades } from "~/models/sheet-upgrade.server";
import { createSchoolList, getSchoolList, listSchoolLists, publishSchoolList, saveSchoolListDraft, type ListSchool } from "~/models/school-list.server";
import { listTargetChoices, loadKnownItems, loadTargets, newestVersionNumbers } from "~/models/targets.server";
import { createDb } from "~/utils/create-db.server";
import { moduleForm } from "./programme-fixtures";

const db = createDb();
afterAll(() => db.$disconnect());

const FORM: SchoolListForm = schoolListSchema.parse({
  title: "Acquis du master",
  slug: "acquis",
  level: "7",
  groups: [
    { label: "Piloter", items: [{ label: "Conduire un projet numérique", requiredDepth: "3" }, { label: "Chiffrer un budget" }] },
    { label: "Communiquer", items: [{ label: "Présenter à un comité", source: "Présenter à un comité de pilotage." }] },
  ],
});

let alpha: ListSchool;
let beta: ListSchool;
let alphaActor: { userId: string; schoolId: string };
const ALPHA_LIST = "lycee-alpha~acquis";
const BETA_LIST = "lycee-beta~acquis";

async function school(slug: string, name: string): Promise<ListSchool> {
  const row = await db.school.create({ data: { slug, name }, select: { id: true, slug: true, name: true } });
  return row;
}

beforeAll(async () => {
  await saveSheetVersion(db, readReferenceSheets().find((sheet) => sheet.slug === "charge-e-commerce")!);
  alpha = await school("lycee-alpha", "Lycée Alpha");
  beta = await school("lycee-beta", "Lycée Bêta");
  const user = await db.user.create({ data: { email: "gestion@alpha.test", name: "Gestion Alpha", passwordHash: "x" } });
  alphaActor = { userId: user.id, schoolId: alpha.id };
  // Both schools choose the same slug: each gets its own list.
  expect(await createSchoolList({ db, school: alpha, form: FORM, actor: alphaActor })).toEqual({ ok: true, slug: ALPHA_LIST });
  expect(await createSchoolList({ db, school: beta, form: { ...FORM, title: "Acquis de Bêta" }, actor: { userId: null, schoolId: beta.id } })).toEqual({ ok: true, slug: BETA_LIST });
  for (const [s, slug] of [[alpha, ALPHA_LIST], [beta, BETA_LIST]] as const) {
    expect(await publishSchoolList({ db, school: s, slug, revision: 1, actor: { userId: null, schoolId: s.id } })).toEqual({ ok: true, status: "created", version: 1 });
  }
});

describe("les listes d'un établissement", () => {
  it("un identifiant est unique dans l'établissement : une seconde liste du même nom est refusée, sans rien écrire", async () => {
    const before = await db.referenceSheet.count();
    expect(await createSchoolList({ db, school: alpha, form: { ...FORM, title: "Doublon" }, actor: alphaActor })).toEqual({ ok: false, reason: "slug_taken" });
    expect(await db.referenceSheet.count()).toBe(before);
  });

  it("une version publiée est une fiche de genre « school », avec ses codes, ses groupes et sa provenance", async () => {
    const sheet = (await findSheetVersion({ db, slug: ALPHA_LIST, schoolId: alpha.id }))!;
    expect(sheet).toMatchObject({ version: 1, own: true, origin: "school" });
    expect(sheet.data.kind).toBe("school");
    expect(sheet.data.publisher.name).toBe("Lycée Alpha");
    expect(sheet.data.requirements.map((r) => [r.code, r.group, r.requiredDepth, r.editorial])).toEqual([
      ["C1", "Piloter", 3, true],
      ["C2", "Piloter", null, true],
      ["C3", "Communiquer", null, false],
    ]);
    // Exports like any sheet: our JSON (the data itself) and CASE.
    expect(JSON.parse(exportSheetJson(sheet.data))).toMatchObject({ slug: ALPHA_LIST, kind: "school" });
    const pkg = exportSheetCase(sheet.data, { version: 1, changedAt: sheet.createdAt }) as { CFItems: unknown[] };
    expect(pkg.CFItems.length).toBeGreaterThanOrEqual(3);
  });

  it("un brouillon enregistré sur un brouillon périmé est refusé ; publier le même contenu ne fait pas de version", async () => {
    expect(await saveSchoolListDraft({ db, school: alpha, slug: ALPHA_LIST, revision: 0, form: FORM, actor: alphaActor })).toEqual({ ok: false, reason: "stale" });
    expect(await publishSchoolList({ db, school: alpha, slug: ALPHA_LIST, revision: 1, actor: alphaActor })).toEqual({ ok: true, status: "unchanged", version: 1 });
    expect((await getSchoolList({ db, school: alpha, slug: ALPHA_LIST }))!.draftDiffers).toBe(false);
  });

  it("une formation vise la liste ; une nouvelle version se compare et se propose en mise à niveau, les correspondances des codes gardés restent", async () => {
    const programme = await createProgramme({
      db,
      schoolId: alpha.id,
      form: { title: "Master Alpha", diplomaType: "master", level: 7, entryEcts: 180, semesters: 4, targets: ["charge-e-commerce", ALPHA_LIST], description: "" },
      actor: alphaActor,
    });
    const created = await createModule({ db, schoolId: alpha.id, programmeId: programme.id, form: moduleForm("UE1"), actor: alphaActor });
    if (!created.ok) throw new Error("module");
    for (const itemRef of [`${ALPHA_LIST}/C1`, `${ALPHA_LIST}/C2`]) {
      const module = (await getProgramme({ db, schoolId: alpha.id, id: programme.id }))!.modules[0];
      expect((await setMapping({ db, schoolId: alpha.id, programmeId: programme.id, moduleId: module.id, expectedVersion: module.version, itemRef, value: { depth: 3, assessed: true }, actor: alphaActor })).ok).toBe(true);
    }
    const coverage = (await programmeCoverage({ db, schoolId: alpha.id, programmeId: programme.id }))!;
    const list = coverage.coverages.find((c) => c.target.sheetSlug === ALPHA_LIST)!;
    expect(list.target.kind).toBe("school");
    expect(list.result.summary.overall).toMatchObject({ required: 3, covered: 2, missing: 1 });
    expect(coverage.coverages.map((c) => c.target.kind)).toEqual(["job", "school"]);

    // Version 2: the first item moved to the end and reworded, C2 removed, a new item added.
    const current = (await getSchoolList({ db, school: alpha, slug: ALPHA_LIST }))!;
    const [c1, c2] = current.draft.groups[0].items;
    const edited: SchoolListForm = {
      ...current.draft,
      groups: [current.draft.groups[1], { label: "Piloter", items: [{ label: "Tenir un budget" }, { ...c1, label: "Conduire un projet numérique de bout en bout" }] }],
    };
    expect(c2.code).toBe("C2");
    const saved = await saveSchoolListDraft({ db, school: alpha, slug: ALPHA_LIST, revision: current.revision, form: edited, actor: alphaActor });
    expect(saved).toEqual({ ok: true, revision: current.revision + 1, changed: true });
    // Someone who opened the older draft cannot publish what they have not seen.
    expect(await publishSchoolList({ db, school: alpha, slug: ALPHA_LIST, revision: current.revision, actor: alphaActor })).toEqual({ ok: false, reason: "stale" });
    expect(await publishSchoolList({ db, school: alpha, slug: ALPHA_LIST, revision: current.revision + 1, actor: alphaActor })).toEqual({ ok: true, status: "created", version: 2 });
    const v2 = (await findSheetVersion({ db, slug: ALPHA_LIST, schoolId: alpha.id }))!;
    // Codes follow their items; a removed code is never given again.
    expect(v2.data.requirements.map((r) => [r.code, r.label])).toEqual([
      ["C3", "Présenter à un comité"],
      ["C4", "Tenir un budget"],
      ["C1", "Conduire un projet numérique de bout en bout"],
    ]);

    const detail = (await getProgramme({ db, schoolId: alpha.id, id: programme.id }))!;
    const [pending] = await pendingUpgrades({ db, programme: detail });
    expect(pending).toMatchObject({ sheetSlug: ALPHA_LIST, fromVersion: 1, toVersion: 2 });
    expect(pending.diff.added.map((d) => d.code)).toEqual(["C4"]);
    expect(pending.diff.removed.map((d) => d.code)).toEqual(["C2"]);
    expect(pending.diff.reworded.map((d) => d.code)).toEqual(["C1"]);
    const decision = pending.plan.decisions.find((d) => d.itemRef === `${ALPHA_LIST}/C2`)!;
    const upgraded = await applyUpgrade({
      db,
      schoolId: alpha.id,
      programmeId: programme.id,
      sheetSlug: ALPHA_LIST,
      fromVersion: 1,
      toVersion: 2,
      choices: { [`${decision.moduleId}|${decision.itemRef}`]: "remove" },
      actor: alphaActor,
    });
    expect(upgraded).toMatchObject({ ok: true, kept: 1, removed: 1 });
    const after = (await programmeCoverage({ db, schoolId: alpha.id, programmeId: programme.id }))!.coverages.find((c) => c.target.sheetSlug === ALPHA_LIST)!;
    expect(after.target.version).toBe(2);
    expect(after.result.items.find((i) => i.ref === `${ALPHA_LIST}/C1`)).toMatchObject({ status: "covered", achievedDepth: 3 });
  });
});

describe("une liste n'est jamais vue d'un autre établissement", () => {
  it("ni dans les listes, ni par son adresse, ni par ses versions, ni comme cible ou exigence connue", async () => {
    const slugsSeenBy = async (schoolId: string | null) => (await listLatestSheets({ db, schoolId })).map((s) => s.slug);
    expect(await slugsSeenBy(alpha.id)).toContain(ALPHA_LIST);
    expect(await slugsSeenBy(alpha.id)).not.toContain(BETA_LIST);
    expect(await slugsSeenBy(beta.id)).not.toContain(ALPHA_LIST);
    expect(await slugsSeenBy(null)).toEqual(expect.not.arrayContaining([ALPHA_LIST, BETA_LIST]));
    expect(await slugsSeenBy(null)).toContain("charge-e-commerce");

    for (const schoolId of [beta.id, null]) {
      expect(await findSheetVersion({ db, slug: ALPHA_LIST, schoolId })).toBeNull();
      expect(await findSheetVersion({ db, slug: ALPHA_LIST, version: 1, schoolId })).toBeNull();
      expect(await listSheetVersions({ db, slug: ALPHA_LIST, schoolId })).toBeNull();
      expect(await newestVersionNumbers(db, [ALPHA_LIST], { schoolId })).toEqual(new Map());
      expect(await loadTargets({ db, targets: [{ sheetSlug: ALPHA_LIST }, { sheetSlug: ALPHA_LIST, sheetVersion: 1 }], level: 7, schoolId })).toEqual([]);
      expect((await listTargetChoices({ db, schoolId })).map((c) => c.slug)).not.toContain(ALPHA_LIST);
      const known = await loadKnownItems({ db, schoolId });
      expect(known.sheets.has(ALPHA_LIST)).toBe(false);
      expect(known.refs.has(`${ALPHA_LIST}/C1`)).toBe(false);
    }
    expect((await loadKnownItems({ db, schoolId: alpha.id })).refs.has(`${ALPHA_LIST}/C1`)).toBe(true);
    expect((await listTargetChoices({ db, schoolId: beta.id })).find((c) => c.slug === BETA_LIST)).toMatchObject({ kind: "school", title: "Acquis de Bêta" });
  });

  it("ni à modifier ou publier : pour un autre établissement, la liste n'existe pas", async () => {
    expect(await getSchoolList({ db, school: beta, slug: ALPHA_LIST })).toBeNull();
    expect((await listSchoolLists({ db, school: beta })).map((l) => l.slug)).toEqual([BETA_LIST]);
    const before = (await db.schoolList.findFirstOrThrow({ where: { schoolId: alpha.id } })).draft;
    expect(await saveSchoolListDraft({ db, school: beta, slug: ALPHA_LIST, revision: 1, form: FORM, actor: { userId: null, schoolId: beta.id } })).toEqual({ ok: false, reason: "not_found" });
    expect(await publishSchoolList({ db, school: beta, slug: ALPHA_LIST, revision: 2, actor: { userId: null, schoolId: beta.id } })).toEqual({ ok: false, reason: "not_found" });
    expect((await db.schoolList.findFirstOrThrow({ where: { schoolId: alpha.id } })).draft).toBe(before);
  });

  it("ni par l'import d'une fiche publique : une liste d'établissement ne s'importe pas, et son nom ne peut être pris", async () => {
    const sheet = (await findSheetVersion({ db, slug: BETA_LIST, schoolId: beta.id }))!;
    const versions = await db.referenceSheetVersion.count();
    const asSchoolList = await importSheetFile({ db, fileName: "liste.json", text: exportSheetJson(sheet.data) });
    expect(asSchoolList).toEqual({ status: "invalid", errors: [expect.stringMatching(/se crée et se modifie dans Maquette/)] });
    // Dressed as a public sheet under the list's name: refused by the slug rule.
    const disguised = await importSheet({ db, data: { ...sheet.data, kind: "framework" } });
    expect(disguised.status).toBe("invalid");
    expect(await db.referenceSheetVersion.count()).toBe(versions);
    expect((await findSheetVersion({ db, slug: BETA_LIST, schoolId: beta.id }))!.version).toBe(1);
  });
});
