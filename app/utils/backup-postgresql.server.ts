/**
 * Backups and restores on PostgreSQL, with Debian's `pg_dump` and `pg_restore`. See
 * docs/decisions/027-postgresql-backup-and-restore.md.
 *
 * - A backup is `pg_dump --format=custom` of one snapshot: the snapshot of a read-only
 *   REPEATABLE READ transaction of ours, exported to pg_dump (`--snapshot`), so that the rows
 *   we count for the report are the rows of the dump. It runs as the owner of the tables
 *   (MIGRATION_DATABASE_URL): row-level security hides every school's rows from the app's role.
 *   The dump is read back whole by `pg_restore` before it is kept, then summed like a SQLite
 *   backup.
 * - A restore goes into a new, empty database only (never over one, never dropping anything),
 *   as the owner, in one transaction (`--single-transaction --exit-on-error`): it succeeds
 *   whole or leaves the database empty. Ownership and privileges are not taken from the dump
 *   (`--no-owner --no-privileges`): the tables belong to the role restoring them, and the app's
 *   role gets its privileges as after a migration (`migrateForApp`), whatever the roles were
 *   called where the backup was taken. The row-level security policies and the append-only
 *   triggers are part of the schema, so they come back with it.
 * - Passwords never reach a command line: the programs get the connection in PG* variables.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { BackupError, backupFileName, fileKind, fsyncPath, recordedSha256, sha256OfFile, writeChecksum, type BackupResult, type RestoreResult } from "~/utils/backup-files.server";
import { createDb, type Db } from "~/utils/create-db.server";
import { migrateForApp } from "~/utils/migrate-app.server";
import { roleOf, rowSecurityBypass } from "~/utils/postgresql.server";

type Program = "pg_dump" | "pg_restore";

/** The folder of `pg_dump` and `pg_restore`: PG_BIN, Debian's newest version, then PATH. */
export function postgresProgram(name: Program, env: NodeJS.ProcessEnv = process.env): string {
  const candidates: string[] = [];
  if (env.PG_BIN) candidates.push(env.PG_BIN);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))) candidates.push(join(debian, version, "bin"));
  }
  candidates.push(...(env.PATH ?? "").split(delimiter).filter(Boolean));
  const found = candidates.find((dir) => existsSync(join(dir, name)));
  if (!found) throw new BackupError(`${name} est introuvable : installez le paquet Debian « postgresql-client » (de la version du serveur ou plus récente), ou indiquez le dossier de ses programmes dans PG_BIN.`);
  return join(found, name);
}

/** URL parameters libpq understands, and the variable that carries each one. Prisma's own (schema, connection_limit…) are not for it. */
const LIBPQ_PARAMETERS: Record<string, string> = {
  host: "PGHOST",
  port: "PGPORT",
  sslmode: "PGSSLMODE",
  sslrootcert: "PGSSLROOTCERT",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  sslcrl: "PGSSLCRL",
  connect_timeout: "PGCONNECT_TIMEOUT",
  application_name: "PGAPPNAME",
  options: "PGOPTIONS",
  target_session_attrs: "PGTARGETSESSIONATTRS",
};

/**
 * A postgresql:// URL as libpq's environment variables: the password travels in PGPASSWORD,
 * which other users cannot read, never on a command line (which `ps` shows to everyone).
 */
export function libpqEnvironment(url: string): Record<string, string> {
  const parsed = new URL(url);
  const env: Record<string, string> = { PGAPPNAME: "maquette-sauvegarde", PGCONNECT_TIMEOUT: "10" };
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host) env.PGHOST = decodeURIComponent(host);
  env.PGPORT = parsed.port || "5432";
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  env.PGDATABASE = databaseName(url);
  for (const [key, value] of parsed.searchParams) if (LIBPQ_PARAMETERS[key]) env[LIBPQ_PARAMETERS[key]] = value;
  return env;
}

function databaseName(url: string) {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || decodeURIComponent(new URL(url).username);
}

