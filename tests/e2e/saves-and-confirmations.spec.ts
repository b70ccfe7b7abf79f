import { DEMO, expect, signIn, test } from "./fixtures";

test("supprimer un module demande confirmation, puis un message confirme la suppression ; déplacer et dupliquer aussi", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.goto("/programmes/nouveau");
  await page.getByLabel("Intitulé de la formation").fill("Master confirmations e2e");
  await page.getByLabel("Type de diplôme").selectOption("master");
  await page.getByLabel(/Chargé\(e\) du e-commerce/).check();
  await page.getByRole("button", { name: "Créer la formation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Master confirmations e2e");
  for (const code of ["UE1", "UE2"]) {
    await page.getByRole("link", { name: "Ajouter un module" }).click();
    await page.getByLabel("Code").fill(code);
    await page.getByLabel("Intitulé").fill(`Module ${code}`);
    await page.getByLabel("Semestre").fill("1");
    await page.getByLabel("ECTS").fill("15");
    await page.getByRole("button", { name: "Créer le module" }).click();
    await expect(page.getByTestId(`module-${code}`)).toBeVisible();
  }

  // Answering "Cancel" keeps the module.
  const questions: string[] = [];
  page.once("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole("button", { name: "Supprimer UE1" }).click();
  await expect.poll(() => questions).toEqual(["Supprimer le module UE1 et ses correspondances ?"]);
  await expect(page.getByTestId("module-UE1")).toBeVisible();

  // Answering "OK" deletes it, and a message says so.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Supprimer UE1" }).click();
  const toast = page.getByRole("status").filter({ hasText: "Module supprimé." });
  await expect(toast).toBeVisible();
  await expect(page.getByTestId("module-UE1")).toHaveCount(0);
  // The confirmation is said once: the address loses it, so a reload does not say it again.
  await expect.poll(() => new URL(page.url()).searchParams.has("enregistre")).toBe(false);
  await page.reload();
  await expect(page.getByTestId("module-UE2")).toBeVisible();
  await expect(toast).toBeHidden();

  await page.getByRole("button", { name: "Dupliquer" }).click();
  const duplicated = page.getByRole("status").filter({ hasText: "Module dupliqué." });
  await expect(duplicated).toBeVisible();
  await duplicated.getByRole("button", { name: "Fermer le message" }).click();
  await expect(duplicated).toBeHidden();
  await page.getByRole("button", { name: "Monter" }).last().click();
  await expect(page.getByRole("status").filter({ hasText: "Ordre des modules enregistré." })).toBeVisible();
});
