import type { APIRequestContext, Page } from "@playwright/test";
import { pdfText } from "../support/pdf";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { apiToken, bearer, DEMO, expect, signIn, test } from "./fixtures";

/**
 * The matrix as a programme manager and a teacher use it, in Chromium: a French keyboard, a
 * block pasted from a spreadsheet, notes, undo, two people on one module, a teacher's rows,
 * and the print layout as a PDF.
 */

const C = (n: number) => `charge-e-commerce/C${n}`;

/** A programme of its own: six modules (P1–P6) over two semesters, one target. */
async function newProgramme(request: APIRequestContext, token: string, title: string) {
  const rows = [1, 2, 3, 4, 5, 6].map((n) => ({ module_code: `P${n}`, module_title: `Module ${n} : ${title}`, semester: n <= 3 ? 1 : 2, ects: 10, hours: 30, item_ref: "T06", depth: 1 }));
  const created = await request.post("/api/v1/programmes", { headers: bearer(token), data: { title, level: 6, entryEcts: 120, semesters: 2, targets: ["charge-e-commerce"], rows } });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function mappings(request: APIRequestContext, token: string, id: string) {
  const programme = (await (await request.get(`/api/v1/programmes/${id}`, { headers: bearer(token) })).json()) as { modules: { code: string; mappings: { itemRef: string; depth: number; assessed: boolean }[] }[] };
  return Object.fromEntries(programme.modules.map((m) => [m.code, Object.fromEntries(m.mappings.map((x) => [x.itemRef, `${x.depth}${x.assessed ? "✓" : ""}`]))]));
}

/** A key as an AZERTY keyboard sends it: the character it types, and the position it has. */
async function azerty(page: Page, key: string, code: string, keyCode: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchKeyEvent", { type: "keyDown", key, code, text: key, unmodifiedText: key, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode });
  await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode });
  await cdp.detach();
}

async function openMatrix(page: Page, id: string) {
  await page.goto(`/programmes/${id}/matrice`);
  await expect(page.getByRole("grid")).toHaveAttribute("data-ready", "yes");
}