/**
 * `--dbname` for pg_restore: the name alone, as a conninfo string (a bare name holding "="
 * would be read as one); the rest of the connection comes from the environment.
 */
function conninfoDatabase(url: string) {
  return `dbname='${databaseName(url).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** « maquette » sur db.example.org:5432 — for messages: never the password. */
export function describeDatabase(url: string) {
  const env = libpqEnvironment(url);
  return `« ${env.PGDATABASE} » sur ${env.PGHOST ?? "localhost"}:${env.PGPORT}`;
}

/** The app's URL and the owner's must name the same database: the owner acts on the app's data. */
function assertSameDatabase(url: string, ownerUrl: string) {
  const a = libpqEnvironment(url);
  const b = libpqEnvironment(ownerUrl);
  if (a.PGHOST?.toLowerCase() !== b.PGHOST?.toLowerCase() || a.PGPORT !== b.PGPORT || a.PGDATABASE !== b.PGDATABASE) {
    throw new BackupError(`MIGRATION_DATABASE_URL (${describeDatabase(ownerUrl)}) ne désigne pas la même base que DATABASE_URL (${describeDatabase(url)}) : corrigez l'une des deux. Rien n'a été fait.`);
  }
}

/** What a program printed, shortened, without the password should a server ever echo it. */
function excerpt(text: string, secrets: string[]) {
  let clean = text.trim();
  for (const secret of secrets) if (secret) clean = clean.split(secret).join("***");
  const lines = clean.split("\n").filter(Boolean);
  return lines.slice(-6).join(" / ").slice(0, 1200) || "aucun message";
}

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs pg_dump or pg_restore with the connection of `url` in its environment. */
function runProgram(program: string, args: string[], url: string | null): Promise<Run> {
  return new Promise((done, fail) => {
    const env = { ...process.env, ...(url ? libpqEnvironment(url) : {}) };
    const child = spawn(program, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
    child.on("error", (error) => fail(new BackupError(`${program} n'a pas pu être lancé : ${error.message}`)));
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

const secretsOf = (...urls: string[]) => urls.map((url) => decodeURIComponent(new URL(url).password));

/** The first query on a client: a missing database or a refused connection, in a sentence. */
async function connect(db: Db, url: string) {
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/does not exist/i.test(message) && /database/i.test(message)) {
      throw new BackupError(
        `La base ${describeDatabase(url)} n'existe pas. Créez-la vide, appartenant au propriétaire des tables (par exemple CREATE DATABASE "${databaseName(url)}" OWNER ${roleOf(url)};), puis relancez.`,
      );
    }
    throw new BackupError(`Connexion impossible à ${describeDatabase(url)} en tant que ${roleOf(url)} : ${excerpt(message, secretsOf(url))}`);
  }
}

/** Rows per table of the public schema, as the caller's snapshot sees them. */
async function rowCounts(db: Pick<Db, "$queryRawUnsafe">): Promise<Record<string, number>> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name.replace(/"/g, '""')}"`);
    counts[name] = row.n;
  }
  return counts;
}

/** The archive's table of contents: it must list Maquette's tables. */
async function checkArchive(file: string, name: string) {
  const list = await runProgram(postgresProgram("pg_restore"), ["--list", file], null);
  if (list.code !== 0) throw new BackupError(`${name} est illisible pour pg_restore (${excerpt(list.stderr, [])}). Rien n'a été restauré.`);
  const tables = new Set([...list.stdout.matchAll(/^\d+; \d+ \d+ TABLE (\S+) (\S+) /gm)].map((m) => `${m[1]}.${m[2]}`));
  if (!tables.has("public.School") || !tables.has("public._prisma_migrations")) throw new BackupError(`${name} n'est pas une sauvegarde d'une base Maquette (ses tables School et _prisma_migrations manquent). Rien n'a été restauré.`);
}

/**
 * `pg_dump --format=custom` of the database, as the owner of the tables, while the app keeps
 * writing: one snapshot, read back whole by pg_restore, with its SHA-256 beside it.
 */
