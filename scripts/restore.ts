// Restores a backup written by `npm run backup` into DATABASE_URL. Stop Maquette first.
// Usage: npm run restore -- <backup.db> [--force]
//   --force: the database holds data; it is renamed aside (…avant-restauration-<date>), never deleted.
import { BackupError, restoreDatabase } from "../app/utils/backup.server";

const args = process.argv.slice(2);
const from = args.find((arg) => !arg.startsWith("--"));
if (!from) {
  console.error("Usage : npm run restore -- <fichier de sauvegarde .db> [--force]");
  process.exit(2);
}
try {
  const result = await restoreDatabase({ from, force: args.includes("--force") });
  console.log(`Base restaurée : ${result.file} (empreinte ${result.sha256.slice(0, 12)}… vérifiée)`);
  if (result.keptAside) console.log(`L'ancienne base est gardée à côté : ${result.keptAside}`);
  console.log(result.migrations.length ? `Migrations appliquées : ${result.migrations.join(", ")}` : "Migrations : à jour");
} catch (error) {
  console.error(error instanceof BackupError ? `Restauration impossible : ${error.message}` : error);
  process.exit(1);
}
