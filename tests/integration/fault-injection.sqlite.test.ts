import { publishVersion } from "~/models/programme-version.server";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ProgrammeForm } from "~/domain/programme";
import type { ImportedModule } from "~/domain/programme-import";
import { armFault, disarmFaults, FAULT_POINTS, InjectedFault, type FaultPointName } from "~/models/fault-injection.server";
import { createModule, createProgramme, getProgramme, importProgramme, moveModule, updateProgramme } from "~/models/programme.server";
import { importIntoProgramme, planDigest, programmeAsImported } from "~/models/programme-import.server";
import { planImport } from "~/domain/import-plan";
import { saveFrameworks, saveSheetVersion } from "~/models/reference-sheet.server";
import { createDb } from "~/utils/create-db.server";
import { seedDemo } from "../../seed/demo";
import { readReferenceData } from "../../seed/reference-data";
import { runSeed } from "../../seed/run";
import { databaseChecksum } from "../support/database-snapshot";

/**
 * A failure half-way through every multi-row save leaves no partial rows: the database, read
 * from another connection, is exactly what it was; and the next save on the same connection
 * works (a failed transaction never poisons the ones after it).
 */
const db = createDb();
const file = process.env.MAQUETTE_TEST_DB_FILE!;
const reference = readReferenceData();
let schoolId: string;

const form: ProgrammeForm = { title: "Licence en panne", diplomaType: "licence", level: 6, entryEcts: 0, semesters: 6, targets: ["charge-e-commerce"], description: "" };
const modules: ImportedModule[] = Array.from({ length: 8 }, (_, i) => ({
  code: `P${i + 1}`,
  title: `Module ${i + 1}`,
  semester: 1 + (i % 6),
  ects: 3,
  hours: { lectures: 20, tutorials: 0, practical: 0, projects: 0 },
  mappings: [
    { itemRef: "T06", depth: 2, assessed: true },
    { itemRef: `charge-e-commerce/C${1 + (i % 5)}`, depth: 1, assessed: false },
  ],
}));
const moduleForm = (code: string) => ({ code, title: `Module ${code}`, semester: 1, ects: 3, hoursLectures: 10, hoursTutorials: 0, hoursPractical: 0, hoursProjects: 0, assessmentMethod: "", description: "", teacherIds: [] });

