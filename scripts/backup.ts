// A consistent backup of DATABASE_URL while the app runs, with its SHA-256 beside it.
// Usage: npm run backup [-- --out <folder, or file.db (SQLite) / file.dump (PostgreSQL)>]   (default folder: backups/)
// PostgreSQL: pg_dump runs as the owner of the tables, MIGRATION_DATABASE_URL (else DATABASE_URL).
import { backupDatabase, BackupError } from "../app/utils/backup.server";

const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
try {
  const result = await backupDatabase({ out });
  const rows = Object.entries(result.tables)
    .filter(([name]) => !name.startsWith("_"))
    .reduce((n, [, count]) => n + count, 0);
  console.log(`Sauvegarde écrite : ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} Mo, ${Object.keys(result.tables).length} tables, ${rows} lignes, ${result.verified})`);
  console.log(`Empreinte SHA-256 : ${result.sha256} (dans ${result.checksumFile})`);
} catch (error) {
  console.error(error instanceof BackupError ? `Sauvegarde impossible : ${error.message}` : error);
  process.exit(1);
}
