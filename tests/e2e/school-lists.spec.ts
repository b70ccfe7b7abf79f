import { request as playwrightRequest } from "@playwright/test";
import { apiToken, bearer, DEMO, expect, signIn, test } from "./fixtures";
import { expectNothingSerious } from "./journey-helpers";

const DEMO_LIST = "demo~acquis-master";

test("une autre école ne voit jamais la liste : ni dans les listes, ni par son adresse, ni par l'API, ni comme cible", async ({ baseURL }) => {
  // Three password hashes (a sign-up, two tokens) and some twenty requests.
  test.setTimeout(60_000);
  // Another school, signed up through the app, with its own session and token.
  const stranger = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! }, maxRedirects: 0 });
  const email = `admin-${Date.now()}@ecole-voisine.fr`;
  expect((await stranger.post("/inscription", { form: { schoolName: "École voisine", name: "Admin Voisine", email, password: "un mot de passe solide" } })).status()).toBe(302);
  const token = bearer(await apiToken(stranger, email, "un mot de passe solide"));

  // The demo school's own members see it.
  const member = await playwrightRequest.newContext({ baseURL });
  const memberToken = bearer(await apiToken(member, DEMO.teacher));
  expect((await member.get(`/api/v1/reference-sheets/${DEMO_LIST}`, { headers: memberToken })).status()).toBe(200);
  const own = (await (await member.get("/api/v1/reference-sheets", { headers: memberToken })).json()) as { referenceSheets: { slug: string; kind: string }[] };
  expect(own.referenceSheets.find((s) => s.slug === DEMO_LIST)).toMatchObject({ kind: "school" });

  // The other school, and a visitor, get exactly what an unknown sheet gets.
  const visitor = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  for (const context of [stranger, visitor]) {
    for (const path of ["", "/versions", "/versions?from=1&to=1", "/export/json", "/export/case", "/export/moodle"]) {
      expect((await context.get(`/referentiels/${DEMO_LIST}${path}`)).status(), `${path}`).toBe(404);
    }
    expect(await (await context.get("/referentiels")).text()).not.toContain(DEMO_LIST);
  }
  expect((await stranger.get(`/referentiels/${DEMO_LIST}/modifier`)).status()).toBe(404);
  const edit = await stranger.post(`/referentiels/${DEMO_LIST}/modifier`, { form: { intent: "publish", revision: "1" } });
  expect(edit.status()).toBe(404);
  const api = await stranger.get(`/api/v1/reference-sheets/${DEMO_LIST}`, { headers: token });
  expect(api.status()).toBe(404);
  const listed = (await (await stranger.get("/api/v1/reference-sheets", { headers: token })).json()) as { referenceSheets: { slug: string }[] };
  expect(listed.referenceSheets.map((s) => s.slug)).not.toContain(DEMO_LIST);
  expect(listed.referenceSheets.length).toBeGreaterThan(0);

  // Nor can it target the list or name its requirements, through the API or the form.
  const programme = await stranger.post("/api/v1/programmes", {
    headers: token,
    data: { title: "Intrus", level: 7, targets: [DEMO_LIST], rows: [{ module_code: "X1", module_title: "X", semester: 1, ects: 30, hours: 10, item_ref: `${DEMO_LIST}/C1`, depth: 1 }] },
  });
  expect(programme.status()).toBe(400);
  expect(await programme.text()).toContain(DEMO_LIST);
  const form = await stranger.post("/programmes/nouveau", { form: { title: "Intrus", diplomaType: "master", level: "7", entryEcts: "180", semesters: "4", targets: DEMO_LIST } });
  expect(form.status()).toBe(400);
  expect((await (await stranger.get("/programmes/nouveau")).text()).includes(DEMO_LIST)).toBe(false);
});

