import { expect, signIn, test, DEMO, apiToken, bearer, createOneModuleProgramme } from "./fixtures";
import { codesOn } from "./visible-text-helpers";

const KEPT = "x-maquette-answer";

async function setTimeZone(page: import("@playwright/test").Page, zone: string) {
  await page.goto("/etablissement/parametres");
  await page.getByLabel("Fuseau horaire").selectOption(zone);
  await page.getByRole("button", { name: "Enregistrer" }).click();
}

test("le fuseau horaire de l'établissement nomme chaque heure ; la liste des versions et le rapport s'accordent ; la page de couverture gardée suit le changement", async ({ page, request }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.admin);
  const token = await apiToken(request, DEMO.admin);
  const id = await createOneModuleProgramme(request, token, "BTS à l'heure de Cayenne");
  expect((await request.post(`/api/v1/programmes/${id}/versions`, { headers: bearer(token), data: {} })).status()).toBe(201);
  const coverage = `/programmes/${id}/couverture`;
  await page.goto(coverage);
  expect((await page.reload())!.headers()[KEPT]).toBe("kept");
  try {
    await setTimeZone(page, "America/Cayenne");
    await expect(page.getByRole("status").filter({ hasText: "Fuseau horaire enregistré : America/Cayenne." })).toBeVisible();

    await page.goto(`/programmes/${id}/versions`);
    const published = (await page.getByTestId("version-1").getByText(/\(America\/Cayenne\)$/).textContent())!.trim();
    await page.goto(`/programmes/${id}/rapport`);
    await expect(page.getByTestId("report-version")).toContainText(`publiée le ${published}`);
    await expect(page.getByTestId("report-cover")).toContainText("(America/Cayenne)");
    await expect(page.getByTestId("report-cover")).not.toContainText("Europe/Paris");

    // The kept coverage page is rendered again for the new zone (it is part of every page's data).
    const after = (await page.goto(coverage))!;
    expect(after.headers()[KEPT]).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { __remixContext: { state: { loaderData: { root: { timeZone: string } } } } }).__remixContext.state.loaderData.root.timeZone)).toBe("America/Cayenne");

    await page.goto("/");
    const newest = page.getByTestId("recent-changes").locator("li").first();
    await expect(newest).toContainText("a réglé le fuseau horaire de l'établissement : Europe/Paris → America/Cayenne");
    await expect(newest).toContainText("(America/Cayenne)");
  } finally {
    await setTimeZone(page, "Europe/Paris");
    await expect(page.getByRole("status").filter({ hasText: "Europe/Paris" })).toBeVisible();
  }
});

test("après une invitation, le formulaire repart d'un rôle choisi et le lien précédent disparaît dès la suivante ; les pages d'administration ne montrent aucun code interne", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/etablissement/membres");
  const first = `premiere.${Date.now()}@demo.maquette.fr`;
  const second = `seconde.${Date.now()}@demo.maquette.fr`;
  await page.getByLabel("Adresse électronique").fill(first);
  await page.getByLabel("Rôle", { exact: true }).last().selectOption("manager");
  await page.getByRole("button", { name: "Créer le lien d'invitation" }).click();
  await expect(page.getByTestId("invitation-link")).toBeVisible();
  await expect(page.getByText(`Lien d'invitation de ${first}`)).toBeVisible();
  // Reset: no address, the default role chosen again.
  await expect(page.getByLabel("Adresse électronique")).toHaveValue("");
  await expect(page.getByLabel("Rôle", { exact: true }).last()).toHaveValue("teacher");
  // The next invitation begun: the previous person's link is gone.
  await page.getByLabel("Adresse électronique").fill(second);
  await expect(page.getByTestId("invitation-link")).toHaveCount(0);
  await page.getByRole("button", { name: "Créer le lien d'invitation" }).click();
  await expect(page.getByText(`Lien d'invitation de ${second}`)).toBeVisible();
  await expect(page.getByText("Choisissez un rôle.")).toHaveCount(0);
  await expect(page.getByText(`${second} · Enseignant`)).toBeVisible();

  for (const language of ["fr", "en"] as const) {
    if (language === "en") {
      await page.getByRole("button", { name: "Switch to English" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
    }
    const found = [...(await codesOn(page, "/etablissement/membres")), ...(await codesOn(page, "/etablissement/parametres"))];
    expect(found, language).toEqual([]);
  }
  await page.getByRole("button", { name: "Passer en français" }).click();
});
