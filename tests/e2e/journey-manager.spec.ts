import { writeWorkbook } from "../../app/utils/xlsx.server";
import { expect, test } from "./fixtures";
import { expectNothingSerious, snap } from "./journey-helpers";

/**
 * A programme manager's first day: signs up a new school, creates a master (level 7) targeting
 * two reference sheets by importing its modules from XLSX, maps modules in the matrix, reads the
 * coverage, applies a suggestion, publishes a version and downloads the report.
 */
test("parcours du responsable de formation : de l'inscription au rapport d'accréditation", async ({ page }, testInfo) => {
  // A journey is a whole first day in a dozen pages: more than one page's 30 s budget.
  test.setTimeout(120_000);
  const stamp = Date.now();
  await page.goto("/inscription");
  await expectNothingSerious(page);
  await page.getByLabel("Nom de l'établissement").fill(`Institut du parcours ${stamp}`);
  await page.getByLabel("Nom et prénom").fill("Camille Responsable");
  await page.getByLabel("Adresse électronique").fill(`camille.${stamp}@parcours.test`);
  await page.getByLabel("Mot de passe").fill("un mot de passe solide");
  await page.getByRole("button", { name: "Créer l'établissement" }).click();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await snap(page, testInfo, "01-accueil-nouvel-etablissement");
  await expectNothingSerious(page);

  // The module list comes from a spreadsheet.
  const workbook = await writeWorkbook([
    {
      name: "Modules",
      rows: [
        ["module_code", "module_title", "semester", "ects", "hours", "item_ref", "depth", "assessed"],
        ["M1-STRAT", "Stratégie du commerce électronique", 1, 30, "30/20/0/10", "directeur-e-commerce/C1", 2, "oui"],
        ["M1-STRAT", "Stratégie du commerce électronique", 1, 30, "30/20/0/10", "responsable-e-commerce/C1", 1, "non"],
        ["M2-PILOT", "Pilotage de la performance", 2, 30, "20/20/0/20", "responsable-e-commerce/C2", 2, "oui"],
        ["M3-PROJ", "Projet de transformation", 3, 30, "0/0/0/60", "", "", ""],
        ["M4-STAGE", "Stage de fin d'études", 4, 30, "0/0/0/0", "", "", ""],
      ],
    },
  ]);
  await page.goto("/programmes/importer");
  await expectNothingSerious(page);
  await page.getByLabel(/Fichier \(CSV ou XLSX/).setInputFiles({ name: "master.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: workbook });
  await page.getByLabel("Intitulé de la formation").fill("Master Commerce électronique du parcours");
  await page.getByLabel("Type de diplôme").selectOption("master");
  await page.getByLabel("Niveau CNCP").selectOption("7");
  await page.getByRole("checkbox", { name: "Directeur e-commerce", exact: true }).check();
  await page.getByRole("checkbox", { name: "Responsable e-commerce", exact: true }).check();
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("4 modules, 3 correspondances");
  await snap(page, testInfo, "02-import-verifie");
  await page.getByRole("button", { name: "Confirmer l'import" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Master Commerce électronique du parcours");
  await expect(page.getByText("Métiers visés : Directeur e-commerce · Responsable e-commerce")).toBeVisible();
  const programmeUrl = new URL(page.url()).pathname;
  await expectNothingSerious(page);

  // Maps the project module in the matrix, with the keyboard.
  await page.getByRole("link", { name: "Matrice", exact: true }).click();
  const cell = page.getByTestId("cell-M3-PROJ-directeur-e-commerce/C2");
  await cell.click();
  await page.keyboard.press("3");
  await page.keyboard.press("e");
  await expect(page.getByTestId("matrix-status")).toHaveText("Toutes les modifications sont enregistrées.");
  await expect(cell).toHaveAccessibleName("M3-PROJ × directeur-e-commerce/C2 : profondeur 3, évalué");
  await snap(page, testInfo, "03-matrice");
  await expectNothingSerious(page);

  // Reads the coverage and applies the first suggestion offered.
  await page.goto(`${programmeUrl}/couverture?fiche=directeur-e-commerce&niveau=7`);
  const coveredBefore = Number(await page.getByTestId("figure-covered").textContent());
  await snap(page, testInfo, "04-couverture");
  await expectNothingSerious(page);
  await page.getByRole("button", { name: "Appliquer" }).first().click();
  await expect(page.getByTestId("figure-covered")).toHaveText(String(coveredBefore + 1));

  // Publishes a version, then downloads the report.
  await page.goto(`${programmeUrl}/versions`);
  await expectNothingSerious(page);
  await page.getByLabel("Libellé (facultatif)").fill("Dossier d'accréditation");
  await page.getByRole("button", { name: "Publier une version" }).click();
  await expect(page.getByTestId("version-1")).toContainText("Dossier d'accréditation");
  await snap(page, testInfo, "05-versions");

  await page.goto(`${programmeUrl}/rapport`);
  await expectNothingSerious(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /PDF/ }).first().click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(bytes).subarray(0, 5).toString()).toBe("%PDF-");
  await snap(page, testInfo, "06-rapport");
});
