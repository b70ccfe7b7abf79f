/**
 * npm run screenshots: the screenshots of the main pages in docs/screenshots/, shown in the
 * README. Builds nothing: run `npm run build` first. Starts the built app as `npm start` does
 * (migrations, reference data, demo school) on a fresh SQLite file in a temporary folder,
 * signs in as the demo programme manager and photographs each page with Chromium
 * (CHROMIUM_PATH, or Debian's /usr/bin/chromium), in French, 1280 px wide; the matrix also at
 * a tablet's 820 px. To show the versions and review pages with something in them, it
 * publishes version 1 of the demo master, submits it for review and has the demo reviewer
 * leave a comment, in that throwaway database only.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { PROJECT_ROOT, startApp } from "../tests/support/app-process";

const OUT = join(PROJECT_ROOT, "docs/screenshots");
const PASSWORD = "maquette-demo";
const MANAGER = "responsable@demo.maquette.fr";
const REVIEWER = "evaluateur@demo.maquette.fr";
const PROGRAMME = "Master Management du commerce électronique";
const SHEET = "chef-de-projet-e-commerce";
const DESKTOP = { width: 1280, height: 900 };
const TABLET = { width: 820, height: 1180 };

async function signIn(browser: Browser, baseURL: string, email: string) {
  const context = await browser.newContext({ baseURL, viewport: DESKTOP, locale: "fr-FR", timezoneId: "Europe/Paris" });
  const page = await context.newPage();
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
  return page;
}

/** Opens `path` and saves what the window shows (or the whole page) as docs/screenshots/<name>.png. */
async function shoot(page: Page, path: string, name: string, options: { fullPage?: boolean; scrollTo?: string } = {}) {
  await page.goto(path, { waitUntil: "networkidle" });
  if (options.scrollTo) await page.getByRole("heading", { name: options.scrollTo }).evaluate((heading) => heading.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: options.fullPage ?? false, animations: "disabled", caret: "hide" });
  console.log(`docs/screenshots/${name}.png`);
}

async function main() {
  if (!existsSync(join(PROJECT_ROOT, "build/index.js"))) {
    console.error("Aucune version construite : lancez d'abord npm run build.");
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), "maquette-screenshots-"));
  const app = await startApp({ databaseFile: join(scratch, "screenshots.db"), output: { file: join(scratch, "server.log") } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"],
  });
  try {
    const page = await signIn(browser, app.url, MANAGER);
    await page.goto("/programmes");
    await page.getByRole("link", { name: PROGRAMME }).click();
    await page.getByRole("heading", { level: 1, name: PROGRAMME }).waitFor();
    const programme = new URL(page.url()).pathname;

    await shoot(page, "/", "home-dashboard");
    await shoot(page, "/programmes", "programme-list");
    await shoot(page, programme, "programme");
    await shoot(page, `${programme}/matrice`, "matrix");
    await shoot(page, `${programme}/couverture`, "coverage");
    await shoot(page, `${programme}/couverture`, "coverage-heatmap", { scrollTo: "Progression par semestre" });
    await shoot(page, `${programme}/rapport`, "report");
    await shoot(page, `/referentiels/${SHEET}`, "reference-sheet");
    await page.setViewportSize(TABLET);
    await shoot(page, `${programme}/matrice`, "matrix-tablet");
    await page.setViewportSize(DESKTOP);

    // Something to show on the versions and review pages: version 1, under review, with a comment.
    await page.goto(`${programme}/versions`);
    await page.getByLabel("Libellé (facultatif)").fill("Dossier d'accréditation 2027");
    await page.getByRole("button", { name: "Publier une version" }).click();
    await page.getByTestId("version-1").waitFor();
    await page.getByTestId("version-1").getByRole("button", { name: "Soumettre à évaluation" }).click();
    await page.getByRole("status").filter({ hasText: /^Version 1 soumise à évaluation/ }).waitFor();
    const reviewer = await signIn(browser, app.url, REVIEWER);
    await reviewer.goto(`${programme}/revue`);
    await reviewer.getByLabel("Commentaire", { exact: true }).fill("Pouvez-vous préciser dans quels modules la conduite de projet est évaluée ?");
    await reviewer.getByRole("button", { name: "Publier le commentaire" }).click();
    await reviewer.getByRole("status").filter({ hasText: "Commentaire publié" }).waitFor();

    await shoot(page, `${programme}/versions`, "versions");
    await shoot(page, `${programme}/revue`, "review");
  } finally {
    await browser.close();
    await app.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