test("au clavier français, par la position des touches ; un bloc collé d'un tableur, une note, annuler : tout est enregistré et reste au rechargement", async ({ page, request, context }) => {
  test.setTimeout(120_000);
  const token = await apiToken(request, DEMO.manager);
  const id = await newProgramme(request, token, `Matrice clavier ${Date.now()}`);
  await signIn(page, DEMO.manager);
  await openMatrix(page, id);
  await expect(page.getByText(/touches 0 à 4 de la rangée des chiffres/)).toBeVisible();

  // AZERTY: "é" is the 2 key, "&" the 1 key; E's position toggles "assessed".
  await page.getByTestId(`cell-P1-${C(1)}`).click();
  await azerty(page, "é", "Digit2", 50);
  await azerty(page, "e", "KeyE", 69);
  await page.keyboard.press("ArrowRight");
  await azerty(page, "&", "Digit1", 49);
  await expect(page.getByTestId(`cell-P1-${C(2)}`)).toHaveAttribute("data-state", "saved");
  await expect(page.getByTestId(`cell-P1-${C(1)}`)).toHaveAccessibleName(`P1 × ${C(1)} : profondeur 2, évalué`);
  await expect(page.getByTestId(`cell-P1-${C(2)}`)).toHaveAccessibleName(`P1 × ${C(2)} : profondeur 1`);

  // A 5 × 4 block from a spreadsheet (Excel's text: tabs, CR LF, a last line break), pasted at P2 × C1.
  const block = ["3 ✓\t2\t\t1", "2\t2\t4 ✓\t", "1\t\t\t3", "4 ✓\t4\t4\t4", "\t1\t2\t3 ✓"];
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((text) => navigator.clipboard.writeText(text), `${block.join("\r\n")}\r\n`);
  await page.getByTestId(`cell-P2-${C(1)}`).click();
  await page.keyboard.press("Control+V");
  await expect(page.getByTestId(`cell-P6-${C(4)}`)).toHaveAttribute("data-state", "saved");
  await expect(page.getByTestId("matrix-status")).toHaveText("Toutes les modifications sont enregistrées.");

  // A note on a cell, from the side panel, through the same save.
  await page.getByTestId(`cell-P4-${C(3)}`).click();
  await expect(page.getByTestId("matrix-panel")).toContainText("charge-e-commerce/C3");
  await expect(page.getByTestId("matrix-panel-note")).toHaveText("Une note se pose sur une cellule reliée (profondeur 1 à 4).");
  await page.getByTestId(`cell-P3-${C(3)}`).click();
  await page.getByLabel("Note", { exact: true }).fill("Étude de cas notée en fin de semestre");
  await page.getByRole("button", { name: "Enregistrer la note" }).click();
  await expect(page.getByTestId(`cell-P3-${C(3)}`)).toHaveAccessibleName(`P3 × ${C(3)} : profondeur 4, évalué, avec une note`);

  // Delete clears, Ctrl+Z brings it back (one's own change, saved again).
  await page.getByTestId(`cell-P5-${C(4)}`).click();
  await page.keyboard.press("Delete");
  await expect(page.getByTestId(`cell-P5-${C(4)}`)).toHaveAccessibleName(`P5 × ${C(4)} : non relié`);
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId(`cell-P5-${C(4)}`)).toHaveAccessibleName(`P5 × ${C(4)} : profondeur 4`);
  await expect(page.getByTestId("matrix-status")).toHaveText("Toutes les modifications sont enregistrées.");

  await page.reload();
  await expect(page.getByTestId(`cell-P3-${C(3)}`)).toHaveAccessibleName(`P3 × ${C(3)} : profondeur 4, évalué, avec une note`);
  expect(await mappings(request, token, id)).toEqual({
    P1: { T06: "1", [C(1)]: "2✓", [C(2)]: "1" },
    P2: { T06: "1", [C(1)]: "3✓", [C(2)]: "2", [C(4)]: "1" },
    P3: { T06: "1", [C(1)]: "2", [C(2)]: "2", [C(3)]: "4✓" },
    P4: { T06: "1", [C(1)]: "1", [C(4)]: "3" },
    P5: { T06: "1", [C(1)]: "4✓", [C(2)]: "4", [C(3)]: "4", [C(4)]: "4" },
    P6: { T06: "1", [C(2)]: "1", [C(3)]: "2", [C(4)]: "3✓" },
  });
  // The P3 × C3 cell keeps its note in the side panel.
  await page.getByTestId(`cell-P3-${C(3)}`).click();
  await expect(page.getByLabel("Note", { exact: true })).toHaveValue("Étude de cas notée en fin de semestre");

  // Copy gives the same text back (a depth, then ✓ when assessed).
  await page.getByTestId(`cell-P2-${C(1)}`).click();
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Control+c");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("3 ✓\t2");

  // Columns by target (the job sheet, and the level's national framework that every programme targets), and the print layout as Chromium renders it: A3 landscape, then A4 over pages.
  await expect(page.getByTestId("filter-target").locator("option")).toHaveText(["Tous", "CEC — Chargé(e) du e-commerce", "CN6 — Cadre national des certifications professionnelles, niveau 6"]);
  await page.getByRole("link", { name: "Imprimer la matrice" }).click();
  await expect(page.getByTestId("matrix-print")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  for (const [format, width, height, minimumPages] of [["a3", 1190.5, 841.9, 1], ["a4", 841.9, 595.3, 2]] as const) {
    await page.goto(`/programmes/${id}/matrice/imprimer?format=${format}`);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
    const [, , w, h] = (await document.getPage(1)).view;
    expect([Math.round(w), Math.round(h)]).toEqual([Math.round(width), Math.round(height)]);
    expect(document.numPages).toBeGreaterThanOrEqual(minimumPages);
    const text = await pdfText(pdf);
    expect(text).toContain("Matrice clavier");
    expect(text).toMatch(/Matrice du \d{1,2} \S+ \d{4}/);
    expect(text).toContain(`1 / ${document.numPages}`);
    expect(text).toContain("Chargé(e) du e-commerce");
    expect(text).toContain("Profondeur : 1 Notions, 2 Application, 3 Maîtrise, 4 Expertise");
    expect(text).toContain("Module 6 :");
  }
});

