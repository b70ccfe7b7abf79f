/**
 * Backups and restores of the database (`npm run backup`, `npm run restore`). See
 * docs/decisions/022-backup-and-restore.md and 027-postgresql-backup-and-restore.md.
 *
 * SQLite: `VACUUM INTO` writes a consistent copy from one read transaction while the app keeps
 * writing (in WAL mode a reader never blocks the writer); the copy is checked
 * (`integrity_check`) and its SHA-256 written beside it, in `sha256sum`'s format. A restore
 * checks the sum and the copy, puts it in place of the database file in one rename (never over
 * a database that holds data unless asked: the old file is then kept aside, not deleted), then
 * applies the migrations a newer version of Maquette brings.
 *
 * PostgreSQL (`app/utils/backup-postgresql.server.ts`): `pg_dump --format=custom` of one
 * snapshot, read back by `pg_restore` and summed the same way; a restore goes into a new,
 * empty database, in one transaction, as the owner of the tables.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { backupPostgresql, restorePostgresql } from "~/utils/backup-postgresql.server";
import { BackupError, backupFileName, fileKind, fsyncPath, recordedSha256, sha256OfFile, writeChecksum, type BackupResult, type RestoreResult } from "~/utils/backup-files.server";
import { databaseTarget } from "~/utils/database-url.server";
import { applyPendingMigrations } from "~/utils/migrations.server";

export { BackupError, backupFileName, recordedSha256, sha256OfFile };
export type { BackupResult, RestoreResult };

/** Row counts per table, and whether SQLite finds the file whole. */
function inspect(file: string): { integrity: string; tables: Record<string, number>; isMaquette: boolean } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    const tables = Object.fromEntries(names.map((name) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
    return { integrity, tables, isMaquette: names.includes("_prisma_migrations") && names.includes("School") };
  } finally {
    db.close();
  }
}

/**
 * Writes a consistent copy of the database, while the app keeps running, into `out` (a file,
 * or a folder where the file is named by the date), with its SHA-256 beside it. On PostgreSQL
 * the dump is taken as `ownerUrl` (MIGRATION_DATABASE_URL, else `url`): the owner of the tables
 * reads every school's rows, the app's role sees none outside a request.
 */
export async function backupDatabase({
  url,
  ownerUrl = process.env.MIGRATION_DATABASE_URL || undefined,
  out = "backups",
  now = new Date(),
}: {
  url?: string;
  ownerUrl?: string;
  out?: string;
  now?: Date;
}): Promise<BackupResult> {
  const target = databaseTarget(url);
  if (target.provider === "postgresql") return backupPostgresql({ url: target.url, ownerUrl: ownerUrl ?? target.url, out, now });
  if (target.file === ":memory:" || !existsSync(target.file)) throw new BackupError(`Aucune base à sauvegarder : ${target.file} n'existe pas.`);
  const file = out.endsWith(".db") ? resolve(out) : resolve(out, backupFileName(now));
  mkdirSync(dirname(file), { recursive: true });
  if (existsSync(file)) throw new BackupError(`${file} existe déjà : choisissez un autre nom.`);
  const partial = `${file}.partiel`;
  rmSync(partial, { force: true });
  const source = new Database(target.file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    // One read transaction: the copy is the database as one commit left it, whatever is written meanwhile.
    source.prepare("VACUUM INTO ?").run(partial);
  } finally {
    source.close();
  }
  fsyncPath(partial);
  const { integrity, tables, isMaquette } = inspect(partial);
  if (integrity !== "ok" || !isMaquette) {
    rmSync(partial, { force: true });
    throw new BackupError(`La copie n'est pas saine (${integrity}) : rien n'a été gardé.`);
  }
  renameSync(partial, file);
  const sha256 = sha256OfFile(file);
  const checksumFile = writeChecksum(file, sha256);
  fsyncPath(dirname(file));
  return { file, checksumFile, sha256, bytes: statSync(file).size, tables, verified: "intégrité vérifiée" };
}

