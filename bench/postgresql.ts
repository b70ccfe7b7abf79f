/**
 * The HTTP benchmarks (bench/http.ts) on PostgreSQL: starts a PostgreSQL cluster of its own on
 * loopback with PostgreSQL's durable defaults (fsync and synchronous commits on, unlike the test
 * clusters), creates a database owned by the migration role, builds the network of
 * `npm run seed:scale` in it as the owner, then runs bench/http.ts with the app connecting as
 * the role under row-level security, as in production. Removes the cluster at the end.
 *
 *   npm run build && npm run bench:postgresql -- --size small    (1 programme of 120 modules)
 *   npm run build && npm run bench:postgresql -- --size scale    (the 1,000,000-mapping network)
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { adminQuery, APP_ROLE, OWNER_ROLE, startCluster, withDatabase } from "../scripts/postgres-cluster.mjs";

const { values } = parseArgs({ options: { size: { type: "string", default: "small" }, duration: { type: "string", default: "8" } } });
const SIZES: Record<string, string[]> = {
  small: ["--schools", "1", "--programmes", "1", "--modules", "120", "--mappings", "3000"],
  scale: [],
};
const sizeArgs = SIZES[values.size!];
if (!sizeArgs) throw new Error(`--size : small ou scale, pas ${values.size}.`);

const cluster = await startCluster({ durable: true });
try {
  const database = "maquette_bench";
  await adminQuery(cluster.adminUrl, `CREATE DATABASE ${database} OWNER ${OWNER_ROLE}`, `GRANT CONNECT ON DATABASE ${database} TO ${APP_ROLE}`);
  const env = { ...process.env, DATABASE_URL: withDatabase(cluster.appUrl, database), MIGRATION_DATABASE_URL: withDatabase(cluster.ownerUrl, database) };
  const started = performance.now();
  const seeded = spawnSync("npx", ["tsx", "scripts/seed-scale.ts", "--seed", "42", ...sizeArgs], { env, stdio: ["ignore", "inherit", "inherit"] });
  if (seeded.status !== 0) throw new Error("seed:scale a échoué.");
  console.log(`Réseau de mesure sur PostgreSQL (${values.size}) : ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // A database in its steady state: statistics up to date, and no autovacuum of the freshly
  // loaded tables running beside the measurement.
  const analysed = performance.now();
  await adminQuery(withDatabase(cluster.adminUrl, database), "VACUUM ANALYZE");
  console.log(`VACUUM ANALYZE : ${((performance.now() - analysed) / 1000).toFixed(1)} s`);
  const [{ rows }] = await adminQuery(withDatabase(cluster.adminUrl, database), `SELECT pg_size_pretty(pg_database_size('${database}')) AS size`);
  console.log(`Taille de la base : ${rows[0].size}`);
  const bench = spawnSync("npx", ["tsx", "bench/http.ts", "--label", `PostgreSQL 15 (${values.size})`, "--duration", values.duration!], { env, stdio: "inherit" });
  if (bench.status !== 0) throw new Error("bench/http.ts a échoué.");
} finally {
  cluster.stop();
}
