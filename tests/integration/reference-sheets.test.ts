import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~/utils/create-db.server";
import {
  contentHash,
  findSheetVersion,
  importSheet,
  importSheetFile,
  listLatestSheets,
  listSheetVersions,
} from "~/models/reference-sheet.server";
import { exportSheetCase, exportSheetJson } from "~/domain/sheet-exchange";
import { readReferenceSheets } from "../../seed/reference-data";
import { runSeed } from "../../seed/run";

const db = createDb();
const sheets = readReferenceSheets();
beforeAll(async () => {
  await runSeed(db, { demo: false });
});
afterAll(() => db.$disconnect());

async function rowCounts() {
  const [sheetsCount, versions, requirements] = await Promise.all([
    db.referenceSheet.count(),
    db.referenceSheetVersion.count(),
    db.sheetRequirement.count(),
  ]);
  return { sheets: sheetsCount, versions, requirements };
}

describe("les fiches en base", () => {
  it("liste chaque fiche avec sa dernière version et ses comptes par nature", async () => {
    const list = await listLatestSheets({ db });
    expect(list.map((sheet) => sheet.slug).sort()).toEqual(sheets.map((sheet) => sheet.slug).sort());
    const sheet003 = list.find((sheet) => sheet.slug === "charge-e-commerce")!;
    expect(sheet003).toMatchObject({ title: "Chargé(e) du e-commerce", version: 1, cncp: { min: 5, max: 6 } });
    expect(sheet003.counts.competence.total).toBe(5);
    expect(sheet003.counts.transversal).toEqual({ total: 17, required: 16 });
  });

  it("lit une version avec son contenu complet, et rien pour une fiche inconnue", async () => {
    const found = await findSheetVersion({ db, slug: "charge-e-commerce" });
    const file = sheets.find((sheet) => sheet.slug === "charge-e-commerce")!;
    expect(found).toMatchObject({ version: 1, latestVersion: 1, origin: "seed", contentHash: contentHash(file) });
    expect(found!.data).toEqual(file);
    expect(await findSheetVersion({ db, slug: "inconnue" })).toBeNull();
    expect(await findSheetVersion({ db, slug: "charge-e-commerce", version: 99 })).toBeNull();
    expect(await listSheetVersions({ db, slug: "inconnue" })).toBeNull();
  });
});

describe("l'import d'une fiche", () => {
  it("réimporter l'export JSON ne change rien (même empreinte)", async () => {
    for (const sheet of sheets) {
      const before = await findSheetVersion({ db, slug: sheet.slug });
      const result = await importSheetFile({ db, fileName: `${sheet.slug}.json`, text: exportSheetJson(before!.data) });
      expect(result).toEqual({ slug: sheet.slug, version: before!.version, status: "unchanged" });
    }
  });

  it("réimporter l'export CASE ne change rien (même empreinte)", async () => {
    for (const sheet of sheets) {
      const before = (await findSheetVersion({ db, slug: sheet.slug }))!;
      const pkg = exportSheetCase(before.data, { version: before.version, changedAt: before.createdAt });
      const result = await importSheetFile({ db, fileName: `${sheet.slug}-case.json`, text: JSON.stringify(pkg) });
      expect(result).toEqual({ slug: sheet.slug, version: before.version, status: "unchanged" });
    }
  });

  it("un contenu modifié devient une nouvelle version d'origine « import »", async () => {
    const current = (await findSheetVersion({ db, slug: "charge-e-commerce" }))!;
    const changed = structuredClone(current.data);
    const item = changed.requirements.find((r) => r.code === "K-34093")!;
    item.requiredDepth = 3;
    const result = await importSheet({ db, data: changed });
    expect(result).toEqual({ slug: "charge-e-commerce", version: current.version + 1, status: "created" });
    const versions = (await listSheetVersions({ db, slug: "charge-e-commerce" }))!;
    expect(versions.map((v) => [v.version, v.origin])).toEqual([
      [current.version + 1, "import"],
      [current.version, "seed"],
    ]);
    const latest = (await findSheetVersion({ db, slug: "charge-e-commerce" }))!;
    expect(latest.contentHash).toBe(contentHash(changed));
    expect((await findSheetVersion({ db, slug: "charge-e-commerce", version: current.version }))!.contentHash).toBe(current.contentHash);
  });

  it("un fichier invalide donne des messages clairs et n'écrit rien", async () => {
    const before = await rowCounts();
    const syntax = await importSheetFile({ db, fileName: "x.json", text: '{\n  "slug": "x",\n  "title": \n}' });
    expect(syntax).toEqual({ status: "invalid", errors: ["JSON invalide, ligne 4, colonne 1 : caractère inattendu « } »."] });

    const broken = JSON.parse(exportSheetJson(sheets[0]));
    broken.requirements[0].source.quote = "";
    broken.cncp.min = 9;
    const invalid = await importSheetFile({ db, fileName: "x.json", text: JSON.stringify(broken) });
    expect(invalid.status).toBe("invalid");
    if (invalid.status === "invalid") {
      expect(invalid.errors.some((m) => m.startsWith("requirements[0].source.quote : La citation de la source est obligatoire."))).toBe(true);
      expect(invalid.errors.some((m) => m.startsWith("cncp.min : "))).toBe(true);
    }

    const renamed = structuredClone(sheets[0]);
    const t05 = renamed.requirements.find((r) => r.code === "T05")!;
    t05.label = "Autre chose";
    const mislabelled = await importSheet({ db, data: renamed });
    expect(mislabelled.status).toBe("invalid");
    if (mislabelled.status === "invalid") expect(mislabelled.errors[0]).toMatch(/le libellé de T05 diffère du cadre/);

    expect(await rowCounts()).toEqual(before);
  });
});
