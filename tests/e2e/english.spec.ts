import type { Page } from "@playwright/test";
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
