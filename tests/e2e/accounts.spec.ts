import { request as playwrightRequest } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, signIn, test } from "./fixtures";

test("les comptes de démonstration se connectent (sur l'accueil, ou la page demandée), et la déconnexion ferme la session", async ({ page, context }) => {
  await signIn(page, DEMO.manager);
  await expect(page.getByTestId("school-in-use")).toHaveText("École de démonstration");
  // Signed in from the sign-in page itself: the home page.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Romain Bernard (démo)");
  const cookie = (await context.cookies()).find((c) => c.name === "maquette_session")!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByTestId("app-header").getByRole("link", { name: "Se connecter" })).toBeVisible();
  // The old cookie no longer opens anything: the session was revoked in the database.
  await context.addCookies([cookie]);
  await page.goto("/programmes");
  await expect(page).toHaveURL(/\/connexion\?redirectTo=%2Fprogrammes/);
  // Signed in from there: the page asked for.
  await page.getByLabel("Adresse électronique").fill(DEMO.manager);
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/programmes$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Formations");
});

test("un mauvais mot de passe et un compte inconnu reçoivent la même réponse ; la 11e tentative en une minute est refusée (429)", async () => {
  const base = process.env.E2E_BASE_URL!;
  // A client address of its own (a new one each run), so that the limit reaches no other test.
  const address = `198.51.100.${1 + (Date.now() % 250)}`;
  const api = await playwrightRequest.newContext({ baseURL: base, extraHTTPHeaders: { Origin: base, "X-Forwarded-For": address }, maxRedirects: 0 });
  const wrong = await api.post("/connexion", { form: { email: DEMO.admin, password: "pas le bon" } });
  const unknown = await api.post("/connexion", { form: { email: "personne@nulle-part.fr", password: "pas le bon" } });
  expect(wrong.status()).toBe(400);
  expect(unknown.status()).toBe(400);
  for (const response of [wrong, unknown]) expect(await response.text()).toContain("Adresse ou mot de passe incorrect.");
  const statuses: number[] = [];
  // Two failures above, eight more here: ten in the minute from this address.
  for (let i = 0; i < 8; i++) statuses.push((await api.post("/connexion", { form: { email: `x${i}@nulle-part.fr`, password: "pas le bon" } })).status());
  expect(statuses.every((s) => s === 400)).toBe(true);
  const eleventh = await api.post("/connexion", { form: { email: DEMO.admin, password: DEMO_PASSWORD } });
  expect(eleventh.status()).toBe(429);
  // The API's token endpoint shares the limit.
  expect((await api.post("/api/v1/tokens", { data: { email: DEMO.admin, password: DEMO_PASSWORD } })).status()).toBe(429);
});

test("chaque réponse porte les en-têtes de sécurité, et chaque script de la page porte le nonce de la CSP", async ({ page }) => {
  const response = await page.goto("/connexion");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["strict-transport-security"]).toContain("max-age=");
  expect(headers["referrer-policy"]).toBeTruthy();
  const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  const asset = await page.request.get("/favicon.svg");
  expect(asset.headers()["content-security-policy"]).toContain("default-src 'self'");
  // Signed in, pages are not cached.
  await signIn(page, DEMO.teacher);
  const signedIn = await page.goto("/programmes");
  expect(signedIn!.headers()["cache-control"]).toContain("no-store");
});

test("un administrateur invite un enseignant ; le lien crée son compte une seule fois ; le rôle se change", async ({ page, browser }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/etablissement/membres");
  const email = `nouvel.enseignant.${Date.now()}@demo.maquette.fr`;
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Rôle").last().selectOption("teacher");
  await page.getByRole("button", { name: "Créer le lien d'invitation" }).click();
  const link = (await page.getByTestId("invitation-link").textContent())!.trim();
  expect(link).toMatch(/\/invitation\/[A-Za-z0-9_-]{43}$/);

  const invitee = await browser.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText("Vous êtes invité à rejoindre École de démonstration comme Enseignant.")).toBeVisible();
  await invitee.getByLabel("Nom et prénom").fill("Nouvel Enseignant");
  await invitee.getByLabel("Mot de passe").fill("123456");
  await invitee.getByRole("button", { name: "Rejoindre l'établissement" }).click();
  await expect(invitee.getByText("Le mot de passe doit compter au moins 8 caractères.")).toBeVisible();
  await invitee.getByLabel("Mot de passe").fill("un mot de passe à moi");
  await invitee.getByRole("button", { name: "Rejoindre l'établissement" }).click();
  await expect(invitee.getByRole("heading", { name: "Formations" })).toBeVisible();
  await invitee.close();

  const again = await browser.newPage();
  await again.goto(link);
  await expect(again.getByText("Ce lien d'invitation n'est plus valable")).toBeVisible();
  await again.close();

  await page.reload();
  const row = page.getByTestId(`member-${email}`);
  await row.getByRole("combobox").selectOption("reviewer");
  await Promise.all([
    page.waitForResponse((response) => response.url().includes("/etablissement/membres") && response.request().method() === "POST"),
    row.getByRole("button", { name: "Changer le rôle" }).click(),
  ]);
  await page.reload();
  await expect(page.getByTestId(`member-${email}`).getByRole("combobox")).toHaveValue("reviewer");
});

