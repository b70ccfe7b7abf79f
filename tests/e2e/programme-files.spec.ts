import { readFileSync } from "node:fs";
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { apiToken, bearer, DEMO, expect, signIn, test } from "./fixtures";

// The files people already have: French spreadsheets (semicolons, decimal commas, French column
// names, "oui"), imported into a new programme or into an existing one (merge or replace, after
// a preview), the template filled in a spreadsheet, and modules over a year. One sign-in for
// the whole file.

test.describe.configure({ mode: "serial" });
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: "fr-FR" });
  page = await context.newPage();
  await signIn(page, DEMO.manager);
});
test.afterAll(() => context.close());

type ApiModule = { code: string; semester: number; semesterSpan: number; ects: number; mappings: { itemRef: string; depth: number; assessed: boolean; note: string }[] };

/** A BTS aimed at charge-e-commerce with these rows, through the API: its id. */
async function createBts(request: APIRequestContext, token: string, title: string, rows: Record<string, string | number>[]) {
  const created = await request.post("/api/v1/programmes", { headers: bearer(token), data: { title, level: 5, targets: ["charge-e-commerce"], rows } });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}
async function modulesOf(request: APIRequestContext, token: string, id: string) {
  return ((await (await request.get(`/api/v1/programmes/${id}`, { headers: bearer(token) })).json()) as { modules: ApiModule[] }).modules;
}
const csvFile = (name: string, lines: string[]) => ({ name, mimeType: "text/csv", buffer: Buffer.from(`\ufeff${lines.join("\r\n")}`) });
const fileInput = () => page.getByLabel(/Fichier \(CSV ou XLSX/);

test("fusionner puis remplacer : l'aperçu montre ce qui change, rien n'est enregistré avant la confirmation ; un import refusé n'enregistre rien", async ({ request }) => {
  const token = await apiToken(request, DEMO.manager);
  const id = await createBts(request, token, "BTS fusion et remplacement", [
    { module_code: "UE1", module_title: "Relation client", semester: 1, ects: 6, hours: 20, item_ref: "T06", depth: 1, assessed: "oui" },
    { module_code: "UE1", module_title: "Relation client", semester: 1, ects: 6, hours: 20, item_ref: "K-34093", depth: 2, assessed: "non" },
    { module_code: "UE2", module_title: "Droit", semester: 2, ects: 4, hours: 30, item_ref: "T01", depth: 1, assessed: "non" },
  ]);
  const file = csvFile("ma-formation.csv", [
    "Code module;Intitulé module;Semestre;ECTS;Heures;Exigence;Profondeur;Évaluée;Note",
    "UE1;Relation client;1-2;6;20;T06;2;Oui;Jeux de rôle",
    "UE3;Projet tutoré;3;7,5;0/0/0/40;C3;1;oui;",
  ]);
  const before = await modulesOf(request, token, id);

  await page.goto(`/programmes/${id}`);
  await page.getByRole("link", { name: "Importer un fichier" }).click();
  await fileInput().setInputFiles(file);
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  const preview = page.getByTestId("import-into-preview");
  await expect(preview.getByRole("heading", { level: 2 })).toHaveText("Aperçu de la fusion : rien n'est encore enregistré.");
  await expect(page.getByTestId("preview-modules-added")).toContainText("Modules ajoutés : 1UE3 Projet tutoré");
  await expect(page.getByTestId("preview-modules-removed")).toHaveText("Modules retirés : 0");
  await expect(page.getByTestId("preview-modules-changed")).toContainText("UE1 Relation client — semestre : S1 → S1–S2");
  await expect(page.getByTestId("preview-mappings-added")).toContainText("UE3 × charge-e-commerce/C3 : aucune → profondeur 1, évaluée");
  await expect(page.getByTestId("preview-mappings-changed")).toContainText("UE1 × T06 : profondeur 1, évaluée → profondeur 2, évaluée, note « Jeux de rôle »");
  await expect(page.getByTestId("preview-mappings-removed")).toHaveText("Correspondances retirées : 0");
  // Seen, not confirmed: nothing saved.
  expect(await modulesOf(request, token, id)).toEqual(before);

  await page.getByLabel("Remplacer : la formation devient le fichier").check();
  await expect(preview).toHaveCount(0);
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await expect(preview.getByRole("heading", { level: 2 })).toHaveText("Aperçu du remplacement : rien n'est encore enregistré.");
  await expect(page.getByTestId("preview-modules-removed")).toContainText("Modules retirés : 1UE2 Droit");
  await expect(page.getByTestId("preview-mappings-removed")).toContainText("Correspondances retirées : 2");
  expect(await modulesOf(request, token, id)).toEqual(before);
  await page.getByRole("button", { name: "Confirmer et enregistrer ces changements" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Fichier importé dans la formation." })).toBeVisible();
  await expect(page.getByTestId("module-UE2")).toHaveCount(0);
  await expect(page.getByTestId("annual-1").getByTestId("module-UE1")).toContainText("S1–S2");
  const replaced = await modulesOf(request, token, id);
  expect(replaced.map((m) => [m.code, m.semester, m.semesterSpan, m.ects])).toEqual([
    ["UE1", 1, 2, 6],
    ["UE3", 3, 1, 7.5],
  ]);
  expect(replaced[0].mappings).toEqual([{ itemRef: "T06", depth: 2, assessed: true, note: "Jeux de rôle" }]);
  // The note and the year are in the exports and the report.
  const csv = await (await page.request.get(`/programmes/${id}/export/csv`)).text();
  expect(csv).toContain('UE1,"Relation client",1-2,6,20,T06,2,oui,"Jeux de rôle"\r\n');
  await page.goto(`/programmes/${id}/rapport`);
  await expect(page.getByTestId("report-notes")).toContainText(/S1–S2 UE1\s*T06\s*2É\s*Jeux de rôle/);

  // A preview, then the programme goes under review in another tab: the confirmation is refused and nothing is saved.
  await page.goto(`/programmes/${id}/importer`);
  await fileInput().setInputFiles(csvFile("ajout.csv", ["code_module;intitulé_module;semestre;ects;heures;exigence;profondeur;évaluée", "UE4;Anglais;4;3;30;T06;1;oui"]));
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await expect(page.getByTestId("preview-modules-added")).toContainText("UE4 Anglais");
  const published = await request.post(`/api/v1/programmes/${id}/versions`, { headers: bearer(token), data: { label: "Pour l'évaluation" } });
  expect(published.status()).toBe(201);
  const other = await context.newPage();
  await other.goto(`/programmes/${id}/versions`);
  await other.getByTestId("version-1").getByRole("button", { name: "Soumettre à évaluation" }).click();
  await expect(other.getByText("La version 1 est soumise à évaluation").first()).toBeVisible();
  await other.close();
  await page.getByRole("button", { name: "Confirmer et enregistrer ces changements" }).click();
  await expect(page.getByText("Le fichier n'est pas importable ; rien n'a été enregistré.")).toBeVisible();
  await expect(page.getByText(/La version 1 est soumise à évaluation : la formation est verrouillée/)).toBeVisible();
  expect(await modulesOf(request, token, id)).toEqual(replaced);
});

test("un CSV d'un tableur français (point-virgule, virgule décimale, en-têtes français, « oui ») crée une formation", async ({ request }) => {
  await page.goto("/programmes/importer");
  await fileInput().setInputFiles(
    csvFile("bts.csv", [
      "Code module;Intitulé module;Semestre;ECTS;Heures;Exigence;Profondeur;Évaluée",
      "VENTE;Négociation-vente;1;27,5;40/20/0/0;C5;2;oui",
      "VENTE;Négociation-vente;1;27,5;40/20/0/0;T06;1;Non",
      "DIGI;Digitalisation;1;2,5;20;K-34093;1;OUI",
    ]),
  );
  await page.getByLabel("Intitulé de la formation").fill("BTS d'un tableur français");
  await page.getByLabel("Niveau CNCP").selectOption("5");
  await page.getByRole("checkbox", { name: "Chargé(e) du e-commerce", exact: true }).check();
  // The level's framework is not a choice; the template of the ticked target at level 5 lists its codes too, with its initials.
  await expect(page.getByRole("checkbox", { name: /Cadre national/ })).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger un modèle XLSX pour les métiers cochés" }).click()]);
  const template = new ExcelJS.Workbook();
  await template.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  expect(template.getWorksheet("Exigences")!.getColumn(1).values).toEqual(expect.arrayContaining(["C5", "CN5-C1", "T06"]));
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("2 modules, 3 correspondances");
  await page.getByRole("button", { name: "Confirmer l'import" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("BTS d'un tableur français");
  await expect(page.getByTestId("module-VENTE")).toContainText("27,5 ECTS");
  const id = new URL(page.url()).pathname.split("/")[2];
  const modules = await modulesOf(request, await apiToken(request, DEMO.manager), id);
  expect(modules.map((m) => [m.code, m.ects, m.mappings.map((x) => `${x.itemRef}:${x.depth}:${x.assessed}`)])).toEqual([
    ["VENTE", 27.5, ["T06:1:false", "charge-e-commerce/C5:2:true"]],
    ["DIGI", 2.5, ["K-34093:1:true"]],
  ]);
});

test("le modèle téléchargé depuis une formation vide, rempli dans un tableur, s'importe : modules sur l'année, sans avertissement de crédits", async () => {
  await page.goto("/programmes/nouveau");
  await page.getByLabel("Intitulé de la formation").fill("BTS du modèle rempli");
  await page.getByLabel("Type de diplôme").selectOption("bts");
  await page.getByLabel(/Chargé\(e\) du e-commerce/).check();
  await page.getByRole("button", { name: "Créer la formation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("BTS du modèle rempli");
  await expect(page.getByText("Vous avez déjà un tableur ? Importez-le dans cette formation, ou partez du modèle.")).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Modèle XLSX" }).last().click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["Instructions", "Formation", "Modules", "Exigences"]);
  const codes = workbook.getWorksheet("Exigences")!.getColumn(1).values as string[];
  expect(codes).toEqual(expect.arrayContaining(["C4", "C5", "T01"]));
  const modules = workbook.getWorksheet("Modules")!;
  expect(modules.getCell("F2").dataValidation.type).toBe("list");
  for (const row of [
    ["CULT", "Culture générale et expression", "1-2", 10, "60", "T01", 2, "oui", ""],
    ["RC", "Relation client et négociation-vente", "1-2", 50, "40/40/20/0", "C5", 2, "oui", "Jeux de rôle filmés"],
    ["ECOM", "Animation de site marchand", "3-4", 60, "20/30/50/0", "C4", 2, "oui", ""],
  ])
    modules.addRow(row);
  const filled = Buffer.from(await workbook.xlsx.writeBuffer());

  await page.getByRole("link", { name: "Importer un fichier (CSV ou XLSX)" }).click();
  await fileInput().setInputFiles({ name: "modele-rempli.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: filled });
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await expect(page.getByTestId("preview-modules-added")).toContainText("Modules ajoutés : 3");
  await expect(page.getByTestId("preview-mappings-added")).toContainText("RC × charge-e-commerce/C5 : aucune → profondeur 2, évaluée, note « Jeux de rôle filmés »");
  await page.getByRole("button", { name: "Confirmer et enregistrer ces changements" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Fichier importé dans la formation." })).toBeVisible();
  await expect(page.getByTestId("annual-1")).toContainText("Modules sur l'année, semestres 1 et 2");
  await expect(page.getByTestId("annual-1").getByTestId("module-RC")).toContainText("50 ECTS, moitié par semestre");
  await expect(page.getByTestId("annual-3").getByTestId("module-ECOM")).toBeVisible();
  await expect(page.getByTestId("programme-warnings")).toHaveCount(0);
});

test("un module sur l'année : créé dans le formulaire, montré une fois sur ses deux semestres, sans avertissement de crédits, et la page de couverture gardée suit", async ({ request }) => {
  const token = await apiToken(request, DEMO.manager);
  const id = await createBts(
    request,
    token,
    "BTS avec un module annuel",
    [
      ["UE1", 1, 24, "T06"],
      ["UE2", 2, 24, "T01"],
      ["UE3", 3, 30, "T07"],
      ["UE4", 4, 30, "T08"],
    ].map(([code, semester, ects, ref]) => ({ module_code: code, module_title: `Module ${code}`, semester, ects, hours: 20, item_ref: ref, depth: 1, assessed: "oui" })),
  );
  const coverage = `/programmes/${id}/couverture`;
  const warnings = page.getByTestId("coverage-warnings");
  await page.goto(coverage);
  await expect(warnings).toContainText("Le semestre 1 porte 24 ECTS au lieu de 30.");
  expect((await page.reload())!.headers()["x-maquette-answer"]).toBe("kept");

  await page.goto(`/programmes/${id}`);
  await expect(page.getByTestId("programme-warnings")).toContainText("Le semestre 2 porte 24 ECTS au lieu de 30.");
  await page.getByRole("link", { name: "Ajouter un module" }).click();
  await page.getByLabel("Code").fill("ANG");
  await page.getByLabel("Intitulé").fill("Anglais commercial");
  await page.getByLabel("Semestre").fill("1");
  await page.getByLabel("ECTS").fill("12");
  await page.getByLabel("Durée").selectOption({ label: "Deux semestres : celui-ci et le suivant (module sur l'année)" });
  await page.getByRole("button", { name: "Créer le module" }).click();
  await expect(page.getByTestId("module-ANG")).toHaveCount(1);
  await expect(page.getByTestId("annual-1").getByTestId("module-ANG")).toContainText("S1–S2");
  await expect(page.getByTestId("year-1").getByRole("heading", { name: "Semestre 1" })).toBeVisible();
  await expect(page.getByTestId("year-1").getByRole("heading", { name: "Semestre 2" })).toBeVisible();
  // No credit warning is left; the new module maps nothing yet, which is said.
  await expect(page.getByTestId("programme-warnings")).toHaveText("Le module ANG (Anglais commercial) n'est relié à aucune exigence.");
  expect((await modulesOf(request, token, id)).find((m) => m.code === "ANG")).toMatchObject({ semester: 1, semesterSpan: 2, ects: 12 });

  // The kept coverage page follows: no credit warning now, and again one when the module is back to one semester.
  await page.goto(coverage);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(warnings.getByText(/porte .* ECTS au lieu de 30/)).toHaveCount(0);
  await page.goto(`/programmes/${id}`);
  await page.getByTestId("module-ANG").getByRole("link", { name: "Anglais commercial" }).click();
  await page.getByLabel("Durée").selectOption({ label: "Un semestre" });
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("programme-warnings")).toContainText("Le semestre 1 porte 36 ECTS au lieu de 30.");
  await page.goto(coverage);
  await expect(warnings).toContainText("Le semestre 2 porte 24 ECTS au lieu de 30.");
});
