// Makes sure the system packages the tests drive are on this machine: Debian's Chromium
// (Playwright cannot download its own browsers here). Installs it with apt-get when it is
// missing and we may (root on Debian); otherwise says what to install.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (existsSync(chromium)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
if (process.env.CHROMIUM_PATH || !isRoot || !hasApt) {
  console.error(
    `Chromium est introuvable (${chromium}). Installez-le (Debian : apt-get install chromium) ` +
      "ou indiquez son chemin dans CHROMIUM_PATH.",
  );
  process.exit(1);
}
console.log("Chromium absent : installation du paquet Debian « chromium »…");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [["update"], ["install", "-y", "--no-install-recommends", "chromium"]]) {
  const result = spawnSync("apt-get", args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
