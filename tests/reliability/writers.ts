/**
 * Clients that write without pause, as a school at work does, and remember every write the
 * server acknowledged: programme imports through the API (many rows each), new modules through
 * the form, and matrix cells (each writer owns its module, so that the value a cell must hold
 * is known). Used while the server is killed (crash test) and while it is backed up.
 */
import { expect } from "@playwright/test";
import { withDatabase } from "../support/database-snapshot";
import { programmeRows, type SchoolWorld } from "../support/school";

export const IMPORT_MODULES = 6;
export const IMPORT_MAPPINGS = 3;

export type Cell = { depth: number; assessed: boolean };

export class WriteLedger {
  /** Acknowledged imports: title → programme id, and when the answer came. */
  readonly imports = new Map<string, { id: string; at: number }>();
  /** Acknowledged new modules: code → when. */
  readonly modules = new Map<string, number>();
  /** The value each owned cell must hold: the last acknowledged one (or where it started). */
  readonly cells = new Map<string, Cell>();
  /** A cell sent when the server died: its answer was lost, it may or may not be committed. */
  readonly inFlightCells = new Map<string, Cell>();
  acknowledged = 0;

  constructor(
    readonly school: SchoolWorld<"admin" | "manager">,
    readonly owned: string[],
    readonly refs: string[],
    databaseFile: string,
  ) {
    withDatabase(databaseFile, (db) => {
      for (const moduleId of owned) {
        for (const itemRef of refs) {
          const row = db.prepare(`SELECT depth, assessed FROM "Mapping" WHERE "moduleId" = ? AND "itemRef" = ?`).get(moduleId, itemRef) as { depth: number; assessed: number } | undefined;
          this.cells.set(`${moduleId}|${itemRef}`, { depth: row?.depth ?? 0, assessed: row?.assessed === 1 });
        }
      }
    });
  }
}

const isNetworkError = (error: unknown) => /ECONNRESET|ECONNREFUSED|EPIPE|socket hang up/i.test(`${(error as Error)?.message} ${(error as { code?: string })?.code}`);

/**
 * Starts the writers; they stop at `stop()` or when the server stops answering. `tag` keeps
 * titles and codes unique across rounds.
 */
export function startWriters(ledger: WriteLedger, { tag, databaseFile }: { tag: string; databaseFile: string }) {
  const { school } = ledger;
  const manager = school.clients.manager;
  let running = true;
  const loop = async (write: (n: number) => Promise<void>) => {
    for (let n = 0; running; n++) {
      try {
        await write(n);
      } catch (error) {
        if (isNetworkError(error)) return;
        throw error;
      }
    }
  };
  const importer = loop(async (n) => {
    const title = `ecriture-${tag}-${n}`;
    const answer = await manager.post(
      "/api/v1/programmes",
      { json: { title, level: 6, entryEcts: 120, semesters: 2, targets: ["charge-e-commerce"], rows: programmeRows(school.itemRefs, IMPORT_MODULES, IMPORT_MAPPINGS) } },
      { Authorization: `Bearer ${school.tokens.manager}` },
    );
    expect(answer.status, answer.text).toBe(201);
    ledger.imports.set(title, { id: (answer.json() as { id: string }).id, at: Date.now() });
    ledger.acknowledged++;
  });
  const moduleCreator = loop(async (n) => {
    const code = `K${tag}x${n}`.replace(/[^A-Za-z0-9._-]/g, "").slice(0, 32);
    const answer = await manager.post(`/programmes/${school.programmeId}/modules/nouveau`, {
      form: [["code", code], ["title", `Module ${code}`], ["semester", "1"], ["ects", "1"], ["hoursLectures", "10"]],
    });
    expect(answer.status, answer.text.slice(0, 300)).toBe(302);
    ledger.modules.set(code, Date.now());
    ledger.acknowledged++;
  });
  const cellWriters = ledger.owned.map((moduleId, w) => {
    let version = withDatabase(databaseFile, (db) => (db.prepare(`SELECT version FROM "Module" WHERE id = ?`).get(moduleId) as { version: number }).version);
    return loop(async (n) => {
      const itemRef = ledger.refs[n % ledger.refs.length];
      const depth = (n + w + tag.length) % 5;
      const value = { depth, assessed: depth > 0 && n % 2 === 0 };
      const key = `${moduleId}|${itemRef}`;
      ledger.inFlightCells.set(key, value);
      const answer = await manager.post(`/programmes/${school.programmeId}/matrice/cellule`, { json: { moduleId, version, itemRef, ...value } });
      ledger.inFlightCells.delete(key);
      expect([200, 409], answer.text).toContain(answer.status);
      version = (answer.json() as { version: number }).version;
      if (answer.status === 200) {
        ledger.cells.set(key, value);
        ledger.acknowledged++;
      }
    });
  });
  const done = Promise.all([importer, moduleCreator, ...cellWriters]).then(() => undefined);
  return {
    done,
    async stop() {
      running = false;
      await done;
    },
  };
}
