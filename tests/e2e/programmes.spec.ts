import type { APIRequestContext, Page } from "@playwright/test";
import { expect, signIn, test, DEMO, apiToken, bearer, createOneModuleProgramme } from "./fixtures";

test("un responsable crée une formation, ajoute des modules, remplit la matrice au clavier, et tout est là après rechargement", async ({ page, request }) => {
  await signIn(page, DEMO.manager);
  await page.goto("/programmes/nouveau");
  // Invalid first: errors beside the fields, nothing saved.
  await page.getByLabel("Intitulé de la formation").fill("ab");
  await page.getByRole("button", { name: "Créer la formation" }).click();
  await expect(page.getByText("Le titre doit compter au moins 3 caractères.")).toBeVisible();
  await expect(page.getByText("Choisissez au moins un métier visé.")).toBeVisible();
  await page.getByLabel("Intitulé de la formation").fill("Master test e2e");
  await page.getByLabel("Type de diplôme").selectOption("master");
  await page.getByLabel(/Chargé\(e\) du e-commerce/).check();
  await page.getByRole("button", { name: "Créer la formation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Master test e2e");
  const programmeUrl = new URL(page.url()).pathname;

  for (const [code, title, semester] of [
    ["UE1", "Marketing digital", "1"],
    ["UE2", "Analyse des ventes", "2"],
  ]) {
    await page.getByRole("link", { name: "Ajouter un module" }).click();
    await page.getByLabel("Code").fill(code);
    await page.getByLabel("Intitulé").fill(title);
    await page.getByLabel("Semestre").fill(semester);
    await page.getByLabel("ECTS").fill("30");
    await page.getByRole("button", { name: "Créer le module" }).click();
    await expect(page.getByTestId(`module-${code}`)).toBeVisible();
  }
  // A duplicate code is refused beside the field.
  await page.getByRole("link", { name: "Ajouter un module" }).click();
  await page.getByLabel("Code").fill("UE1");
  await page.getByLabel("Intitulé").fill("Doublon");
  await page.getByRole("button", { name: "Créer le module" }).click();
  await expect(page.getByText("Ce code est déjà pris dans la formation.")).toBeVisible();

  await page.goto(`${programmeUrl}/matrice`);
  const first = page.getByTestId("cell-UE1-charge-e-commerce/C1");
  await first.click();
  await page.keyboard.press("3");
  await page.keyboard.press("e");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("2");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("4");
  await expect(page.getByTestId("matrix-status")).toHaveText("Toutes les modifications sont enregistrées.");
  await expect(page.getByTestId("cell-UE2-charge-e-commerce/C2")).toHaveAttribute("data-state", "saved");
  await page.reload();
  await expect(page.getByTestId("cell-UE1-charge-e-commerce/C1")).toHaveAccessibleName("UE1 × charge-e-commerce/C1 : profondeur 3, évalué");
  await expect(page.getByTestId("cell-UE2-charge-e-commerce/C1")).toHaveAccessibleName("UE2 × charge-e-commerce/C1 : profondeur 2");
  await expect(page.getByTestId("cell-UE2-charge-e-commerce/C2")).toHaveAccessibleName("UE2 × charge-e-commerce/C2 : profondeur 4");
  // Live coverage follows the edits: 2 of the sheet's competences now covered.
  await expect(page.getByTestId("live-charge-e-commerce")).toContainText("2/");
  // A cell outside the programme's targets is refused, and nothing changes.
  const programmeId = new URL(page.url()).pathname.split("/")[2];
  const headers = bearer(await apiToken(request, DEMO.manager));
  const before = await (await request.get(`/api/v1/programmes/${programmeId}`, { headers })).json();
  const ue1 = before.modules.find((m: { code: string }) => m.code === "UE1");
  const status = await page.evaluate(
    async ({ id, moduleId, version }) =>
      (
        await fetch(`/programmes/${id}/matrice/cellule`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ moduleId, version, itemRef: "directeur-e-commerce/C1", depth: 2, assessed: false }),
        })
      ).status,
    { id: programmeId, moduleId: ue1.id, version: ue1.version },
  );
  expect(status).toBe(400);
  const after = await (await request.get(`/api/v1/programmes/${programmeId}`, { headers })).json();
  expect(after.modules).toEqual(before.modules);
});

