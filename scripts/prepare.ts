// Prepares DATABASE_URL for a start: applies pending migrations, loads the reference data,
// and seeds the demo school when the database holds no school (unless MAQUETTE_DEMO=off).
import { applyPendingMigrations } from "../app/utils/migrations.server";
import { createDb } from "../app/utils/create-db.server";
import { databaseTarget } from "../app/utils/database-url.server";
import { runSeed } from "../seed/run";

const target = databaseTarget();
console.log(`Base de données : ${target.provider === "sqlite" ? target.file : "PostgreSQL"}`);
const applied = await applyPendingMigrations();
console.log(applied.length ? `Migrations appliquées : ${applied.join(", ")}` : "Migrations : à jour");
const db = createDb();
try {
  for (const line of await runSeed(db, { demo: process.env.MAQUETTE_DEMO !== "off" })) console.log(line);
} finally {
  await db.$disconnect();
}
