import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-pg/client";
import { databaseTarget } from "~/utils/database-url.server";
import { registerPool, registerReadConnection, withRowSecurity } from "~/utils/db-scope.server";
import { postgresAdapterFactory } from "~/utils/postgresql.server";
import { safeSqliteAdapterFactory } from "~/utils/sqlite-adapter.server";

/**
 * The app's database client. Both providers' clients are generated from the one schema
 * (prisma/postgresql/schema.prisma is derived from prisma/schema.prisma), so they have the same
 * models and methods; models are written against this one type.
 */
export type Db = PrismaClient;

/**
 * Creates a Prisma client for DATABASE_URL (or the given url): SQLite for `file:`, PostgreSQL
 * for `postgresql://`, where every query runs in the request's row-level security scope
 * (app/utils/db-scope.server.ts). See docs/decisions/016-postgresql-derived-schema-and-client.md.
 */
export function createDb(url?: string, options: { busyTimeoutMs?: number } = {}): Db {
  const target = databaseTarget(url);
  if (target.provider === "postgresql") {
    // why: the PostgreSQL client is another generated class with the same models and methods;
    // TypeScript cannot see that two generated classes agree, so it is typed as the one `Db`.
    const adapter = postgresAdapterFactory(target.url);
    const client = new PostgresPrismaClient({ adapter }) as unknown as Db;
    registerPool(client, adapter.pool);
    return withRowSecurity(client);
  }
  const adapter = safeSqliteAdapterFactory(target.url, options.busyTimeoutMs);
  const client = new PrismaClient({ adapter });
  registerReadConnection(client, adapter.readConnection);
  return client;
}
