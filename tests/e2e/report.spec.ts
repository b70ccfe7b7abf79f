import { pdfText } from "../support/pdf";
import { expect, signIn, test, DEMO } from "./fixtures";

test("le rapport d'accréditation s'affiche, se télécharge en PDF (rendu par Chromium) et en XLSX", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.goto("/programmes");
  await page.getByRole("link", { name: "Master Management du commerce électronique" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Master Management du commerce électronique");
  await page.getByRole("link", { name: "Rapport d'accréditation" }).click();
  await expect(page.getByText("Rapport d'accréditation", { exact: true })).toBeVisible();
  const gapCount = (await page.getByTestId("report-gap-count").textContent())!.trim();
  expect(Number(gapCount)).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: "Sources des référentiels et choix éditoriaux" })).toBeVisible();

  const pdf = await page.request.get(`${new URL(page.url()).pathname}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const text = await pdfText(await pdf.body());
  expect(text).toContain("Master Management du commerce électronique");
  expect(text).toContain(`Écarts relevés : ${gapCount}`);

  const xlsx = await page.request.get(`${new URL(page.url()).pathname}/xlsx`);
  expect(xlsx.status()).toBe(200);
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
});
