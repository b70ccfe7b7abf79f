/**
 * What a SQLite database holds, table by table, read straight from the file the app writes:
 * checksums to prove that a request wrote nothing, and row-by-row comparisons of two files
 * (a backup and its restored copy, a live database and a restored one).
 */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";

/**
 * Bookkeeping a read may write, by design, left out of "did this request write anything":
 * a session's last activity (written at most once a minute), a token's last use, and the
 * attempts the rate limit counts (a refused sign-in must be counted).
 */
export const BOOKKEEPING_COLUMNS: Record<string, string[]> = { Session: ["lastSeenAt"], ApiToken: ["lastUsedAt"] };
export const BOOKKEEPING_TABLES = ["RateLimitHit", "RateLimitKey"];

export type SnapshotOptions = { skipColumns?: Record<string, string[]>; skipTables?: string[] };

export function tableNames(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
}

export function columnNames(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
}

/** Every row of a table in a stable order (all its columns, left to right), minus the skipped columns. */
export function tableRows(db: Database.Database, table: string, skip: string[] = []): Record<string, unknown>[] {
  const columns = columnNames(db, table).filter((c) => !skip.includes(c));
  const list = columns.map((c) => `"${c}"`).join(", ");
  return db.prepare(`SELECT ${list} FROM "${table}" ORDER BY ${columns.map((_, i) => i + 1).join(", ")}`).all() as Record<string, unknown>[];
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * SHA-256 of every table's rows. Rows are read in rowid order: cheap, and stable within one
 * database file (a row keeps its rowid until it is deleted) and across a VACUUM (which keeps
 * the rows' order). `tableRows` orders by the values themselves, for any two files.
 */
export function checksumOf(db: Database.Database, options: SnapshotOptions = {}): string {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  const hash = createHash("sha256");
  for (const name of tableNames(db)) {
    if (options.skipTables?.includes(name)) continue;
    const skip = options.skipColumns?.[name] ?? [];
    const key = `${name}|${skip.join(",")}`;
    let statement = cache.get(key);
    if (!statement) {
      const columns = columnNames(db, name).filter((c) => !skip.includes(c));
      statement = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "${name}" ORDER BY rowid`).raw(true);
      cache.set(key, statement);
    }
    hash.update(`\u0000${name}\u0000`);
    for (const row of statement.iterate() as Iterable<unknown[]>) hash.update(JSON.stringify(row));
  }
  return hash.digest("hex");
}

export function withDatabase<T>(file: string, use: (db: Database.Database) => T, options: { readonly?: boolean } = { readonly: true }): T {
  const db = new Database(file, { readonly: options.readonly ?? true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** The checksum of a database file, leaving out the bookkeeping columns a read may touch. */
export function databaseChecksum(file: string, options: SnapshotOptions = { skipColumns: BOOKKEEPING_COLUMNS }): string {
  return withDatabase(file, (db) => checksumOf(db, options));
}

/**
 * The tables whose rows differ between two databases (or that only one has), each with a
 * short description of the first difference.
 */
export function tableDifferences(a: Database.Database, b: Database.Database, options: { rowsOf?: (db: Database.Database, table: string, side: "a" | "b") => unknown[] } = {}): string[] {
  const rowsOf = options.rowsOf ?? ((db: Database.Database, table: string) => tableRows(db, table));
  const names = [...new Set([...tableNames(a), ...tableNames(b)])].sort();
  const differences: string[] = [];
  for (const name of names) {
    const left = tableNames(a).includes(name) ? rowsOf(a, name, "a") : null;
    const right = tableNames(b).includes(name) ? rowsOf(b, name, "b") : null;
    if (left === null || right === null) {
      differences.push(`${name} : table absente d'un côté`);
      continue;
    }
    if (JSON.stringify(left) === JSON.stringify(right)) continue;
    const index = left.findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(right[i]));
    differences.push(`${name} : ${left.length} lignes contre ${right.length}, première différence à la ligne ${index === -1 ? left.length : index}`);
  }
  return differences;
}

/** `PRAGMA integrity_check` of a file: "ok", or the problems SQLite lists. */
export function integrityCheck(file: string): string {
  return withDatabase(file, (db) => (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; "));
}
