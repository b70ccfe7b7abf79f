/** The e2e run's database, seen from outside the app (SQLite file, or PostgreSQL as its superuser). */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { adminQuery } from "../../scripts/postgres-cluster.mjs";

type Table = { name: string; columns: string[] };

/** Every table's columns, leaving out the bookkeeping a read may write (last activity). */
const kept = (table: string, column: string) => !(table === "Session" && column === "lastSeenAt") && !(table === "ApiToken" && column === "lastUsedAt");

/** SHA-256 of every table's rows, leaving out the bookkeeping a read may write (last activity). */
export async function databaseChecksum(url = process.env.E2E_DATABASE_URL!) {
  const hash = createHash("sha256");
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { readonly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
      for (const { name } of tables) {
        const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name).filter((c) => kept(name, c));
        hash.update(name).update(JSON.stringify(db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "${name}" ORDER BY 1`).all()));
      }
    } finally {
      db.close();
    }
    return hash.digest("hex");
  }
  const [columns] = await adminQuery(url, `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`);
  const tables: Table[] = [];
  for (const { table, column } of columns.rows as { table: string; column: string }[]) {
    if (tables.at(-1)?.name !== table) tables.push({ name: table, columns: [] });
    if (kept(table, column)) tables.at(-1)!.columns.push(column);
  }
  const results = await adminQuery(url, ...tables.map((t) => `SELECT ${t.columns.map((c) => `"${c}"`).join(", ")} FROM "${t.name}" ORDER BY 1`));
  tables.forEach((table, i) => hash.update(table.name).update(JSON.stringify(results[i].rows)));
  return hash.digest("hex");
}
