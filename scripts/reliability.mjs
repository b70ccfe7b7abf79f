// The long versions of the reliability suites (the CI runs small ones), with their figures for
// docs/reliability.md. Builds the app, runs the suite's Playwright file against it, then
// prints what it measured.
//   npm run fuzz -- --runs 100000 [--seed N] [--batch 2000] [--parallel 3] [--from <first batch>] [--header-runs 60]
//   (every case may carry a hostile header; every other batch serves without TRUST_PROXY)
//   npm run concurrency -- --clients 50 --edits 100
//   npm run crash-test -- --rounds 100
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SUITES = {
  fuzz: {
    spec: "tests/e2e/reliability/fuzz.spec.ts",
    options: { "--runs": "FUZZ_RUNS", "--seed": "FUZZ_SEED", "--batch": "FUZZ_BATCH", "--parallel": "FUZZ_PARALLEL", "--from": "FUZZ_FROM", "--header-runs": "FUZZ_HEADER_RUNS" },
    defaults: { FUZZ_RUNS: "100000" },
  },
  concurrency: { spec: "tests/e2e/reliability/concurrency.spec.ts", options: { "--clients": "CONCURRENCY_CLIENTS", "--edits": "CONCURRENCY_EDITS" }, defaults: { CONCURRENCY_CLIENTS: "50", CONCURRENCY_EDITS: "100" } },
  crash: { spec: "tests/e2e/reliability/crash.spec.ts", options: { "--rounds": "CRASH_ROUNDS" }, defaults: { CRASH_ROUNDS: "100" } },
};

const [name, ...args] = process.argv.slice(2);
const suite = SUITES[name];
if (!suite) {
  console.error(`Usage : node scripts/reliability.mjs <${Object.keys(SUITES).join("|")}> [options]`);
  process.exit(2);
}
const env = { ...process.env, ...suite.defaults };
for (let i = 0; i < args.length; i += 2) {
  const variable = suite.options[args[i]];
  if (!variable || !/^\d+$/.test(args[i + 1] ?? "")) {
    console.error(`Option inconnue ou sans nombre : ${args[i]} (possibles : ${Object.keys(suite.options).join(", ")})`);
    process.exit(2);
  }
  env[variable] = args[i + 1];
}
// A long fuzz run explores new cases: a new seed each time, printed so that it can be replayed.
if (name === "fuzz") env.FUZZ_SEED ??= String(Math.floor(Math.random() * 2 ** 31));
const report = join(tmpdir(), `maquette-fiabilite-${process.pid}.jsonl`);
rmSync(report, { force: true });
env.RELIABILITY_REPORT = report;

const run = (command, commandArgs) => spawnSync(command, commandArgs, { cwd: root, env, stdio: "inherit" }).status ?? 1;
if (run("npm", ["run", "build"]) !== 0) process.exit(1);
const started = Date.now();
const status = run("npx", ["playwright", "test", "--config", "tests/playwright.config.ts", "--project", "fiabilite", "--no-deps", suite.spec]);
console.log(`\nDurée totale : ${Math.round((Date.now() - started) / 1000)} s (playwright : code ${status})`);
if (existsSync(report)) {
  for (const line of readFileSync(report, "utf8").trim().split("\n")) console.log(`Chiffres : ${line}`);
  rmSync(report, { force: true });
}
process.exit(status);
