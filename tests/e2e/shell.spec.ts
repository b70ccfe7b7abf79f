import { sheetFiles } from "../../seed/reference-data";
import { expect, test } from "./fixtures";

test("la page d'accueil affiche le gabarit de l'application avec ses styles", async ({ page }) => {
  await page.goto("/");
  const header = page.getByTestId("app-header");
  await expect(header).toBeVisible();
  await expect(header.getByRole("link", { name: "Maquette" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Navigation principale" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bienvenue dans Maquette");
  await expect(page.locator("footer")).toContainText("niveau CNCP");
  // Tailwind's bg-brand-900 on the header: the stylesheet was built and served.
  const background = await header.evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(background).toBe("rgb(23, 38, 95)");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
});

test("la santé du service répond 200 en JSON avec l'état de la base", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: "ok" });
  // One sheet per data file in seed/reference-sheets/, plus those other tests import.
  expect(body.referenceSheets).toBeGreaterThanOrEqual(sheetFiles().length);
});

test("le sélecteur de langue passe l'interface en anglais et s'en souvient", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to Maquette");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Passer en français" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bienvenue dans Maquette");
});
