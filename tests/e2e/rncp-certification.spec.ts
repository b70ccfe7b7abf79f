import { readFileSync } from "node:fs";
import { join } from "node:path";
import { apiToken, bearer, DEMO, expect, signIn, test } from "./fixtures";

const FIXTURES = join(process.cwd(), "tests/fixtures/rncp");
const XML = "export_fiches_RNCP_V4_1_2026-08-16.xml";

test("un administrateur importe une fiche RNCP par la recherche, la vise, y relie des modules ; couverture par bloc et tableau du rapport", async ({ page, request }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.admin);

  // Import by search over the titles in the file.
  await page.goto("/referentiels/importer");
  const section = page.getByRole("region", { name: "Certification RNCP (export de France compétences)" });
  await section.getByLabel("Fichier d'export (.xml ou .zip, 1 Go au plus)").setInputFiles(join(FIXTURES, XML));
  await section.getByRole("button", { name: "Lire le fichier et chercher une fiche" }).click();
  await expect(section.getByTestId("rncp-catalogue")).toContainText("4 fiches lues dans export_fiches_RNCP_V4_1_2026-08-16.xml (export XML, 2026-08-16).");
  await section.getByLabel("Chercher une fiche du fichier (intitulé, numéro ou certificateur)").fill("concepteur developpeur");
  await expect(section.getByText("2 fiche(s) trouvée(s) parmi 4.")).toBeVisible();
  const match = section.locator('li[data-fiche="RNCP37873"]');
  await expect(match).toContainText("niveau 6");
  await expect(match).toContainText("MINISTERE DU TRAVAIL DU PLEIN EMPLOI ET DE L' INSERTION");
  await match.getByRole("button", { name: "Importer RNCP37873" }).click();
  await expect(section.getByTestId("rncp-result")).toHaveText("RNCP37873 importée : version 1 du référentiel rncp-37873.");

  // The sheet: its level, certifier, blocs with their assessment methods, competences with their source.
  await section.getByRole("link", { name: "Voir le référentiel" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Concepteur développeur d'applications");
  const certification = page.getByTestId("certification");
  await expect(certification.getByTestId("certification-level")).toHaveText("Niveau 6 (NIV6)");
  await expect(certification.locator("li[data-bloc]")).toHaveCount(3);
  await expect(certification.locator('li[data-bloc="RNCP37873BC01"]').getByTestId("bloc-assessment")).toContainText("Présentation d'un projet réalisé en amont de la session : 00 h 20 min");
  const competence = page.locator('li[data-code="RNCP37873BC01.2"]');
  await expect(competence.getByTestId("label")).toHaveText("Développer des interfaces utilisateur");
  await competence.getByText("Source", { exact: true }).click();
  await expect(competence).toContainText("RNCP37873 · BLOCS_COMPETENCES/BLOC_COMPETENCES[CODE=RNCP37873BC01]/LISTE_COMPETENCES · 2026-08-16");

  // A programme targets it through its form.
  const token = await apiToken(request, DEMO.admin);
  const created = await request.post("/api/v1/programmes", {
    headers: bearer(token),
    data: {
      title: "Licence pro Concepteur développeur",
      level: 6,
      entryEcts: 120,
      targets: ["charge-e-commerce"],
      rows: [
        { module_code: "DEV1", module_title: "Développement d'applications", semester: 1, ects: 30, hours: 200 },
        { module_code: "ARCHI", module_title: "Architecture logicielle", semester: 2, ects: 30, hours: 200 },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  await page.goto(`/programmes/${id}/modifier`);
  await page.getByRole("checkbox", { name: /Concepteur développeur d'applications/ }).check();
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Licence pro Concepteur développeur");

  // The module states its own assessment method.
  await page.getByTestId("module-DEV1").getByRole("link", { name: "Développement d'applications" }).click();
  await page.getByLabel("Modalités d'évaluation").fill("Soutenance d'un projet en binôme");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Licence pro Concepteur développeur");

  // Maps the four competences of bloc BC01 in the matrix, three of them assessed.
  await page.goto(`/programmes/${id}/matrice`);
  for (const [n, assessed] of [[1, true], [2, true], [3, true], [4, false]] as const) {
    const cell = page.getByTestId(`cell-DEV1-rncp-37873/RNCP37873BC01.${n}`);
    await cell.click();
    await page.keyboard.press("2");
    if (assessed) await page.keyboard.press("e");
    await expect(page.getByTestId("matrix-status")).toHaveText("Toutes les modifications sont enregistrées.");
  }

  // Coverage per bloc: BC01 covered but partly assessed (warned), the others not covered.
  await page.goto(`/programmes/${id}/couverture?fiche=rncp-37873`);
  const blocs = page.getByTestId("bloc-coverage");
  const bc01 = blocs.locator('li[data-bloc="RNCP37873BC01"]');
  await expect(bc01.getByTestId("bloc-state")).toHaveText("Bloc couvert, évalué en partie");
  await expect(bc01.getByTestId("bloc-teaching")).toHaveText("DEV1");
  await expect(bc01.getByTestId("bloc-warning")).toContainText("Bloc RNCP37873BC01 (Développer une application sécurisée) : 1 compétence(s) sur 4 ne sont évaluées par aucun module");
  await expect(blocs.locator('li[data-bloc="RNCP37873BC02"]').getByTestId("bloc-state")).toHaveText("Bloc non couvert, non évalué");

  // Assessing the fourth competence shows at once on the (kept) coverage page.
  await page.goto(`/programmes/${id}/matrice`);
  await page.getByTestId("cell-DEV1-rncp-37873/RNCP37873BC01.4").click();
  await page.keyboard.press("e");
  await expect(page.getByTestId("matrix-status")).toHaveText("Toutes les modifications sont enregistrées.");
  await page.goto(`/programmes/${id}/couverture?fiche=rncp-37873`);
  await expect(bc01.getByTestId("bloc-state")).toHaveText("Bloc couvert, évalué");
  await expect(bc01.getByTestId("bloc-warning")).toHaveCount(0);

  // The report: blocs × modules, and the fiche's assessment methods beside the programme's.
  await page.goto(`/programmes/${id}/rapport`);
  const report = page.getByTestId("bloc-modules");
  await expect(report.getByRole("heading", { name: "Blocs de compétences × modules" })).toBeVisible();
  const grid = report.getByTestId("bloc-grid-rncp-37873");
  await expect(grid.locator('tr[data-bloc="RNCP37873BC01"] td[data-module="DEV1"]')).toHaveText("E É");
  await expect(grid.locator('tr[data-bloc="RNCP37873BC01"] td[data-module="ARCHI"]')).toHaveText("");
  await expect(grid.locator('tr[data-bloc="RNCP37873BC02"]')).toContainText("Bloc non couvert, non évalué");
  const methods = report.getByTestId("bloc-methods-rncp-37873").locator('tr[data-bloc="RNCP37873BC01"]');
  await expect(methods).toContainText("Présentation d'un projet réalisé en amont de la session : 00 h 20 min");
  await expect(methods).toContainText("DEV1 — Soutenance d'un projet en binôme");
});

test("l'API importe une fiche du zip CSV (les blocs sont les exigences) et refuse une fiche RS sans rien enregistrer", async ({ request }) => {
  const headers = { ...bearer(await apiToken(request, DEMO.admin)), "Content-Type": "application/zip" };
  const zip = readFileSync(join(FIXTURES, "export-fiches-csv-2024-02-22.zip"));
  const refused = await request.post("/api/v1/reference-sheets?fiche=RS5000&filename=export-fiches-csv-2024-02-22.zip", { headers, data: zip });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).problems).toEqual([
    "RS5000 est une fiche du Répertoire spécifique (RS) : elle n'a pas de blocs de compétences, elle ne peut pas devenir une certification à couvrir.",
  ]);
  expect((await request.get("/api/v1/reference-sheets/rncp-5000", { headers })).status()).toBe(404);

  const created = await request.post("/api/v1/reference-sheets?fiche=RNCP509&filename=export-fiches-csv-2024-02-22.zip", { headers, data: zip });
  expect(created.status(), await created.text()).toBe(201);
  expect(await created.json()).toMatchObject({ slug: "rncp-509", version: 1, status: "created", format: "csv" });
  const sheet = await (await request.get("/api/v1/reference-sheets/rncp-509", { headers })).json();
  expect(sheet.requirements.map((r: { ref: string }) => r.ref)).toEqual(["01", "02", "03", "04", "05", "06"].map((n) => `rncp-509/RNCP509BC${n}`));
  expect(sheet.certification).toMatchObject({ number: "RNCP509", level: "NIV3", exportFormat: "csv", exportDate: "2024-02-22" });
  expect(sheet.certification.blocs).toHaveLength(6);
});

test.describe("sans JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("le numéro tapé suffit à importer la fiche ; un numéro absent du fichier est refusé avec son message", async ({ page }) => {
    test.setTimeout(60_000);
    await signIn(page, DEMO.admin);
    await page.goto("/referentiels/importer");
    const section = page.getByRole("region", { name: "Certification RNCP (export de France compétences)" });
    await expect(section.getByRole("button", { name: "Lire le fichier et chercher une fiche" })).toHaveCount(0);
    await section.getByLabel("Fichier d'export (.xml ou .zip, 1 Go au plus)").setInputFiles(join(FIXTURES, XML));
    await section.getByLabel("Numéro de la fiche (ex. RNCP37873)").fill("RNCP99999");
    await section.getByRole("button", { name: "Charger la fiche de ce numéro" }).click();
    await expect(page.getByTestId("rncp-errors")).toHaveText("La fiche RNCP99999 n'est pas dans ce fichier (4 fiches lues).");

    const again = page.getByRole("region", { name: "Certification RNCP (export de France compétences)" });
    await again.getByLabel("Fichier d'export (.xml ou .zip, 1 Go au plus)").setInputFiles(join(FIXTURES, XML));
    await again.getByLabel("Numéro de la fiche (ex. RNCP37873)").fill("rncp 35419");
    await again.getByRole("button", { name: "Charger la fiche de ce numéro" }).click();
    await expect(page.getByTestId("rncp-result")).toHaveText("RNCP35419 importée : version 1 du référentiel rncp-35419.");
  });
});
