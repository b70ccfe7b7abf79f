// Applies pending migrations to DATABASE_URL without the network (WebAssembly schema engine).
// On PostgreSQL, as the owner named by MIGRATION_DATABASE_URL when it is set, then gives the
// app's role (the user of DATABASE_URL) its privileges.
// Usage: npm run db:migrate
import { migrateForApp } from "../app/utils/migrate-app.server";
import { databaseTarget } from "../app/utils/database-url.server";

const target = databaseTarget();
const applied = await migrateForApp();
const where = target.provider === "sqlite" ? target.file : "PostgreSQL";
console.log(
  applied.length
    ? `Migrations appliquées (${where}) : ${applied.join(", ")}`
    : `Base à jour (${where}) : aucune migration en attente.`,
);
