// npm run serve: serves the built app on PORT without preparing the database. For the second
// and later app processes on one database (README, "Several app processes behind one
// address"): one `npm start` (or `npm run db:migrate` and `npm run db:seed`) prepares the
// database, then any number of processes serve it.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), ".."));
process.env.NODE_ENV ??= "production";
if (!existsSync("build/index.js")) {
  console.error("Aucune version construite : lancez d'abord npm run build (ou npm start).");
  process.exit(1);
}
const { serveUntilStopped } = await import("./server.mjs");
await serveUntilStopped();
