import { mkdirSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { applyPendingMigrations } from "../../app/utils/migrations.server";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

/**
 * Migrates a template SQLite file once per run; every test file copies it
 * (tests/setup/worker-database.ts). The run's scratch folder is removed afterwards.
 */
export default async function setup() {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  await applyPendingMigrations(`file:${TEMPLATE_DB}`);
  // Fold the WAL into the main file so that a plain copy carries the whole schema.
  const template = new Database(TEMPLATE_DB);
  template.pragma("wal_checkpoint(TRUNCATE)");
  template.pragma("journal_mode = DELETE");
  template.close();
  return () => rmSync(TMP_DIR, { recursive: true, force: true });
}
