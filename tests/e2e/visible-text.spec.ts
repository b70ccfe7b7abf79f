import { expect, signIn, test, DEMO, apiToken, bearer, createOneModuleProgramme } from "./fixtures";
import { codesOn } from "./visible-text-helpers";

test("aucune page principale ne montre de code interne, en français comme en anglais", async ({ page, request }) => {
  // Sixteen pages read in each language.
  test.setTimeout(120_000);
  await signIn(page, DEMO.manager);
  // Changes the home page's recent changes must put in words: a programme created, a version
  // published, a cell of the matrix changed (a suggestion applied), a comment.
  const token = await apiToken(request, DEMO.manager);
  const id = await createOneModuleProgramme(request, token, "BTS sans code interne");
  expect((await request.post(`/api/v1/programmes/${id}/versions`, { headers: bearer(token), data: { label: "Dossier" } })).status()).toBe(201);
  await page.goto(`/programmes/${id}/couverture`);
  await page.getByRole("button", { name: "Appliquer" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "appliqu" })).toBeVisible();
  await page.goto(`/programmes/${id}/revue`);
  await page.getByRole("radio", { name: "La formation" }).check();
  await page.getByLabel("Commentaire", { exact: true }).fill("Les heures du semestre 1 sont à revoir.");
  await page.getByRole("button", { name: "Publier le commentaire" }).click();
  await expect(page.getByTestId("comment-body").filter({ hasText: "Les heures du semestre 1 sont à revoir." })).toBeVisible();

  const paths = [
    "/",
    "/programmes",
    `/programmes/${id}`,
    `/programmes/${id}/matrice`,
    `/programmes/${id}/couverture`,
    `/programmes/${id}/rapport`,
    `/programmes/${id}/versions`,
    `/programmes/${id}/versions/1`,
    `/programmes/${id}/versions/comparer?de=1&a=brouillon`,
    `/programmes/${id}/revue`,
    `/programmes/${id}/historique`,
    `/programmes/${id}/referentiels`,
    "/referentiels",
    "/referentiels/charge-e-commerce",
    "/referentiels/charge-e-commerce/versions",
    "/compte",
  ];
  for (const language of ["fr", "en"] as const) {
    if (language === "en") {
      await page.getByRole("button", { name: "Switch to English" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
    }
    const found: string[] = [];
    for (const path of paths) found.push(...(await codesOn(page, path)));
    expect(found, `internal codes on screen (${language})`).toEqual([]);
    // The home page's recent changes are sentences with names, in the reader's language.
    await page.goto("/");
    const recent = page.getByTestId("recent-changes");
    await expect(recent).toContainText(language === "fr" ? "a publié la version 1 « Dossier » · BTS sans code interne" : "published version 1 “Dossier” · BTS sans code interne");
    await expect(recent).toContainText(language === "fr" ? "a commenté sur la formation" : "commented on the programme");
  }
  await page.getByRole("button", { name: "Passer en français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
});
