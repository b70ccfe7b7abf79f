import { afterAll, describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "~/domain/csv";
import { programmeRows, readProgrammeRows, type ImportedModule } from "~/domain/programme-import";
import { getProgramme, importProgramme, toImportedModules } from "~/models/programme.server";
import { loadKnownItems } from "~/models/targets.server";
import { createDb } from "~/utils/create-db.server";
import { readWorkbookRowsForTest, writeWorkbookForTest } from "./xlsx-helpers";
import { runSeed } from "../../seed/run";

const db = createDb();
afterAll(() => db.$disconnect());

describe("import d'un gros fichier", () => {
  it("10 000 lignes : lues, vérifiées, enregistrées d'un bloc, et réexportées à l'identique (CSV et XLSX)", { timeout: 180_000 }, async () => {
    await runSeed(db, { demo: false });
    const known = await loadKnownItems({ db });
    const refs = [...known.refs].sort();
    // 500 modules × 20 mappings = 10,000 rows.
    const modules: ImportedModule[] = Array.from({ length: 500 }, (_, i) => ({
      code: `M${String(i + 1).padStart(3, "0")}`,
      title: `Module ${i + 1}`,
      semester: 1 + (i % 10),
      ects: 0.5,
      hours: { lectures: 10, tutorials: i % 3, practical: 0, projects: 0 },
      mappings: Array.from({ length: 20 }, (_, j) => ({ itemRef: refs[(i * 7 + j * 13) % refs.length], depth: 1 + ((i + j) % 4), assessed: (i + j) % 2 === 0 })).filter(
        (m, index, all) => all.findIndex((x) => x.itemRef === m.itemRef) === index,
      ),
    }));
    const csv = toCsv(programmeRows(modules));
    const read = readProgrammeRows(parseCsv(csv), known);
    expect(read.problems).toEqual([]);
    expect(read.rowCount).toBeGreaterThanOrEqual(9_000);
    const school = await db.school.create({ data: { slug: "grosse-ecole", name: "Grosse école" } });
    const form = { title: "Grosse formation", diplomaType: "master" as const, level: 7 as const, entryEcts: 180, semesters: 10, targets: read.sheetsNamed, description: "" };
    const { id } = await importProgramme({ db, schoolId: school.id, form, modules: read.modules });
    const stored = await getProgramme({ db, schoolId: school.id, id });
    // Stored modules come back by semester (then in file order), their mappings by item reference.
    const sorted = (list: ImportedModule[]) =>
      [...list].sort((a, b) => a.semester - b.semester).map((m) => ({ ...m, mappings: [...m.mappings].sort((a, b) => (a.itemRef < b.itemRef ? -1 : 1)) }));
    expect(toImportedModules(stored!.modules)).toEqual(sorted(read.modules));
    const back = await readWorkbookRowsForTest(await writeWorkbookForTest(programmeRows(toImportedModules(stored!.modules))));
    expect(readProgrammeRows(back, known).modules).toEqual(sorted(read.modules));
  });
});