test("changer de mot de passe ferme les autres sessions ; un jeton d'API se crée et se révoque", async ({ browser }) => {
  const admin = await browser.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/etablissement/membres");
  const email = `compte.${Date.now()}@demo.maquette.fr`;
  await admin.getByLabel("Adresse électronique").fill(email);
  await admin.getByRole("button", { name: "Créer le lien d'invitation" }).click();
  const link = (await admin.getByTestId("invitation-link").textContent())!.trim();
  const first = await browser.newPage();
  await first.goto(link);
  await first.getByLabel("Nom et prénom").fill("Personne Test");
  await first.getByLabel("Mot de passe").fill("premier mot de passe");
  await first.getByRole("button", { name: "Rejoindre l'établissement" }).click();
  await expect(first.getByRole("button", { name: "Se déconnecter" })).toBeVisible();

  const second = await browser.newPage();
  await signIn(second, email, "premier mot de passe");
  await second.goto("/compte");
  await second.getByLabel("Mot de passe actuel").fill("premier mot de passe");
  await second.getByLabel("Nouveau mot de passe").fill("second mot de passe");
  await second.getByRole("button", { name: "Changer de mot de passe" }).click();
  await expect(second.getByText("Mot de passe modifié ; vos autres sessions ont été fermées.")).toBeVisible();
  await first.goto("/compte");
  await expect(first).toHaveURL(/\/connexion/);

  await second.getByLabel("Nom du jeton").fill("Mon script");
  await second.getByRole("button", { name: "Créer un jeton" }).click();
  const token = (await second.getByTestId("new-token").textContent())!.trim();
  const api = await playwrightRequest.newContext({ baseURL: process.env.E2E_BASE_URL! });
  expect((await api.get("/api/v1/programmes", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);
  await second.reload();
  let question = "";
  second.once("dialog", (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await second.getByRole("button", { name: "Révoquer" }).click();
  await expect(second.getByText("Aucun jeton actif.")).toBeVisible();
  expect(question).toBe("Révoquer le jeton « Mon script » ? Les scripts qui l'utilisent n'auront plus accès.");
  const revoked = await api.get("/api/v1/programmes", { headers: { Authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
  expect(await revoked.json()).toHaveProperty("error");
  for (const p of [admin, first, second]) await p.close();
});

test("invitée dans un second établissement, une personne se connecte depuis le lien, rejoint, puis change d'établissement dans l'en-tête", async ({ browser }) => {
  const stamp = Date.now();
  const schoolName = `Lycée Deux ${stamp}`;
  // A second school, created through its sign-up page.
  const founder = await browser.newPage();
  await founder.goto("/inscription");
  await founder.getByLabel("Nom de l'établissement").fill(schoolName);
  await founder.getByLabel("Nom et prénom").fill("Fondatrice Deux");
  await founder.getByLabel("Adresse électronique").fill(`fondatrice.${stamp}@lycee-deux.fr`);
  await founder.getByLabel("Mot de passe").fill("le mot de passe de la fondatrice");
  await founder.getByRole("button", { name: "Créer l'établissement" }).click();
  await expect(founder.getByTestId("school-in-use")).toHaveText(schoolName);

  // Its administrator invites a new person, who creates an account with the link.
  const email = `double.${stamp}@lycee-deux.fr`;
  await founder.goto("/etablissement/membres");
  await founder.getByLabel("Adresse électronique").fill(email);
  await founder.getByRole("button", { name: "Créer le lien d'invitation" }).click();
  const firstLink = (await founder.getByTestId("invitation-link").textContent())!.trim();
  const person = await browser.newPage();
  await person.goto(firstLink);
  await person.getByLabel("Nom et prénom").fill("Personne Double");
  await person.getByLabel("Mot de passe").fill("mot de passe de la personne");
  await person.getByRole("button", { name: "Rejoindre l'établissement" }).click();
  await expect(person.getByTestId("school-in-use")).toHaveText(schoolName);
  await person.getByRole("button", { name: "Se déconnecter" }).click();

  // The demo school invites the same address: the account exists, so its owner signs in first
  // and comes back to the invitation.
  const admin = await browser.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/etablissement/membres");
  await admin.getByLabel("Adresse électronique").fill(email);
  await admin.getByRole("button", { name: "Créer le lien d'invitation" }).click();
  const secondLink = (await admin.getByTestId("invitation-link").textContent())!.trim();
  await person.goto(secondLink);
  await expect(person.getByText("Vous avez déjà un compte")).toBeVisible();
  const signInLink = person.getByRole("main").getByRole("link", { name: "Se connecter" });
  // The address to come back to is in the page itself, so the link works without JavaScript too.
  await expect(signInLink).toHaveAttribute("href", `/connexion?redirectTo=${encodeURIComponent(new URL(secondLink).pathname)}`);
  await signInLink.click();
  await person.getByLabel("Adresse électronique").fill(email);
  await person.getByLabel("Mot de passe").fill("mot de passe de la personne");
  await person.getByRole("button", { name: "Se connecter" }).click();
  await expect(person).toHaveURL(new URL(secondLink).pathname);
  await person.getByRole("button", { name: "Rejoindre l'établissement" }).click();

  // Two schools: the header names the one in use and switches to the other.
  const switcher = person.getByLabel("Établissement", { exact: true });
  await expect(switcher.locator("option:checked")).toHaveText("École de démonstration");
  await expect(switcher.locator("option")).toHaveText([schoolName, "École de démonstration"]);
  await person.goto("/programmes");
  await expect(person.getByText("Aucune formation pour l'instant.")).toHaveCount(0);
  await person.getByLabel("Établissement", { exact: true }).selectOption({ label: schoolName });
  await person.getByRole("button", { name: "Changer", exact: true }).click();
  await expect(person.getByLabel("Établissement", { exact: true }).locator("option:checked")).toHaveText(schoolName);
  await expect(person.getByText("Aucune formation pour l'instant.")).toBeVisible();
  // The choice is held by the session: it survives a reload.
  await person.reload();
  await expect(person.getByLabel("Établissement", { exact: true }).locator("option:checked")).toHaveText(schoolName);
  for (const p of [founder, person, admin]) await p.close();
});
