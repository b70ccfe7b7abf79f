import { createHash } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { apiToken, bearer, DEMO, expect, signIn, test } from "./fixtures";

/** A small programme of our own (so that locking it never disturbs another test), through the API. */
async function createProgramme(request: APIRequestContext, title: string) {
  const token = await apiToken(request, DEMO.manager);
  const csv = [
    "module_code,module_title,semester,ects,hours,item_ref,depth,assessed",
    "UE1,Vendre en ligne,1,30,60,charge-e-commerce/C1,1,non",
    "UE2,Piloter la boutique,2,30,60,charge-e-commerce/C2,2,oui",
  ].join("\n");
  const response = await request.post(`/api/v1/programmes?title=${encodeURIComponent(title)}&level=5&entryEcts=0&semesters=2&diplomaType=bts&targets=charge-e-commerce`, {
    headers: { ...bearer(token), "Content-Type": "text/csv" },
    data: csv,
  });
  expect(response.status(), await response.text()).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, token };
}

async function publish(page: Page, id: string, label: string) {
  await page.goto(`/programmes/${id}/versions`);
  await page.getByLabel("Libellé (facultatif)").fill(label);
  await page.getByRole("button", { name: "Publier une version" }).click();
  await expect(page.getByRole("status").filter({ hasText: "publiée" })).toBeVisible();
}

/** Saves one matrix cell from the page, exactly as the grid does (same-origin fetch with the session). */
async function saveCell(page: Page, programmeId: string, cell: { moduleId: string; version: number; itemRef: string; depth: number; assessed: boolean }) {
  return page.evaluate(
    async ({ url, body }) => {
      const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      return { status: response.status, text: await response.text() };
    },
    { url: `/programmes/${programmeId}/matrice/cellule`, body: cell },
  );
}