test("une liste de l'établissement : créée au clavier, publiée, visée par une formation, versionnée et la formation mise à niveau", async ({ page }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const chosen = `acquis-e2e-${stamp}`;
  const slug = `demo~${chosen}`;
  const title = `Acquis du master e2e ${stamp}`;
  await signIn(page, DEMO.manager);

  await page.goto("/referentiels");
  const section = page.getByTestId("school-lists");
  await expect(section.getByRole("heading", { name: "Listes de l'établissement" })).toBeVisible();
  await expect(section.locator(`[data-slug="${DEMO_LIST}"]`)).toContainText("Version 1 publiée");
  await section.getByRole("link", { name: "Nouvelle liste" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouvelle liste de l'établissement");

  // A refused save: the error sits beside its field, and nothing typed is lost.
  await page.getByLabel("Titre de la liste").fill(title);
  await page.getByLabel("Identifiant").fill("Acquis Master");
  await page.getByLabel("Niveau CNCP visé").selectOption("7");
  await page.getByLabel("Texte de l'exigence 1").fill("Conduire un projet numérique");
  await page.getByRole("button", { name: "Créer la liste" }).click();
  await expect(page.getByText("L'identifiant ne contient que des minuscules sans accent")).toBeVisible();
  await expect(page.getByText("Le titre du groupe est obligatoire.")).toBeVisible();
  await expect(page.getByLabel("Titre de la liste")).toHaveValue(title);
  await expect(page.getByLabel("Texte de l'exigence 1")).toHaveValue("Conduire un projet numérique");

  await page.getByLabel("Identifiant").fill(chosen);
  await page.getByLabel("Titre du groupe 1").fill("Piloter");
  await page.getByLabel("Profondeur requise").selectOption("3");
  await page.getByLabel("Texte source (facultatif)").fill("Conduire un projet numérique de bout en bout.");
  await page.getByRole("button", { name: "Ajouter une exigence au groupe 1" }).click();
  await page.getByLabel("Texte de l'exigence 2").fill("Tenir le budget d'un projet");
  await page.getByRole("button", { name: "Ajouter un groupe" }).click();
  await page.getByLabel("Titre du groupe 2").fill("Communiquer");
  await page.getByLabel("Texte de l'exigence 1").nth(1).fill("Présenter un projet à un comité");

  // Reordering with the keyboard: the moved requirement's button keeps the focus.
  const up = page.getByRole("button", { name: "Monter l'exigence 2 du groupe 1" });
  await up.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Texte de l'exigence 1").first()).toHaveValue("Tenir le budget d'un projet");
  await expect(page.getByRole("button", { name: "Descendre l'exigence 1 du groupe 1" })).toBeFocused();
  await expectNothingSerious(page);

  await page.getByRole("button", { name: "Créer la liste" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Liste créée" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Modifier la liste « ${title} »`);
  await expect(page.getByTestId("item-code")).toHaveText(["Code C1", "Code C2", "Code C3"]);
  await expect(page.getByLabel("Texte de l'exigence 1").first()).toHaveValue("Tenir le budget d'un projet");
  await expect(page.getByText("Aucune version publiée")).toBeVisible();
  await page.getByRole("button", { name: "Publier la version 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Version publiée." })).toBeVisible();
  await expect(page.getByText("Le brouillon enregistré est la version 1 publiée")).toBeVisible();
  await expectNothingSerious(page);

  // Its page: the school's own list, its provenance said honestly.
  await page.getByRole("link", { name: "Voir la liste publiée" }).click();
  await expect(page).toHaveURL(new RegExp(`/referentiels/${slug}$`));
  await expect(page.getByTestId("school-list-badge")).toBeVisible();
  await expect(page.locator('li[data-code="C1"]')).toContainText("Texte propre de l'établissement");
  await expect(page.locator('li[data-code="C2"]').getByTestId("editorial")).toHaveCount(0);

  // A programme targets it, under the heading of its kind.
  await page.goto("/programmes/nouveau");
  await page.getByLabel("Intitulé de la formation").fill(`Master liste ${stamp}`);
  await page.getByLabel("Type de diplôme").selectOption("master");
  const jobs = page.getByRole("group", { name: "Fiches métiers" });
  const lists = page.getByRole("group", { name: "Listes de l'établissement" });
  await jobs.getByRole("checkbox", { name: /Chargé\(e\) du e-commerce/ }).check();
  await expect(lists.getByRole("checkbox", { name: /Acquis d'apprentissage du master e-commerce \(démo\)/ })).toBeVisible();
  await lists.getByRole("checkbox", { name: new RegExp(title) }).check();
  await page.getByRole("button", { name: "Créer la formation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Formation créée." })).toBeVisible();
  const programme = new URL(page.url()).pathname;

  // Coverage: every target side by side, grouped by kind, each with its figures and its detail.
  await page.goto(`${programme}/couverture`);
  const side = page.getByTestId("side-by-side");
  await expect(side.locator('tbody[data-kind="school"] th')).toHaveText("Listes de l'établissement");
  const row = side.locator(`tr[data-slug="${slug}"]`);
  await expect(row.locator('[data-column="list.side.required"]')).toHaveText("3");
  await expect(row.locator('[data-column="list.side.missing"]')).toHaveText("3");
  await row.getByRole("link", { name: `Voir le détail : ${title}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(page.getByLabel("Métier visé")).toHaveValue(slug);
  await expect(page.getByText("Référentiel version 1 · niveau 7")).toBeVisible();
  await expectNothingSerious(page);

  // Version 2: one requirement reworded, one removed; compared, then the programme upgraded.
  await page.goto(`/referentiels/${slug}/modifier`);
  await page.getByLabel("Texte de l'exigence 2").first().fill("Conduire un projet numérique de bout en bout");
  await page.getByRole("button", { name: "Retirer l'exigence 1 du groupe 1" }).click();
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Brouillon enregistré." })).toBeVisible();
  await expect(page.getByTestId("item-code")).toHaveText(["Code C2", "Code C3"]);
  await page.getByRole("button", { name: "Publier la version 2" }).click();
  await expect(page.getByText("Le brouillon enregistré est la version 2 publiée")).toBeVisible();
  await page.goto(`/referentiels/${slug}/versions?from=1&to=2`);
  await expect(page.getByLabel("Retirés", { exact: true })).toContainText("C1");
  await expect(page.getByLabel("Reformulés", { exact: true })).toContainText("de bout en bout");

  // The programme stays on version 1 (its coverage too, kept as it was: publishing a list
  // changes no programme) until it is upgraded; the upgrade, a write of the programme, changes
  // the kept page's key, and the page shows version 2 at once.
  const coverage = `${programme}/couverture?fiche=${encodeURIComponent(slug)}&niveau=7`;
  await page.goto(coverage);
  expect((await page.reload())!.headers()["x-maquette-answer"]).toBe("kept");
  await expect(page.getByText("Référentiel version 1 · niveau 7")).toBeVisible();
  await page.goto(programme);
  await expect(page.getByTestId("upgrade-banner")).toBeVisible();
  await page.getByRole("link", { name: "Voir les changements et mettre à jour" }).click();
  await page.getByTestId(`upgrade-${slug}`).getByRole("button", { name: "Passer à la version 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Référentiel passé en version 2" })).toBeVisible();
  expect((await page.goto(coverage))!.headers()["x-maquette-answer"]).toBeUndefined();
  await expect(page.getByText("Référentiel version 2 · niveau 7")).toBeVisible();
  await expect(page.getByTestId("side-by-side").locator(`tr[data-slug="${slug}"] [data-column="list.side.required"]`)).toHaveText("2");

  // In English too: the targets' kinds, the side-by-side summary and the list's form.
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Every target side by side (level 7)" })).toBeVisible();
  await expect(page.getByTestId("side-by-side").locator('tbody[data-kind="job"] th')).toHaveText("Job reference sheets");
  await page.goto(`${programme}/modifier`);
  await expect(page.getByRole("group", { name: "The school's own lists" }).getByRole("checkbox", { name: new RegExp(title) })).toBeChecked();
  await expect(page.getByRole("group", { name: "Job reference sheets" })).toBeVisible();
  await page.goto(`/referentiels/${slug}/modifier`);
  await expect(page.getByRole("button", { name: "Move group 2 up" })).toBeVisible();
  await expect(page.getByText("The saved draft is the published version 2")).toBeVisible();
});
