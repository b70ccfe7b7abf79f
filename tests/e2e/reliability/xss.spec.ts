import ExcelJS from "exceljs";
import { test, expect } from "../fixtures";
import { AUTHORIZATION_MATRIX } from "../../authorization-matrix";
import { parseCsv } from "../../../app/domain/csv";
import { HttpClient } from "../../support/http-client";
import { pdfText } from "../../support/pdf";
import { createSchool, expectStatus } from "../../support/school";

/**
 * Stored cross-site scripting: every text field people fill in holds markup that would run if
 * it were written into a page unescaped (an image whose error handler sets a flag, a script,
 * an SVG), and formulas a spreadsheet would run. Every page (the GET rows of the authorization
 * matrix), the report and its PDF must show that text as text: no element of the payload in
 * the DOM, no flag set, no dialog, no Content-Security-Policy violation. Every export must
 * keep the text, and start no cell with =, +, - or @.
 */
const markup = (field: string) => `<img id="xss-${field}" src=x onerror="window.__xss='${field}'"><script>window.__xss='${field}'</script>`;
const FORMULAS = ["=1+1", "+33 1 23", "-2+3", "@SUM(A1)", '=HYPERLINK("http://exemple.invalid","x")'];

test("du texte piégé dans chaque champ s'affiche comme du texte partout, et les exports ne lancent aucune formule", async ({ page }) => {
  test.setTimeout(180_000);
  const baseUrl = process.env.E2E_BASE_URL!;
  const databaseFile = process.env.E2E_DATABASE_FILE!;
  const school = await createSchool(baseUrl, {
    databaseFile,
    schoolName: `École ${markup("ecole")}`.slice(0, 160),
    personName: (role) => `${role} ${markup(`nom-${role}`)}`.slice(0, 120),
    personas: ["teacher"],
    spare: false,
  });
  const { admin, manager } = school.clients;

  // A reference sheet whose words are all traps (the 17 shared transversal resources keep theirs).
  const exported = JSON.parse((await admin.get("/referentiels/charge-e-commerce/export/json")).text);
  const sheet = {
    ...exported,
    slug: `fiche-piegee-${school.schoolId.slice(-6)}`,
    title: `Fiche ${markup("fiche")}`,
    publisher: { ...exported.publisher, name: `Éditeur ${markup("editeur")}` },
    requirements: exported.requirements.map((item: { kind: string; label: string; source: { file: string; quote: string } }, i: number) =>
      item.kind === "transversal" ? item : { ...item, label: `${FORMULAS[i % FORMULAS.length]} ${markup(`exigence-${i}`)}`, source: { ...item.source, quote: markup(`citation-${i}`) } },
    ),
  };
  const imported = await admin.post(`/api/v1/reference-sheets?filename=${encodeURIComponent(`piege-${markup("fichier")}.json`)}`, { json: sheet }, { Authorization: `Bearer ${school.tokens.admin}` });
  await expectStatus(imported, 201, "import de la fiche piégée");
  const competence = sheet.requirements.find((item: { kind: string }) => item.kind === "competence");

  // A programme whose title, description and module titles are traps, some of them formulas.
  const rows = FORMULAS.map((formula, i) => ({ module_code: `P${i}`, module_title: `${formula} ${markup(`module-${i}`)}`, semester: 1, ects: 3, hours: 10, item_ref: i % 2 ? "T06" : `${sheet.slug}/${competence.code}`, depth: 2, assessed: "oui" }));
  const created = await manager.post(
    "/api/v1/programmes",
    { json: { title: `=Formation ${markup("formation")}`.slice(0, 200), description: markup("description"), level: 6, entryEcts: 120, semesters: 2, targets: [sheet.slug, "charge-e-commerce"], rows } },
    { Authorization: `Bearer ${school.tokens.manager}` },
  );
  await expectStatus(created, 201, "import de la formation piégée");
  const programmeId = (created.json() as { id: string }).id;
  const detail = (await manager.get(`/api/v1/programmes/${programmeId}`, { Authorization: `Bearer ${school.tokens.manager}` })).json() as { modules: { id: string; code: string }[] };
  const moduleId = detail.modules[0].id;
  const edited = await manager.post(`/programmes/${programmeId}/modules/${moduleId}`, {
    form: [
      ["version", "1"],
      ["code", "P0"],
      ["title", `@Module ${markup("module-edite")}`.slice(0, 200)],
      ["semester", "1"],
      ["ects", "3"],
      ["assessmentMethod", `-Oral ${markup("evaluation")}`.slice(0, 500)],
      ["description", markup("module-description")],
    ],
  });
  await expectStatus(edited, 302, "modification du module piégé");
  await expectStatus(await admin.post("/compte", { form: [["intent", "create-token"], ["name", `+${markup("jeton")}`.slice(0, 60)]] }), 200, "jeton piégé");

  // Every page, in Chromium, signed in as the administrator.
  const problems: string[] = [];
  page.on("dialog", async (dialog) => {
    problems.push(`boîte de dialogue ouverte : ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) problems.push(`violation de la CSP sur ${page.url()} : ${message.text().slice(0, 200)}`);
  });
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(school.emails.admin);
  await page.getByLabel("Mot de passe").fill(school.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();

  const pages = [
    ...new Set(
      AUTHORIZATION_MATRIX.filter((row) => row.method === "GET" && !row.api && !/export|rapport\.\$format|healthz/.test(row.route)).map((row) =>
        row.path.replace(":programme", programmeId).replace(":module", moduleId).replace("charge-e-commerce", sheet.slug),
      ),
    ),
    `/referentiels/${sheet.slug}/versions?from=1&to=1`,
    `/programmes/${programmeId}/couverture?fiche=${sheet.slug}`,
  ];
  let pagesShowingTraps = 0;
  for (const path of pages) {
    await page.goto(path);
    const injected = await page.evaluate(() => ({ flag: (window as unknown as { __xss?: string }).__xss ?? null, elements: [...document.querySelectorAll('[id^="xss-"]')].map((e) => e.id) }));
    if (injected.flag || injected.elements.length) problems.push(`${path} : balisage exécuté ou inséré (${JSON.stringify(injected)})`);
    if ((await page.locator("body").innerText()).includes('<img id="xss-')) pagesShowingTraps++;
  }
  expect(problems).toEqual([]);
  // The traps are shown, as text, on the pages that show what people wrote.
  expect(pagesShowingTraps).toBeGreaterThanOrEqual(10);

  // The report's PDF, drawn by Chromium from the same page, shows them as text too.
  const pdf = await admin.get(`/programmes/${programmeId}/rapport/pdf`);
  expect(pdf.status).toBe(200);
  expect(await pdfText(Buffer.from(pdf.bytes))).toContain(`<img id="xss-formation"`);

  // Exports keep the text and start no cell with a formula character.
  const csvCells = async (client: HttpClient, path: string) => {
    const answer = await client.get(path);
    expect(answer.status, path).toBe(200);
    return parseCsv(answer.text).flat();
  };
  const xlsxCells = async (path: string) => {
    const answer = await admin.get(path);
    expect(answer.status, path).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(answer.bytes) as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value))));
    return cells;
  };
  const exports: [string, unknown[]][] = [
    ["CSV de la formation", await csvCells(admin, `/programmes/${programmeId}/export/csv`)],
    ["XLSX de la formation", await xlsxCells(`/programmes/${programmeId}/export/xlsx`)],
    ["XLSX du rapport", await xlsxCells(`/programmes/${programmeId}/rapport/xlsx`)],
    ["CSV Moodle de la fiche", await csvCells(admin, `/referentiels/${sheet.slug}/export/moodle`)],
  ];
  for (const [what, cells] of exports) {
    const texts = cells.map((cell) => (typeof cell === "string" ? cell : typeof cell === "number" ? null : JSON.stringify(cell)));
    expect(
      texts.filter((text) => text !== null && /^[=+\-@]/.test(text)),
      `${what} : cellules qu'un tableur lancerait`,
    ).toEqual([]);
    expect(texts.some((text) => text?.includes('<img id="xss-')), `${what} garde le texte`).toBe(true);
    expect(texts.some((text) => text !== null && /^'[=+\-@]/.test(text)), `${what} : des formules neutralisées`).toBe(true);
  }
  // The JSON exports are JSON, never a page a browser would run.
  for (const format of ["json", "case"]) {
    const answer = await admin.get(`/referentiels/${sheet.slug}/export/${format}`);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(answer.text).toContain("xss-fiche");
  }
});
