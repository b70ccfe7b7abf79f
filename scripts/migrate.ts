// Applies pending migrations to DATABASE_URL without the network (WebAssembly schema engine).
// Usage: npm run db:migrate
import { applyPendingMigrations } from "../app/utils/migrations.server";
import { databaseTarget } from "../app/utils/database-url.server";

const target = databaseTarget();
const applied = await applyPendingMigrations();
const where = target.provider === "sqlite" ? target.file : "PostgreSQL";
console.log(
  applied.length
    ? `Migrations appliquées (${where}) : ${applied.join(", ")}`
    : `Base à jour (${where}) : aucune migration en attente.`,
);
