import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { codeFor, rememberSecret } from "../support/totp";

export const DEMO_PASSWORD = "maquette-demo";
export const DEMO = {
  admin: "admin@demo.maquette.fr",
  manager: "responsable@demo.maquette.fr",
  teacher: "enseignant@demo.maquette.fr",
  reviewer: "evaluateur@demo.maquette.fr",
} as const;

/** Every test talks to the app started by global-setup.ts. */
export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error("E2E_BASE_URL manquant : le serveur de test n'a pas démarré.");
    await use(url);
  },
});

/**
 * Signs in through the sign-in page, as a person would: with the code of their second factor
 * when they have one, or setting one up when their role requires it (tests/support/totp.ts).
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  const signedIn = page.getByRole("button", { name: "Se déconnecter" });
  const step = page.getByRole("heading", { name: "Double authentification" });
  // Signing in hashes the password on purpose (a few hundred milliseconds, more on a busy machine).
  await expect(signedIn.or(step)).toBeVisible({ timeout: 20_000 });
  if (await step.isVisible()) {
    const secret = page.getByTestId("totp-secret");
    if (await secret.isVisible()) {
      rememberSecret(email, (await secret.textContent())!);
      await page.getByLabel("Code à 6 chiffres affiché par l'application").fill(await codeFor(email));
      await page.getByRole("button", { name: "Activer la double authentification" }).click();
      await page.getByRole("link", { name: "Continuer" }).click();
    } else {
      await page.getByLabel("Code de l'application ou code de secours").fill(await codeFor(email));
      await page.getByRole("button", { name: "Vérifier" }).click();
    }
    await expect(signedIn).toBeVisible();
  }
}

/** An API token for a demo account (POST /api/v1/tokens). */
export async function apiToken(request: APIRequestContext, email: string, password = DEMO_PASSWORD, school?: string) {
  const response = await request.post("/api/v1/tokens", { data: { email, password, ...(school ? { school } : {}) } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A BTS programme aimed at charge-e-commerce with one module (S1) mapping T06 at depth 1, through the API; its id. */
export async function createOneModuleProgramme(request: APIRequestContext, token: string, title: string) {
  const created = await request.post("/api/v1/programmes", {
    headers: bearer(token),
    data: { title, level: 5, targets: ["charge-e-commerce"], rows: [{ module_code: "S1", module_title: "Vente en ligne", semester: 1, ects: 30, hours: 40, item_ref: "T06", depth: 1 }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

export { expect };