/**
 * Refuses to restore under a running app: it would go on writing into the file set aside.
 * Exclusive locking needs every other connection closed, in WAL mode as in the others.
 */
function assertNotInUse(file: string) {
  if (!existsSync(file)) return;
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT;");
  } catch {
    throw new BackupError(`${file} est ouverte par un autre programme : arrêtez Maquette avant de restaurer.`);
  } finally {
    db.close();
  }
}

function holdsData(file: string): boolean {
  if (!existsSync(file) || statSync(file).size === 0) return false;
  const { tables } = inspect(file);
  return Object.entries(tables).some(([name, rows]) => name !== "_prisma_migrations" && rows > 0);
}

/**
 * Restores a backup into the database named by `url` (DATABASE_URL). The app must be stopped.
 * SQLite: refused when the database holds data, unless `force`: the old file is then renamed
 * aside. PostgreSQL: only into a new, empty database, as `ownerUrl` (MIGRATION_DATABASE_URL,
 * else `url`), who will own the tables.
 */
export async function restoreDatabase({
  url,
  ownerUrl = process.env.MIGRATION_DATABASE_URL || undefined,
  from,
  force = false,
  now = new Date(),
}: {
  url?: string;
  ownerUrl?: string;
  from: string;
  force?: boolean;
  now?: Date;
}): Promise<RestoreResult> {
  const target = databaseTarget(url);
  if (target.provider === "postgresql") return restorePostgresql({ url: target.url, ownerUrl: ownerUrl ?? target.url, from, force });
  const backup = resolve(from);
  if (!existsSync(backup)) throw new BackupError(`Sauvegarde introuvable : ${backup}.`);
  const sha256 = sha256OfFile(backup);
  if (sha256 !== recordedSha256(backup)) throw new BackupError(`La sauvegarde ${basename(backup)} ne correspond pas à son empreinte : elle a été modifiée ou abîmée. Rien n'a été restauré.`);
  if (fileKind(backup) === "postgresql") throw new BackupError(`${basename(backup)} est une sauvegarde PostgreSQL (pg_dump) : elle se restaure avec DATABASE_URL=postgresql://… dans une base neuve. Rien n'a été restauré.`);
  const checked = inspect(backup);
  if (checked.integrity !== "ok" || !checked.isMaquette) throw new BackupError(`${basename(backup)} n'est pas une base Maquette saine (${checked.integrity}). Rien n'a été restauré.`);

  assertNotInUse(target.file);
  let keptAside: string | null = null;
  if (holdsData(target.file)) {
    if (!force) throw new BackupError(`${target.file} contient déjà des données : arrêtez Maquette, puis relancez avec --force (l'ancienne base sera gardée à côté, pas effacée), ou choisissez une base neuve (DATABASE_URL).`);
    keptAside = `${target.file}.avant-restauration-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}`;
  }
  mkdirSync(dirname(target.file), { recursive: true });
  const incoming = `${target.file}.restauration`;
  copyFileSync(backup, incoming);
  fsyncPath(incoming);
  if (sha256OfFile(incoming) !== sha256) {
    rmSync(incoming, { force: true });
    throw new BackupError("La copie de la sauvegarde a été altérée pendant la restauration. Rien n'a été restauré.");
  }
  if (keptAside) {
    for (const suffix of ["", "-wal", "-shm"]) if (existsSync(`${target.file}${suffix}`)) renameSync(`${target.file}${suffix}`, `${keptAside}${suffix}`);
  } else {
    // An empty database's journal files belong to no data: they must not be replayed over the copy.
    for (const suffix of ["-wal", "-shm"]) rmSync(`${target.file}${suffix}`, { force: true });
  }
  renameSync(incoming, target.file);
  fsyncPath(dirname(target.file));
  const migrations = await applyPendingMigrations(`file:${target.file}`);
  return { file: target.file, sha256, keptAside, migrations, tables: inspect(target.file).tables };
}
