import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "~/utils/create-db.server";
import { saveSheetVersion } from "~/models/reference-sheet.server";
import { readReferenceSheets, SHEETS_DIR } from "../../seed/reference-data";
import { runSeed } from "../../seed/run";
import { freshDatabase, tableCounts } from "../setup/test-database";

const db = createDb();
afterAll(() => db.$disconnect());

describe("l'étape de chargement des données", () => {
  it("charge les fiches et l'établissement de démonstration, puis ne change rien la seconde fois", async () => {
    const first = await runSeed(db, { demo: true });
    expect(first.some((line) => line.includes("version 1 chargée"))).toBe(true);
    expect(first).toContain("établissement de démonstration créé : École de démonstration");
    const afterFirst = await tableCounts();
    // The public sheets, and the demo school's own list (published once).
    expect(afterFirst.ReferenceSheet).toBe(readReferenceSheets().length + 1);
    expect(afterFirst.SchoolList).toBe(1);
    expect(first).toContain("liste de l'établissement de démonstration : Acquis d'apprentissage du master e-commerce (démo)");
    expect(afterFirst.TransversalResource).toBe(17);

    const second = await runSeed(db, { demo: true });
    expect(second.filter((line) => line.startsWith("Fiche")).every((line) => line.includes("inchangée"))).toBe(true);
    expect(second).toContain("Données de démonstration : la base contient déjà un établissement, rien à faire");
    expect(await tableCounts()).toEqual(afterFirst);
  });

  it("une fiche modifiée devient une nouvelle version, l'ancienne reste intacte", async () => {
    const [sheet] = readReferenceSheets();
    const before = await saveSheetVersion(db, sheet);
    const changed = structuredClone(sheet);
    changed.requirements[0] = { ...changed.requirements[0], label: `${changed.requirements[0].label} (reformulé)` };
    const after = await saveSheetVersion(db, changed);
    expect(after).toEqual({ slug: sheet.slug, version: before.version + 1, status: "created" });
    const versions = await db.referenceSheetVersion.findMany({
      where: { sheet: { slug: sheet.slug } },
      orderBy: { version: "asc" },
      select: { version: true, requirements: { where: { code: changed.requirements[0].code }, select: { label: true } } },
    });
    expect(versions.at(-2)!.requirements[0].label).toBe(sheet.requirements[0].label);
    expect(versions.at(-1)!.requirements[0].label).toBe(changed.requirements[0].label);
  });

  it("MAQUETTE_DEMO=off ne crée aucun établissement", async () => {
    const prod = createDb((await freshDatabase()).url);
    try {
      const lines = await runSeed(prod, { demo: false });
      expect(lines).toContain("Données de démonstration : désactivées (MAQUETTE_DEMO=off)");
      expect(await prod.school.count()).toBe(0);
      expect(await prod.referenceSheet.count()).toBe(readReferenceSheets().length);
    } finally {
      await prod.$disconnect();
    }
  });

  it("un fichier de fiche invalide est refusé avec le champ fautif, et rien n'est écrit", () => {
    const path = join(SHEETS_DIR, "charge-e-commerce.json");
    const broken = JSON.parse(readFileSync(path, "utf8"));
    broken.requirements[0].requiredDepth = 7;
    const dir = mkdtempSync(join(tmpdir(), "maquette-sheets-"));
    writeFileSync(join(dir, "charge-e-commerce.json"), JSON.stringify(broken));
    expect(() => readReferenceSheets(dir)).toThrow(/requirements\[0\]\.requiredDepth/);
  });
});
