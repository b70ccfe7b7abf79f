/**
 * The test database, on either provider: a fresh migrated copy of the run's template, table
 * counts and raw statements that go around the app (to check what the database itself refuses).
 */
import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { inject } from "vitest";
import { adminQuery, withDatabase } from "../../scripts/postgres-cluster.mjs";
import { POSTGRES_TEMPLATE, TEMPLATE_DB, TMP_DIR, type PostgresUrls } from "./paths";

export type TestDatabase = {
  /** The URL the tests use (on PostgreSQL, the owner's). */
  url: string;
  /** SQLite only: the file. */
  file?: string;
  /** PostgreSQL only: the same database for the app role, under row-level security. */
  appUrl?: string;
};

/** A new database migrated like the template: a copied file, or a database created from the template. */
export async function freshDatabase(postgres: PostgresUrls | null = inject("postgres")): Promise<TestDatabase> {
  if (postgres) {
    const name = `test_${randomUUID().replace(/-/g, "")}`;
    await adminQuery(postgres.adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${POSTGRES_TEMPLATE}" OWNER maquette_owner`);
    return { url: withDatabase(postgres.ownerUrl, name), appUrl: withDatabase(postgres.appUrl, name) };
  }
  const file = join(TMP_DIR, `worker-${process.env.VITEST_POOL_ID ?? "0"}-${randomUUID()}.db`);
  copyFileSync(TEMPLATE_DB, file);
  return { url: `file:${file}`, file };
}

const sqliteFile = (url: string) => url.slice("file:".length).split("?")[0];

/** Runs one statement outside the app (PostgreSQL: as the owner), for what the database must refuse. */
export async function rawStatement(sql: string, url = process.env.DATABASE_URL!): Promise<void> {
  if (url.startsWith("file:")) {
    const db = new Database(sqliteFile(url));
    try {
      db.prepare(sql).run();
    } finally {
      db.close();
    }
    return;
  }
  await adminQuery(url, sql);
}

/** The number of rows of every table. */
export async function tableCounts(url = process.env.DATABASE_URL!): Promise<Record<string, number>> {
  if (url.startsWith("file:")) {
    const reader = new Database(sqliteFile(url), { readonly: true });
    try {
      const tables = reader.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
      return Object.fromEntries(tables.map(({ name }) => [name, (reader.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
    } finally {
      reader.close();
    }
  }
  const [tables] = await adminQuery(url, `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
  const names: string[] = tables.rows.map((row) => row.name);
  const counts = await adminQuery(url, ...names.map((name) => `SELECT count(*)::int AS n FROM "${name}"`));
  return Object.fromEntries(names.map((name, i) => [name, counts[i].rows[0].n as number]));
}