async function signedInPage(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test("publier, modifier le brouillon, comparer : la version publiée ne bouge pas et son empreinte se vérifie", async ({ page, request }) => {
  const { id, token } = await createProgramme(request, `BTS versionné ${Date.now()}`);
  await signIn(page, DEMO.manager);
  await page.goto(`/programmes/${id}`);
  await page.getByRole("link", { name: "Versions" }).click();
  await expect(page.getByText("Aucune version publiée.")).toBeVisible();
  await publish(page, id, "Dossier d'accréditation 2027");
  await expect(page.getByTestId("version-1")).toContainText("Dossier d'accréditation 2027");
  await expect(page.getByTestId("version-1")).toContainText("Publiée");

  const snapshotUrl = `/api/v1/programmes/${id}/versions/1`;
  const first = await request.get(snapshotUrl, { headers: bearer(token) });
  const firstBody = await first.text();

  // Edit the draft: a module's title through its form, a matrix cell as the grid saves it.
  await page.goto(`/programmes/${id}`);
  await page.getByTestId("module-UE1").getByRole("link", { name: "Vendre en ligne" }).click();
  await page.getByLabel("Intitulé").fill("Vendre en ligne et sur place");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("module-UE1")).toContainText("Vendre en ligne et sur place");
  const detail = (await (await request.get(`/api/v1/programmes/${id}`, { headers: bearer(token) })).json()) as { modules: { id: string; code: string; version: number }[] };
  const ue2 = detail.modules.find((m) => m.code === "UE2")!;
  const saved = await saveCell(page, id, { moduleId: ue2.id, version: ue2.version, itemRef: "charge-e-commerce/C3", depth: 3, assessed: true });
  expect(saved.status, saved.text).toBe(200);

  // Compare version 1 with the draft, on the page and through the API.
  await page.goto(`/programmes/${id}/versions`);
  await page.getByLabel("De", { exact: true }).selectOption("1");
  await page.getByLabel("À", { exact: true }).selectOption("brouillon");
  await page.getByRole("button", { name: "Comparer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Version 1 → Brouillon actuel");
  await expect(page.getByTestId("diff-modules-changed")).toContainText("Vendre en ligne et sur place");
  await expect(page.getByTestId("diff-mappings")).toContainText("charge-e-commerce/C3");
  await expect(page.getByTestId("diff-mappings")).toContainText("profondeur 3 · évaluée");
  const api = (await (await request.get(`/api/v1/programmes/${id}/compare?from=1&to=draft`, { headers: bearer(token) })).json()) as {
    diff: { modulesChanged: { code: string; changes: { field: string; to: string }[] }[]; mappingsChanged: { itemRef: string }[] };
  };
  expect(api.diff.modulesChanged).toEqual([{ code: "UE1", title: "Vendre en ligne et sur place", changes: [{ field: "title", from: "Vendre en ligne", to: "Vendre en ligne et sur place" }] }]);
  expect(api.diff.mappingsChanged.map((m) => m.itemRef)).toEqual(["charge-e-commerce/C3"]);

  // The published snapshot is byte for byte what it was, and its stored hash is its SHA-256.
  const again = await request.get(snapshotUrl, { headers: bearer(token) });
  const body = await again.text();
  expect(body).toBe(firstBody);
  expect(createHash("sha256").update(body, "utf8").digest("hex")).toBe(again.headers()["x-snapshot-sha256"]);
  expect(JSON.parse(body).modules.map((m: { title: string }) => m.title)).toEqual(["Vendre en ligne", "Piloter la boutique"]);
  await page.goto(`/programmes/${id}/versions/1`);
  await expect(page.getByTestId("integrity")).toContainText("Empreinte vérifiée");
});

test("soumettre, commenter une exigence, demander des modifications, répondre, corriger, approuver", async ({ page, request, browser }) => {
  const title = `Licence évaluée ${Date.now()}`;
  const { id } = await createProgramme(request, title);
  await signIn(page, DEMO.manager);
  await publish(page, id, "Première soumission");

  // Open the programme to the demo reviewer, then submit version 1.
  await page.goto(`/programmes/${id}/revue`);
  await page.getByLabel("Adresse de l'évaluateur").fill("pas-une-adresse");
  await page.getByRole("button", { name: "Donner accès" }).click();
  await expect(page.locator("#reviewer-email-error")).toBeVisible();
  await page.getByLabel("Adresse de l'évaluateur").fill(DEMO.teacher);
  await page.getByRole("button", { name: "Donner accès" }).click();
  await expect(page.locator("#reviewer-email-error")).toContainText("déjà membre");
  await page.getByLabel("Adresse de l'évaluateur").fill(DEMO.reviewer);
  await page.getByRole("button", { name: "Donner accès" }).click();
  await expect(page.getByTestId("programme-reviewer")).toContainText(DEMO.reviewer);
  await page.goto(`/programmes/${id}/versions`);
  await page.getByTestId("version-1").getByRole("button", { name: "Soumettre à évaluation" }).click();
  await expect(page.getByText("Version 1 soumise à évaluation")).toBeVisible();

  // Locked: the edit pages answer 409 and the matrix refuses saves.
  expect((await page.request.get(`/programmes/${id}/modifier`)).status()).toBe(409);
  await page.goto(`/programmes/${id}`);
  await expect(page.getByText("La version 1 est soumise à évaluation")).toBeVisible();
  await expect(page.getByRole("link", { name: "Modifier", exact: true })).toHaveCount(0);
  const lockedProgramme = (await (await request.get(`/api/v1/programmes/${id}`, { headers: bearer(await apiToken(request, DEMO.manager)) })).json()) as { modules: { id: string; code: string; version: number }[] };
  const refused = await saveCell(page, id, { moduleId: lockedProgramme.modules[0].id, version: lockedProgramme.modules[0].version, itemRef: "charge-e-commerce/C1", depth: 4, assessed: true });
  expect(refused.status).toBe(409);
  expect(refused.text).toContain("verrouillée");

  // The reviewer finds the programme, comments on a gap from the coverage page, requests changes.
  const reviewer = await signedInPage(browser, DEMO.reviewer);
  await reviewer.goto("/");
  await expect(reviewer.getByTestId("pending-reviews")).toContainText(`${title} · Version 1`);
  await reviewer.goto("/programmes");
  await reviewer.getByRole("link", { name: title }).click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText(title);
  await reviewer.getByRole("navigation", { name: "Actions de la formation" }).getByRole("link", { name: "Couverture" }).click();
  await reviewer.getByTestId("gap-list").getByRole("link", { name: "Commenter" }).first().click();
  await expect(reviewer.getByLabel("Une exigence (ligne de couverture)")).toBeChecked();
  await reviewer.getByLabel("Commentaire", { exact: true }).fill("Cette compétence n'est jamais évaluée.");
  await reviewer.getByRole("button", { name: "Publier le commentaire" }).click();
  await expect(reviewer.getByTestId("comment")).toContainText("Cette compétence n'est jamais évaluée.");
  await reviewer.getByRole("button", { name: "Demander des modifications" }).click();
  await expect(reviewer.locator("#decision-note-error")).toContainText("Dites ce qui doit changer.");
  await reviewer.getByLabel("Note de décision").fill("Évaluer C1 avant la prochaine soumission.");
  await reviewer.getByRole("button", { name: "Demander des modifications" }).click();
  await expect(reviewer.getByTestId("review-state")).toContainText("Modifications demandées");

  // The manager sees it waiting on their home page, answers, corrects the draft, publishes and submits version 2.
  await page.goto("/");
  await expect(page.getByTestId("pending-reviews").getByRole("listitem").filter({ hasText: title })).toContainText("Modifications demandées");
  await page.goto(`/programmes/${id}/revue`);
  await expect(page.getByTestId("review-state")).toContainText("Évaluer C1 avant la prochaine soumission.");
  await page.getByLabel("Répondre").fill("C1 est évaluée en S1 dans la version 2.");
  await page.getByRole("button", { name: "Publier la réponse" }).click();
  await expect(page.getByTestId("comment").getByTestId("comment")).toContainText("C1 est évaluée en S1");
  const token = await apiToken(request, DEMO.manager);
  const programme = (await (await request.get(`/api/v1/programmes/${id}`, { headers: bearer(token) })).json()) as { modules: { id: string; code: string; version: number }[] };
  const ue1 = programme.modules.find((m) => m.code === "UE1")!;
  // While version 1 was under review, the same save was refused (checked above through the edit page).
  const saved = await saveCell(page, id, { moduleId: ue1.id, version: ue1.version, itemRef: "charge-e-commerce/C1", depth: 2, assessed: true });
  expect(saved.status, saved.text).toBe(200);
  await publish(page, id, "Corrigée");
  await page.getByTestId("version-2").getByRole("button", { name: "Soumettre à évaluation" }).click();
  await expect(page.getByText("Version 2 soumise à évaluation")).toBeVisible();

  // The reviewer edits their comment (the first text stays readable) and approves version 2.
  await reviewer.goto(`/programmes/${id}/revue`);
  await reviewer.getByText("Modifier mon commentaire").click();
  await reviewer.getByLabel("Nouveau texte du commentaire").fill("C1 n'était pas évaluée dans la version 1.");
  await reviewer.getByRole("button", { name: "Enregistrer la modification" }).click();
  const comment = reviewer.getByTestId("comment").first();
  await expect(comment.getByTestId("comment-body").first()).toHaveText("C1 n'était pas évaluée dans la version 1.");
  await comment.getByText("Textes précédents (1)").click();
  await expect(comment).toContainText("Cette compétence n'est jamais évaluée.");
  await reviewer.getByRole("button", { name: "Approuver" }).click();
  await expect(reviewer.getByTestId("review-state")).toContainText("Approuvée");
  await expect(reviewer.getByTestId("review-state")).toContainText("Décision de Victor Durand (démo)");

  // Recorded: versions list shows who decided; the draft is editable again.
  await page.goto(`/programmes/${id}/versions`);
  await expect(page.getByTestId("version-2")).toContainText("Approuvée");
  await expect(page.getByTestId("version-1")).toContainText("Modifications demandées");
  expect((await page.request.get(`/programmes/${id}/modifier`)).status()).toBe(200);
  await reviewer.context().close();
});

test("publier revient à l'adresse de la liste (sans « ?index ») ; un brouillon identique n'est pas publié une seconde fois, ni par l'API (409)", async ({ page, request }) => {
  await signIn(page, DEMO.manager);
  const { id, token } = await createProgramme(request, "BTS publié une fois");
  await publish(page, id, "Première");
  await expect(page).toHaveURL(new RegExp(`/programmes/${id}/versions$`));
  await expect(page.getByTestId("version-1")).toBeVisible();
  await expect(page.getByText("Le brouillon est identique à la dernière version publiée.")).toBeVisible();

  await page.getByRole("button", { name: "Publier une version" }).click();
  await expect(page.getByText("Le brouillon est identique à la dernière version publiée (version 1) : rien à publier.")).toBeVisible();
  await expect(page.getByTestId("version-2")).toHaveCount(0);

  const api = await request.post(`/api/v1/programmes/${id}/versions`, { headers: bearer(token), data: { label: "Encore" } });
  expect(api.status()).toBe(409);
  expect(await api.json()).toMatchObject({ error: "Le brouillon est identique à la dernière version publiée (version 1) : rien à publier.", number: 1 });
  const english = await request.post(`/api/v1/programmes/${id}/versions`, { headers: { ...bearer(token), "Accept-Language": "en" }, data: {} });
  expect(((await english.json()) as { error: string }).error).toBe("The draft is identical to the last published version (version 1): nothing to publish.");
  const versions = (await (await request.get(`/api/v1/programmes/${id}/versions`, { headers: bearer(token) })).json()) as { versions: unknown[] };
  expect(versions.versions).toHaveLength(1);
});
