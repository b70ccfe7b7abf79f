import { createDb } from "~/utils/create-db.server";
import { databaseTarget, DEFAULT_DATABASE_URL } from "~/utils/database-url.server";
import { applyPendingMigrations } from "~/utils/migrations.server";
import { grantAppRole, roleOf } from "~/utils/postgresql.server";

/**
 * `npm run db:migrate` and `npm start`: applies the pending migrations as the owner of the
 * tables (MIGRATION_DATABASE_URL on PostgreSQL, else DATABASE_URL) and, when the app connects
 * as another role, gives that role its privileges (app/utils/postgresql.server.ts).
 */
export async function migrateForApp(env: Record<string, string | undefined> = process.env): Promise<string[]> {
  const appUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const target = databaseTarget(appUrl);
  if (target.provider !== "postgresql") return applyPendingMigrations(appUrl);
  const ownerUrl = env.MIGRATION_DATABASE_URL || appUrl;
  const applied = await applyPendingMigrations(ownerUrl);
  if (roleOf(ownerUrl) !== roleOf(appUrl)) {
    const owner = createDb(ownerUrl);
    try {
      await grantAppRole(owner, roleOf(appUrl));
    } finally {
      await owner.$disconnect();
    }
  }
  return applied;
}
