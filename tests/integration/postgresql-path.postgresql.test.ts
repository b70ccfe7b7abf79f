/**
 * The PostgreSQL path as an operator meets it: the derived schema and migrations are up to date
 * with prisma/schema.prisma, and `npm run db:migrate` builds an empty database as the owner,
 * gives the app's role its privileges, then has nothing more to do.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb } from "~/utils/create-db.server";
import { migrateForApp } from "~/utils/migrate-app.server";
import { adminQuery, withDatabase } from "../../scripts/postgres-cluster.mjs";
import { derive, POSTGRES_MIGRATIONS } from "../../scripts/derive-postgresql";
import { parseModels, rowSecurityPlan } from "../../scripts/postgresql-derivation";

const postgres = inject("postgres")!;
const opened: { $disconnect: () => Promise<void> }[] = [];
afterAll(() => Promise.all(opened.map((db) => db.$disconnect())));

describe("le chemin PostgreSQL", () => {
  it("le schéma PostgreSQL et ses migrations sont dérivés du schéma Prisma à jour (sinon : npm run db:postgresql)", async () => {
    const result = await derive(postgres.adminUrl);
    expect(result.migration, "migration PostgreSQL manquante : lancez npm run db:postgresql").toBeNull();
    expect(result.schemaUpToDate, "prisma/postgresql/schema.prisma n'est pas à jour : lancez npm run db:postgresql").toBe(true);
  });

  it("npm run db:migrate construit une base vide en tant que propriétaire, donne ses droits au rôle de l'application, puis n'a plus rien à faire", async () => {
    const name = `migrate_${Date.now()}`;
    await adminQuery(postgres.adminUrl, `CREATE DATABASE "${name}" OWNER maquette_owner`);
    const env = { DATABASE_URL: withDatabase(postgres.appUrl, name), MIGRATION_DATABASE_URL: withDatabase(postgres.ownerUrl, name) };
    const expected = readdirSync(POSTGRES_MIGRATIONS, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(await migrateForApp(env)).toEqual(expected);
    expect(await migrateForApp(env)).toEqual([]);

    const app = createDb(env.DATABASE_URL);
    opened.push(app);
    // The app's role reads the history (nothing pending) and the tables, and owns nothing.
    const recorded = await app.$queryRawUnsafe<{ name: string }[]>(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`);
    expect(recorded.map((r) => r.name)).toEqual(expected);
    expect(await app.referenceSheet.count()).toBe(0);
    await expect(app.$executeRawUnsafe(`DELETE FROM _prisma_migrations`)).rejects.toThrow(/permission denied/);
    await expect(app.$executeRawUnsafe(`CREATE TABLE "Intrus" (id int)`)).rejects.toThrow(/permission denied/);

    const [secured] = await adminQuery(withDatabase(postgres.adminUrl, name), `SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = 'public'::regnamespace`);
    const schoolTables = rowSecurityPlan(parseModels(readFileSync("prisma/schema.prisma", "utf8"))).map((p) => p.table);
    expect(secured.rows.map((r) => r.relname).sort()).toEqual([...schoolTables].sort());
  });
});
