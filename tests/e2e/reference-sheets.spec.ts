import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SHEETS_DIR } from "../../seed/reference-data";
import { apiToken, bearer, DEMO, expect, signIn, test } from "./fixtures";

const SLUG = "charge-e-commerce";
const dataFile = () => JSON.parse(readFileSync(join(SHEETS_DIR, `${SLUG}.json`), "utf8"));
const MOODLE_HEADER =
  '"Parent id number","Id number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy';

test("la liste des référentiels présente chaque fiche avec ses niveaux CNCP, sa version et ses comptes", async ({ page }) => {
  await page.goto("/referentiels");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Référentiels métiers");
  const card = page.locator(`li[data-slug="${SLUG}"]`);
  await expect(card.getByRole("heading")).toHaveText("Chargé(e) du e-commerce");
  await expect(card).toContainText("Branches du commerce agricole");
  await expect(card).toContainText("Niveaux 5 à 6");
  await expect(card).toContainText("Version 1");
  await expect(card).toContainText("16 / 17");
  await card.getByRole("link", { name: "Consulter la fiche : Chargé(e) du e-commerce" }).click();
  await expect(page).toHaveURL(new RegExp(`/referentiels/${SLUG}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chargé(e) du e-commerce");
});

test("la fiche 003 montre ses 17 ressources transverses et ses domaines de connaissances avec leur profondeur", async ({ page }) => {
  await page.goto(`/referentiels/${SLUG}`);
  await expect(page.getByTestId("cncp")).toHaveText("Niveaux 5 à 6");
  await expect(page.getByText("E1103", { exact: true })).toBeVisible();
  // The source's wrong code is kept, with a visible note; so are its typos.
  await expect(page.getByTestId("editorial-note").filter({ hasText: "Code ROME probablement E1101" })).toBeVisible();
  await expect(page.locator('li[data-code="T05"]').getByTestId("editorial-note")).toContainText("[sic]");
  await expect(page.getByTestId("working-conditions")).toContainText("Significatif : Travail en équipe · Télétravail possible");
  // The publisher is an editorial choice: visibly marked, with its reason.
  await expect(page.getByTestId("editorial").first()).toContainText("Choix éditorial");

  const transversal = page.getByRole("region", { name: /Ressources transverses/ }).locator("li[data-code]");
  await expect(transversal).toHaveCount(17);
  await expect(page.locator('li[data-code="T17"]')).toContainText("non requis");

  const knowledge = dataFile().requirements.filter((item: { kind: string }) => item.kind === "knowledge");
  await expect(page.getByRole("region", { name: /Domaines de connaissances/ }).locator("li[data-code]")).toHaveCount(knowledge.length);
  const marketing = page.locator('li[data-code="K-34093"]');
  await expect(marketing.getByTestId("label")).toHaveText("MARKETING DIGITAL");
  await expect(marketing.getByTestId("depth")).toHaveText("2 Application");
  await expect(marketing).toContainText("NSF 312 · Formacode 34093");

  const quote = marketing.locator("blockquote");
  await expect(quote).toBeHidden();
  await marketing.getByText("Source", { exact: true }).click();
  await expect(quote).toBeVisible();
  await expect(quote).toHaveText("312 34093 MARKETING DIGITAL X");
  await expect(marketing).toContainText("003_04128ebfd6715543.txt");

  const c1 = page.locator('li[data-code="C1"]');
  await c1.getByText("Activité, sous-activités, sous-compétences et mots-clés").click();
  await expect(c1.getByText("C1.1", { exact: true })).toBeVisible();
});

test.describe("sans JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("la recherche filtre les éléments, sans tenir compte des accents ni de la casse", async ({ page }) => {
    await page.goto(`/referentiels/${SLUG}`);
    await page.getByRole("searchbox", { name: "Rechercher dans la fiche" }).fill("Économie");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect(page).toHaveURL(/\?q=%C3%89conomie/);
    await expect(page.locator("li[data-code]")).toHaveCount(1);
    await expect(page.locator('li[data-code="K-13154"]')).toContainText("ECONOMIE");
    await expect(page.getByTestId("search-status")).toHaveText("1 élément sur 31 correspond à « Économie ».");
  });
});

test("la recherche filtre en direct avec JavaScript, par code de sous-compétence", async ({ page }) => {
  await page.goto(`/referentiels/${SLUG}`);
  await expect(page.locator("li[data-code]")).toHaveCount(dataFile().requirements.length);
  const url = page.url();
  // Typing before the page has hydrated filters nothing until the form is submitted: retry.
  await expect(async () => {
    await page.getByRole("searchbox", { name: "Rechercher dans la fiche" }).fill("c3.1");
    await expect(page.locator("li[data-code]")).toHaveCount(1, { timeout: 1_000 });
  }).toPass();
  await expect(page.locator('li[data-code="C3"]')).toBeVisible();
  expect(page.url()).toBe(url);
});

test("chaque export se télécharge : JSON identique au fichier de données, CASE et Moodle", async ({ page }) => {
  await page.goto(`/referentiels/${SLUG}`);
  const download = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
    return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, "utf8") };
  };

  const json = await download("JSON (format Maquette)");
  expect(json.name).toBe(`${SLUG}-v1.json`);
  expect(JSON.parse(json.text)).toEqual(dataFile());

  const kase = await download("CASE 1.1 (JSON)");
  expect(kase.name).toBe(`${SLUG}-v1-case.json`);
  const pkg = JSON.parse(kase.text);
  expect(pkg.CFDocument.title).toBe("Chargé(e) du e-commerce");
  const marketing = pkg.CFItems.find((item: { humanCodingScheme?: string }) => item.humanCodingScheme === "K-34093");
  expect(marketing.extensions.maquette).toMatchObject({ requiredDepth: 2, kind: "knowledge" });

  const moodle = await download("Moodle (CSV)");
  expect(moodle.name).toBe(`${SLUG}-v1-moodle.csv`);
  expect(moodle.text.split("\r\n")[0]).toBe(MOODLE_HEADER);
  expect(moodle.text.split("\r\n")[1]).toContain("Notions,Application,Maîtrise,Expertise");
});

test("une fiche inconnue répond 404 dans le style de l'application", async ({ page, request }) => {
  const response = await page.goto("/referentiels/fiche-inconnue");
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  await expect(page.getByTestId("app-header")).toBeVisible();
  expect((await request.get(`/referentiels/${SLUG}/export/pdf`)).status()).toBe(404);
});

test("l'API de lecture liste les fiches et donne les exigences d'une fiche, avec un jeton", async ({ request }) => {
  const anonymous = await request.get("/api/v1/reference-sheets");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toHaveProperty("error");
  const headers = bearer(await apiToken(request, DEMO.teacher));
  const list = await (await request.get("/api/v1/reference-sheets", { headers })).json();
  expect(list.referenceSheets.find((sheet: { slug: string }) => sheet.slug === SLUG)).toMatchObject({
    title: "Chargé(e) du e-commerce",
    cncp: { min: 5, max: 6 },
    version: 1,
    counts: { competence: { total: 5 }, transversal: { total: 17, required: 16 } },
  });
  const response = await request.get(`/api/v1/reference-sheets/${SLUG}`, { headers });
  expect(response.headers()["content-type"]).toContain("application/json");
  const sheet = await response.json();
  expect(sheet.requirements.find((item: { ref: string }) => item.ref === `${SLUG}/C1`)).toMatchObject({ kind: "competence", required: true });
  expect(sheet.requirements.find((item: { ref: string }) => item.ref === "K-34093")).toMatchObject({
    label: "MARKETING DIGITAL",
    requiredDepth: 2,
    required: true,
    editorial: false,
    source: { file: "003_04128ebfd6715543.txt", quote: "312 34093 MARKETING DIGITAL X" },
  });
  const missing = await request.get("/api/v1/reference-sheets/fiche-inconnue", { headers });
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toHaveProperty("error");
});

test("un administrateur importe une nouvelle version ; l'historique compare les deux versions", async ({ page }) => {
  const slug = "chef-de-projet-commerce-electronique";
  const data = JSON.parse(readFileSync(join(SHEETS_DIR, `${slug}.json`), "utf8"));
  const knowledge = data.requirements.find((item: { kind: string }) => item.kind === "knowledge");
  knowledge.requiredDepth = 3;
  await signIn(page, DEMO.admin);
  await page.goto("/referentiels/importer");
  // An invalid file first: refused with the field at fault, nothing saved.
  const broken = structuredClone(data);
  broken.requirements[0].requiredDepth = 9;
  await page.getByLabel("Fichier (JSON, 5 Mo au plus)").setInputFiles({ name: "casse.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByTestId("import-errors")).toContainText("requirements[0].requiredDepth");
  await page.getByLabel("Fichier (JSON, 5 Mo au plus)").setInputFiles({ name: `${slug}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(data)) });
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Version 2" })).toBeVisible();

  await page.goto(`/referentiels/${slug}/versions`);
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("Import");
  await expect(rows.last()).toContainText("Fichier de données");
  await page.getByRole("combobox", { name: "Version A" }).selectOption("1");
  await page.getByRole("combobox", { name: "Version B" }).selectOption("2");
  await page.getByRole("button", { name: "Comparer" }).click();
  await expect(page).toHaveURL(/from=1&to=2/);
  const changed = page.getByRole("region", { name: "Profondeur modifiée" });
  await expect(changed).toContainText(knowledge.code);
  await expect(changed).toContainText("3 Maîtrise");

  await page.goto(`/referentiels/${slug}?version=1`);
  await expect(page.getByRole("status").first()).toContainText("Vous consultez la version 1. La dernière version est la 2.");
});
