import type { APIRequestContext, Page } from "@playwright/test";
import { apiToken, bearer, DEMO, expect, signIn, test } from "./fixtures";

// The national framework of the level, the depths expected per level and the suggestions that
// read the modules, as a programme manager uses them. One sign-in per test; each test walks
// several pages, hence a minute each rather than the default half.
test.describe.configure({ timeout: 60_000 });

const KEPT = "x-maquette-answer";

/** A master aimed at the director sheet, with modules described in their own words; its id. */
async function describedMaster(request: APIRequestContext, token: string, title: string) {
  const row = (module_code: string, module_title: string, semester: number, hours: string) => ({ module_code, module_title, semester, ects: 30, hours, item_ref: "", depth: "" });
  const created = await request.post("/api/v1/programmes", {
    headers: bearer(token),
    data: {
      title,
      level: 7,
      entryEcts: 180,
      targets: ["directeur-e-commerce"],
      rows: [
        row("M-STRAT", "Stratégie e-commerce de l'entreprise", 1, "60/40/0/0"),
        row("M-MGT", "Management des équipes et pilotage de projets", 2, "40/40/0/20"),
        row("M-DATA", "Indicateurs de performance et tableaux de bord", 3, "30/30/40/0"),
        row("M-MISSION", "Mission en entreprise", 4, "0/0/0/600"),
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** The key figures as the page shows them: covered, and "of N required". */
const figures = async (page: Page) => [await page.getByTestId("figure-covered").textContent(), await page.getByText(/sur \d+ exigences requises/).first().textContent()];

test("le sélecteur de niveau vérifie contre le cadre national du niveau choisi : les chiffres changent avec le niveau", async ({ page, request }) => {
  const id = await describedMaster(request, await apiToken(request, DEMO.manager), "Master niveaux");
  await signIn(page, DEMO.manager);
  await page.goto(`/programmes/${id}/couverture?fiche=cncp-niveau-7`);
  await expect(page.getByRole("heading", { level: 1, name: /Cadre national des certifications professionnelles, niveau 7/ })).toBeVisible();
  expect(await figures(page)).toEqual(["0", "sur 3 exigences requises"]);
  await page.getByLabel("Niveau CNCP").selectOption("5");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Cadre national des certifications professionnelles, niveau 5/ })).toBeVisible();
  expect(await figures(page)).toEqual(["0", "sur 4 exigences requises"]);
  // The framework's capacities are gaps like any other, with a suggestion.
  await expect(page.getByTestId("gap-list").locator("li")).toHaveCount(4);
});

test("une profondeur attendue par l'établissement change aussitôt la page de couverture gardée et l'API, comme choix de l'établissement", async ({ page, request }) => {
  const token = await apiToken(request, DEMO.manager);
  const id = await describedMaster(request, token, "Master profondeurs");
  await signIn(page, DEMO.manager);
  // One competence mapped at depth 1: covered while nothing is expected.
  const modules = ((await (await request.get(`/api/v1/programmes/${id}`, { headers: bearer(token) })).json()) as { modules: { id: string; code: string }[] }).modules;
  await page.goto(`/programmes/${id}/couverture?fiche=directeur-e-commerce`);
  const apply = page.getByTestId("gap-list").locator('li[data-ref="directeur-e-commerce/C1"]').getByRole("button", { name: "Appliquer" });
  await apply.click();
  await expect(page.getByTestId("applied-confirmation")).toContainText("Appliqué : directeur-e-commerce/C1 ");
  expect(modules.length).toBe(4);
  const path = `/programmes/${id}/couverture?fiche=directeur-e-commerce&niveau=7`;
  await page.goto(path);
  const before = await page.getByTestId("figure-covered").textContent();
  expect((await page.reload())!.headers()[KEPT]).toBe("kept");
  const api = async () => (await (await request.get(`/api/v1/programmes/${id}/coverage?sheet=directeur-e-commerce&level=7`, { headers: bearer(token) })).json()) as { expectedDepths: { setBy: string; depth: number }[]; items: { ref: string; status: string; targetDepth: number | null; depthSetBy: string | null }[] };
  expect((await api()).items.find((i) => i.ref === "directeur-e-commerce/C1")).toMatchObject({ status: "covered", depthSetBy: null });
  try {
    await page.goto("/etablissement/profondeurs");
    await page.getByLabel("Compétences, Niveau 7").selectOption("4");
    await page.getByRole("button", { name: "Enregistrer les profondeurs" }).click();
    await expect(page.getByText("Profondeurs enregistrées (1 changement(s)).")).toBeVisible();
    await expect(page.getByText(/Romain Bernard \(démo\), le/)).toBeVisible();

    const after = (await page.goto(path))!;
    expect(after.headers()[KEPT]).toBeUndefined();
    expect(Number(await page.getByTestId("figure-covered").textContent())).toBe(Number(before) - 1);
    await expect(page.getByTestId("expected-depths")).toContainText("Compétences : 4 Expertise, choix de l'établissement (Romain Bernard (démo), le");
    await expect(page.getByTestId("gap-list").locator('li[data-ref="directeur-e-commerce/C1"]')).toContainText("(attendu par l'établissement)");
    const changed = await api();
    expect(changed.items.find((i) => i.ref === "directeur-e-commerce/C1")).toMatchObject({ status: "partial", targetDepth: 4, depthSetBy: "school" });
    expect(changed.expectedDepths).toEqual([expect.objectContaining({ kind: "competence", depth: 4, setBy: "school" })]);
  } finally {
    await page.goto("/etablissement/profondeurs");
    await page.getByLabel("Compétences, Niveau 7").selectOption("none");
    await page.getByRole("button", { name: "Enregistrer les profondeurs" }).click();
    await expect(page.getByText(/Profondeurs enregistrées/)).toBeVisible();
  }
});

test("une suggestion montre les mots trouvés et deux autres modules ; appliquée, sa confirmation reste en vue ; un écart commenté le dit", async ({ page, request }) => {
  const id = await describedMaster(request, await apiToken(request, DEMO.manager), "Master suggestions");
  await signIn(page, DEMO.manager);
  await page.goto(`/programmes/${id}/couverture?fiche=directeur-e-commerce`);
  const gap = page.getByTestId("gap-list").locator('li[data-ref="directeur-e-commerce/C9"]');
  await expect(gap.getByTestId("gap-suggestion")).toContainText("Relier M-MGT à directeur-e-commerce/C9");
  await expect(gap.getByTestId("matched-words")).toContainText(/Mots en commun avec « Management des équipes et pilotage de projets » : .*(équipes|projets)/);
  await expect(gap.getByTestId("gap-suggestion")).toContainText("toute profondeur couvre l'élément");
  const alternatives = gap.getByTestId("alternatives").locator("li");
  await expect(alternatives).toHaveCount(2);
  // The person picks an alternative instead of the proposal.
  const alternative = (await alternatives.first().locator("strong").textContent())!;
  await alternatives.first().getByRole("button", { name: `Relier ${alternative} à directeur-e-commerce/C9` }).click();
  const confirmation = page.getByTestId("applied-confirmation");
  await expect(confirmation).toContainText(`Appliqué : directeur-e-commerce/C9`);
  await expect(confirmation).toContainText(alternative);
  await expect(confirmation).toBeInViewport();
  await expect(gap).toHaveCount(0);

  // A review comment on a gap shows on it.
  await page.goto(`/programmes/${id}/revue?sujet=requirement&exigence=${encodeURIComponent("directeur-e-commerce/C1")}#nouveau`);
  await page.locator("#comment-body").fill("Où cette stratégie est-elle évaluée ?");
  await page.getByRole("button", { name: "Publier le commentaire" }).click();
  await expect(page.getByText("Où cette stratégie est-elle évaluée ?").first()).toBeVisible();
  await page.goto(`/programmes/${id}/couverture?fiche=directeur-e-commerce`);
  await expect(page.getByTestId("gap-list").locator('li[data-ref="directeur-e-commerce/C1"]').getByTestId("gap-comments")).toHaveText("💬 1 commentaire");
});

test("les exigences suggérées par le descriptif d'un module s'acceptent ou s'écartent une à une", async ({ page, request }) => {
  const token = await apiToken(request, DEMO.manager);
  const id = await describedMaster(request, token, "Master module suggéré");
  await signIn(page, DEMO.manager);
  const modules = ((await (await request.get(`/api/v1/programmes/${id}`, { headers: bearer(token) })).json()) as { modules: { id: string; code: string }[] }).modules;
  const data = modules.find((m) => m.code === "M-DATA")!;
  const fromApi = (await (await request.get(`/api/v1/programmes/${id}/modules/${data.id}/suggestions`, { headers: bearer(token) })).json()) as { suggestions: { itemRef: string; matchedWords: string[] }[] };
  expect(fromApi.suggestions.length).toBeGreaterThan(1);

  await page.goto(`/programmes/${id}/modules/${data.id}`);
  const list = page.getByTestId("module-suggestions");
  const [first, second] = fromApi.suggestions;
  await expect(list.locator("li").first()).toContainText(first.itemRef);
  await list.locator("li").first().getByRole("button", { name: `Accepter ${first.itemRef}` }).click();
  await expect(page.getByText(`${first.itemRef} relié au module`)).toBeVisible();
  await expect(list.locator(`li[data-ref="${first.itemRef}"]`)).toHaveCount(0);
  await list.locator(`li[data-ref="${second.itemRef}"]`).getByRole("button", { name: `Écarter ${second.itemRef}` }).click();
  await expect(page.getByText(`${second.itemRef} écarté`)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("module-suggestions").locator(`li[data-ref="${second.itemRef}"]`)).toHaveCount(0);
  const programme = (await (await request.get(`/api/v1/programmes/${id}`, { headers: bearer(token) })).json()) as { modules: { code: string; mappings: { itemRef: string }[] }[] };
  expect(programme.modules.find((m) => m.code === "M-DATA")!.mappings.map((m) => m.itemRef)).toEqual([first.itemRef]);
});
