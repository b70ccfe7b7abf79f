// npm start: builds if there is no build, prepares the database (migrations, reference data,
// demo school unless MAQUETTE_DEMO=off), then serves on PORT (default 3000).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NODE_ENV ??= "production";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`Échec : ${command} ${args.join(" ")}`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync("build/index.js")) {
  console.log("Aucune version construite : construction (npm run build)…");
  run("npm", ["run", "build"]);
}
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
run(process.execPath, [tsx, "scripts/prepare.ts"]);

const { serve } = await import("./server.mjs");
await serve();
