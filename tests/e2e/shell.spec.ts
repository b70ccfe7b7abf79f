import { connect } from "node:net";
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

test("après un refus qui n'a pas lu le corps, la même connexion sert la requête suivante", async () => {
  // A browser keeps its connection open: a form of 200 KB refused before being read (no
  // session here: 401) must not leave the next page on that connection waiting.
  const { hostname, port } = new URL(process.env.E2E_BASE_URL!);
  const socket = connect(Number(port), hostname);
  let received = "";
  socket.on("data", (chunk) => (received += chunk.toString("utf8")));
  socket.on("error", () => {}); // a reset is reported by the "close" below
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => pattern.test(received) && resolve();
      socket.on("data", check);
      socket.once("close", () => reject(new Error(`connexion fermée avant la réponse attendue (${pattern}) :\n${received.slice(0, 300)}`)));
      check();
    });
  const body = JSON.stringify({ label: "é".repeat(100_000) });
  socket.write(`POST /api/v1/programmes/inconnue/versions HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  await waitFor(/^HTTP\/1\.1 401[\s\S]*\r\n\r\n[\s\S]*"error"[\s\S]*\}/);
  received = "";
  socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
  await waitFor(/"status":"ok"/);
  socket.destroy();
  expect(received).toMatch(/^HTTP\/1\.1 200/);
});

test("une adresse très longue ne donne pas une redirection que les navigateurs refusent", async ({ request }) => {
  // Signed out, a 12 KB address is sent to the sign-in page; the way back is dropped, not encoded again into a Location header of 20 KB.
  const signIn = await request.get(`/programmes?q=${"%00".repeat(4000)}`, { maxRedirects: 0 });
  expect(signIn.status()).toBe(302);
  expect(signIn.headers()["location"]).toBe("/connexion?redirectTo=%2Fprogrammes");
  // The language switch goes back to where it was asked from, unless that is too long to send back.
  const language = await request.post("/langue", { form: { locale: "fr", redirectTo: `/programmes?q=${"a".repeat(20_000)}` }, maxRedirects: 0 });
  expect(language.status()).toBe(302);
  expect(language.headers()["location"]).toBe("/");
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
