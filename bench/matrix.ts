/**
 * The matrix page in Chromium, on a programme of 120 modules (and one of 40) against the five
 * reference sheets, every requirement a column (issue 18):
 * - the page's HTML, in bytes (and gzipped);
 * - navigation to a cell that accepts a key: from the start of the navigation to the first key
 *   pressed there having changed the cell (the page loaded, hydrated, the cell focused), next
 *   to the navigation to a static file of the same HTML bytes served by the same server;
 * - a key press to the live coverage figure updated: from the key's event to the change of the
 *   figure's text (a MutationObserver), and to the next frame painted after it.
 *
 *   npm run build && npm run bench:matrix -- [--runs 10] [--keys 100]
 *
 * Self-contained: a fresh SQLite file, the reference data, a school signed up through the app,
 * the programmes imported through the API (deterministic mappings, about 25 per module).
 * Prints markdown rows for docs/performance.md, with the machine's load before and after.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { fixedSequence, freePort } from "./support";
import { chromium } from "playwright-core";

const { values } = parseArgs({ options: { runs: { type: "string", default: "10" }, keys: { type: "string", default: "100" } } });
const RUNS = Number(values.runs);
const KEYS = Number(values.keys);
const SHEETS = ["charge-e-commerce", "chef-de-projet-commerce-electronique", "chef-de-projet-e-commerce", "directeur-e-commerce", "responsable-e-commerce"];
const EMAIL = "mesure@matrice.test";
const PASSWORD = "mesure-matrice-2026";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n: number) => `${n.toFixed(1)} ms`;
const load0 = loadavg();
const started = new Date();
const dir = mkdtempSync(join(tmpdir(), "maquette-bench-matrice-"));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ["scripts/start.mjs"], {
  env: { ...process.env, PORT: String(port), NODE_ENV: "production", DATABASE_URL: `file:${join(dir, "bench.db")}`, MAQUETTE_DEMO: "off" },
  stdio: ["ignore", "ignore", "inherit"],
});
const statics: string[] = [];
try {
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error("Le serveur n'a pas démarré.");
    if (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const signUp = await fetch(`${origin}/inscription`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ schoolName: "École de mesure de la matrice", name: "Mesure", email: EMAIL, password: PASSWORD }),
  });
  if (signUp.status !== 302) throw new Error(`Inscription : ${signUp.status}`);
  const token = ((await (await fetch(`${origin}/api/v1/tokens`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) })).json()) as { token: string }).token;
  const bearer = { Authorization: `Bearer ${token}` };
  const sheets = await Promise.all(SHEETS.map(async (slug) => ((await (await fetch(`${origin}/api/v1/reference-sheets/${slug}`, { headers: bearer })).json()) as { requirements: { ref: string; kind: string; required: boolean }[] }).requirements));
  const refs = [...new Set(sheets.flat().filter((r) => r.required).map((r) => r.ref))];
  // The first competence of the first sheet (the grid's first column) is left unmapped: the key presses flip it covered / missing.
  const probe = sheets[0].find((r) => r.kind === "competence" && r.required)!.ref;
  const mapped = refs.filter((ref) => ref !== probe);

  async function importProgramme(modules: number) {
    const next = fixedSequence(modules);
    const rows = [];
    for (let m = 0; m < modules; m++) {
      const semester = 1 + Math.floor((m * 10) / modules);
      const chosen = new Set<string>();
      while (chosen.size < 25) chosen.add(mapped[Math.floor(next() * mapped.length)]);
      for (const item_ref of chosen) rows.push({ module_code: `M${String(m + 1).padStart(3, "0")}`, module_title: `Module ${m + 1} du semestre ${semester} : intitulé d'une longueur ordinaire`, semester, ects: 3, hours: 30, item_ref, depth: 1 + Math.floor(next() * 4), assessed: next() < 0.5 ? "oui" : "non" });
    }
    const answer = await fetch(`${origin}/api/v1/programmes`, { method: "POST", headers: { ...bearer, "Content-Type": "application/json" }, body: JSON.stringify({ title: `Matrice de mesure ${modules} modules`, level: 7, entryEcts: 0, semesters: 10, targets: SHEETS, rows }) });
    if (answer.status !== 201) throw new Error(`Import : ${answer.status} ${await answer.text()}`);
    return ((await answer.json()) as { id: string }).id;
  }

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium" });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "fr-FR" });
  const page = await context.newPage();
  // The session the sign-up opened: a school's administrator is asked to set up a second factor
  // at the next sign-in (decision 045), which a measure has no use for.
  const session = signUp.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("maquette_session="));
  if (!session) throw new Error("Inscription : pas de session ouverte.");
  const cookie = session;
  await context.addCookies([{ name: "maquette_session", value: session.slice("maquette_session=".length), url: origin }]);
  await page.goto(`${origin}/programmes`);
  await page.getByRole("button", { name: "Se déconnecter" }).waitFor();

  const lines: string[] = [];
  for (const modules of [120, 40]) {
    const id = await importProgramme(modules);
    const url = `${origin}/programmes/${id}/matrice`;
    const html = Buffer.from(await (await fetch(url, { headers: { Cookie: cookie } })).arrayBuffer());
    const staticName = `bench-matrice-${modules}-${process.pid}.html`;
    writeFileSync(`public/${staticName}`, html);
    statics.push(`public/${staticName}`);
    const columns = (html.toString().match(/aria-colcount="(\d+)"/) ?? [])[1];

    // Navigation to a cell that accepts a key, alternately with the static file of the same bytes.
    const navigation: number[] = [];
    const reference: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      await page.goto(`${origin}/${staticName}`, { waitUntil: "load" });
      reference.push(performance.now() - t0);
      const t1 = performance.now();
      await page.goto(url, { waitUntil: "commit" });
      const cell = page.locator('[role="gridcell"][data-row="0"][data-column="0"]');
      await page.locator('[role="grid"][data-ready="yes"]').waitFor();
      await cell.click();
      const before = await cell.getAttribute("aria-label");
      await page.keyboard.press(run % 2 ? "Digit0" : "Digit4");
      await page.waitForFunction(([b]) => document.querySelector('[role="gridcell"][data-row="0"][data-column="0"]')?.getAttribute("aria-label") !== b, [before]);
      navigation.push(performance.now() - t1);
    }
    // Back to depth 0, saved, before the key presses.
    await page.keyboard.press("Digit0");
    await page.getByTestId("matrix-status").filter({ hasText: "Toutes les modifications sont enregistrées." }).waitFor();

    // A key press to the live coverage figure updated.
    await page.evaluate(() => {
      const w = window as unknown as { bench: { down: number; changed: number[]; painted: number[] } };
      w.bench = { down: 0, changed: [], painted: [] };
      document.addEventListener("keydown", (event) => (w.bench.down = event.timeStamp), { capture: true });
      new MutationObserver(() => {
        if (!w.bench.down) return;
        const down = w.bench.down;
        w.bench.down = 0;
        w.bench.changed.push(performance.now() - down);
        requestAnimationFrame(() => setTimeout(() => w.bench.painted.push(performance.now() - down)));
      }).observe(document.querySelector('[data-testid="live-coverage"]')!, { subtree: true, characterData: true, childList: true, attributes: true });
    });
    for (let k = 0; k < KEYS; k++) {
      await page.keyboard.press(k % 2 ? "Digit0" : "Digit4");
      await page.waitForFunction((n) => (window as unknown as { bench: { painted: number[] } }).bench.painted.length > n, k);
    }
    const { changed, painted } = await page.evaluate(() => (window as unknown as { bench: { changed: number[]; painted: number[] } }).bench);
    await page.getByTestId("matrix-status").filter({ hasText: "Toutes les modifications sont enregistrées." }).waitFor({ timeout: 60_000 });
    const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
    const [nav, ref, ch, pa] = [navigation, reference, changed, painted].map(sorted);
    lines.push(
      `| ${modules} modules × ${Number(columns) - 4} colonnes | ${(html.length / 1000).toFixed(1)} kB (${(gzipSync(html).length / 1000).toFixed(1)} kB gzip) | ${ms(percentile(nav, 50))}, ${ms(percentile(nav, 95))} (max ${ms(nav.at(-1)!)}) | ${ms(percentile(ref, 50))} (${(percentile(nav, 50) / percentile(ref, 50)).toFixed(1)}) | ${ms(percentile(ch, 50))}, ${ms(percentile(ch, 95))} | ${ms(percentile(pa, 50))}, ${ms(percentile(pa, 95))} |`,
    );
  }
  await browser.close();
  const load1 = loadavg();
  console.log(`\nMesuré de ${started.toISOString()} à ${new Date().toISOString()} ; ${cpus().length} cœurs ${cpus()[0]?.model ?? ""} ; charge moyenne (1, 5, 15 min) avant ${load0.map((l) => l.toFixed(2)).join(", ")}, après ${load1.map((l) => l.toFixed(2)).join(", ")} ; ${RUNS} navigations, ${KEYS} touches.\n`);
  console.log("| programme | HTML de la page | navigation jusqu'à une cellule qui prend une touche : p50, p95 | fichier statique des mêmes octets : p50 (ratio) | touche → chiffre de couverture changé : p50, p95 | touche → image suivante : p50, p95 |");
  console.log("|---|---|---|---|---|---|");
  for (const line of lines) console.log(line);
} finally {
  for (const file of statics) rmSync(file, { force: true });
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
