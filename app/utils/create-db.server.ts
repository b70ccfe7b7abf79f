import { PrismaClient } from "~/generated/prisma/client";
import { databaseTarget } from "~/utils/database-url.server";
import { safeSqliteAdapterFactory } from "~/utils/sqlite-adapter.server";

export type Db = PrismaClient;

/** Creates a Prisma client for DATABASE_URL (or the given url). */
export function createDb(url?: string, options: { busyTimeoutMs?: number } = {}): Db {
  const target = databaseTarget(url);
  if (target.provider !== "sqlite") {
    throw new Error("PostgreSQL n'est pas encore pris en charge par cette version de Maquette.");
  }
  return new PrismaClient({ adapter: safeSqliteAdapterFactory(target.url, options.busyTimeoutMs) });
}