test("deux navigateurs sur des cellules différentes d'un même module : aucun conflit, les deux valeurs restent", async ({ browser, request }) => {
  const token = await apiToken(request, DEMO.manager);
  const id = await newProgramme(request, token, `Matrice à deux ${Date.now()}`);
  const alice = await browser.newPage();
  const bob = await browser.newPage();
  await signIn(alice, DEMO.manager);
  await signIn(bob, DEMO.admin);
  await openMatrix(alice, id);
  await openMatrix(bob, id);
  await alice.getByTestId(`cell-P1-${C(1)}`).click();
  await alice.keyboard.press("3");
  await expect(alice.getByTestId(`cell-P1-${C(1)}`)).toHaveAttribute("data-state", "saved");
  // Bob's page still has P1's version from before Alice's save.
  await bob.getByTestId(`cell-P1-${C(2)}`).click();
  await bob.keyboard.press("2");
  await expect(bob.getByTestId(`cell-P1-${C(2)}`)).toHaveAttribute("data-state", "saved");
  await alice.getByTestId(`cell-P1-${C(3)}`).click();
  await alice.keyboard.press("4");
  await expect(alice.getByTestId(`cell-P1-${C(3)}`)).toHaveAttribute("data-state", "saved");
  // The same cell, changed by Alice since Bob's page saw it: a conflict for Bob, as before.
  await bob.getByTestId(`cell-P1-${C(1)}`).click();
  await bob.keyboard.press("1");
  await expect(bob.getByTestId(`cell-P1-${C(1)}`)).toHaveAttribute("data-state", "conflict");
  await expect(bob.getByRole("alert")).toContainText("Valeur actuelle : 3");
  expect((await mappings(request, token, id)).P1).toEqual({ T06: "1", [C(1)]: "3", [C(2)]: "2", [C(3)]: "4" });
  await alice.close();
  await bob.close();
});

test("un enseignant : « Mes modules » d'abord, les autres lignes verrouillées et dites telles ; un collage qui touche la ligne d'un autre est refusé entier", async ({ page, request }) => {
  const token = await apiToken(request, DEMO.teacher);
  await signIn(page, DEMO.teacher);
  await page.goto("/programmes");
  await page.getByRole("link", { name: "BTS Négociation et digitalisation de la relation client, parcours e-commerce" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("BTS Négociation et digitalisation de la relation client, parcours e-commerce");
  const id = new URL(page.url()).pathname.split("/")[2];
  await openMatrix(page, id);
  const before = await mappings(request, token, id);

  // Her modules only, at first.
  await expect(page.getByTestId("filter-mine")).toBeChecked();
  await expect(page.locator("[data-module]")).toHaveCount(3);
  await expect(page.getByTestId(`cell-B2-CULT-${C(1)}`)).toHaveCount(0);

  // All modules: another teacher's row is locked, says so, and a key pressed there says why.
  await page.getByTestId("filter-mine").uncheck();
  await expect(page.getByTestId("lock-B2-CULT")).toHaveText("🔒 Verrouillé : B2-CULT est le module d'un autre enseignant.");
  await expect(page.getByTestId("lock-B2-ECOM")).toHaveCount(0);
  await page.getByTestId(`cell-B2-CULT-${C(1)}`).click();
  await page.keyboard.press("2");
  await expect(page.getByTestId("matrix-status")).toHaveText("Verrouillé : B2-CULT est le module d'un autre enseignant.");

  // A range over her row and the next one (another teacher's): a paste there is refused whole.
  await page.getByTestId(`cell-B2-ECOM-${C(1)}`).click();
  await page.getByTestId(`cell-B2-RCRE-${C(2)}`).click({ modifiers: ["Shift"] });
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData("text/plain", "3\t3\n3\t3\n");
    document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data }));
  });
  await expect(page.getByTestId("matrix-status")).toContainText("Rien n'est enregistré : B2-RCRE × C1, B2-RCRE × C2.");
  await expect(page.getByTestId(`cell-B2-ECOM-${C(1)}`)).not.toHaveAttribute("data-state", "saving");

  // The server refuses the same range whatever the page does, names the cells, saves nothing.
  const programme = (await (await request.get(`/api/v1/programmes/${id}`, { headers: bearer(token) })).json()) as { modules: { id: string; code: string; version: number }[] };
  const module = (code: string) => programme.modules.find((m) => m.code === code)!;
  const refused = await page.evaluate(
    async ({ url, cells }) => {
      const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ cells }) });
      return { status: response.status, body: await response.json() };
    },
    {
      url: `/programmes/${id}/matrice/cellule`,
      cells: ["B2-ECOM", "B2-RCRE"].map((code) => ({ moduleId: module(code).id, version: module(code).version, itemRef: C(1), depth: 3, assessed: false })),
    },
  );
  expect(refused.status).toBe(403);
  expect(refused.body.cells).toEqual([{ moduleId: module("B2-RCRE").id, itemRef: C(1), reason: "notAllowed" }]);
  expect(await mappings(request, token, id)).toEqual(before);
});