export async function backupPostgresql({ url, ownerUrl, out, now }: { url: string; ownerUrl: string; out: string; now: Date }): Promise<BackupResult> {
  assertSameDatabase(url, ownerUrl);
  const file = out.endsWith(".dump") ? resolve(out) : resolve(out, backupFileName(now, "dump"));
  const pgDump = postgresProgram("pg_dump");
  const pgRestore = postgresProgram("pg_restore");
  mkdirSync(dirname(file), { recursive: true });
  if (existsSync(file)) throw new BackupError(`${file} existe déjà : choisissez un autre nom.`);
  const partial = `${file}.partiel`;
  rmSync(partial, { force: true });
  const owner = createDb(ownerUrl);
  let tables: Record<string, number>;
  try {
    await connect(owner, ownerUrl);
    if ((await rowSecurityBypass(owner)) === null) {
      throw new BackupError(
        `le rôle ${roleOf(ownerUrl)} est soumis à la sécurité par ligne : il ne voit les lignes d'aucune école, la sauvegarde serait vide. Indiquez le propriétaire des tables dans MIGRATION_DATABASE_URL. Rien n'a été écrit.`,
      );
    }
    tables = await owner.$transaction(
      async (tx) => {
        // Read only, one snapshot for the whole transaction; pg_dump reads the same one.
        await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        const [{ snapshot }] = await tx.$queryRawUnsafe<{ snapshot: string }[]>("SELECT pg_export_snapshot() AS snapshot");
        const dump = await runProgram(pgDump, ["--format=custom", "--no-password", `--snapshot=${snapshot}`, `--file=${partial}`], ownerUrl);
        if (dump.code !== 0) throw new BackupError(`pg_dump a échoué : ${excerpt(dump.stderr, secretsOf(url, ownerUrl))}. Rien n'a été gardé.`);
        return rowCounts(tx);
      },
      { maxWait: 30_000, timeout: 24 * 60 * 60 * 1000 },
    );
    // Read back whole (every table's data decompressed), and check it is Maquette's.
    await checkArchive(partial, "La copie");
    const readBack = await runProgram(pgRestore, ["--file=/dev/null", partial], null);
    if (readBack.code !== 0) throw new BackupError(`La copie ne se relit pas en entier (${excerpt(readBack.stderr, [])}) : rien n'a été gardé.`);
    fsyncPath(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await owner.$disconnect();
  }
  renameSync(partial, file);
  const sha256 = sha256OfFile(file);
  const checksumFile = writeChecksum(file, sha256);
  fsyncPath(dirname(file));
  return { file, checksumFile, sha256, bytes: statSync(file).size, tables, verified: "relue en entier par pg_restore" };
}

/**
 * Objects of the database that are not PostgreSQL's own nor an extension's: tables, views,
 * sequences, functions, types, schemas other than public. A fresh database has none.
 */
async function userObjects(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(`
    WITH user_schemas AS (
      SELECT oid, nspname FROM pg_namespace
       WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp%'
    ), extension_members AS (
      SELECT objid FROM pg_depend WHERE deptype = 'e'
    )
    -- Tables, views, sequences, foreign tables, composite types (an index belongs to a table).
    SELECT s.nspname || '.' || c.relname AS name FROM pg_class c JOIN user_schemas s ON s.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c') AND c.oid NOT IN (SELECT objid FROM extension_members)
    UNION ALL
    SELECT s.nspname || '.' || p.proname || '()' FROM pg_proc p JOIN user_schemas s ON s.oid = p.pronamespace
     WHERE p.oid NOT IN (SELECT objid FROM extension_members)
    UNION ALL
    SELECT s.nspname || '.' || t.typname FROM pg_type t JOIN user_schemas s ON s.oid = t.typnamespace
     WHERE t.typtype IN ('e', 'd', 'r', 'm') AND t.oid NOT IN (SELECT objid FROM extension_members)
    UNION ALL
    SELECT 'schéma ' || nspname FROM user_schemas WHERE nspname <> 'public' AND oid NOT IN (SELECT objid FROM extension_members)
    ORDER BY 1`);
  return rows.map((row) => row.name);
}

/**
 * Restores a pg_dump archive into the new, empty database of `url`, as `ownerUrl` (who will
 * own the tables), in one transaction; then the pending migrations, and the app's role gets
 * its privileges. Refused, changing nothing, when the database is not empty.
 */
export async function restorePostgresql({ url, ownerUrl, from, force }: { url: string; ownerUrl: string; from: string; force: boolean }): Promise<RestoreResult> {
  const target = describeDatabase(url);
  if (force) {
    throw new BackupError(
      `--force ne vaut que pour SQLite : sur PostgreSQL, une sauvegarde se restaure dans une base neuve et vide, jamais par-dessus une base existante. Créez une base (CREATE DATABASE … OWNER …), indiquez-la dans DATABASE_URL et MIGRATION_DATABASE_URL, restaurez, puis faites pointer Maquette dessus. Rien n'a été restauré.`,
    );
  }
  assertSameDatabase(url, ownerUrl);
  const backup = resolve(from);
  const name = backup.split("/").pop()!;
  if (!existsSync(backup)) throw new BackupError(`Sauvegarde introuvable : ${backup}.`);
  const sha256 = sha256OfFile(backup);
  if (sha256 !== recordedSha256(backup)) throw new BackupError(`La sauvegarde ${name} ne correspond pas à son empreinte : elle a été modifiée ou abîmée. Rien n'a été restauré.`);
  const kind = fileKind(backup);
  if (kind === "sqlite") throw new BackupError(`${name} est une sauvegarde SQLite : elle se restaure dans un fichier (DATABASE_URL=file:…), pas dans PostgreSQL. Rien n'a été restauré.`);
  if (kind !== "postgresql") throw new BackupError(`${name} n'est pas une sauvegarde PostgreSQL de Maquette (pg_dump --format=custom). Rien n'a été restauré.`);
  await checkArchive(backup, name);

  const owner = createDb(ownerUrl);
  try {
    await connect(owner, ownerUrl);
    const objects = await userObjects(owner);
    if (objects.length > 0) {
      const shown = objects.slice(0, 5).join(", ") + (objects.length > 5 ? `… (${objects.length} en tout)` : "");
      throw new BackupError(`La base ${target} n'est pas vide (${shown}) : une restauration se fait dans une base neuve et vide, jamais par-dessus des données. Créez-en une et indiquez-la dans DATABASE_URL. Rien n'a été modifié.`);
    }
  } finally {
    await owner.$disconnect();
  }

  const restore = await runProgram(
    postgresProgram("pg_restore"),
    ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--no-password", `--dbname=${conninfoDatabase(ownerUrl)}`, backup],
    ownerUrl,
  );
  if (restore.code !== 0) {
    throw new BackupError(`pg_restore a échoué : ${excerpt(restore.stderr, secretsOf(url, ownerUrl))}. La restauration tenait en une transaction : rien n'a été restauré, ${target} est restée vide.`);
  }

  let migrations: string[];
  try {
    migrations = await migrateForApp({ DATABASE_URL: url, MIGRATION_DATABASE_URL: ownerUrl });
  } catch (error) {
    throw new BackupError(
      `Les données sont restaurées dans ${target}, mais les migrations ou les droits du rôle de l'app ont échoué (${excerpt(error instanceof Error ? error.message : String(error), secretsOf(url, ownerUrl))}) : relancez npm run db:migrate avec les mêmes variables avant de démarrer Maquette.`,
    );
  }
  const counter = createDb(ownerUrl);
  try {
    const tables = await rowCounts(counter);
    const warning =
      roleOf(url) === roleOf(ownerUrl)
        ? `les tables appartiennent à ${roleOf(url)}, le rôle de DATABASE_URL : la sécurité par ligne ne le lie pas. Restaurez en tant que propriétaire (MIGRATION_DATABASE_URL) pour que l'app reste sous elle.`
        : undefined;
    return { file: target, sha256, keptAside: null, migrations, tables, warning };
  } finally {
    await counter.$disconnect();
  }
}
