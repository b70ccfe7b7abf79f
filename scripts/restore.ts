// Restores a backup written by `npm run backup` into DATABASE_URL. Stop Maquette first.
// Usage: npm run restore -- <backup.db | backup.dump> [--force]
//   SQLite, --force: the database holds data; it is renamed aside (…avant-restauration-<date>), never deleted.
//   PostgreSQL: into a new, empty database only, as the owner of the tables (MIGRATION_DATABASE_URL).
import { BackupError, restoreDatabase } from "../app/utils/backup.server";

const args = process.argv.slice(2);
const from = args.find((arg) => !arg.startsWith("--"));
if (!from) {
  console.error("Usage : npm run restore -- <fichier de sauvegarde .db ou .dump> [--force]");
  process.exit(2);
}
try {
  const result = await restoreDatabase({ from, force: args.includes("--force") });
  const rows = Object.entries(result.tables)
    .filter(([name]) => !name.startsWith("_"))
    .reduce((n, [, count]) => n + count, 0);
  console.log(`Base restaurée : ${result.file} (empreinte ${result.sha256.slice(0, 12)}… vérifiée, ${Object.keys(result.tables).length} tables, ${rows} lignes)`);
  if (result.keptAside) console.log(`L'ancienne base est gardée à côté : ${result.keptAside}`);
  console.log(result.migrations.length ? `Migrations appliquées : ${result.migrations.join(", ")}` : "Migrations : à jour");
  if (result.warning) console.warn(`Attention : ${result.warning}`);
} catch (error) {
  console.error(error instanceof BackupError ? `Restauration impossible : ${error.message}` : error);
  process.exit(1);
}
