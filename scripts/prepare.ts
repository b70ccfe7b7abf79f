// Prepares DATABASE_URL for a start: applies pending migrations, loads the reference data,
// and seeds the demo school when the database holds no school (unless MAQUETTE_DEMO=off).
// On PostgreSQL, says so loudly when the app's role is not under row-level security.
import { migrateForApp } from "../app/utils/migrate-app.server";
import { createDb } from "../app/utils/create-db.server";
import { databaseTarget } from "../app/utils/database-url.server";
import { rowSecurityBypass } from "../app/utils/postgresql.server";
import { runSeed } from "../seed/run";

const target = databaseTarget();
console.log(`Base de données : ${target.provider === "sqlite" ? target.file : "PostgreSQL"}`);
const applied = await migrateForApp();
console.log(applied.length ? `Migrations appliquées : ${applied.join(", ")}` : "Migrations : à jour");
const db = createDb();
try {
  if (target.provider === "postgresql") {
    const bypass = await rowSecurityBypass(db);
    console.log(
      bypass
        ? `ATTENTION : la sécurité au niveau des lignes ne s'applique pas à l'application (${bypass}). ` +
            "Connectez l'application avec un rôle sans BYPASSRLS qui ne possède pas les tables (README, « PostgreSQL »)."
        : "Sécurité au niveau des lignes : active pour le rôle de l'application.",
    );
  }
  for (const line of await runSeed(db, { demo: process.env.MAQUETTE_DEMO !== "off" })) console.log(line);
} finally {
  await db.$disconnect();
}
