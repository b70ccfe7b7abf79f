/**
 * HTTP benchmarks of the built app on a database made by `npm run seed:scale`, each measured
 * next to its reference in the same run:
 * - the coverage page (server-rendered) and the coverage API of the 120-module programme under
 *   32 connections, each against a static file of its own bytes served by the same server;
 * - a matrix cell save round trip under 8 concurrent editors (each on their own row);
 * - the import of a 10,000-row programme CSV through the API: seconds and the server's peak memory;
 * - the JavaScript the matrix page loads, gzipped.
 *
 *   npm run build && DATABASE_URL=file:./data/bench/scale.db npm run bench:http -- --label "SQLite, réseau de mesure"
 *
 * Prints markdown rows for docs/performance.md. Needs the build (`npm run build`).
 * BENCH_NODE_ARGS passes options to the server's Node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profile"
 * for a CPU profile of the server during the whole run.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { fixedSequence, freePort } from "./support";
import autocannon from "autocannon";

const { values } = parseArgs({ options: { label: { type: "string", default: process.env.DATABASE_URL ?? "défaut" }, duration: { type: "string", default: "10" }, saves: { type: "string", default: "100" } } });
const duration = Number(values.duration);
const PASSWORD = "mesure-maquette";
const EMAIL = "manager@scale-001.test";


function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

if (!existsSync("build/index.js")) throw new Error("Pas de build : lancez d'abord `npm run build`.");
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean), "scripts/serve.mjs"], { env: { ...process.env, PORT: String(port), NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] });
const stop = () => server.kill("SIGTERM");
process.on("exit", stop);
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${origin}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 300) throw new Error("Le serveur ne répond pas.");
  await new Promise((r) => setTimeout(r, 100));
}
const peakRss = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
};

// A session (cookie) and an API token for the first school's manager.
const signIn = await fetch(`${origin}/connexion`, { method: "POST", redirect: "manual", headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email: EMAIL, password: PASSWORD }) });
const cookie = (signIn.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
if (!cookie) throw new Error(`Connexion impossible (${signIn.status}) : la base vient-elle de npm run seed:scale ?`);
const tokenResponse = await fetch(`${origin}/api/v1/tokens`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
const { token } = (await tokenResponse.json()) as { token: string };
const bearer = { Authorization: `Bearer ${token}` };
const list = (await (await fetch(`${origin}/api/v1/programmes`, { headers: bearer })).json()) as { programmes: { id: string; title: string; modules: number }[] };
const programme = list.programmes.find((p) => p.title === "Programme de mesure 120 modules");
if (!programme) throw new Error("Programme de mesure introuvable.");

type Cpu = { server: number; postgres: number; autocannon: number };
/**
 * CPU time used so far, in ms, by the server, by PostgreSQL's processes (none on SQLite) and by
 * this process (autocannon), read from /proc (clock ticks of 10 ms).
 */
function cpuTimes(): Cpu {
  const used: Cpu = { server: 0, postgres: 0, autocannon: 0 };
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // the process has ended
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ms = (Number(fields[11]) + Number(fields[12])) * 10;
    if (Number(entry) === server.pid) used.server += ms;
    else if (Number(entry) === process.pid) used.autocannon += ms;
    else if (name === "postgres") used.postgres += ms;
  }
  return used;
}

type Load = { rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; bytes: number; cpu: Cpu };
async function load(path: string, headers: Record<string, string>): Promise<Load> {
  const latencies: number[] = [];
  const before = cpuTimes();
  const instance = autocannon({ url: `${origin}${path}`, connections: 32, duration, headers });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, time: number) => latencies.push(time));
  const result = await instance;
  const after = cpuTimes();
  const perRequest = (key: keyof Cpu) => (after[key] - before[key]) / Math.max(1, latencies.length);
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytes: result.throughput.average,
    cpu: { server: perRequest("server"), postgres: perRequest("postgres"), autocannon: perRequest("autocannon") },
  };
}

