import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";
import { adminQuery } from "../../scripts/postgres-cluster.mjs";
import { SHEETS_DIR } from "../../seed/reference-data";
import { codeFor, rememberSecret } from "../support/totp";
import { apiToken, bearer, createOneModuleProgramme, DEMO, DEMO_PASSWORD, expect, signIn, test } from "./fixtures";

/**
 * Account security as people meet it in Chromium: a second factor set up from "My account"
 * (QR code, first code, ten recovery codes), signing in with it or with a recovery code, an
 * administrator asked to set one up, re-authentication before a sensitive change (then the
 * change goes on as it was sent), a new password link, and sessions ended per device.
 */

/** The person's sessions as if they had proved who they are 11 minutes ago (the database, seen from outside the app). */
async function ageProof(email: string) {
  const url = process.env.E2E_DATABASE_URL!;
  const sql = (ago: string) => `UPDATE "Session" SET "authenticatedAt" = ${ago} WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = '${email.replace(/'/g, "''")}')`;
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length));
    try {
      // Prisma's SQLite adapter writes dates as ISO 8601 text with "+00:00".
      db.prepare(sql("?")).run(new Date(Date.now() - 11 * 60_000).toISOString().replace("Z", "+00:00"));
    } finally {
      db.close();
    }
  } else {
    await adminQuery(url, sql("now() - interval '11 minutes'"));
  }
}

/** A new teacher of the demo school, invited by the demo administrator and signed in: their page. */
async function newTeacher(browser: Browser, admin: Page, password: string) {
  await admin.goto("/etablissement/membres");
  const email = `securite.${Date.now()}@demo.maquette.fr`;
  await admin.getByLabel("Adresse électronique").fill(email);
  await admin.getByRole("button", { name: "Créer le lien d'invitation" }).click();
  const link = (await admin.getByTestId("invitation-link").textContent())!.trim();
  const page = await (await browser.newContext({ baseURL: process.env.E2E_BASE_URL })).newPage();
  await page.goto(link);
  await page.getByLabel("Nom et prénom").fill("Personne Sécurité");
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Rejoindre l'établissement" }).click();
  // Creating the account hashes its password on purpose (longer on a busy machine).
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible({ timeout: 20_000 });
  return { email, page };
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { name: "Double authentification" })).toBeVisible();
}

