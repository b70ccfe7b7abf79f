import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { adminQuery, freePort, startCluster, withDatabase } from "../../scripts/postgres-cluster.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

async function waitForHealth(url: string, child: { exitCode: number | null }, deadline: number) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Le serveur s'est arrêté (code ${child.exitCode}).`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Le serveur n'a pas répondu sur ${url}/healthz à temps.`);
}

/** The database of the run: a fresh SQLite file, or (MAQUETTE_TEST_DATABASE=postgresql) a throwaway cluster. */
async function testDatabase(dir: string): Promise<{ env: Record<string, string>; inspectUrl: string; stop: () => void }> {
  if (process.env.MAQUETTE_TEST_DATABASE !== "postgresql") {
    const file = join(dir, "e2e.db");
    return { env: { DATABASE_URL: `file:${file}` }, inspectUrl: `file:${file}`, stop: () => {} };
  }
  const cluster = await startCluster();
  await adminQuery(cluster.adminUrl, `CREATE DATABASE e2e OWNER maquette_owner`);
  // The app connects as the role under row-level security; migrations run as the owner.
  return {
    env: { DATABASE_URL: withDatabase(cluster.appUrl, "e2e"), MIGRATION_DATABASE_URL: withDatabase(cluster.ownerUrl, "e2e") },
    inspectUrl: withDatabase(cluster.adminUrl, "e2e"),
    stop: () => cluster.stop(),
  };
}

/** Starts the built app (`script`) on a free port with these settings; resolves once /healthz answers. */
export async function startApp(env: Record<string, string>, script = "scripts/start.mjs"): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    cwd: root,
    // TRUST_PROXY=loopback: tests may say which client address a request comes from
    // (X-Forwarded-For), so that the rate-limit test does not limit the other tests.
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", TRUST_PROXY: "loopback" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, Date.now() + 120_000);
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
  return { url, child };
}

/**
 * Starts the built app (npm start's script) on a free port with a fresh database and the demo
 * data, and stops it after the run. Tests read the address from E2E_BASE_URL, the database
 * from E2E_DATABASE_URL (for checks around the app: on PostgreSQL, the superuser's URL) and
 * E2E_APP_ENV (the app's database settings, to start a second process on the same database).
 */
export default async function globalSetup() {
  const dir = join(root, `tests/.tmp/e2e-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const database = await testDatabase(dir);
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(database.env);
  } catch (error) {
    database.stop();
    throw error;
  }
  process.env.E2E_BASE_URL = app.url;
  process.env.E2E_DATABASE_URL = database.inspectUrl;
  process.env.E2E_APP_ENV = JSON.stringify(database.env);
  process.env.E2E_TMP_DIR = dir;
  // The reliability suites (tests/e2e/reliability) read the SQLite file itself.
  if (database.inspectUrl.startsWith("file:")) process.env.E2E_DATABASE_FILE = database.inspectUrl.slice("file:".length);
  return async () => {
    app.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    database.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
