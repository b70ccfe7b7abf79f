import { mkdirSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import type { TestProject } from "vitest/node";
import { applyPendingMigrations } from "../../app/utils/migrations.server";
import { migrateForApp } from "../../app/utils/migrate-app.server";
import { adminQuery, startCluster, withDatabase } from "../../scripts/postgres-cluster.mjs";
import { POSTGRES_TEMPLATE, TEMPLATE_DB, TEST_PROVIDER, TMP_DIR } from "./paths";

/**
 * Migrates a template database once per run; every test file copies it
 * (tests/setup/worker-database.ts). SQLite: a file in the run's scratch folder. PostgreSQL: a
 * throwaway cluster (scripts/postgres-cluster.mjs) whose template database is migrated by the
 * owner role, the app role getting its privileges as in production. Everything is removed
 * afterwards.
 */
export default async function setup(project: TestProject) {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  if (TEST_PROVIDER === "postgresql") {
    const cluster = await startCluster();
    try {
      await adminQuery(cluster.adminUrl, `CREATE DATABASE "${POSTGRES_TEMPLATE}" OWNER maquette_owner`);
      await migrateForApp({ DATABASE_URL: withDatabase(cluster.appUrl, POSTGRES_TEMPLATE), MIGRATION_DATABASE_URL: withDatabase(cluster.ownerUrl, POSTGRES_TEMPLATE) });
    } catch (error) {
      cluster.stop();
      throw error;
    }
    project.provide("postgres", { adminUrl: cluster.adminUrl, ownerUrl: cluster.ownerUrl, appUrl: cluster.appUrl });
    return () => {
      cluster.stop();
      rmSync(TMP_DIR, { recursive: true, force: true });
    };
  }
  project.provide("postgres", null);
  await applyPendingMigrations(`file:${TEMPLATE_DB}`);
  // Fold the WAL into the main file so that a plain copy carries the whole schema.
  const template = new Database(TEMPLATE_DB);
  template.pragma("wal_checkpoint(TRUNCATE)");
  template.pragma("journal_mode = DELETE");
  template.close();
  return () => rmSync(TMP_DIR, { recursive: true, force: true });
}
