/**
 * PostgreSQL specifics: the driver adapter, the privileges of the app's role, and the check that
 * the app's role is under row-level security. See docs/decisions/017-row-level-security.md.
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { Db } from "./create-db.server";

/**
 * The adapter factory for a postgresql:// URL, with a shadow database of our own for the
 * schema engine (it replays the migrations there to compute a diff).
 *
 * why: @prisma/adapter-pg 7.10's own shadow database is dropped before its connections are
 * closed ("database is being accessed by other users"), and `pg` lets the connection string's
 * database win over the shadow's name it passes beside it (the replay would run on the real
 * database). Ours gives the shadow a URL of its own and drops it after closing it.
 */
export function postgresAdapterFactory(url: string, options: { schemaEngine?: boolean } = {}): SqlMigrationAwareDriverAdapterFactory & { pool: () => pg.Pool | null } {
  const main = new PrismaPg({ connectionString: url });
  // The connected adapter's pool, for the reads that go to it directly (readInScope).
  let connected: Awaited<ReturnType<PrismaPg["connect"]>> | null = null;
  const open = async (factory: PrismaPg) => {
    const adapter = await factory.connect();
    if (options.schemaEngine) {
      const pool = adapter.underlyingDriver() as unknown as Queryable;
      readCharAsText(pool);
      // why: the 7.10 adapter runs a script by splitting it at every ";", which breaks function
      // bodies ($$ ... ; ... $$) and would apply half a migration when a statement fails. Sent
      // whole, PostgreSQL runs a migration's statements as one implicit transaction.
      adapter.executeScript = async (script: string) => {
        try {
          await pool.query(script);
        } catch (error) {
          (adapter as unknown as { onError: (e: unknown) => never }).onError(error);
        }
      };
    }
    return adapter;
  };
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    async connect() {
      const adapter = await open(main);
      connected = adapter;
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        if (connected === adapter) connected = null;
        await dispose();
      };
      return adapter;
    },
    pool: () => connected?.underlyingDriver() ?? null,
    async connectToShadowDb() {
      const admin = await open(main);
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const shadow = await open(new PrismaPg({ connectionString: shadowUrl.toString() }));
      const dispose = shadow.dispose.bind(shadow);
      let disposed: Promise<void> | undefined;
      // The engine disposes the shadow itself; openSchemaEngine's close() may do it again.
      shadow.dispose = () =>
        (disposed ??= (async () => {
          try {
            await dispose();
            await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          } finally {
            await admin.dispose();
          }
        })());
      return shadow;
    },
  };
}

type Queryable = { query: (...args: unknown[]) => Promise<{ fields?: { dataTypeID: number }[] }> };

/**
 * why: the schema engine reads PostgreSQL's catalogs, whose `"char"` columns (type 18) the
 * 7.10 adapter refuses ("Column type 'char' could not be deserialized"); `pg` already returns
 * them as text, so they are declared as text (type 25). Only for the schema engine's connections.
 */
function readCharAsText(pool: Queryable) {
  const query = pool.query.bind(pool);
  pool.query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The role a postgresql:// URL connects as. */
export function roleOf(url: string) {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Gives the app's role what it needs and nothing more, after the migrations (run as the
 * owner): reading and writing the tables (the policies decide which rows), reading the
 * migration history (to see that nothing is pending), never changing or removing rows of an
 * append-only table (one whose refusal trigger covers whole rows). Idempotent; runs after every migration.
 */
export async function grantAppRole(owner: Db, appRole: string) {
  const role = quote(appRole);
  const appendOnly = await owner.$queryRawUnsafe<{ table: string }[]>(
    `SELECT DISTINCT c.relname AS "table" FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE p.proname = 'maquette_refuse_change' AND c.relnamespace = current_schema()::regnamespace
        -- A trigger on some columns only (UPDATE OF ...) guards those columns, not the table.
        AND coalesce(array_length(t.tgattr::int2[], 1), 0) = 0`,
  );
  const statements = [
    `GRANT USAGE ON SCHEMA ${quote("public")} TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${quote("public")} TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${quote("public")} TO ${role}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${quote("_prisma_migrations")} FROM ${role}`,
    ...appendOnly.map(({ table }) => `REVOKE UPDATE, DELETE, TRUNCATE ON ${quote(table)} FROM ${role}`),
  ];
  await owner.$transaction(async (tx) => {
    for (const sql of statements) await tx.$executeRawUnsafe(sql);
  });
}

/**
 * Whether row-level security binds the role this client connects as: not a superuser, no
 * BYPASSRLS, and not the owner of the school tables (owners are exempt). Null when it does.
 */
export async function rowSecurityBypass(db: Db): Promise<string | null> {
  const [role] = await db.$queryRawUnsafe<{ name: string; superuser: boolean; bypass: boolean; owns: boolean }[]>(
    `SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
            EXISTS (SELECT 1 FROM pg_class c WHERE c.relrowsecurity AND pg_has_role(r.oid, c.relowner, 'USAGE')) AS owns
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  if (role.superuser) return `le rôle ${role.name} est superutilisateur`;
  if (role.bypass) return `le rôle ${role.name} a l'attribut BYPASSRLS`;
  if (role.owns) return `le rôle ${role.name} possède les tables`;
  return null;
}