test("double authentification : activée depuis « Mon compte », puis connexion avec le code, avec un code de secours, et jeton d'API avec le code", async ({ browser, page }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.admin);
  const password = "un mot de passe pour la double authentification";
  const { email, page: person } = await newTeacher(browser, page, password);

  await person.goto("/compte");
  await expect(person.getByTestId("second-factor-state")).toHaveText(/n'est pas activée/);
  await person.getByRole("button", { name: "Activer la double authentification" }).click();
  // The QR code is drawn by the app itself: an image in the page, nothing fetched from elsewhere.
  const qr = person.getByRole("img", { name: `QR code de configuration de la double authentification pour ${email}` });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
  rememberSecret(email, (await person.getByTestId("totp-secret").textContent())!);
  await person.getByLabel("Code à 6 chiffres affiché par l'application").fill("000000");
  await person.getByRole("button", { name: "Activer la double authentification" }).click();
  await expect(person.getByText("Ce code ne correspond pas")).toBeVisible();
  await person.getByLabel("Code à 6 chiffres affiché par l'application").fill(await codeFor(email));
  await person.getByRole("button", { name: "Activer la double authentification" }).click();
  const codes = person.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  expect(recovery).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
  await expect(person.getByTestId("second-factor-state")).toContainText("Codes de secours restants : 10.");

  // Signing in now asks for the app's code after the password.
  await signOut(person);
  await passwordStep(person, email, password);
  await person.getByLabel("Code de l'application ou code de secours").fill("123456");
  await person.getByRole("button", { name: "Vérifier" }).click();
  await expect(person.getByText("Code incorrect ou déjà utilisé.")).toBeVisible();
  await person.getByLabel("Code de l'application ou code de secours").fill(await codeFor(email));
  await person.getByRole("button", { name: "Vérifier" }).click();
  await expect(person.getByRole("button", { name: "Se déconnecter" })).toBeVisible();

  // A recovery code instead (typed in lower case, without dashes): once only.
  await signOut(person);
  await passwordStep(person, email, password);
  await person.getByLabel("Code de l'application ou code de secours").fill(recovery.replace(/-/g, "").toLowerCase());
  await person.getByRole("button", { name: "Vérifier" }).click();
  await expect(person.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await person.goto("/compte");
  await expect(person.getByTestId("second-factor-state")).toContainText("Codes de secours restants : 9.");
  await signOut(person);
  await passwordStep(person, email, password);
  await person.getByLabel("Code de l'application ou code de secours").fill(recovery);
  await person.getByRole("button", { name: "Vérifier" }).click();
  await expect(person.getByText("Code incorrect ou déjà utilisé.")).toBeVisible();

  // Scripts: the password alone no longer gives a token; with a code of the app it does.
  const api = await playwrightRequest.newContext({ baseURL: process.env.E2E_BASE_URL! });
  const refused = await api.post("/api/v1/tokens", { data: { email, password } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toContain("double authentification");
  const token = await api.post("/api/v1/tokens", { data: { email, password, code: await codeFor(email) } });
  expect(token.status(), await token.text()).toBe(201);
});

test("un administrateur sans double authentification doit la configurer à sa connexion (sauf l'administrateur de démonstration) ; la règle des responsables", async ({ browser, page }) => {
  test.setTimeout(90_000);
  const tag = Date.now();
  const admin = `admin.${tag}@lycee-${tag}.fr`;
  const password = "le mot de passe de cet administrateur";
  await page.goto("/inscription");
  await page.getByLabel("Nom de l'établissement").fill(`Lycée ${tag}`);
  await page.getByLabel("Nom et prénom").fill("Administratrice Nouvelle");
  await page.getByLabel("Adresse électronique").fill(admin);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Créer l'établissement" }).click();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await signOut(page);

  await passwordStep(page, admin, password);
  await expect(page.getByText("Votre rôle exige une double authentification")).toBeVisible();
  // No way around it: another page sends back to sign in.
  await page.goto("/programmes");
  await expect(page).toHaveURL(/\/connexion/);
  await page.goto("/connexion/second-facteur");
  rememberSecret(admin, (await page.getByTestId("totp-secret").textContent())!);
  await page.getByLabel("Code à 6 chiffres affiché par l'application").fill(await codeFor(admin));
  await page.getByRole("button", { name: "Activer la double authentification" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await page.getByRole("link", { name: "Continuer" }).click();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();

  // The rule for programme managers, on the members page (just signed in: no confirmation asked).
  await page.goto("/etablissement/membres");
  const members = page.getByRole("region", { name: "Sécurité des comptes" });
  await expect(members.getByTestId(`security-${admin}`)).toContainText("Double authentification : activée");
  await members.getByLabel("Exiger une double authentification des responsables de formation").check();
  await members.getByRole("button", { name: "Enregistrer la règle" }).click();
  await expect(members.getByText("Règle enregistrée")).toBeVisible();
  const manager = `responsable.${tag}@lycee-${tag}.fr`;
  await page.getByLabel("Adresse électronique").fill(manager);
  await page.getByLabel("Rôle", { exact: true }).last().selectOption("manager");
  await page.getByRole("button", { name: "Créer le lien d'invitation" }).click();
  const link = (await page.getByTestId("invitation-link").textContent())!.trim();
  const other = await (await browser.newContext({ baseURL: process.env.E2E_BASE_URL })).newPage();
  await other.goto(link);
  await other.getByLabel("Nom et prénom").fill("Responsable Nouveau");
  await other.getByLabel("Mot de passe").fill(password);
  await other.getByRole("button", { name: "Rejoindre l'établissement" }).click();
  await signOut(other);
  await passwordStep(other, manager, password);
  await expect(other.getByText("Votre rôle exige une double authentification")).toBeVisible();

  // The demo school's administrator is the one exception: the demo and scripts work as they are.
  const demo = await (await browser.newContext({ baseURL: process.env.E2E_BASE_URL })).newPage();
  await demo.goto("/connexion");
  await demo.getByLabel("Adresse électronique").fill(DEMO.admin);
  await demo.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await demo.getByRole("button", { name: "Se connecter" }).click();
  await expect(demo.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
});

test("une modification sensible demande de confirmer son identité après 10 minutes, puis se fait telle qu'elle avait été demandée", async ({ browser, page }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.admin);
  const { email } = await newTeacher(browser, page, "mot de passe de l'enseignant confirmé");
  await ageProof(DEMO.admin);

  // Changing a role: sent to confirm, a wrong password first, then back with the change made.
  await page.goto("/etablissement/membres");
  const row = page.getByTestId(`member-${email}`);
  await row.getByRole("combobox", { name: "Rôle" }).selectOption("reviewer");
  await row.getByRole("button", { name: "Changer le rôle" }).click();
  await expect(page).toHaveURL(/\/confirmer$/);
  await expect(page.getByText("/etablissement/membres")).toBeVisible();
  await page.getByLabel("Mot de passe").fill("pas le bon mot de passe");
  await page.getByRole("button", { name: "Confirmer avec mon mot de passe" }).click();
  await expect(page.getByText("Mot de passe incorrect.")).toBeVisible();
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Confirmer avec mon mot de passe" }).click();
  await expect(page).toHaveURL(/\/etablissement\/membres/);
  await expect(page.getByText("Rôle modifié.")).toBeVisible();
  await expect(page.getByTestId(`member-${email}`).getByRole("combobox", { name: "Rôle" })).toHaveValue("reviewer");

  // Within the next 10 minutes, no confirmation again.
  await page.getByTestId(`member-${email}`).getByRole("combobox", { name: "Rôle" }).selectOption("teacher");
  await page.getByTestId(`member-${email}`).getByRole("button", { name: "Changer le rôle" }).click();
  await expect(page.getByText("Rôle modifié.")).toBeVisible();
  await expect(page).toHaveURL(/\/etablissement\/membres/);

  // Importing a reference sheet: the file chosen before confirming is the one imported after.
  await ageProof(DEMO.admin);
  await page.goto("/referentiels/importer");
  const file = readFileSync(join(SHEETS_DIR, "directeur-e-commerce.json"));
  await page.getByLabel("Fichier (JSON, 5 Mo au plus)").setInputFiles({ name: "directeur-e-commerce.json", mimeType: "application/json", buffer: file });
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page).toHaveURL(/\/confirmer$/);
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Confirmer avec mon mot de passe" }).click();
  // The import (a whole sheet checked again) takes a moment after the confirmation.
  await expect(page.getByText("« directeur-e-commerce » est inchangée (version 1).")).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveURL(/\/referentiels\/importer/);

  // An RNCP export is not kept (it can weigh a gigabyte): confirm first, then read it again.
  await ageProof(DEMO.admin);
  const rncp = page.getByRole("region", { name: "Certification RNCP (export de France compétences)" });
  await rncp.getByLabel("Fichier d'export (.xml ou .zip, 1 Go au plus)").setInputFiles(join(process.cwd(), "tests/fixtures/rncp/export_fiches_RNCP_V4_1_2026-08-16.xml"));
  await rncp.getByRole("button", { name: "Lire le fichier et chercher une fiche" }).click();
  await expect(page).toHaveURL(/\/confirmer\?redirectTo=%2Freferentiels%2Fimporter$/);
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Confirmer avec mon mot de passe" }).click();
  await expect(page).toHaveURL(/\/referentiels\/importer$/);
  await rncp.getByLabel("Fichier d'export (.xml ou .zip, 1 Go au plus)").setInputFiles(join(process.cwd(), "tests/fixtures/rncp/export_fiches_RNCP_V4_1_2026-08-16.xml"));
  await rncp.getByRole("button", { name: "Lire le fichier et chercher une fiche" }).click();
  await expect(rncp.getByTestId("rncp-catalogue")).toContainText("4 fiches lues");

  // An API token needs no confirmation: it was made with the password.
  const token = await apiToken(await playwrightRequest.newContext({ baseURL: process.env.E2E_BASE_URL! }), DEMO.admin);
  const imported = await page.request.post("/api/v1/reference-sheets", { headers: bearer(token), data: file.toString("utf8") });
  expect(imported.status(), await imported.text()).toBeLessThan(300);
});

test("un lien de nouveau mot de passe : donné par un administrateur, valable une fois, il ferme les sessions du membre", async ({ browser, page }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.admin);
  const { email, page: member } = await newTeacher(browser, page, "ancien mot de passe du membre");
  await page.goto("/etablissement/membres");
  const security = page.getByRole("region", { name: "Sécurité des comptes" });
  await security.getByTestId(`security-${email}`).getByRole("button", { name: "Lien de nouveau mot de passe" }).click();
  const link = (await security.getByTestId("reset-link").textContent())!.trim();
  expect(link).toMatch(/\/reinitialisation\/[A-Za-z0-9_-]{40,}$/);
  // An administrator's own password is changed from "My account".
  await security.getByTestId(`security-${DEMO.admin}`).getByRole("button", { name: "Lien de nouveau mot de passe" }).click();
  await expect(security.getByText("Pour votre propre mot de passe")).toBeVisible();

  const anonymous = await (await browser.newContext({ baseURL: process.env.E2E_BASE_URL })).newPage();
  await anonymous.goto(link);
  await expect(anonymous.getByText(`Choisissez un nouveau mot de passe pour ${email}`)).toBeVisible();
  await anonymous.getByLabel("Nouveau mot de passe").fill("court");
  await anonymous.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(anonymous.getByText("au moins 8 caractères")).toBeVisible();
  await anonymous.getByLabel("Nouveau mot de passe").fill("le nouveau mot de passe du membre");
  await anonymous.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(anonymous.getByText("Mot de passe enregistré")).toBeVisible();

  // The member's open session has ended; the new password opens; the link is used up.
  await member.goto("/compte");
  await expect(member).toHaveURL(/\/connexion/);
  await signIn(member, email, "le nouveau mot de passe du membre");
  await anonymous.goto(link);
  await expect(anonymous.getByText("Ce lien n'est plus valable")).toBeVisible();
});

test("les sessions par appareil : la liste, et une session terminée n'atteint plus aucune page, même la couverture gardée", async ({ browser, page }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.admin);
  const password = "mot de passe aux deux appareils";
  const { email } = await newTeacher(browser, page, password);
  const api = await playwrightRequest.newContext({ baseURL: process.env.E2E_BASE_URL! });
  const programme = await createOneModuleProgramme(api, await apiToken(api, DEMO.manager), "BTS sessions par appareil");
  const path = `/programmes/${programme}/couverture`;

  const phone = await (
    await browser.newContext({ baseURL: process.env.E2E_BASE_URL, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1" })
  ).newPage();
  await signIn(phone, email, password);
  // The phone's coverage page, rendered once then kept.
  expect((await phone.request.get(path)).status()).toBe(200);
  expect((await phone.request.get(path)).headers()["x-maquette-answer"]).toBe("kept");

  const laptop = await (await browser.newContext({ baseURL: process.env.E2E_BASE_URL, userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0" })).newPage();
  await signIn(laptop, email, password);
  await laptop.goto("/compte");
  const sessions = laptop.getByTestId("session");
  await expect(sessions.filter({ hasText: "Firefox 128 sur Windows 10" })).toContainText("cette session");
  const other = sessions.filter({ hasText: "Safari 17 sur iOS 17.0" });
  await expect(other).toContainText("127.0.0.1");
  laptop.once("dialog", (dialog) => dialog.accept());
  await other.getByRole("button", { name: "Terminer cette session" }).click();
  await expect(laptop.getByText("Session terminée.")).toBeVisible();
  await expect(sessions.filter({ hasText: "Safari 17 sur iOS 17.0" })).toHaveCount(0);
  await expect(sessions.filter({ hasText: "Firefox 128 sur Windows 10" })).toHaveCount(1);

  const refused = await phone.request.get(path, { maxRedirects: 0 });
  expect(refused.status()).toBe(302);
  expect(refused.headers()["location"]).toMatch(/^\/connexion/);
  expect(refused.headers()["x-maquette-answer"]).toBeUndefined();
  await phone.goto("/programmes");
  await expect(phone).toHaveURL(/\/connexion/);
});
