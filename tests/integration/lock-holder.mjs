// A separate process that holds SQLite's write lock: BEGIN IMMEDIATE, then waits, then COMMIT.
// Usage: node lock-holder.mjs <db file> <hold ms> <tag>. Prints "locked" once it holds the lock.
import Database from "better-sqlite3";

const [file, holdMs, tag] = process.argv.slice(2);
const db = new Database(file);
db.pragma("busy_timeout = 10000");
db.exec("BEGIN IMMEDIATE");
db.prepare(`INSERT INTO "School" ("id", "slug", "name") VALUES (?, ?, ?)`).run(tag, tag, "Verrou");
process.stdout.write("locked\n");
setTimeout(() => {
  db.exec("COMMIT");
  db.close();
  process.stdout.write("released\n");
}, Number(holdMs));
