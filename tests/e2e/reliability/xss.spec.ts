import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { test, expect, signIn } from "../fixtures";
import { AUTHORIZATION_MATRIX } from "../../authorization-matrix";
import { parseCsv } from "../../../app/domain/csv";
import { HttpClient } from "../../support/http-client";
import { pdfText } from "../../support/pdf";
import { withDatabase } from "../../support/database-snapshot";
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

/** Dialogs and Content-Security-Policy violations on this page are problems. */
function watch(page: Page, problems: string[]) {
  page.on("dialog", async (dialog) => {
    problems.push(`boîte de dialogue ouverte : ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) problems.push(`violation de la CSP sur ${page.url()} : ${message.text().slice(0, 200)}`);
  });
}

/**
 * Opens each page: no element of a payload may be in the DOM, no flag set. Returns each page's
 * status and the text a person reads there (`<details>` opened), to see where traps show as text.
 */
async function visit(page: Page, paths: string[], problems: string[]): Promise<Map<string, { status: number; text: string }>> {
  const seen = new Map<string, { status: number; text: string }>();
  for (const path of paths) {
    const answer = await page.goto(path);
    const injected = await page.evaluate(() => ({ flag: (window as unknown as { __xss?: string }).__xss ?? null, elements: [...document.querySelectorAll('[id^="xss-"]')].map((e) => e.id) }));
    if (injected.flag || injected.elements.length) problems.push(`${path} : balisage exécuté ou inséré (${JSON.stringify(injected)})`);
    await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = true)));
    seen.set(path, { status: answer?.status() ?? 0, text: await page.locator("body").innerText() });
  }
  return seen;
}

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

  // The school's own requirement list, every word of it a trap, published.
  const listCreated = await manager.post("/referentiels/nouvelle-liste", {
    form: [
      ["title", `Liste ${markup("liste")}`],
      ["slug", "liste-piegee"],
      ["sourceName", `Document ${markup("document-liste")}`],
      ["groups[0].label", `=Groupe ${markup("groupe-liste")}`],
      ["groups[0].items[0].label", `+Exigence ${markup("exigence-liste")}`],
      ["groups[0].items[0].source", `Source ${markup("source-liste")}`],
    ],
  });
  await expectStatus(listCreated, 302, "liste piégée");
  const listSlug = decodeURIComponent(new URL(listCreated.headers.get("location")!, baseUrl).pathname.split("/")[2]);
  await expectStatus(await manager.post(`/referentiels/${listSlug}/modifier`, { form: [["intent", "publish"], ["revision", "1"]] }), 302, "liste piégée publiée");

  // Every page, in Chromium, signed in as the administrator.
  const problems: string[] = [];
  watch(page, problems);
  await signIn(page, school.emails.admin, school.password);

  const pages = [
    ...new Set(
      AUTHORIZATION_MATRIX.filter((row) => row.method === "GET" && !row.api && !/export|rapport\.\$format|healthz|modele/.test(row.route)).map((row) =>
        row.path.replace(":programme", programmeId).replace(":module", moduleId).replace(":list", listSlug).replace("charge-e-commerce", sheet.slug),
      ),
    ),
    `/referentiels/${sheet.slug}/versions?from=1&to=1`,
    `/programmes/${programmeId}/couverture?fiche=${sheet.slug}`,
  ];
  const seen = await visit(page, pages, problems);
  expect(problems).toEqual([]);
  // The traps are shown, as text, on the pages that show what people wrote.
  expect([...seen.values()].filter(({ text }) => text.includes('<img id="xss-')).length).toBeGreaterThanOrEqual(10);

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

test("les libellés de version, commentaires, réponses, modifications, notes de décision et titres de copie s'affichent comme du texte partout où ils paraissent", async ({ browser }) => {
  test.setTimeout(180_000);
  const baseUrl = process.env.E2E_BASE_URL!;
  const databaseFile = process.env.E2E_DATABASE_FILE!;
  const school = await createSchool(baseUrl, {
    databaseFile,
    programmeTitle: `=Formation ${markup("formation-revue")}`,
    personName: (role) => `${role} ${markup(`nom-${role}`)}`.slice(0, 120),
    personas: ["reviewer"],
    moduleCount: 2,
    spare: false,
  });
  const { manager, reviewer } = school.clients;
  const id = school.programmeId;
  const send = async (client: typeof manager, path: string, form: [string, string][], status: number, what: string) => {
    const answer = await client.post(path, { form });
    await expectStatus(answer, status, what);
    return answer;
  };
  const revue = `/programmes/${id}/revue`;
  const versions = `/programmes/${id}/versions`;
  // Publishing answers with a redirect to the list of versions (no `?index` left in the address).
  const publish = (label: string) => send(manager, versions, [["intent", "publish"], ["label", label]], 302, `publication « ${label.slice(0, 20)} »`);
  const move = (client: typeof manager, path: string, intent: string, number: number, note?: string) =>
    send(client, path, [["intent", intent], ["number", String(number)], ...(note === undefined ? [] : [["note", note] as [string, string]])], 200, `${intent} de la version ${number}`);

  // Both read the pages in Chromium as the review goes on.
  const problems: string[] = [];
  const managerPage = await (await browser.newContext()).newPage();
  watch(managerPage, problems);
  await signIn(managerPage, school.emails.manager, school.password);
  const reviewerPage = await (await browser.newContext()).newPage();
  watch(reviewerPage, problems);
  await signIn(reviewerPage, school.emails.reviewer, school.password);

  // Version 1, then a module whose words are traps, then version 2: the comparison shows them.
  await publish(`=Version ${markup("version-1")}`);
  const first = school.modules[0];
  await send(
    manager,
    `/programmes/${id}/modules/${first.id}`,
    [
      ["version", String(first.version)],
      ["code", first.code],
      ["title", `+Module ${markup("module-v2")}`],
      ["semester", "1"],
      ["ects", "3"],
      ["assessmentMethod", `-Oral ${markup("evaluation-v2")}`],
      ["description", markup("description-v2")],
    ],
    302,
    "modification du module",
  );
  await publish(`@Version ${markup("version-2")}`);

  // The reviewer is let in; version 1 is submitted; comments on the programme, a module and a
  // requirement; an answer; the comment edited (its first text kept); changes requested.
  await send(manager, revue, [["intent", "open_reviewer"], ["email", school.emails.reviewer]], 200, "accès de l'évaluateur");
  await move(manager, versions, "submit", 1);
  await send(reviewer, revue, [["intent", "comment"], ["subject", "programme"], ["body", markup("commentaire")]], 200, "commentaire sur la formation");
  await send(reviewer, revue, [["intent", "comment"], ["subject", "module"], ["moduleCode", first.code], ["body", markup("commentaire-module")]], 200, "commentaire sur un module");
  await send(reviewer, revue, [["intent", "comment"], ["subject", "requirement"], ["itemRef", school.itemRefs[0]], ["body", markup("commentaire-exigence")]], 200, "commentaire sur une exigence");
  const commentId = withDatabase(databaseFile, (db) => (db.prepare(`SELECT id FROM "ReviewComment" WHERE "programmeId" = ? AND body = ?`).get(id, markup("commentaire")) as { id: string }).id);
  await send(manager, revue, [["intent", "comment"], ["subject", "programme"], ["parentId", commentId], ["body", markup("reponse")]], 200, "réponse");
  await send(reviewer, revue, [["intent", "edit"], ["commentId", commentId], ["body", markup("commentaire-modifie")]], 200, "modification du commentaire");
  await move(reviewer, revue, "request_changes", 1, `=Modifications ${markup("note-modifications")}`);
  // The review page shows the latest decision and its note, until the next submission.
  const afterChanges = await visit(managerPage, [revue, "/"], problems);
  // Version 2 approved with a note; version 3 left waiting (on both home pages).
  await move(manager, versions, "submit", 2);
  await move(reviewer, revue, "approve", 2, `+Approuvée ${markup("note-approbation")}`);
  const afterApproval = await visit(reviewerPage, [revue], problems);
  // A draft identical to the last version is not published again (409): the second module changes first.
  const second = school.modules[1];
  await send(
    manager,
    `/programmes/${id}/modules/${second.id}`,
    [
      ["version", String(second.version)],
      ["code", second.code],
      ["title", `=Module ${markup("module-v3")}`],
      ["semester", "1"],
      ["ects", "3"],
    ],
    302,
    "modification du second module",
  );
  await publish(`-Version ${markup("version-3")}`);
  await move(manager, versions, "submit", 3);
  // A copy under a trapped title.
  const copied = await send(manager, `/programmes/${id}/dupliquer`, [["title", `=Copie ${markup("copie")}`]], 302, "duplication");
  const copyId = /\/programmes\/([^/?]+)\?copie=1$/.exec(copied.headers.get("location") ?? "")?.[1];
  expect(copyId, "adresse de la copie").toBeTruthy();

  const compare = (from: string, to: string) => `${versions}/comparer?de=${from}&a=${to}`;
  const byManager = await visit(
    managerPage,
    [
      "/",
      "/programmes",
      `/programmes/${id}`,
      versions,
      `${versions}/1`,
      `${versions}/2`,
      `${versions}/3`,
      compare("1", "2"),
      compare("1", "brouillon"),
      compare("2", "3"),
      revue,
      `${revue}?sujet=module&module=${first.code}`,
      `/programmes/${id}/historique`,
      `/programmes/${id}/historique?type=review`,
      `/programmes/${id}/dupliquer`,
      `/programmes/${id}/couverture`,
      `/programmes/${id}/matrice`,
      `/programmes/${id}/rapport`,
      `/programmes/${copyId}`,
      `/programmes/${copyId}/historique`,
      `/programmes/${copyId}/versions`,
    ],
    problems,
  );
  const byReviewer = await visit(reviewerPage, ["/", "/programmes", revue, versions, `${versions}/3`, compare("1", "2"), `/programmes/${id}/historique`], problems);
  expect(problems).toEqual([]);
  const failed = [...byManager, ...byReviewer].filter(([, { status }]) => status !== 200).map(([path, { status }]) => `${path} : ${status}`);
  expect(failed).toEqual([]);

  // Each trap is on the pages that show it, as the text that was typed.
  const shows = (seen: Map<string, { text: string }>, path: string, ...fields: string[]) => {
    for (const field of fields) expect(seen.get(path)!.text, `${path} montre « ${field} » comme du texte`).toContain(markup(field));
  };
  shows(byManager, "/", "formation-revue");
  shows(byReviewer, "/", "formation-revue");
  shows(byManager, versions, "version-1", "version-2", "version-3");
  shows(byManager, `${versions}/1`, "version-1");
  shows(byManager, `${versions}/3`, "version-3");
  shows(byManager, compare("1", "2"), "module-v2", "evaluation-v2", "description-v2");
  shows(afterChanges, revue, "note-modifications");
  shows(afterChanges, "/", "formation-revue");
  shows(afterApproval, revue, "note-approbation");
  shows(byManager, revue, "commentaire-modifie", "commentaire", "commentaire-module", "commentaire-exigence", "reponse");
  shows(byManager, `${versions}/1`, "note-modifications");
  shows(byManager, `${versions}/2`, "version-2", "note-approbation", "module-v2");
  shows(byReviewer, revue, "commentaire-modifie", "reponse", "nom-manager");
  shows(byManager, `/programmes/${id}/historique`, "version-1", "version-2", "note-modifications", "note-approbation", "copie");
  shows(byManager, `/programmes/${copyId}`, "copie");
  shows(byManager, `/programmes/${copyId}/historique`, "copie", "formation-revue");

  // The API answers JSON that keeps the text, never a page a browser would run.
  const auth = { Authorization: `Bearer ${school.tokens.manager}` };
  for (const [path, field] of [
    [`/api/v1/programmes/${id}/versions`, "version-2"],
    [`/api/v1/programmes/${id}/versions/2`, "module-v2"],
    [`/api/v1/programmes/${id}/compare?from=1&to=2`, "description-v2"],
    [`/api/v1/programmes/${copyId}`, "copie"],
  ]) {
    const answer = await manager.get(path, auth);
    expect(answer.status, path).toBe(200);
    expect(answer.headers.get("content-type"), path).toMatch(/^application\/json/);
    expect(answer.headers.get("x-content-type-options"), path).toBe("nosniff");
    expect(JSON.stringify(answer.json()), path).toContain(JSON.stringify(markup(field)).slice(1, -1));
  }
});
