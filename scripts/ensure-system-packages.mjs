// Makes sure the system packages the tests drive are on this machine: Debian's Chromium
// (Playwright cannot download its own browsers here) and Debian's PostgreSQL (the tests run a
// throwaway cluster of their own, scripts/postgres-cluster.mjs). Installs what is missing with
// apt-get when we may (root on Debian); otherwise says what to install.
import { existsSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const hasPostgres = () =>
  Boolean(process.env.PG_BIN) ||
  (existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`)));

const missing = [];
if (!existsSync(chromium)) missing.push({ name: "Chromium", path: chromium, package: "chromium", fixed: !process.env.CHROMIUM_PATH, hint: "ou indiquez son chemin dans CHROMIUM_PATH" });
if (!hasPostgres()) missing.push({ name: "PostgreSQL", path: "/usr/lib/postgresql/*/bin", package: "postgresql", fixed: true, hint: "ou indiquez le dossier de ses programmes dans PG_BIN" });
if (!missing.length) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
const cannot = missing.filter((item) => !item.fixed || !isRoot || !hasApt);
if (cannot.length) {
  for (const item of cannot) {
    console.error(`${item.name} est introuvable (${item.path}). Installez-le (Debian : apt-get install ${item.package}) ${item.hint}.`);
  }
  process.exit(1);
}
const packages = missing.map((item) => item.package);
console.log(`Paquets Debian absents : installation de ${packages.map((p) => `« ${p} »`).join(", ")}…`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...packages]]) {
  const result = spawnSync("apt-get", args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
