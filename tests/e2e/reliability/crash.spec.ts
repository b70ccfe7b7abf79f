import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { test, expect } from "../fixtures";
import { reportFigures } from "../../reliability/figures";
import { IMPORT_MAPPINGS, IMPORT_MODULES, startWriters, WriteLedger } from "../../reliability/writers";
import { freePort, PROJECT_ROOT, startApp, type AppProcess } from "../../support/app-process";
import { withDatabase } from "../../support/database-snapshot";
import { createSchool } from "../../support/school";

/**
 * The server is killed (SIGKILL: no shutdown code runs) at a random moment while clients
 * write (tests/reliability/writers.ts). After each kill the database file passes
 * `PRAGMA integrity_check` and `foreign_key_check`; the server restarts on it (the first
 * start, and every fifth restart, go through `npm start`'s migrations and seed); every write it
 * had acknowledged is there, no import is there in part, and every committed cell change has
 * its one audit row.
 *
 * CI runs CRASH_ROUNDS = 5; `npm run crash-test -- --rounds 100` runs the long version.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 5);

test(`le serveur tué ${ROUNDS} fois pendant des écritures : base intègre, aucune écriture confirmée perdue`, async () => {
  test.setTimeout(120_000 + ROUNDS * 30_000);
  const dir = join(PROJECT_ROOT, `tests/.tmp/crash-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const databaseFile = join(dir, "crash.db");
  const log = { file: join(dir, "server.log") };
  const port = await freePort();
  let app: AppProcess = await startApp({ databaseFile, port, output: log });
  const school = await createSchool(app.url, { databaseFile, moduleCount: 3, personas: [], spare: false });
  const ledger = new WriteLedger(school, school.modules.slice(0, 2).map((m) => m.id), school.itemRefs.slice(0, 5), databaseFile);
  const started = Date.now();
  let integrityFailures = 0;
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const writers = startWriters(ledger, { tag: `r${round}`, databaseFile });
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
      await app.kill();
      await writers.stop();

      // The file as the crash left it: SQLite recovers it on opening, and it must be whole.
      const integrity = withDatabase(databaseFile, (db) => [db.pragma("integrity_check", { simple: true }), (db.pragma("foreign_key_check") as unknown[]).length], { readonly: false });
      if (integrity[0] !== "ok" || integrity[1] !== 0) integrityFailures++;
      expect(integrity, `tour ${round}`).toEqual(["ok", 0]);

      app = await startApp({ databaseFile, port, output: log, prepare: round % 5 === 0 });
      verify(databaseFile, ledger, round);
      if (ROUNDS > 10 && round % 10 === 0) console.log(`… ${round} tours, ${ledger.acknowledged} écritures confirmées, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } finally {
    await app.stop();
  }
  console.log(`${ROUNDS} arrêts brutaux, ${ledger.acknowledged} écritures confirmées, aucune perdue`);
  reportFigures("crash", { rounds: ROUNDS, acknowledgedWrites: ledger.acknowledged, lostWrites: 0, integrityFailures, seconds: Math.round((Date.now() - started) / 1000) });
  rmSync(dir, { recursive: true, force: true });
});

/** Every acknowledged write is in the database; nothing is there in part. Fails on the first gap. */
function verify(databaseFile: string, ledger: WriteLedger, round: number) {
  const reader = new Database(databaseFile, { readonly: true });
  try {
    const imported = reader
      .prepare(
        `SELECT p.id, p.title, (SELECT count(*) FROM "Module" m WHERE m."programmeId" = p.id) AS modules,
                (SELECT count(*) FROM "Mapping" x JOIN "Module" m ON m.id = x."moduleId" WHERE m."programmeId" = p.id) AS mappings,
                (SELECT count(*) FROM "AuditLog" a WHERE a.action = 'import' AND a."entityId" = p.id) AS audits
         FROM "Programme" p WHERE p.title LIKE 'ecriture-%'`,
      )
      .all() as { id: string; title: string; modules: number; mappings: number; audits: number }[];
    const byTitle = new Map(imported.map((p) => [p.title, p]));
    for (const [title, { id }] of ledger.imports) expect(byTitle.get(title)?.id, `import confirmé ${title} (tour ${round})`).toBe(id);
    for (const p of imported) expect([p.modules, p.mappings, p.audits], `import ${p.title} entier (tour ${round})`).toEqual([IMPORT_MODULES, IMPORT_MODULES * IMPORT_MAPPINGS, 1]);

    const codes = new Set((reader.prepare(`SELECT code FROM "Module" WHERE "programmeId" = ?`).all(ledger.school.programmeId) as { code: string }[]).map((m) => m.code));
    for (const code of ledger.modules.keys()) expect(codes.has(code), `module confirmé ${code} (tour ${round})`).toBe(true);

    for (const moduleId of ledger.owned) {
      for (const itemRef of ledger.refs) {
        const key = `${moduleId}|${itemRef}`;
        const row = reader.prepare(`SELECT depth, assessed FROM "Mapping" WHERE "moduleId" = ? AND "itemRef" = ?`).get(moduleId, itemRef) as { depth: number; assessed: number } | undefined;
        const stored = { depth: row?.depth ?? 0, assessed: row?.assessed === 1 };
        const lost = ledger.inFlightCells.get(key);
        // The value acknowledged last, or the one sent when the server died (committed, answer lost).
        expect([ledger.cells.get(key), ...(lost ? [lost] : [])], `cellule ${key} (tour ${round})`).toContainEqual(stored);
        ledger.cells.set(key, stored);
      }
      // Every committed change of the module has exactly one audit row: its version counts them.
      const { version } = reader.prepare(`SELECT version FROM "Module" WHERE id = ?`).get(moduleId) as { version: number };
      const { audits } = reader.prepare(`SELECT count(*) AS audits FROM "AuditLog" WHERE "entityId" = ? AND action IN ('set_mapping', 'update')`).get(moduleId) as { audits: number };
      expect(version - 1, `versions et audit du module ${moduleId} (tour ${round})`).toBe(audits);
    }
    ledger.inFlightCells.clear();
  } finally {
    reader.close();
  }
}
