import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectDelimiter, parseCsv } from "~/domain/csv";
import type { ImportMode } from "~/domain/import-plan";
import type { ImportedModule } from "~/domain/programme-import";
import { schoolListSchema } from "~/domain/school-list";
import { checkImportInto, importIntoProgramme } from "~/models/programme-import.server";
import { publishVersion } from "~/models/programme-version.server";
import { getProgramme, importProgramme, setMapping, toImportedModules } from "~/models/programme.server";
import { moveReview } from "~/models/review.server";
import { createSchoolList, publishSchoolList } from "~/models/school-list.server";
import { programmeTargets } from "~/models/targets.server";
import { createDb } from "~/utils/create-db.server";
import { readProgrammeFile } from "~/utils/programme-upload.server";
import { programmeTemplate } from "~/utils/programme-template.server";
import { writeWorkbook } from "~/utils/xlsx.server";
import { runSeed } from "../../seed/run";

/**
 * A file imported into an existing programme: checked, previewed as a plan, then applied in
 * one transaction; refused whole while the programme is under review or when it changed since
 * the preview. On SQLite and PostgreSQL (MAQUETTE_TEST_DATABASE=postgresql).
 */
const db = createDb();
let schoolId: string;
let userId: string;
const actor = () => ({ userId, schoolId });
const form = { title: "BTS NDRC (import)", diplomaType: "bts" as const, level: 5 as const, entryEcts: 0, semesters: 4, targets: ["charge-e-commerce"], description: "" };
const hours = (lectures: number) => ({ lectures, tutorials: 0, practical: 0, projects: 0 });
const start: ImportedModule[] = [
  {
    code: "UE1",
    title: "Relation client",
    semester: 1,
    ects: 6,
    hours: hours(20),
    mappings: [
      { itemRef: "T06", depth: 1, assessed: true, note: "Jeux de rôle" },
      { itemRef: "K-34093", depth: 2, assessed: false },
    ],
  },
  { code: "UE2", title: "Droit", semester: 2, ects: 4, hours: hours(30), mappings: [{ itemRef: "T01", depth: 1, assessed: false }] },
];
// French headers, semicolons, decimal commas, "Oui", a module over a year, a short requirement code (C3 of the one target).
const file = [
  "Code module;Intitulé module;Semestre;ECTS;Heures;Exigence;Profondeur;Évaluée;Note",
  "UE1;Relation client;1-2;6;20;T06;2;Oui;Jeux de rôle",
  "UE1;Relation client;1-2;6;20;C3;1;non;",
  "UE3;Projet tutoré;3;7,5;0/0/0/40;T17;1;oui;Soutenance",
].join("\r\n");

async function programmeWithModules() {
  const { id } = await importProgramme({ db, schoolId, form, modules: start, actor: actor() });
  const ue1 = (await getProgramme({ db, schoolId, id }))!.modules.find((m) => m.code === "UE1")!;
  await db.moduleTeacher.create({ data: { moduleId: ue1.id, userId } });
  return id;
}

/** Checks the file against the programme as it is: the preview's plan and digest. */
async function check(id: string, text: string, mode: ImportMode, facts: Parameters<typeof checkImportInto>[0]["facts"] = null) {
  const programme = (await getProgramme({ db, schoolId, id }))!;
  const outcome = await checkImportInto({ db, programme, rows: parseCsv(text, detectDelimiter(text)), facts, mode, language: "fr" });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome;
}
const auditRows = (id: string) => db.auditLog.count({ where: { programmeId: id } });

beforeAll(async () => {
  await runSeed(db, { demo: false });
  schoolId = (await db.school.create({ data: { slug: "ecole-import", name: "École de l'import" } })).id;
  userId = (await db.user.create({ data: { email: "responsable@import.test", name: "Rose Import", passwordHash: "x" } })).id;
  await db.membership.create({ data: { userId, schoolId, role: "manager" } });
});
afterAll(() => db.$disconnect());