test("un enseignant ne modifie que les lignes de ses modules", async ({ page, request }) => {
  await signIn(page, DEMO.teacher);
  await page.goto("/programmes");
  await page.getByRole("link", { name: "BTS Négociation et digitalisation de la relation client, parcours e-commerce" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("BTS Négociation et digitalisation de la relation client, parcours e-commerce");
  await page.getByRole("link", { name: "Matrice", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Matrice modules × exigences");
  await page.getByLabel("Mes modules").uncheck();
  const own = page.getByTestId("cell-B2-ECOM-K-34052");
  await own.click();
  await page.keyboard.press("1");
  await expect(own).toHaveAttribute("data-state", "saved");
  const other = page.getByTestId("cell-B1-CULT-K-34052");
  await expect(other).toHaveAttribute("aria-readonly", "true");
  await other.click();
  await page.keyboard.press("2");
  await expect(other).toHaveAccessibleName("B1-CULT × K-34052 : non relié");
  // The server refuses it too, whatever the page does.
  const programmeId = new URL(page.url()).pathname.split("/")[2];
  const token = await apiToken(request, DEMO.teacher);
  const programme = await (await request.get(`/api/v1/programmes/${programmeId}`, { headers: bearer(token) })).json();
  expect(programme.modules.find((m: { code: string }) => m.code === "B1-CULT").mappings).not.toContainEqual(expect.objectContaining({ itemRef: "K-34052" }));
  const refused = await page.evaluate(async (id) => {
    const response = await fetch(`/programmes/${id}/matrice/cellule`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ moduleId: "x", version: 1, itemRef: "T06", depth: 2, assessed: false }),
    });
    return response.status;
  }, programmeId);
  expect(refused).toBe(404);
});

test("deux navigateurs modifient la même cellule : le second reçoit un conflit 409 et ne perd rien", async ({ browser }) => {
  const alice = await browser.newPage();
  const bob = await browser.newPage();
  await signIn(alice, DEMO.manager);
  await signIn(bob, DEMO.admin);
  for (const page of [alice, bob]) {
    await page.goto("/programmes");
    await page.getByRole("link", { name: "Licence professionnelle E-commerce et marketing numérique" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Licence professionnelle E-commerce et marketing numérique");
    await page.getByRole("link", { name: "Matrice", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Matrice modules × exigences");
  }
  const cell = "cell-LP-ANG-T11";
  await alice.getByTestId(cell).click();
  await alice.keyboard.press("2");
  await expect(alice.getByTestId(cell)).toHaveAttribute("data-state", "saved");
  await bob.getByTestId(cell).click();
  await bob.keyboard.press("4");
  await expect(bob.getByTestId(cell)).toHaveAttribute("data-state", "conflict");
  await expect(bob.getByRole("alert")).toContainText("Valeur actuelle : 2");
  // Bob applies his value again, knowingly: it is saved on the current version.
  await bob.getByRole("button", { name: "Réappliquer ma valeur (4)" }).click();
  await expect(bob.getByTestId(cell)).toHaveAttribute("data-state", "saved");
  await alice.reload();
  await expect(alice.getByTestId(cell)).toHaveAccessibleName("LP-ANG × T11 : profondeur 4");
  await alice.close();
  await bob.close();
});

test("un import avec des erreurs n'enregistre rien et liste les problèmes par ligne ; corrigé, il crée la formation", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.goto("/programmes");
  const before = await page.locator("li").filter({ hasText: "Import e2e" }).count();
  await page.goto("/programmes/importer");
  const bad = [
    "module_code,module_title,semester,ects,hours,item_ref,depth,assessed",
    "UE1,Web analytics,1,30,20/10/0/0,charge-e-commerce/C3,2,oui",
    "UE2,Droit,2,30,30,K-inconnu,2,oui",
    "UE3,Anglais,2,abc,30,T06,7,oui",
  ].join("\n");
  await page.getByLabel(/Fichier \(CSV ou XLSX/).setInputFiles({ name: "formation.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByLabel("Intitulé de la formation").fill("Import e2e");
  await page.getByLabel("Niveau CNCP").selectOption("5");
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  const problems = page.getByTestId("import-problems");
  await expect(problems).toContainText("Exigence inconnue « K-inconnu ».");
  // Line 3: unknown item; line 4: ECTS and depth. Every problem of a line is listed.
  await expect(problems.locator("tbody tr")).toHaveCount(3);
  await expect(problems.locator("tbody tr").nth(0)).toContainText("3");
  await expect(problems.locator("tbody tr").nth(2)).toContainText("La profondeur doit valoir 1, 2, 3 ou 4 (lue : « 7 »).");
  await page.goto("/programmes");
  await expect(page.locator("li").filter({ hasText: "Import e2e" })).toHaveCount(before);

  await page.goto("/programmes/importer");
  const good = bad.split("\n").slice(0, 2).concat(["UE2,Droit,2,30,30,K-13254,1,oui"]).join("\n");
  await page.getByLabel(/Fichier \(CSV ou XLSX/).setInputFiles({ name: "formation.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByLabel("Intitulé de la formation").fill("Import e2e");
  await page.getByLabel("Type de diplôme").selectOption("bts");
  await page.getByLabel("Niveau CNCP").selectOption("5");
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("2 modules, 2 correspondances");
  await page.getByRole("button", { name: "Confirmer l'import" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import e2e");
  await expect(page.getByRole("status").filter({ hasText: "Formation importée." })).toBeVisible();
  await expect(page.getByTestId("module-UE2")).toBeVisible();
});

/** Signs the demo manager in and opens the demo master from the list: its id and an API token. */
async function openDemoMaster(page: Page, request: APIRequestContext) {
  await signIn(page, DEMO.manager);
  await page.goto("/programmes");
  await page.getByRole("link", { name: "Master Management du commerce électronique" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Master Management du commerce électronique");
  return { programmeId: new URL(page.url()).pathname.split("/")[2], token: await apiToken(request, DEMO.manager) };
}

test("les chiffres de la page de couverture sont ceux de l'API", async ({ page, request }) => {
  const { programmeId, token } = await openDemoMaster(page, request);
  for (const sheet of ["directeur-e-commerce", "responsable-e-commerce", "chef-de-projet-commerce-electronique"]) {
    await page.goto(`/programmes/${programmeId}/couverture?fiche=${sheet}&niveau=7`);
    const api = await (await request.get(`/api/v1/programmes/${programmeId}/coverage?sheet=${sheet}&level=7`, { headers: bearer(token) })).json();
    await expect(page.getByTestId("figure-covered")).toHaveText(String(api.summary.counts.covered));
    await expect(page.getByTestId("figure-partial")).toHaveText(String(api.summary.counts.partial));
    await expect(page.getByTestId("figure-missing")).toHaveText(String(api.summary.counts.missing));
    await expect(page.getByTestId("figure-not-assessed")).toHaveText(String(api.summary.coveredNotAssessed));
    expect(api.summary.counts.covered).toBeGreaterThan(0);
  }
  const bad = await request.get(`/api/v1/programmes/${programmeId}/coverage?sheet=inconnue&level=7`, { headers: bearer(token) });
  expect(bad.status()).toBe(400);
  expect((await request.get(`/api/v1/programmes/${programmeId}/coverage?sheet=directeur-e-commerce&level=9`, { headers: bearer(token) })).status()).toBe(400);
});

test("le tableau de toutes les exigences et la progression par semestre montrent les modules et les profondeurs de l'API", async ({ page, request }) => {
  const { programmeId, token } = await openDemoMaster(page, request);
  await page.goto(`/programmes/${programmeId}/couverture?fiche=directeur-e-commerce&niveau=7`);
  type ApiItem = { ref: string; achievedDepth: number; modules: { code: string; depth: number; assessed: boolean }[] };
  const api = (await (await request.get(`/api/v1/programmes/${programmeId}/coverage?sheet=directeur-e-commerce&level=7`, { headers: bearer(token) })).json()) as { items: ApiItem[] };
  // A requirement taught in several modules, at least one of them assessing it.
  const item = api.items.find((i) => i.modules.length >= 2 && i.modules.some((m) => m.assessed) && i.modules.some((m) => !m.assessed))!;
  expect(item).toBeDefined();
  const all = page.locator("section", { has: page.getByRole("heading", { name: "Toutes les exigences" }) });
  const row = all.getByRole("row").filter({ hasText: item.ref });
  await expect(row.getByRole("cell").last()).toHaveText(item.modules.map((m) => `${m.code} (${m.depth}${m.assessed ? ", évalué" : ""})`).join(" · "));

  // The heatmap: by the end of the last semester, the depth the API says is reached, in a
  // coloured cell (a darker blue for a greater depth, never the white of "not yet").
  const heatmap = page.getByRole("region", { name: "Profondeur atteinte par exigence et par semestre" });
  const last = heatmap.getByRole("row").filter({ hasText: item.ref }).getByRole("cell").last();
  await expect(last).toHaveAccessibleName(new RegExp(`profondeur ${item.achievedDepth}\\b`));
  const background = await last.evaluate((cell) => getComputedStyle(cell).backgroundColor);
  expect(background).not.toBe("rgb(255, 255, 255)");
  expect(background).not.toBe("rgba(0, 0, 0, 0)");
});

test("la page de couverture et l'API montrent l'état actuel après chaque modification, rechargement compris", async ({ page, request }) => {
  await signIn(page, DEMO.manager);
  const token = await apiToken(request, DEMO.manager);
  const id = await createOneModuleProgramme(request, token, "BTS couverture suivie");
  const fromApi = async () => {
    const api = (await (await request.get(`/api/v1/programmes/${id}/coverage?sheet=charge-e-commerce&level=5`, { headers: bearer(token) })).json()) as { summary: { counts: Record<string, number> } };
    return [api.summary.counts.covered, api.summary.counts.partial, api.summary.counts.missing].map(String);
  };
  const onPage = () => Promise.all(["figure-covered", "figure-partial", "figure-missing"].map((id) => page.getByTestId(id).textContent()));
  // A page sent again as it was rendered carries this response's nonce: its scripts run.
  const refused: string[] = [];
  page.on("console", (message) => /Content Security Policy/i.test(message.text()) && refused.push(message.text()));

  await page.goto(`/programmes/${id}/couverture`);
  const before = await fromApi();
  expect(await onPage()).toEqual(before);
  // The same page again (kept as it was rendered), then one suggestion applied.
  await page.reload();
  expect(await onPage()).toEqual(before);
  await page.getByRole("button", { name: "Appliquer" }).first().click();
  await expect.poll(fromApi).not.toEqual(before);
  const after = await fromApi();
  await expect.poll(onPage).toEqual(after);
  // Opened again, as a new page load: the change is there, not the page rendered before it.
  await page.reload();
  expect(await onPage()).toEqual(after);
  await page.goto(`/programmes/${id}/couverture?niveau=5`);
  expect(await onPage()).toEqual(after);
  expect(refused).toEqual([]);
});

test("une case d'une exigence qui n'est pas celle des métiers visés est refusée avec une phrase, sans rien enregistrer", async ({ page, request }) => {
  await signIn(page, DEMO.manager);
  const token = await apiToken(request, DEMO.manager);
  const id = await createOneModuleProgramme(request, token, "BTS cases refusées");
  const refsOf = async (sheet: string) =>
    ((await (await request.get(`/api/v1/programmes/${id}/coverage?sheet=${sheet}&level=5`, { headers: bearer(token) })).json()) as { items: { ref: string; kind: string }[] }).items;
  const own = (await refsOf("charge-e-commerce")).find((item) => item.kind === "competence")!.ref;
  const other = (await refsOf("directeur-e-commerce")).find((item) => item.kind === "competence")!.ref;
  const module = ((await (await request.get(`/api/v1/programmes/${id}`, { headers: bearer(token) })).json()) as { modules: { id: string; version: number }[] }).modules[0];
  const origin = new URL(page.url()).origin;
  const save = (itemRef: string, version = module.version) =>
    page.request.post(`/programmes/${id}/matrice/cellule`, { headers: { Origin: origin }, data: { moduleId: module.id, version, itemRef, depth: 2, assessed: true } });

  for (const itemRef of [other, `charge-e-commerce/${other.split("/")[1]}-inconnue`, "ZZ99"]) {
    const refused = await save(itemRef);
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe(`« ${itemRef} » n'est pas une exigence des métiers visés par la formation.`);
  }
  // Nothing was written: the module is at the same version, and one of its target's competences is accepted.
  const accepted = await save(own);
  expect(accepted.status(), await accepted.text()).toBe(200);
  expect(((await accepted.json()) as { version: number }).version).toBe(module.version + 1);
});

test("une touche frappée juste après l'enregistrement de la précédente est enregistrée à son tour, sans conflit avec soi-même", async ({ page, request }) => {
  const token = await apiToken(request, DEMO.manager);
  const id = await createOneModuleProgramme(request, token, `Frappe rapide ${Date.now()}`);
  await signIn(page, DEMO.manager);
  await page.goto(`/programmes/${id}/matrice`);
  const cell = page.getByTestId("cell-S1-charge-e-commerce/C1");
  await cell.click();
  // The second key must land in the few milliseconds between the first save's answer and the
  // page's next render, which a person typing fast can hit but a scripted press rarely does.
  // The page's own fetch still goes to the server; this only presses "2" in the task that
  // follows the first answer.
  await page.evaluate(() => {
    const send = window.fetch;
    let pressed = false;
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      const response = await send(...args);
      if (pressed || !String(args[0]).endsWith("/matrice/cellule")) return response;
      pressed = true;
      const json = response.json.bind(response);
      response.json = async () => {
        const body = await json();
        const next = new MessageChannel();
        next.port1.onmessage = () => document.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key: "2", code: "Digit2", bubbles: true }));
        next.port2.postMessage(null);
        return body;
      };
      return response;
    };
  });
  await page.keyboard.press("3");
  await expect(page.getByTestId("matrix-status")).toHaveText("Toutes les modifications sont enregistrées.");
  await expect(cell).toHaveAccessibleName("S1 × charge-e-commerce/C1 : profondeur 2");
  await page.reload();
  await expect(page.getByTestId("cell-S1-charge-e-commerce/C1")).toHaveAccessibleName("S1 × charge-e-commerce/C1 : profondeur 2");
});
