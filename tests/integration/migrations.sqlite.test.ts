import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyPendingMigrations, migrationsDirFor, readMigrationList } from "~/utils/migrations.server";
import { databaseTarget } from "~/utils/database-url.server";

describe("migrations hors ligne", () => {
  it("applique prisma/migrations sur une base neuve, les inscrit dans _prisma_migrations, puis n'a plus rien à faire", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "maquette-migrate-")), "fresh.db");
    const expected = readMigrationList(migrationsDirFor(databaseTarget(`file:${file}`))).migrationDirectories.map((m) => m.path);
    expect(expected.length).toBeGreaterThan(0);

    expect(await applyPendingMigrations(`file:${file}`)).toEqual(expected);
    expect(await applyPendingMigrations(`file:${file}`)).toEqual([]);

    const db = new Database(file, { readonly: true });
    const recorded = db
      .prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`)
      .all()
      .map((row) => (row as { migration_name: string }).migration_name);
    const journal = db.pragma("journal_mode", { simple: true });
    db.close();
    expect(recorded).toEqual(expected);
    expect(journal).toBe("wal");
  });
});
