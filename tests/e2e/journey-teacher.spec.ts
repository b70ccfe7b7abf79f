import { apiToken, bearer, DEMO, expect, signIn, test } from "./fixtures";
import { expectNothingSerious, snap } from "./journey-helpers";

/**
 * A teacher's first day: invited by email, opens the link, sets a password, finds their
 * modules, maps them in the matrix, and sees the coverage change.
 */
test("parcours de l'enseignant : invité, il trouve ses modules, les relie aux exigences et voit la couverture bouger", async ({ page, browser, request }, testInfo) => {
  // A journey is a whole first day in a dozen pages: more than one page's 30 s budget.
  test.setTimeout(120_000);
  const stamp = Date.now();
  const email = `enseignante.${stamp}@demo.maquette.fr`;
  const title = `BTS de l'enseignante ${stamp}`;

  // The admin invites the teacher; the link would go by email (it is shown here).
  await signIn(page, DEMO.admin);
  await page.goto("/etablissement/membres");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Rôle").last().selectOption("teacher");
  await page.getByRole("button", { name: "Créer le lien d'invitation" }).click();
  const link = (await page.getByTestId("invitation-link").textContent())!.trim();

  const context = await browser.newContext();
  const teacher = await context.newPage();
  await teacher.goto(link);
  await expectNothingSerious(teacher);
  await teacher.getByLabel("Nom et prénom").fill(`Sofia Enseignante ${stamp}`);
  await teacher.getByLabel("Mot de passe").fill("mes cours à moi");
  await teacher.getByRole("button", { name: "Rejoindre l'établissement" }).click();
  await expect(teacher.getByRole("button", { name: "Se déconnecter" })).toBeVisible();

  // The manager creates a programme and gives her module UE2.
  const token = await apiToken(request, DEMO.manager);
  const created = await request.post(`/api/v1/programmes?title=${encodeURIComponent(title)}&level=5&entryEcts=0&semesters=2&diplomaType=bts&targets=charge-e-commerce`, {
    headers: { ...bearer(token), "Content-Type": "text/csv" },
    data: ["module_code,module_title,semester,ects,hours,item_ref,depth,assessed", "UE1,Culture générale,1,30,60,T07,2,oui", "UE2,Marketing digital,2,30,60,,,"].join("\n"),
  });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, DEMO.manager);
  await manager.goto(`/programmes/${id}`);
  await manager.getByTestId("module-UE2").getByRole("link", { name: "Marketing digital" }).click();
  await manager.getByLabel(`Sofia Enseignante ${stamp}`).check();
  await manager.getByRole("button", { name: "Enregistrer" }).click();
  await expect(manager.getByTestId("module-UE2")).toBeVisible();
  await managerContext.close();

  // She finds her programme first on her home page, then her row in the matrix.
  await teacher.goto("/");
  await snap(teacher, testInfo, "01-accueil-enseignante");
  await expectNothingSerious(teacher);
  await teacher.getByRole("link", { name: title }).first().click();
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText(title);
  await teacher.getByRole("link", { name: "Matrice", exact: true }).click();
  const live = teacher.getByTestId("live-charge-e-commerce");
  const before = (await live.textContent())!;
  await expectNothingSerious(teacher);

  // Her modules first ("Mes modules"); with every module shown, her row is editable, the other one is not.
  await expect(teacher.getByLabel("Mes modules")).toBeChecked();
  await expect(teacher.getByTestId("cell-UE1-charge-e-commerce/C1")).toHaveCount(0);
  await teacher.getByLabel("Mes modules").uncheck();
  const mine = teacher.getByTestId("cell-UE2-charge-e-commerce/C1");
  const notMine = teacher.getByTestId("cell-UE1-charge-e-commerce/C1");
  await expect(notMine).toHaveAccessibleName(/lecture seule|UE1 × charge-e-commerce\/C1/);
  await mine.click();
  await teacher.keyboard.press("4");
  await teacher.keyboard.press("e");
  await teacher.keyboard.press("ArrowRight");
  await teacher.keyboard.press("3");
  await expect(teacher.getByTestId("matrix-status")).toHaveText("Toutes les modifications sont enregistrées.");
  await expect(mine).toHaveAccessibleName("UE2 × charge-e-commerce/C1 : profondeur 4, évalué");
  await expect(live).not.toHaveText(before);
  await snap(teacher, testInfo, "02-matrice-enseignante");

  // The coverage page agrees: C1 is now covered.
  await teacher.goto(`/programmes/${id}/couverture`);
  await expect(teacher.getByText("charge-e-commerce/C1").first()).toBeVisible();
  const api = (await (await request.get(`/api/v1/programmes/${id}/coverage?sheet=charge-e-commerce&level=5`, { headers: bearer(token) })).json()) as { items: { ref: string; status: string }[] };
  expect(api.items.find((i) => i.ref === "charge-e-commerce/C1")!.status).toBe("covered");
  await expectNothingSerious(teacher);
  await snap(teacher, testInfo, "03-couverture-enseignante");
  await context.close();
});