const pagePath = `/programmes/${programme.id}/couverture`;
const apiPath = `/api/v1/programmes/${programme.id}/coverage`;
const pageBytes = Buffer.from(await (await fetch(`${origin}${pagePath}`, { headers: { Cookie: cookie } })).arrayBuffer());
const apiBytes = Buffer.from(await (await fetch(`${origin}${apiPath}`, { headers: bearer })).arrayBuffer());
// Each answer's reference is a static file of its own bytes: the client's work depends on the
// content as well as the size (autocannon decodes every body as UTF-8 text, and accented
// French text costs it three times what ASCII does; docs/decisions/033). The file of "x" of the
// page's size, the reference of rounds 1 to 5, is measured too.
const statics = { page: `bench-static-${process.pid}.html`, api: `bench-static-${process.pid}.json`, ascii: `bench-static-${process.pid}-x.html` };
writeFileSync(`public/${statics.page}`, pageBytes);
writeFileSync(`public/${statics.api}`, apiBytes);
writeFileSync(`public/${statics.ascii}`, "x".repeat(pageBytes.length));
let rows: string[] = [];
try {
  const pageReference = await load(`/${statics.page}`, {});
  const page = await load(pagePath, { Cookie: cookie });
  const apiReference = await load(`/${statics.api}`, {});
  const api = await load(apiPath, bearer);
  const ascii = await load(`/${statics.ascii}`, {});
  const kb = (bytes: Buffer) => `${(bytes.length / 1024).toFixed(0)} ko`;
  const line = (name: string, r: Load, reference: Load) =>
    `| ${values.label} | ${name} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors + r.non2xx} | ${(r.rps / reference.rps).toFixed(2)} |`;
  rows = [
    `| base | requête (32 connexions, ${duration} s) | req/s | p50 | p95 | p99 | erreurs | ratio à sa référence |`,
    "|---|---|---|---|---|---|---|---|",
    line(`fichier statique : les octets de la page, ${kb(pageBytes)} (référence de la page)`, pageReference, pageReference),
    line("page de couverture (programme inchangé : la page gardée)", page, pageReference),
    line(`fichier statique : les octets de l'API, ${kb(apiBytes)} (référence de l'API)`, apiReference, apiReference),
    line("API de couverture (programme inchangé : la réponse gardée)", api, apiReference),
    line(`fichier statique de ${kb(pageBytes)} de « x » (référence des rondes 1 à 5 ; ratio : page)`, ascii, ascii),
    `| ${values.label} | page de couverture, ratio au fichier de « x » | | | | | | ${(page.rps / ascii.rps).toFixed(2)} |`,
    "",
    `| base | temps de processeur par requête | serveur | PostgreSQL | autocannon |`,
    "|---|---|---|---|---|",
    ...([["fichier statique, octets de la page", pageReference], ["page de couverture gardée", page], ["fichier statique, octets de l'API", apiReference], ["API de couverture gardée", api], ["fichier statique de « x »", ascii]] as const).map(
      ([name, r]) => `| ${values.label} | ${name} | ${r.cpu.server.toFixed(2)} ms | ${r.cpu.postgres.toFixed(2)} ms | ${r.cpu.autocannon.toFixed(2)} ms |`,
    ),
  ];
} finally {
  for (const name of Object.values(statics)) rmSync(`public/${name}`, { force: true });
}

// Matrix saves: 8 editors, each on their own module, carrying the version forward; without a
// pause (each saves again as soon as answered), then with a pause between two saves of each
// editor (a person saves a cell at most every few hundred milliseconds).
const detail = (await (await fetch(`${origin}/api/v1/programmes/${programme.id}`, { headers: bearer })).json()) as { modules: { id: string; version: number; mappings: { itemRef: string }[] }[] };
const coverage = (await (await fetch(`${origin}/api/v1/programmes/${programme.id}/coverage`, { headers: bearer })).json()) as { items: { ref: string }[] };
const refs = coverage.items.map((i) => i.ref);
const versions = new Map(detail.modules.map((m) => [m.id, m.version]));
const savesPerEditor = Number(values.saves);
type Saves = { times: number[]; conflicts: number; failures: number; seconds: number };
async function saveCell(moduleId: string, n: number, offset: number, into: Saves) {
  const t0 = performance.now();
  const response = await fetch(`${origin}/programmes/${programme!.id}/matrice/cellule`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: origin, "Content-Type": "application/json" },
    body: JSON.stringify({ moduleId, version: versions.get(moduleId), itemRef: refs[(n + offset) % refs.length], depth: 1 + (n % 4), assessed: n % 2 === 0 }),
  });
  into.times.push(performance.now() - t0);
  const body = (await response.json()) as { version?: number };
  if (response.status === 200) versions.set(moduleId, body.version!);
  else if (response.status === 409) {
    into.conflicts += 1;
    versions.set(moduleId, body.version!);
  } else into.failures += 1;
}
/** The same pauses on every run. */
const pauses = fixedSequence;
/**
 * `pauseMs` 0: each editor saves again as soon as answered. Otherwise each editor, starting at
 * its own moment, waits between two saves a pause drawn between half and one and a half times
 * `pauseMs`: people do not save in step with each other.
 */
async function editors(pauseMs: number): Promise<Saves> {
  const into: Saves = { times: [], conflicts: 0, failures: 0, seconds: 0 };
  const started = performance.now();
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await Promise.all(
    detail.modules.slice(0, 8).map(async (module, editor) => {
      const next = pauses(editor + 1);
      if (pauseMs) await wait(next() * pauseMs);
      for (let n = 0; n < savesPerEditor; n++) {
        await saveCell(module.id, n, editor, into);
        if (pauseMs) await wait(pauseMs * (0.5 + next()));
      }
    }),
  );
  into.seconds = (performance.now() - started) / 1000;
  into.times.sort((a, b) => a - b);
  return into;
}
const PAUSE_MS = 250;
const hurried = await editors(0);
const paced = await editors(PAUSE_MS);

