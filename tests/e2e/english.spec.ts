import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { DEMO, expect, signIn, test } from "./fixtures";

const PROGRAMME = "Master Management du commerce électronique";

/**
 * French words of the interface that must not be left on a page shown in English. Checked on
 * the interface's own elements only (headings, table headers, labels, buttons): the demo data
 * (titles of programmes, modules and requirements) stays in French.
 */
const FRENCH_UI =
  /(?<!\p{L})(Formations?|Matrice|Couverture|Rapport|Semestres?|Écarts?|Exigences?|Requis|Atteint|Statut|Évalu\p{L}*|Modifier|Supprimer|Enregistr\p{L}*|Compétences|Connaissances|Afficher|Niveau|Métiers?|Avertissements|Tous|Ensemble|Importer|Nouvelle|Ajouter|Télécharger|Tableaux?)(?!\p{L})/u;

async function expectNoFrenchInterface(page: Page) {
  const texts = await page.locator("main h1, main h2, main thead th, main label, main button, main summary, main nav a").allInnerTexts();
  expect(texts.length).toBeGreaterThan(0);
  const french = texts.filter((text) => FRENCH_UI.test(text.replace(PROGRAMME, "")));
  expect(french, "French interface text on an English page").toEqual([]);
}

/** The demo manager, switched to English, on the demo master's page: its path. */
async function openDemoMasterInEnglish(page: Page) {
  await signIn(page, DEMO.manager);
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/programmes");
  await page.getByRole("link", { name: PROGRAMME }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PROGRAMME);
  return new URL(page.url()).pathname;
}