describe("importer un fichier dans une formation existante", () => {
  it("remplacer : la formation devient le fichier, en une écriture, avec une ligne d'historique ; seules les lignes changées montent de version", async () => {
    const id = await programmeWithModules();
    const before = (await getProgramme({ db, schoolId, id }))!;
    const audits = await auditRows(id);
    const checked = await check(id, file, "replace");
    expect(checked.plan.modules.removed.map((m) => m.code)).toEqual(["UE2"]);
    // Nothing is written by the check.
    expect(await getProgramme({ db, schoolId, id })).toEqual(before);

    const result = await importIntoProgramme({ db, schoolId, programmeId: id, incoming: checked.incoming, mode: "replace", digest: checked.digest, actor: actor() });
    expect(result.ok).toBe(true);
    const after = (await getProgramme({ db, schoolId, id }))!;
    expect(toImportedModules(after.modules)).toEqual([
      {
        code: "UE1",
        title: "Relation client",
        semester: 1,
        semesterSpan: 2,
        ects: 6,
        hours: hours(20),
        mappings: [
          { itemRef: "T06", depth: 2, assessed: true, note: "Jeux de rôle" },
          { itemRef: "charge-e-commerce/C3", depth: 1, assessed: false },
        ],
      },
      { code: "UE3", title: "Projet tutoré", semester: 3, ects: 7.5, hours: { lectures: 0, tutorials: 0, practical: 0, projects: 40 }, mappings: [{ itemRef: "T17", depth: 1, assessed: true, note: "Soutenance" }] },
    ]);
    const ue1 = after.modules.find((m) => m.code === "UE1")!;
    expect(ue1.id).toBe(before.modules.find((m) => m.code === "UE1")!.id);
    expect(ue1.version).toBe(2);
    expect(ue1.teachers).toEqual([{ userId }]);
    expect(after.modules.find((m) => m.code === "UE3")!.version).toBe(1);
    expect(await auditRows(id)).toBe(audits + 1);
    const row = await db.auditLog.findFirstOrThrow({ where: { programmeId: id }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ action: "import_into", entity: "programme", userId });
    expect(JSON.parse(row.after!)).toMatchObject({ mode: "replace", modules: { added: ["UE3"], removed: ["UE2"], changed: ["UE1"] }, mappings: { added: 2, removed: 2, changed: 1 } });
  });

  it("fusionner : ajoute et change, ne retire rien ; un module que le fichier ne nomme pas garde sa version", async () => {
    const id = await programmeWithModules();
    const checked = await check(id, file, "merge");
    expect(await importIntoProgramme({ db, schoolId, programmeId: id, incoming: checked.incoming, mode: "merge", digest: checked.digest, actor: actor() })).toMatchObject({ ok: true });
    const after = (await getProgramme({ db, schoolId, id }))!;
    expect(after.modules.map((m) => [m.code, m.version])).toEqual([
      ["UE1", 2],
      ["UE2", 1],
      ["UE3", 1],
    ]);
    expect(after.modules[0].mappings.map((m) => m.itemRef)).toEqual(["K-34093", "T06", "charge-e-commerce/C3"]);
    // A matrix page opened before the import: on the module the import changed, its save is
    // refused with the imported value, even on a cell the cell save never wrote (decision 035);
    // on the module the import left alone, it is saved.
    const ue1 = after.modules.find((m) => m.code === "UE1")!;
    const ue2 = after.modules.find((m) => m.code === "UE2")!;
    const stale = await setMapping({ db, schoolId, programmeId: id, moduleId: ue1.id, expectedVersion: 1, itemRef: "T06", value: { depth: 4, assessed: false }, actor: actor() });
    expect(stale).toMatchObject({ ok: false, reason: "conflict", current: { depth: 2, assessed: true } });
    expect(await setMapping({ db, schoolId, programmeId: id, moduleId: ue2.id, expectedVersion: 1, itemRef: "T06", value: { depth: 1, assessed: false }, actor: actor() })).toEqual({ ok: true, version: 2 });
  });

  it("la feuille Formation change les champs de la formation ; une cible gardée reste à sa version de référentiel", async () => {
    const id = await programmeWithModules();
    await db.programmeTarget.updateMany({ where: { programmeId: id }, data: { sheetVersion: 1 } });
    // Two targets now: C3 alone could be either's; CEC-C3 (the initials of charge-e-commerce) is not.
    const checked = await check(id, file.replace(";C3;", ";CEC-C3;"), "merge", { title: "BTS NDRC, parcours e-commerce", targets: ["chef-de-projet-e-commerce"] });
    expect(checked.plan.fields.map((f) => f.field)).toEqual(["title", "targets"]);
    await importIntoProgramme({ db, schoolId, programmeId: id, incoming: checked.incoming, mode: "merge", digest: checked.digest, actor: actor() });
    const after = (await getProgramme({ db, schoolId, id }))!;
    expect(after.title).toBe("BTS NDRC, parcours e-commerce");
    // The level's framework stays a target, last (as the programme form keeps it).
    expect(after.targets.map((t) => t.sheetSlug)).toEqual(["charge-e-commerce", "chef-de-projet-e-commerce", "cncp-niveau-5"]);
    expect(after.targets[0].sheetVersion).toBe(1);
  });

  it("refusé pendant l'évaluation d'une version : rien n'est enregistré", async () => {
    const id = await programmeWithModules();
    const checked = await check(id, file, "replace");
    await publishVersion({ db, schoolId, programmeId: id, label: "", actor: actor() });
    expect(await moveReview({ db, schoolId, programmeId: id, number: 1, move: "submit", actor: actor() })).toMatchObject({ ok: true });
    const before = (await getProgramme({ db, schoolId, id }))!;
    const audits = await auditRows(id);
    expect(await importIntoProgramme({ db, schoolId, programmeId: id, incoming: checked.incoming, mode: "replace", digest: checked.digest, actor: actor() })).toEqual({ ok: false, reason: "locked", lockedBy: 1 });
    expect(await getProgramme({ db, schoolId, id })).toEqual(before);
    expect(await auditRows(id)).toBe(audits);
  });

  it("refusé quand la formation a changé depuis l'aperçu : seul l'autre changement est là", async () => {
    const id = await programmeWithModules();
    const checked = await check(id, file, "merge");
    const ue2 = (await getProgramme({ db, schoolId, id }))!.modules.find((m) => m.code === "UE2")!;
    await setMapping({ db, schoolId, programmeId: id, moduleId: ue2.id, expectedVersion: ue2.version, itemRef: "T06", value: { depth: 3, assessed: true }, actor: actor() });
    const between = (await getProgramme({ db, schoolId, id }))!;
    expect(await importIntoProgramme({ db, schoolId, programmeId: id, incoming: checked.incoming, mode: "merge", digest: checked.digest, actor: actor() })).toEqual({ ok: false, reason: "changed" });
    expect(await getProgramme({ db, schoolId, id })).toEqual(between);
  });

  it("une liste de l'établissement se vise et se remplit par ses codes ; celle d'un autre établissement est inconnue ; un changement de niveau change le cadre national", async () => {
    const list = schoolListSchema.parse({ title: "Acquis maison", slug: "acquis", level: "5", groups: [{ label: "Piloter", items: [{ label: "Conduire un projet" }] }] });
    const own = (await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { id: true, slug: true, name: true } }))!;
    const other = await db.school.create({ data: { slug: "ecole-voisine", name: "École voisine" }, select: { id: true, slug: true, name: true } });
    for (const school of [own, other]) {
      const created = await createSchoolList({ db, school, form: list, actor: { userId: null, schoolId: school.id } });
      expect(created.ok).toBe(true);
      expect(await publishSchoolList({ db, school, slug: `${school.slug}~acquis`, revision: 1, actor: { userId: null, schoolId: school.id } })).toMatchObject({ ok: true });
    }
    const id = await programmeWithModules();
    const row = "code_module;intitulé_module;semestre;ects;heures;exigence;profondeur;évaluée\nUE4;Projet;2;3;20;C1;2;oui";
    // Its own list, named in the Formation sheet; the job sheet has a C1 too, so the list's C1 is written with its initials.
    const named = await check(id, row.replace(";C1;", ";EIA-C1;"), "merge", { targets: ["ecole-import~acquis"] });
    expect(named.plan.mappings.added.map((m) => m.itemRef)).toEqual(["ecole-import~acquis/C1"]);
    expect(named.plan.result.fields.targets).toEqual(["charge-e-commerce", "ecole-import~acquis", "cncp-niveau-5"]);
    // Another school's list is not a sheet this school may name.
    const programme = (await getProgramme({ db, schoolId, id }))!;
    const refused = await checkImportInto({ db, programme, rows: parseCsv(row, ";"), facts: { targets: ["ecole-voisine~acquis"] }, mode: "merge", language: "fr" });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.formErrors.join(" ")).toContain("ecole-voisine~acquis");
    // Level 6 in the Formation sheet: the programme's framework becomes level 6's.
    const leveled = await check(id, row.replace(";C1;", ";T06;"), "merge", { level: "6", diplomaType: "licence", entryEcts: "120", semesters: "6" });
    expect(leveled.plan.result.fields.targets).toEqual(["charge-e-commerce", "cncp-niveau-6"]);
    await importIntoProgramme({ db, schoolId, programmeId: id, incoming: leveled.incoming, mode: "merge", digest: leveled.digest, actor: actor() });
    expect((await getProgramme({ db, schoolId, id }))!.targets.map((t) => t.sheetSlug)).toEqual(["charge-e-commerce", "cncp-niveau-6"]);
  });

  it("refuse un fichier dont une ligne ne va pas, ou qui laisserait un module au-delà des semestres", async () => {
    const id = await programmeWithModules();
    const programme = (await getProgramme({ db, schoolId, id }))!;
    const bad = await checkImportInto({ db, programme, rows: parseCsv(`${file}\r\nUE4;Stage;4-5;10;0;;;;`, ";"), facts: null, mode: "merge", language: "fr" });
    expect(bad).toMatchObject({ ok: false, problems: [{ line: 5, column: "semester", header: "Semestre" }] });
    const shrunk = await checkImportInto({ db, programme, rows: parseCsv(file, ";"), facts: { semesters: "2" }, mode: "merge", language: "fr" });
    expect(shrunk.ok).toBe(false);
  });
});