/** Counts rows from another connection than the app's. */
function count(sql: string, ...args: unknown[]): number {
  const reader = new Database(file, { readonly: true });
  try {
    return (reader.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    reader.close();
  }
}

beforeAll(async () => {
  await runSeed(db, { demo: false });
  schoolId = (await db.school.create({ data: { slug: "ecole-des-pannes", name: "École des pannes" } })).id;
});
afterEach(() => disarmFaults());
afterAll(() => db.$disconnect());

/** Each save with its point, how far it goes before the fault, and what shows that it worked once the fault is gone. */
const saves: { point: FaultPointName; after: number; save: () => Promise<unknown>; done: () => number }[] = [
  {
    point: "programme-import:module",
    after: 3,
    save: () => importProgramme({ db, schoolId, form, modules, actor: { userId: null, schoolId } }),
    done: () => count(`SELECT count(*) AS n FROM "Module" m JOIN "Programme" p ON p.id = m."programmeId" WHERE p.title = ?`, form.title),
  },
  {
    // The programme the import above wrote: publishing it is the save under test.
    point: "version-publish:snapshot",
    after: 0,
    save: async () => publishVersion({ db, schoolId, programmeId: (await db.programme.findFirstOrThrow({ where: { schoolId }, select: { id: true } })).id, label: "Panne au milieu", actor: { userId: null, schoolId } }),
    done: () => count(`SELECT count(*) AS n FROM "ProgrammeVersion" WHERE label = ?`, "Panne au milieu"),
  },
  {
    // The programme the import above wrote: a file merged into it (one module changed, one added) is the save under test.
    point: "programme-import-into:module",
    after: 1,
    save: async () => {
      const programme = (await getProgramme({ db, schoolId, id: (await db.programme.findFirstOrThrow({ where: { schoolId, title: form.title }, select: { id: true } })).id }))!;
      const incoming = { fields: {}, modules: [{ ...modules[0], semesterSpan: 2 }, { ...modules[1], code: "P9" }] };
      const digest = planDigest(planImport(programmeAsImported(programme), incoming, "merge"));
      return importIntoProgramme({ db, schoolId, programmeId: programme.id, incoming, mode: "merge", digest, actor: { userId: null, schoolId } });
    },
    done: () => count(`SELECT count(*) AS n FROM "Module" WHERE code = 'P9'`),
  },
  {
    point: "sheet-version:requirements",
    after: 0,
    save: () => saveSheetVersion(db, { ...reference.sheets[0], title: `${reference.sheets[0].title} (révisée)` }, "import", { userId: null, schoolId }),
    done: () => count(`SELECT count(*) AS n FROM "SheetRequirement" r JOIN "ReferenceSheetVersion" v ON v.id = r."sheetVersionId" WHERE v.title LIKE '%(révisée)'`),
  },
  {
    point: "frameworks:row",
    after: 2,
    save: () =>
      saveFrameworks(
        db,
        reference.transversal.map((item) => ({ ...item, label: `${item.label} (v2)` })),
        reference.knowledge,
      ),
    done: () => count(`SELECT count(*) AS n FROM "TransversalResource" WHERE label LIKE '%(v2)'`),
  },
  {
    point: "demo-seed:programme",
    after: 1,
    save: () => seedDemo(db),
    done: () => count(`SELECT count(*) AS n FROM "Programme" p JOIN "School" s ON s.id = p."schoolId" WHERE s.slug = 'demo'`),
  },
];

describe("une panne au milieu d'un enregistrement de plusieurs lignes", () => {
  it("chaque point de panne est exercé par un test", () => {
    const tested = [...saves.map((s) => s.point), "programme-update:targets", "module-move:position"];
    expect([...FAULT_POINTS].sort()).toEqual([...tested].sort());
  });

  for (const { point, after, save, done } of saves) {
    it(`${point} : rien d'écrit, puis le même enregistrement réussit`, async () => {
      const before = databaseChecksum(file);
      armFault(point, { after });
      await expect(save()).rejects.toBeInstanceOf(InjectedFault);
      expect(databaseChecksum(file)).toBe(before);
      expect(done()).toBe(0);
      await save();
      expect(done()).toBeGreaterThan(0);
    });
  }

  it("programme-update:targets : les anciennes cibles restent quand l'écriture des nouvelles échoue", async () => {
    const { id } = await createProgramme({ db, schoolId, form: { ...form, title: "Cibles en panne" } });
    const before = databaseChecksum(file);
    armFault("programme-update:targets");
    await expect(updateProgramme({ db, schoolId, id, form: { ...form, title: "Cibles changées", targets: ["directeur-e-commerce", "responsable-e-commerce"] } })).rejects.toBeInstanceOf(InjectedFault);
    expect(databaseChecksum(file)).toBe(before);
    expect(count(`SELECT count(*) AS n FROM "ProgrammeTarget" WHERE "programmeId" = ? AND "sheetSlug" = 'charge-e-commerce'`, id)).toBe(1);
    await updateProgramme({ db, schoolId, id, form: { ...form, title: "Cibles changées", targets: ["directeur-e-commerce", "responsable-e-commerce"] } });
    // The two job sheets asked for, and the level's national framework, which every programme targets.
    expect(count(`SELECT count(*) AS n FROM "ProgrammeTarget" WHERE "programmeId" = ? AND "sheetSlug" NOT LIKE 'cncp-niveau-%'`, id)).toBe(2);
    expect(count(`SELECT count(*) AS n FROM "ProgrammeTarget" WHERE "programmeId" = ? AND "sheetSlug" LIKE 'cncp-niveau-%'`, id)).toBe(1);
  });

  it("module-move:position : un réordonnancement interrompu laisse l'ordre d'avant", async () => {
    const { id } = await createProgramme({ db, schoolId, form: { ...form, title: "Ordre en panne" } });
    for (const code of ["A", "B", "C"]) await createModule({ db, schoolId, programmeId: id, form: moduleForm(code) });
    const order = () => {
      const reader = new Database(file, { readonly: true });
      try {
        return (reader.prepare(`SELECT code FROM "Module" WHERE "programmeId" = ? ORDER BY position`).all(id) as { code: string }[]).map((m) => m.code);
      } finally {
        reader.close();
      }
    };
    const moduleC = (await db.module.findFirstOrThrow({ where: { programmeId: id, code: "C" } })).id;
    const before = databaseChecksum(file);
    armFault("module-move:position", { after: 1 });
    await expect(moveModule({ db, schoolId, programmeId: id, moduleId: moduleC, direction: "up" })).rejects.toBeInstanceOf(InjectedFault);
    expect(databaseChecksum(file)).toBe(before);
    expect(order()).toEqual(["A", "B", "C"]);
    await moveModule({ db, schoolId, programmeId: id, moduleId: moduleC, direction: "up" });
    expect(order()).toEqual(["A", "C", "B"]);
  });

  it("une panne de la base elle-même (contrainte levée au 5e module) ne laisse rien non plus", async () => {
    const title = "Licence refusée par la base";
    const writer = new Database(file);
    writer.exec(`CREATE TRIGGER panne_simulee BEFORE INSERT ON "Mapping" WHEN NEW."itemRef" = 'charge-e-commerce/C5' BEGIN SELECT RAISE(ABORT, 'panne simulée'); END`);
    writer.close();
    try {
      const before = databaseChecksum(file);
      await expect(importProgramme({ db, schoolId, form: { ...form, title }, modules })).rejects.toThrow();
      expect(databaseChecksum(file)).toBe(before);
    } finally {
      const cleaner = new Database(file);
      cleaner.exec(`DROP TRIGGER panne_simulee`);
      cleaner.close();
    }
    await importProgramme({ db, schoolId, form: { ...form, title }, modules });
    expect(count(`SELECT count(*) AS n FROM "Module" m JOIN "Programme" p ON p.id = m."programmeId" WHERE p.title = ?`, title)).toBe(modules.length);
  });
});
