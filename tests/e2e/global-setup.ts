import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT, startApp } from "../support/app-process";

/**
 * Starts the built app (npm start's script) on a free port with a fresh SQLite database and
 * the demo data, and stops it after the run. Tests read the address from E2E_BASE_URL and the
 * database file from E2E_DATABASE_FILE.
 */
export default async function globalSetup() {
  const dir = join(PROJECT_ROOT, `tests/.tmp/e2e-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const databaseFile = join(dir, "e2e.db");
  const app = await startApp({ databaseFile });
  process.env.E2E_BASE_URL = app.url;
  process.env.E2E_DATABASE_FILE = databaseFile;
  process.env.E2E_TMP_DIR = dir;
  return async () => {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