// The first view after a change: one cell saved, then the page (or the API) read once, alone.
const firstViews = { page: [] as number[], api: [] as number[] };
const scratch: Saves = { times: [], conflicts: 0, failures: 0, seconds: 0 };
for (let n = 0; n < 30; n++) {
  for (const [kind, path, headers] of [["page", pagePath, { Cookie: cookie }], ["api", `/api/v1/programmes/${programme.id}/coverage`, bearer]] as const) {
    await saveCell(detail.modules[8].id, n, kind === "page" ? 0 : 7, scratch);
    const t0 = performance.now();
    const response = await fetch(`${origin}${path}`, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} : ${response.status}`);
    firstViews[kind].push(performance.now() - t0);
  }
}
firstViews.page.sort((a, b) => a - b);
firstViews.api.sort((a, b) => a - b);

// Import of 10,000 rows (500 modules × 20 mappings) through the API.
const header = "module_code,module_title,semester,ects,hours,item_ref,depth,assessed";
const csv = [header];
for (let m = 0; m < 500; m++) for (let k = 0; k < 20; k++) csv.push(`IMP${m},Module importé ${m},${1 + (m % 4)},1,20/10/0/0,${refs[(m + k) % refs.length]},${1 + (k % 4)},${k % 2 ? "oui" : "non"}`);
const rssBefore = peakRss();
const importStarted = performance.now();
const imported = await fetch(`${origin}/api/v1/programmes?title=${encodeURIComponent(`Import de mesure ${Date.now()}`)}&level=7&entryEcts=180&semesters=4&diplomaType=master&targets=responsable-e-commerce,directeur-e-commerce,chef-de-projet-e-commerce`, {
  method: "POST",
  headers: { ...bearer, "Content-Type": "text/csv" },
  body: csv.join("\n"),
});
const importSeconds = (performance.now() - importStarted) / 1000;
const rssAfter = peakRss();
if (imported.status !== 201) throw new Error(`Import refusé (${imported.status}) : ${(await imported.text()).slice(0, 500)}`);

// JavaScript the matrix page loads.
const matrixHtml = await (await fetch(`${origin}/programmes/${programme.id}/matrice`, { headers: { Cookie: cookie } })).text();
const scripts = [...new Set([...matrixHtml.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]))];
let raw = 0;
let gz = 0;
for (const src of scripts) {
  const body = Buffer.from(await (await fetch(`${origin}${src}`)).arrayBuffer());
  raw += body.length;
  gz += gzipSync(body).length;
}
stop();

const cpu = cpus();
console.log(`\n${values.label} — ${new Date().toISOString().slice(0, 10)}, ${cpu[0]?.model ?? "?"} × ${cpu.length}, Node ${process.version}\n`);
console.log(rows.join("\n"));
console.log(`\n| base | enregistrement d'une case, 8 éditeurs × ${savesPerEditor} | p50 | p95 | p99 | 409 | échecs | débit |`);
console.log("|---|---|---|---|---|---|---|---|");
for (const [name, r] of [["sans pause", hurried], [`une pause de ${PAUSE_MS / 2} à ${(PAUSE_MS * 3) / 2} ms entre deux enregistrements de chacun`, paced]] as const) {
  console.log(`| ${values.label} | aller-retour, ${name} | ${ms(percentile(r.times, 50))} | ${ms(percentile(r.times, 95))} | ${ms(percentile(r.times, 99))} | ${r.conflicts} | ${r.failures} | ${(r.times.length / r.seconds).toFixed(0)} /s |`);
}
console.log(`\n| base | première lecture après une modification (30 fois, seule) | p50 | p95 | max |`);
console.log("|---|---|---|---|---|");
for (const [name, times] of [["page de couverture (rendue)", firstViews.page], ["API de couverture (calculée)", firstViews.api]] as const) {
  console.log(`| ${values.label} | ${name} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(times[times.length - 1])} |`);
}
console.log(`\n| base | import de 10 000 lignes (API) | durée | pic mémoire du serveur (VmHWM) avant → après |`);
console.log("|---|---|---|---|");
console.log(`| ${values.label} | 500 modules, 10 000 correspondances | ${importSeconds.toFixed(2)} s | ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} Mo |`);
console.log(`\n| page de la matrice | scripts | brut | gzip (niveau par défaut) |`);
console.log("|---|---|---|---|");
console.log(`| ${values.label} | ${scripts.length} | ${(raw / 1024).toFixed(1)} ko | ${(gz / 1024).toFixed(1)} ko |`);