test("en anglais, la liste, une formation, la matrice, la couverture et le rapport sont entièrement en anglais", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.goto("/programmes");
  await expect(page).toHaveTitle("Programmes · Maquette");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Programmes");
  await expect(page.getByRole("link", { name: "New programme" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Import (CSV, XLSX)" })).toBeVisible();
  const card = page.locator("main li").filter({ has: page.getByRole("link", { name: PROGRAMME }) });
  // Percentages written the English way: "42%", not "42 %".
  await expect(card.first()).toContainText(/\d+%/);
  await expect(card.first()).not.toContainText(/\d\s%/);
  await expect(card.first().getByRole("img").first()).toHaveAttribute("aria-label", /: \d+% covered$/);
  await expectNoFrenchInterface(page);

  await page.getByRole("link", { name: PROGRAMME }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PROGRAMME);
  await expect(page.getByText(/CNCP level 7 · \d+ entry ECTS \+ [\d.]+ ECTS · \d+ semesters/)).toBeVisible();
  const actions = page.getByRole("navigation", { name: "Programme actions" });
  for (const name of ["Matrix", "Coverage", "Accreditation report", "Versions", "Review", "History"]) await expect(actions.getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Modules", level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Semester 1" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add a module" })).toBeVisible();
  await expectNoFrenchInterface(page);
  const programmeUrl = new URL(page.url()).pathname;

  await actions.getByRole("link", { name: "Matrix" }).click();
  await expect(page).toHaveTitle("Matrix · Maquette");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Modules × requirements matrix");
  await expect(page.getByRole("grid", { name: "Modules × requirements matrix" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Competences" })).toBeVisible();
  await expect(page.getByLabel("Gaps only")).toBeVisible();
  await expect(page.getByTestId("matrix-status")).toHaveText("All changes are saved.");
  await expect(page.getByText(/^Arrows: move/)).toBeVisible();
  await expectNoFrenchInterface(page);

  await page.goto(`${programmeUrl}/couverture`);
  await expect(page).toHaveTitle("Coverage · Maquette");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Coverage: /);
  for (const name of ["By kind of requirement", "Gaps and how to close them", "Progression by semester", "All requirements"]) {
    await expect(page.getByRole("heading", { name, exact: false }).first()).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Depth reached per requirement and per semester" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Key figures" })).toContainText("Covered, never assessed");
  await expect(page.getByRole("button", { name: "Show" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Comment" }).first()).toBeVisible();
  await expectNoFrenchInterface(page);

  await page.goto(`${programmeUrl}/rapport`);
  await expect(page).toHaveTitle(`Accreditation report · ${PROGRAMME}`);
  await expect(page.getByText("Accreditation report", { exact: true })).toBeVisible();
  // Dates in English: "Produced on 3 March 2026 at 10:00 (UTC)".
  await expect(page.getByText(/^Produced on \d{1,2} [A-Z][a-z]+ \d{4}/)).toBeVisible();
  await expect(page.getByText(/Gaps found: \d+/)).toBeVisible();
  for (const name of ["Coverage per target job", "Gaps", "Modules × requirements cross table", "Assessment of each requirement", "Warnings", "Sources of the reference sheets and editorial choices"]) {
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "Download the PDF" })).toBeVisible();
  await expectNoFrenchInterface(page);

  // Back to French: the same page speaks French again.
  await page.getByRole("button", { name: "Passer en français" }).click();
  await expect(page.getByRole("heading", { name: "Sources des référentiels et choix éditoriaux" })).toBeVisible();
  await expect(page.getByText(/Écarts relevés : \d+/)).toBeVisible();
});

test("en anglais, les phrases du domaine, les erreurs de formulaire et de cellule et la confirmation d'enregistrement sont en anglais", async ({ page }) => {
  // Coverage: warnings and the suggestions to close the gaps, written by the domain.
  const programmeId = (await openDemoMasterInEnglish(page)).split("/")[2];
  await page.goto(`/programmes/${programmeId}/couverture`);
  await expect(page.getByText(/^→ (Link|Raise|Assess) /).first()).toBeVisible();
  await expect(page.getByText(/^→ (Relier|Porter|Évaluer) /)).toHaveCount(0);
  const warnings = page.getByTestId("coverage-warnings");
  if (await warnings.count()) await expect(warnings).not.toContainText(/ est couvert | porte \d+ ECTS | n'est relié /);

  // A matrix cell refused by the server says why in English.
  const refusal = await page.evaluate(async (id) => {
    const response = await fetch(`/programmes/${id}/matrice/cellule`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ moduleId: "x", version: 1, itemRef: "T06", depth: 2, assessed: false }),
    });
    return { status: response.status, body: await response.json() };
  }, programmeId);
  expect(refusal).toEqual({ status: 404, body: { error: "Module not found." } });

  // A form error beside its field, then the confirmation after the save.
  await page.goto("/programmes/nouveau");
  await page.getByLabel("Programme title").fill("A");
  await page.getByRole("button", { name: "Create the programme" }).click();
  await expect(page.getByText("The title must have at least 3 characters.")).toBeVisible();
  await expect(page.getByText("Choose at least one target job.")).toBeVisible();
  await page.getByLabel("Programme title").fill("English test programme");
  await page.getByLabel("Diploma type").selectOption("master");
  await page.getByLabel(/Chargé\(e\) du e-commerce/).check();
  await page.getByRole("button", { name: "Create the programme" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("English test programme");
  const toast = page.getByRole("status").filter({ hasText: "Programme created." });
  await expect(toast).toBeVisible();
  await toast.getByRole("button", { name: "Close the message" }).click();
  await expect(toast).toBeHidden();
  // The new programme has no module: its warnings are in English.
  await expect(page.getByText(/Semester 1 carries 0 ECTS instead of 30\./)).toBeVisible();
});

test("en anglais, le classeur du rapport est en anglais, et le PDF montre sa progression avant d'être enregistré", async ({ page }) => {
  const reportPath = `${await openDemoMasterInEnglish(page)}/rapport`;

  // The workbook of the report: sheets, headers and statuses in English.
  const response = await page.request.get(`${reportPath}/xlsx`);
  expect(response.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
  const names = workbook.worksheets.map((sheet) => sheet.name);
  expect(names.slice(0, 2)).toEqual(["Programme", "Cross table"]);
  expect(names.slice(-3)).toEqual(["Gaps", "Warnings", "Requirements and quotes"]);
  expect(names.filter((name) => name.startsWith("Coverage ")).length).toBeGreaterThan(0);
  const row = (sheet: string, n: number) => (workbook.getWorksheet(sheet)!.getRow(n).values as unknown[]).slice(1);
  expect(row("Programme", 1)).toEqual(["Field", "Value", "Editorial choice", "Reason of the editorial choice"]);
  expect(row("Programme", 2).slice(0, 3)).toEqual(["Title", PROGRAMME, "no"]);
  expect(row("Programme", 3)[0]).toBe("CNCP level");
  expect(row("Cross table", 1).slice(0, 4)).toEqual(["Semester", "Module", "Title", "ECTS"]);
  const coverage = names.find((name) => name.startsWith("Coverage "))!;
  expect(row(coverage, 1)).toEqual(["Requirement", "Label", "Type", "Status", "Required depth", "Depth reached", "Assessed", "Modules", "Editorial choice", "Reason of the editorial choice", "Editorial note"]);
  const statuses = new Set(workbook.getWorksheet(coverage)!.getColumn(4).values.slice(2));
  expect([...statuses].every((status) => ["covered", "partial", "missing", "not required"].includes(String(status)))).toBe(true);
  const kinds = new Set(workbook.getWorksheet(coverage)!.getColumn(3).values.slice(2).map(String));
  expect([...kinds].sort()).toEqual(["Competences", "Knowledge", "Transversal resources"]);
  expect(row("Gaps", 1)).toEqual(["Target job", "Requirement", "Label", "Status", "Required", "Reached", "Editorial choice", "Reason of the editorial choice"]);
  expect(row("Warnings", 1)).toEqual(["Target job", "Warning", "Message", "Editorial choice", "Reason of the editorial choice"]);
  const messages = workbook.getWorksheet("Warnings")!.getColumn(3).values.slice(2).map(String);
  expect(messages.filter((message) => / est couvert | porte \d+ ECTS | n'est relié |Le niveau CNCP/.test(message))).toEqual([]);

  // The PDF: a progress bar and a status line while Chromium renders it, then the file.
  await page.goto(reportPath);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the PDF" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Generating the PDF…" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Generating the PDF…" })).toBeVisible();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^rapport-master-management-commerce-electronique-\d{4}-\d{2}-\d{2}\.pdf$/);
  await expect(page.getByRole("status").filter({ hasText: `File ready: ${download.suggestedFilename()}.` })).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  const file = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe("%PDF-");
});
