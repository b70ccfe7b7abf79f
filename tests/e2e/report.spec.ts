import ExcelJS from "exceljs";
import { parseCsv } from "../../app/domain/csv";
import { pdfPages, pdfText } from "../support/pdf";
import { expect, signIn, test, DEMO, apiToken, bearer } from "./fixtures";

/** Letters and digits only: a heading's words as a PDF's text gives them back, wherever it cuts lines. */
const squeeze = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase();

/**
 * Every page numbered "page n / N" at its foot, and no heading alone at the foot of a page: the
 * text before the page number never ends with one of the report's headings.
 */
function expectNumberedWithoutStrandedHeading(pages: string[], headings: string[], report: string) {
  pages.forEach((content, index) => {
    expect(content, `${report}, page ${index + 1}`).toMatch(new RegExp(`page ${index + 1} / ${pages.length}$`));
    const body = squeeze(content.replace(/page \d+ \/ \d+$/, ""));
    expect(headings.filter((heading) => body.endsWith(heading)), `${report}, page ${index + 1}`).toEqual([]);
  });
}

test("le rapport d'accréditation s'affiche, se télécharge en PDF (pages numérotées, aucun titre seul en bas de page), en XLSX et en CSV avec ses choix éditoriaux", async ({ page, request }) => {
  // Chromium renders two reports, some thirty pages.
  test.setTimeout(120_000);
  await signIn(page, DEMO.manager);
  await page.goto("/programmes");
  await page.getByRole("link", { name: "Master Management du commerce électronique" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Master Management du commerce électronique");
  const programmeId = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByRole("link", { name: "Rapport d'accréditation" }).click();
  await expect(page.getByText("Rapport d'accréditation", { exact: true })).toBeVisible();
  const gapCount = (await page.getByTestId("report-gap-count").textContent())!.trim();
  expect(Number(gapCount)).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: "Sources des référentiels et choix éditoriaux" })).toBeVisible();
  // The level the sheet does not state is said to be the transcription's, with its reason.
  await expect(page.getByTestId("report-target-level").first()).toContainText("choix éditorial, la fiche ne le dit pas");
  // Each sheet by its title, publisher and date, not its file name.
  await expect(page.getByTestId("report-source-directeur-e-commerce")).toContainText("Directeur e-commerce — Apec");
  await expect(page.getByTestId("report-source-directeur-e-commerce")).toContainText("publiée le 8 septembre 2017");
  await expect(page.getByTestId("report-source-chef-de-projet-commerce-electronique")).toContainText("non datée");
  const headings = (await page.locator("article.report h2, article.report h3").allTextContents()).map(squeeze).filter(Boolean);
  expect(headings.length).toBeGreaterThan(10);

  // The PDF, rendered by Chromium as the person asking.
  const pdf = await page.request.get(`/programmes/${programmeId}/rapport/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/filename="rapport-master-management-commerce-electronique-\d{4}-\d{2}-\d{2}\.pdf"/);
  const body = await pdf.body();
  const text = await pdfText(body);
  const pages = await pdfPages(body);
  expect(pages.length).toBeGreaterThan(3);
  // A cover page of its own: the programme, its level, its targets, its version.
  expect(pages[0]).toContain("Master Management du commerce électronique");
  expect(pages[0]).toContain("niveau CNCP 7");
  expect(pages[0]).toContain("Chef de projet et gestionnaire du commerce électronique");
  expect(pages[0]).toMatch(/Aucune version publiée|Empreinte SHA-256 de la version : [0-9a-f]{64}/);
  expect(pages[0]).not.toContain("Couverture par métier visé");
  expect(text).toContain(`Écarts relevés : ${gapCount}`);
  // Module titles, hours and the source quote of a requirement (in the annex).
  expect(text).toContain("Mémoire professionnel");
  expect(text).toContain("Modalités d'évaluation");
  expect(text).toContain("« Gestion du centre de profit »");
  expect(text).toContain("« Bien sûr, il doit avoir la fibre commerciale, de bonnes compétences techniques et un excellent relationnel. »");
  // Column headers apart, not run together.
  expect(text).not.toContain("RequisAtteint");
  expectNumberedWithoutStrandedHeading(pages, headings, "master");

  // The workbook: every sheet says which rows (or columns) are editorial choices, and why.
  const xlsx = await page.request.get(`/programmes/${programmeId}/rapport/xlsx`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-disposition"]).toMatch(/filename="rapport-master-management-commerce-electronique-\d{4}-\d{2}-\d{2}\.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  const rowsOf = (sheet: ExcelJS.Worksheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
    return rows;
  };
  expect(workbook.worksheets.length).toBeGreaterThan(5);
  for (const sheet of workbook.worksheets) {
    const rows = rowsOf(sheet);
    expect(rows.slice(0, 3).flat(), sheet.name).toContain("Choix éditorial");
    expect(rows.slice(0, 3).flat(), sheet.name).toContain("Raison du choix éditorial");
  }
  const coverage = rowsOf(workbook.worksheets.find((sheet) => sheet.name.startsWith("Couverture chef-de-projet-comm"))!);
  const header = coverage[0];
  const c1 = coverage.find((row) => row[0] === "chef-de-projet-commerce-electronique/C1")!;
  expect(c1[header.indexOf("Choix éditorial")]).toBe("oui");
  expect(c1[header.indexOf("Raison du choix éditorial")]).toContain("activités professionnelles");
  const k = coverage.find((row) => row[0] === "K-techniques-de-marketing")!;
  expect(k[header.indexOf("Choix éditorial")]).toBe("non");
  const programmeSheet = rowsOf(workbook.getWorksheet("Formation")!);
  expect(programmeSheet.find((row) => row[0] === "Niveau CNCP de « Chef de projet et gestionnaire du commerce électronique »")).toEqual([
    "Niveau CNCP de « Chef de projet et gestionnaire du commerce électronique »",
    "7",
    "oui",
    expect.stringContaining("La fiche ne donne pas de niveau"),
  ]);

  // The CSV: the requirements with their mark, reason, note and quote.
  const csv = await page.request.get(`/programmes/${programmeId}/rapport/csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/filename="rapport-master-management-commerce-electronique-\d{4}-\d{2}-\d{2}\.csv"/);
  const [csvHeader, ...csvRows] = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
  expect(csvHeader).toEqual([
    "Métier visé",
    "Exigence",
    "Libellé",
    "Type",
    "Statut",
    "Profondeur requise",
    "Profondeur atteinte",
    "Évaluée",
    "Modules",
    "Choix éditorial",
    "Raison du choix éditorial",
    "Note éditoriale",
    "Citation de la fiche",
    "Fichier source",
  ]);
  const t08 = csvRows.find((row) => row[0] === "Responsable e-commerce" && row[1] === "T08")!;
  expect(t08.slice(9, 13)).toEqual(["oui", expect.stringMatching(/^Inférence non retenue/), "", "Bien sûr, il doit avoir la fibre commerciale, de bonnes compétences techniques et un excellent relationnel."]);

  // The BTS's shorter report, whose "Écarts" heading once sat alone at the foot of its first page.
  await page.goto("/programmes");
  await page.getByRole("link", { name: "BTS Négociation et digitalisation de la relation client, parcours e-commerce" }).click();
  await page.waitForURL(/\/programmes\/(?!nouveau|importer)[^/]+$/);
  const bts = new URL(page.url()).pathname;
  await page.goto(`${bts}/rapport`);
  const btsHeadings = (await page.locator("article.report h2, article.report h3").allTextContents()).map(squeeze).filter(Boolean);
  const btsPdf = await page.request.get(`${bts}/rapport/pdf`);
  expect(btsPdf.status()).toBe(200);
  expectNumberedWithoutStrandedHeading(await pdfPages(await btsPdf.body()), btsHeadings, "BTS");

  // The versions agree with the report: the newest one's hash is on the cover, when there is one.
  const token = await apiToken(request, DEMO.manager);
  const versions = ((await (await request.get(`/api/v1/programmes/${programmeId}/versions`, { headers: bearer(token) })).json()) as { versions: { snapshotHash: string }[] }).versions;
  if (versions.length) expect(pages[0]).toContain(versions[0].snapshotHash);
});
