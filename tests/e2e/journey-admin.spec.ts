import { DEMO, expect, signIn, test } from "./fixtures";
import { expectNothingSerious, snap } from "./journey-helpers";

/** An admin manages members and roles, then reads a programme's history. */
test("parcours de l'administrateur : membres, rôles, puis l'historique d'une formation", async ({ page, browser }, testInfo) => {
  // A journey is a whole first day in a dozen pages: more than one page's 30 s budget.
  test.setTimeout(120_000);
  const stamp = Date.now();
  const email = `collegue.${stamp}@demo.maquette.fr`;
  await signIn(page, DEMO.admin);
  await page.goto("/etablissement/membres");
  await expectNothingSerious(page);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Rôle").last().selectOption("teacher");
  await page.getByRole("button", { name: "Créer le lien d'invitation" }).click();
  const link = (await page.getByTestId("invitation-link").textContent())!.trim();
  const context = await browser.newContext();
  const colleague = await context.newPage();
  await colleague.goto(link);
  await colleague.getByLabel("Nom et prénom").fill("Jules Collègue");
  await colleague.getByLabel("Mot de passe").fill("un mot de passe sûr");
  await colleague.getByRole("button", { name: "Rejoindre l'établissement" }).click();
  await expect(colleague.getByRole("button", { name: "Se déconnecter" })).toBeVisible();

  // Promote the new member to programme manager.
  await page.reload();
  const row = page.getByTestId(`member-${email}`);
  await row.getByRole("combobox").selectOption("manager");
  await Promise.all([
    page.waitForResponse((response) => response.url().includes("/etablissement/membres") && response.request().method() === "POST"),
    row.getByRole("button", { name: "Changer le rôle" }).click(),
  ]);
  await page.reload();
  await expect(page.getByTestId(`member-${email}`).getByRole("combobox")).toHaveValue("manager");
  await snap(page, testInfo, "01-membres");
  await expectNothingSerious(page);

  // The new manager edits a module title of the BTS; the admin reads it in the history.
  await colleague.goto("/programmes");
  await colleague.getByRole("link", { name: "BTS Négociation et digitalisation de la relation client, parcours e-commerce" }).click();
  await expect(colleague.getByRole("heading", { level: 1 })).toHaveText("BTS Négociation et digitalisation de la relation client, parcours e-commerce");
  const programmeUrl = new URL(colleague.url()).pathname;
  await colleague.getByRole("link", { name: "Matrice", exact: true }).click();
  const cell = colleague.getByTestId("cell-B1-CULT-T06");
  await cell.click();
  await colleague.keyboard.press("3");
  await expect(colleague.getByTestId("matrix-status")).toHaveText("Toutes les modifications sont enregistrées.");

  await page.goto(programmeUrl);
  await page.getByRole("link", { name: "Historique" }).click();
  await expectNothingSerious(page);
  await page.getByLabel("Personne").selectOption({ label: "Jules Collègue" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByTestId("history-row")).toHaveCount(1);
  await expect(page.getByTestId("history-row")).toContainText("Jules Collègue a changé T06 pour B1-CULT");
  await expect(page.getByTestId("history-row")).toContainText("profondeur 3");
  await page.getByTestId("history-row").getByText("Avant / après").click();
  await snap(page, testInfo, "02-historique");

  // Finally the admin removes the member (after confirming): their access ends.
  await page.goto("/etablissement/membres");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByTestId(`member-${email}`).getByRole("button", { name: "Retirer" }).click();
  await expect(page.getByTestId(`member-${email}`)).toHaveCount(0);
  await colleague.goto(programmeUrl);
  await expect(colleague.getByRole("heading", { level: 1 })).not.toHaveText("BTS Négociation et digitalisation de la relation client, parcours e-commerce");
  await context.close();
});
