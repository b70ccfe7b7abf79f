import { readFileSync } from "node:fs";
import { apiToken, bearer, DEMO, expect, signIn, test } from "./fixtures";

test("une nouvelle version d'un référentiel : la formation voit les changements, garde les correspondances inchangées et décide des autres", async ({ page, request }) => {
  const slug = `charge-e-commerce-maj-${Date.now()}`;
  const sheet = JSON.parse(readFileSync("seed/reference-sheets/charge-e-commerce.json", "utf8")) as { slug: string; requirements: { code: string; label: string }[] };
  const v1 = { ...sheet, slug };
  const v2 = {
    ...v1,
    requirements: v1.requirements.filter((r) => r.code !== "C5").map((r) => (r.code === "C1" ? { ...r, label: `${r.label} (nouvelle rédaction)` } : r)),
  };
  const admin = bearer(await apiToken(request, DEMO.admin));
  expect((await request.post("/api/v1/reference-sheets", { headers: admin, data: JSON.stringify(v1) })).status()).toBe(201);

  const manager = bearer(await apiToken(request, DEMO.manager));
  const title = `BTS sur référentiel mis à jour ${Date.now()}`;
  const created = await request.post(`/api/v1/programmes?title=${encodeURIComponent(title)}&level=5&entryEcts=0&semesters=2&diplomaType=bts&targets=${slug}`, {
    headers: { ...manager, "Content-Type": "text/csv" },
    data: [
      "module_code,module_title,semester,ects,hours,item_ref,depth,assessed",
      `UE1,Vendre en ligne,1,30,60,${slug}/C1,2,oui`,
      `UE1,Vendre en ligne,1,30,60,${slug}/C5,3,non`,
      `UE2,Piloter,2,30,60,${slug}/C2,1,non`,
    ].join("\n"),
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  expect((await request.post("/api/v1/reference-sheets", { headers: admin, data: JSON.stringify(v2) })).status()).toBe(201);

  await signIn(page, DEMO.manager);
  await page.goto(`/programmes/${id}`);
  await expect(page.getByTestId("upgrade-banner")).toBeVisible();
  await page.getByRole("link", { name: "Voir les changements et mettre à jour" }).click();
  const upgrade = page.getByTestId(`upgrade-${slug}`);
  await expect(upgrade.getByRole("heading", { level: 2 })).toContainText("version 1 → 2");
  await expect(upgrade.getByLabel("Retirés", { exact: true })).toContainText("C5");
  await expect(upgrade.getByLabel("Reformulés", { exact: true })).toContainText("(nouvelle rédaction)");
  await expect(upgrade).toContainText("2 correspondances gardées telles quelles");
  await expect(upgrade.getByTestId("upgrade-decision")).toHaveCount(1);

  // Without a decision: the error sits beside the row, nothing changes.
  await upgrade.getByRole("button", { name: "Passer à la version 2" }).click();
  await expect(page.getByTestId(`upgrade-${slug}`).getByText("Choisissez ce que devient cette correspondance.")).toBeVisible();
  await expect(page.getByTestId("pins")).toContainText(`${slug} : version 1`);

  await page.getByTestId("upgrade-decision").getByRole("combobox").selectOption(`move:${slug}/C3`);
  await page.getByRole("button", { name: "Passer à la version 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Référentiel passé en version 2" })).toContainText("1 reportée,");
  await expect(page.getByTestId("pins")).toContainText(`${slug} : version 2`);

  // The matrix: unchanged mappings kept, the vanished one moved onto C3 with its depth.
  await page.goto(`/programmes/${id}/matrice`);
  await expect(page.getByTestId(`cell-UE1-${slug}/C1`)).toHaveAccessibleName(`UE1 × ${slug}/C1 : profondeur 2, évalué`);
  await expect(page.getByTestId(`cell-UE2-${slug}/C2`)).toHaveAccessibleName(`UE2 × ${slug}/C2 : profondeur 1`);
  await expect(page.getByTestId(`cell-UE1-${slug}/C3`)).toHaveAccessibleName(`UE1 × ${slug}/C3 : profondeur 3`);
  await expect(page.getByTestId(`cell-UE1-${slug}/C5`)).toHaveCount(0);

  // The history says who upgraded, and the filter on reference sheets finds it alone.
  await page.goto(`/programmes/${id}/historique`);
  await page.getByLabel("Type de changement").selectOption("sheet");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByTestId("history-row")).toHaveCount(1);
  await expect(page.getByTestId("history-row")).toContainText(`a adopté la version 2 du référentiel ${slug} (au lieu de la 1)`);
  await expect(page.getByTestId("history-row")).toContainText("Romain Bernard (démo)");
});
