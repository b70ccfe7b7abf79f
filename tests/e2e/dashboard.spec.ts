import { DEMO, expect, signIn, test } from "./fixtures";

test("l'accueil d'un enseignant montre d'abord les formations où il enseigne, avec leur couverture", async ({ page }) => {
  await signIn(page, DEMO.teacher);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Émilie Petit (démo)");
  const programmes = page.getByTestId("dashboard-programmes").locator(":scope > li");
  await expect(programmes.first()).toContainText("vos modules");
  await expect(programmes.first().getByRole("img").first()).toHaveAttribute("aria-label", /% couvert/);
});

test("l'accueil d'un administrateur montre les modifications récentes de l'établissement", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/etablissement/membres");
  const email = `accueil.${Date.now()}@demo.maquette.fr`;
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByRole("button", { name: "Créer le lien d'invitation" }).click();
  await expect(page.getByTestId("invitation-link")).toBeVisible();
  await page.goto("/");
  // A sentence with the names, in the reader's language, and the time in the school's zone, named.
  const newest = page.getByTestId("recent-changes").locator("li").first();
  await expect(newest).toContainText(`Alice Martin (démo) a invité ${email} (enseignant)`);
  await expect(newest).toContainText("(Europe/Paris)");
});

test("l'accueil d'un évaluateur ne montre que la formation à laquelle il est invité", async ({ page }) => {
  await signIn(page, DEMO.reviewer);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Formations à évaluer" })).toBeVisible();
  await expect(page.getByTestId("dashboard-programmes").locator(":scope > li")).toHaveCount(1);
  await expect(page.getByTestId("dashboard-programmes")).toContainText("Master Management du commerce électronique");
  await expect(page.getByTestId("recent-changes")).toHaveCount(0);
});
