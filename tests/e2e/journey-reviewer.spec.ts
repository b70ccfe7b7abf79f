import { apiToken, bearer, DEMO, expect, signIn, test } from "./fixtures";
import { expectNothingSerious, snap } from "./journey-helpers";

/**
 * An accreditation reviewer invited to one programme: opens the link, reads the coverage and
 * the report, comments on a gap, and can reach nothing else.
 */
test("parcours de l'évaluateur : invité à une formation, il la lit, commente un écart et n'atteint rien d'autre", async ({ page, browser, request }, testInfo) => {
  // A journey is a whole first day in a dozen pages: more than one page's 30 s budget.
  test.setTimeout(120_000);
  const stamp = Date.now();
  const title = `Licence pro évaluée ${stamp}`;
  const token = await apiToken(request, DEMO.manager);
  const created = await request.post(`/api/v1/programmes?title=${encodeURIComponent(title)}&level=6&entryEcts=120&semesters=2&diplomaType=licence_pro&targets=charge-e-commerce`, {
    headers: { ...bearer(token), "Content-Type": "text/csv" },
    data: ["module_code,module_title,semester,ects,hours,item_ref,depth,assessed", "LP1,Marketing digital,1,30,60,charge-e-commerce/C1,2,oui", "LP2,Projet tutoré,2,30,0/0/0/60,,,"].join("\n"),
  });
  expect(created.status()).toBe(201);
  const programmeId = ((await created.json()) as { id: string }).id;
  const others = ((await (await request.get("/api/v1/programmes", { headers: bearer(token) })).json()) as { programmes: { id: string }[] }).programmes.filter((p) => p.id !== programmeId);

  // The manager opens the programme to a new reviewer until a date: an invitation link.
  await signIn(page, DEMO.manager);
  await page.goto(`/programmes/${programmeId}/revue`);
  const email = `evaluatrice.${stamp}@hceres.test`;
  await page.getByLabel("Adresse de l'évaluateur").fill(email);
  await page.getByLabel("Accès jusqu'au (facultatif)").fill(`${new Date().getUTCFullYear() + 1}-06-30`);
  await page.getByRole("button", { name: "Donner accès" }).click();
  const link = (await page.getByTestId("reviewer-invitation-link").textContent())!.trim();
  expect(link).toContain("/invitation/");

  // The reviewer opens the link in their own browser and sets a password.
  const context = await browser.newContext();
  const reviewer = await context.newPage();
  await reviewer.goto(link);
  await expectNothingSerious(reviewer);
  await reviewer.getByLabel("Nom et prénom").fill("Inès Évaluatrice");
  await reviewer.getByLabel("Mot de passe").fill("lecture attentive");
  await reviewer.getByRole("button", { name: "Rejoindre l'établissement" }).click();
  await expect(reviewer.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await snap(reviewer, testInfo, "01-accueil-evaluateur");
  await expectNothingSerious(reviewer);

  // Only this programme is listed.
  await reviewer.goto("/programmes");
  await expect(reviewer.getByRole("link", { name: title })).toBeVisible();
  await expect(reviewer.getByRole("main").getByRole("link", { name: /Master|BTS|Licence professionnelle E-commerce/ })).toHaveCount(0);
  await reviewer.getByRole("link", { name: title }).click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectNothingSerious(reviewer);

  // Reads the coverage and the report.
  await reviewer.getByRole("navigation", { name: "Actions de la formation" }).getByRole("link", { name: "Couverture" }).click();
  await expect(reviewer.getByTestId("gap-list")).toBeVisible();
  await snap(reviewer, testInfo, "02-couverture");
  await expectNothingSerious(reviewer);
  await expect(reviewer.getByRole("button", { name: "Appliquer" })).toHaveCount(0);
  await reviewer.goto(`/programmes/${programmeId}/rapport`);
  await expect(reviewer.getByText("Rapport d'accréditation", { exact: true })).toBeVisible();
  await expectNothingSerious(reviewer);
  expect((await reviewer.request.get(`/programmes/${programmeId}/rapport/pdf`)).status()).toBe(200);

  // Comments on a gap from the coverage page.
  await reviewer.goto(`/programmes/${programmeId}/couverture`);
  const gap = reviewer.getByTestId("gap-list").locator("li").first();
  const gapRef = (await gap.locator("code").first().textContent())!.trim();
  await gap.getByRole("link", { name: "Commenter" }).click();
  await expect(reviewer.getByLabel("Exigence commentée")).toHaveValue(gapRef);
  await reviewer.getByLabel("Commentaire", { exact: true }).fill(`${gapRef} n'est développée dans aucun module.`);
  await reviewer.getByRole("button", { name: "Publier le commentaire" }).click();
  await expect(reviewer.getByTestId("comment")).toContainText(`${gapRef} n'est développée dans aucun module.`);
  await snap(reviewer, testInfo, "03-commentaire");
  await expectNothingSerious(reviewer);

  // Nothing else: other programmes are "not found", school pages and writes are refused.
  for (const other of others.slice(0, 3)) {
    expect((await reviewer.request.get(`/programmes/${other.id}`)).status()).toBe(404);
    expect((await reviewer.request.get(`/programmes/${other.id}/couverture`)).status()).toBe(404);
  }
  expect((await reviewer.request.get("/etablissement/membres")).status()).toBe(403);
  expect((await reviewer.request.get("/programmes/nouveau")).status()).toBe(403);
  expect((await reviewer.request.get(`/programmes/${programmeId}/modifier`)).status()).toBe(403);
  await reviewer.goto(`/programmes/${programmeId}/matrice`);
  await expect(reviewer.getByRole("main")).toContainText("Lecture seule : votre rôle permet de lire la matrice, pas de la modifier.");

  // The manager sees the comment and the reviewer's access.
  await page.goto(`/programmes/${programmeId}/revue`);
  await expect(page.getByTestId("comment")).toContainText("Inès Évaluatrice");
  await expect(page.getByTestId("programme-reviewer")).toContainText(email);
  await context.close();
});