describe("le modèle XLSX et l'export", () => {
  it("le modèle a ses instructions, la feuille Formation, des listes déroulantes et la liste des codes ; rempli, il s'importe", async () => {
    const id = await programmeWithModules();
    const programme = (await getProgramme({ db, schoolId, id }))!;
    const targets = await programmeTargets(db, programme);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await programmeTemplate({ targets, programme, locale: "fr" })) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Instructions", "Formation", "Modules", "Exigences"]);
    const modules = workbook.getWorksheet("Modules")!;
    expect(modules.getRow(1).values).toEqual([undefined, "code_module", "intitulé_module", "semestre", "ects", "heures", "exigence", "profondeur", "évaluée", "note"]);
    const requirements = workbook.getWorksheet("Exigences")!;
    const codes = requirements.getColumn(1).values.slice(2) as string[];
    expect(codes).toContain("C3");
    expect(codes).toContain("T06");
    expect(modules.getCell("F2").dataValidation).toMatchObject({ type: "list", formulae: [`'Exigences'!$A$2:$A$${codes.length + 1}`] });
    expect(modules.getCell("G500").dataValidation).toMatchObject({ type: "list", formulae: ['"1,2,3,4"'] });
    expect(modules.getCell("H2").dataValidation).toMatchObject({ type: "list", formulae: ['"oui,non"'] });

    modules.addRow(["UE9", "Anglais", "1-2", 4.5, "0/40/0/0", "C3", 2, "oui", "Présentation"]);
    const filled = await readProgrammeFile({ name: "modele.xlsx", bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) });
    expect(filled.facts).toMatchObject({ title: form.title, diplomaType: "bts", level: "5", targets: ["charge-e-commerce", "cncp-niveau-5"] });
    const checked = await checkImportInto({ db, programme, rows: filled.rows, facts: filled.facts, mode: "merge", language: "fr" });
    expect(checked.ok && checked.plan.modules.added).toEqual([{ code: "UE9", title: "Anglais" }]);
    expect(checked.ok && checked.plan.mappings.added[0].after).toEqual({ itemRef: "charge-e-commerce/C3", depth: 2, assessed: true, note: "Présentation" });
    expect(checked.ok && checked.plan.fields).toEqual([]);
  });

  it("un classeur Formation + Modules se relit : lignes et champs de la formation", async () => {
    const workbook = await writeWorkbook([
      { name: "Formation", rows: [["Champ", "Valeur"], ["Intitulé", "Licence pro"], ["Niveau CNCP", "6"]] },
      { name: "Modules", rows: [["module_code", "module_title", "semester", "ects", "hours", "item_ref", "depth", "assessed", "note"], ["UE1", "Web", "1", "6", "20", "T06", "2", "oui", "Projet"]] },
    ]);
    const read = await readProgrammeFile({ name: "export.xlsx", bytes: new Uint8Array(workbook) });
    expect(read.facts).toEqual({ title: "Licence pro", level: "6" });
    expect(read.rows[1]).toEqual(["UE1", "Web", "1", "6", "20", "T06", "2", "oui", "Projet"]);
  });
});
