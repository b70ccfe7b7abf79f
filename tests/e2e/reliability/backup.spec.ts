import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { test, expect } from "../fixtures";
import { reportFigures } from "../../reliability/figures";
import { startWriters, WriteLedger } from "../../reliability/writers";
import { PROJECT_ROOT } from "../../support/app-process";
import { BOOKKEEPING_COLUMNS, columnNames, tableNames, tableRows } from "../../support/database-snapshot";
import { createSchool } from "../../support/school";
import { UNDONE_WITHOUT, undoAuditedWrites, type AuditEntry, type Row } from "../../support/undo-audited-writes";

/**
 * `npm run backup` while clients write, then `npm run restore` into a fresh database: the
 * restored database is the backup, table by table; and it is the live database as one commit
 * left it. The audit log says which commit: every write of the load has its audit row in the
 * same transaction, so the live database with the writes audited after the backup's last row
 * undone must equal the restored one, in every table.
 */

/** Runs an npm script as an operator would, and returns its output. */
function npmRun(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolveRun({ code: code ?? 1, output }));
  });
}

/** Columns that the undo below cannot give back (a module's last change time, the matrix's per-cell bookkeeping), beside the bookkeeping ones. */
const UNRESTORABLE: Record<string, string[]> = { ...BOOKKEEPING_COLUMNS, ...UNDONE_WITHOUT };

const canonical = (rows: Row[]) => rows.map((row) => JSON.stringify(row)).sort();

/**
 * The live database as it was when the audit log's last row was `cutoff`: the writes audited
 * after it are undone, newest first. Any other kind of write would be unaccounted for: it fails.
 */
function liveAsOf(live: Database.Database, cutoff: number): Map<string, Row[]> {
  const tables = new Map(tableNames(live).map((name) => [name, tableRows(live, name, UNRESTORABLE[name])]));
  const later = live.prepare(`SELECT id, action, entity, "entityId", "before" FROM "AuditLog" WHERE id > ?`).all(cutoff) as AuditEntry[];
  undoAuditedWrites(tables, later, { programmeAction: "import", assessed: (value) => (value ? 1 : 0) });
  tables.set("AuditLog", tables.get("AuditLog")!.filter((a) => (a.id as number) <= cutoff));
  return tables;
}

test("une sauvegarde faite pendant des écritures se restaure dans une base neuve : chaque table comparée", async () => {
  test.setTimeout(180_000);
  const baseUrl = process.env.E2E_BASE_URL!;
  const databaseFile = process.env.E2E_DATABASE_FILE!;
  const dir = join(PROJECT_ROOT, `tests/.tmp/backup-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const school = await createSchool(baseUrl, { databaseFile, moduleCount: 3, personas: [], spare: false });
  const ledger = new WriteLedger(school, school.modules.slice(0, 2).map((m) => m.id), school.itemRefs.slice(0, 5), databaseFile);

  const writers = startWriters(ledger, { tag: "sauvegarde", databaseFile });
  await new Promise((r) => setTimeout(r, 500));
  const backupStarted = Date.now();
  const backup = await npmRun("backup", ["--out", join(dir, "sauvegardes")], { DATABASE_URL: `file:${databaseFile}` });
  await new Promise((r) => setTimeout(r, 300));
  await writers.stop();
  expect(backup.code, backup.output).toBe(0);
  expect(backup.output).toMatch(/Sauvegarde écrite : .*intégrité vérifiée/);
  const written = readdirSync(join(dir, "sauvegardes"));
  const file = join(dir, "sauvegardes", written.find((name) => name.endsWith(".db"))!);
  expect(written).toContain(`${file.split("/").pop()}.sha256`);

  // Into a fresh database (the app would be stopped: this one was never opened by it).
  const restoredFile = join(dir, "restauree", "maquette.db");
  const restore = await npmRun("restore", [file], { DATABASE_URL: `file:${restoredFile}` });
  expect(restore.code, restore.output).toBe(0);
  expect(restore.output).toMatch(/Base restaurée : .*vérifiée/);
  // A second restore over it is refused: it holds data now.
  const again = await npmRun("restore", [file], { DATABASE_URL: `file:${restoredFile}` });
  expect(again.code).toBe(1);
  expect(again.output).toMatch(/contient déjà des données/);
  // And a restore under the running app is refused, even with --force.
  const underApp = await npmRun("restore", [file, "--force"], { DATABASE_URL: `file:${databaseFile}` });
  expect(underApp.code).toBe(1);
  expect(underApp.output).toMatch(/arrêtez Maquette/);

  const restored = new Database(restoredFile, { readonly: true });
  const copy = new Database(file, { readonly: true });
  const live = new Database(databaseFile, { readonly: true });
  try {
    expect(restored.pragma("integrity_check", { simple: true })).toBe("ok");
    // The restored database is the backup, in every table.
    for (const name of tableNames(copy)) expect(canonical(tableRows(restored, name)), `table ${name} restaurée`).toEqual(canonical(tableRows(copy, name)));
    expect(tableNames(restored)).toEqual(tableNames(copy));

    // The backup is the live database as one commit left it, in every table.
    const cutoff = (restored.prepare(`SELECT max(id) AS id FROM "AuditLog"`).get() as { id: number }).id;
    const expected = liveAsOf(live, cutoff);
    expect([...expected.keys()]).toEqual(tableNames(restored));
    for (const [name, rows] of expected) {
      // Cells cleared since the copy are the matrix's per-cell bookkeeping (decision 035), which the
      // audit rows cannot give back; the table is compared exactly against the copy above.
      if (name === "ClearedCell") continue;
      const columns = columnNames(restored, name).filter((c) => !UNRESTORABLE[name]?.includes(c));
      expect(columns.length).toBeGreaterThan(0);
      expect(canonical(tableRows(restored, name, UNRESTORABLE[name])), `table ${name} au moment de la sauvegarde`).toEqual(canonical(rows));
    }

    // Every write acknowledged before the backup began is in it.
    const titles = new Set((restored.prepare(`SELECT title FROM "Programme"`).all() as { title: string }[]).map((p) => p.title));
    const before = [...ledger.imports].filter(([, { at }]) => at < backupStarted);
    expect(before.length).toBeGreaterThan(0);
    for (const [title] of before) expect(titles.has(title), title).toBe(true);
    const afterwards = (live.prepare(`SELECT count(*) AS n FROM "AuditLog" WHERE id > ?`).get(cutoff) as { n: number }).n;
    console.log(`Sauvegarde sous charge : ${ledger.acknowledged} écritures confirmées pendant l'essai, ${afterwards} après l'instant de la copie ; chaque table comparée.`);
    reportFigures("backup", { acknowledgedWrites: ledger.acknowledged, writesAfterSnapshot: afterwards, tablesCompared: tableNames(restored).length, lostWrites: 0 });
  } finally {
    restored.close();
    copy.close();
    live.close();
  }
  expect(existsSync(`${restoredFile}.restauration`)).toBe(false);
  rmSync(dir, { recursive: true, force: true });
});
