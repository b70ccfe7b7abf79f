import { randomBytes } from "node:crypto";
import { test, expect } from "../fixtures";
import { reportFigures } from "../../reliability/figures";
import { withDatabase } from "../../support/database-snapshot";
import { HttpClient } from "../../support/http-client";
import { clientAddress, createSchool, type SchoolWorld } from "../../support/school";

/**
 * Many people edit the same programme's matrix at once over real HTTP, often from a stale
 * version (a page left open). A save is refused (409) only when its cell changed since the
 * version it was made on (decision 035).
 *
 * - Distinct cells: every client owns its own cells of ONE module. Every save must succeed (no
 *   conflict), and the matrix must hold each client's last value of each cell.
 * - Shared cells: every client writes anywhere in a few cells of three modules. Every answer is
 *   a success or a 409; every 409 names a cell that a success changed after the version sent; no
 *   success overwrote a change made after the version it was sent on; the matrix equals the
 *   successes applied in the order of the versions they were answered with.
 *
 * Both: the module's version rose once per success, and the audit log holds exactly one row per
 * success, with the same values, in the same order. CI runs CONCURRENCY_CLIENTS ×
 * CONCURRENCY_EDITS = 16 × 25; `npm run concurrency -- --clients 50 --edits 100` runs 50 × 100.
 */
const CLIENTS = Number(process.env.CONCURRENCY_CLIENTS ?? 16);
const EDITS = Number(process.env.CONCURRENCY_EDITS ?? 25);
/** How often a client sends its module's version older than it knows it. */
const STALE = 0.3;
const SHEETS = ["charge-e-commerce", "chef-de-projet-commerce-electronique", "chef-de-projet-e-commerce", "directeur-e-commerce", "responsable-e-commerce"];

type Cell = { depth: number; assessed: boolean };
type Edit = { client: number; moduleId: string; itemRef: string; value: Cell; sentVersion: number; status: number; version?: number };

const pick = <T,>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];
const randomCell = (): Cell => {
  const depth = Math.floor(Math.random() * 5);
  return { depth, assessed: depth > 0 && Math.random() < 0.5 };
};

function readState(databaseFile: string, programmeId: string) {
  return withDatabase(databaseFile, (db) => ({
    versions: new Map((db.prepare(`SELECT id, version FROM "Module" WHERE "programmeId" = ?`).all(programmeId) as { id: string; version: number }[]).map((m) => [m.id, m.version])),
    cells: new Map(
      (db.prepare(`SELECT x."moduleId", x."itemRef", x.depth, x.assessed FROM "Mapping" x JOIN "Module" m ON m.id = x."moduleId" WHERE m."programmeId" = ?`).all(programmeId) as {
        moduleId: string;
        itemRef: string;
        depth: number;
        assessed: number;
      }[]).map((row) => [`${row.moduleId}|${row.itemRef}`, { depth: row.depth, assessed: row.assessed === 1 }]),
    ),
    lastAudit: (db.prepare(`SELECT coalesce(max(id), 0) AS id FROM "AuditLog"`).get() as { id: number }).id,
  }));
}

async function signedInClients(school: SchoolWorld<"admin" | "manager">) {
  // Every client signs in on its own (half as the manager, half as the administrator).
  return Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const client = new HttpClient(process.env.E2E_BASE_URL!, { headers: { "X-Forwarded-For": clientAddress() } });
      return client.signIn(school.emails[i % 2 ? "admin" : "manager"], school.password);
    }),
  );
}

/**
 * Each client's edits, one after the other, as the grid sends them: a cell's version is the
 * newest the client has seen that cell at, its module's version at load (or after saves of its
 * own that found the module as it had last seen it) or the version of its own last save of that
 * cell. A 409 shows the cell's value: seen at the version it gives.
 */
async function run(clients: HttpClient[], cellUrl: string, initialVersions: Map<string, number>, next: (client: number, n: number) => { moduleId: string; itemRef: string; value: Cell }) {
  const edits: Edit[] = [];
  const started = Date.now();
  await Promise.all(
    clients.map(async (client, index) => {
      const seen = new Map(initialVersions);
      const seenCell = new Map<string, number>();
      for (let n = 0; n < EDITS; n++) {
        const { moduleId, itemRef, value } = next(index, n);
        const key = `${moduleId}|${itemRef}`;
        // Sometimes the module's version as the page was loaded long ago (never older than what it saw of that cell).
        const moduleVersion = seen.get(moduleId)!;
        const moduleSent = Math.random() < STALE ? Math.max(1, moduleVersion - 1 - Math.floor(Math.random() * 3)) : moduleVersion;
        const sentVersion = Math.max(moduleSent, seenCell.get(key) ?? 0);
        const answer = await client.post(cellUrl, { json: { moduleId, version: sentVersion, itemRef, depth: value.depth, assessed: value.assessed } });
        const body = answer.json() as { version?: number } | undefined;
        edits.push({ client: index, moduleId, itemRef, value, sentVersion, status: answer.status, version: body?.version });
        if (typeof body?.version !== "number") continue;
        seenCell.set(key, Math.max(seenCell.get(key) ?? 0, body.version));
        if (answer.status === 200 && sentVersion === seen.get(moduleId) && body.version === sentVersion + 1) seen.set(moduleId, body.version);
      }
    }),
  );
  return { edits, seconds: (Date.now() - started) / 1000 };
}

/** The successes are one chain of versions per module, the matrix and the audit log follow them. */
function checkChains(databaseFile: string, programmeId: string, initial: ReturnType<typeof readState>, modules: string[], successes: Edit[]) {
  const final = readState(databaseFile, programmeId);
  const chains = new Map<string, Edit[]>();
  for (const moduleId of modules) {
    const chain = successes.filter((e) => e.moduleId === moduleId).sort((a, b) => a.version! - b.version!);
    const v0 = initial.versions.get(moduleId)!;
    expect(chain.map((e) => e.version)).toEqual(chain.map((_, i) => v0 + i + 1));
    expect(final.versions.get(moduleId)).toBe(v0 + chain.length);
    chains.set(moduleId, chain);
  }
  const expected = new Map(initial.cells);
  for (const chain of chains.values()) {
    for (const e of chain) {
      const key = `${e.moduleId}|${e.itemRef}`;
      if (e.value.depth === 0) expected.delete(key);
      else expected.set(key, e.value);
    }
  }
  const sorted = (cells: Map<string, Cell>) => [...cells].sort(([a], [b]) => a.localeCompare(b));
  expect(sorted(final.cells)).toEqual(sorted(expected));
  const audit = withDatabase(databaseFile, (db) =>
    db
      .prepare(`SELECT "entityId", "after" FROM "AuditLog" WHERE id > ? AND action = 'set_mapping' AND "entityId" IN (${modules.map(() => "?").join(",")}) ORDER BY id`)
      .all(initial.lastAudit, ...modules),
  ) as { entityId: string; after: string }[];
  expect(audit).toHaveLength(successes.length);
  for (const [moduleId, chain] of chains) {
    const rows = audit.filter((row) => row.entityId === moduleId).map((row) => JSON.parse(row.after) as { module: string; itemRef: string; depth: number; assessed: boolean });
    expect(new Set(rows.map((row) => row.module)).size).toBeLessThanOrEqual(1);
    expect(rows.map(({ module: _code, ...value }) => value)).toEqual(chain.map((e) => ({ itemRef: e.itemRef, depth: e.value.depth, assessed: e.value.assessed })));
  }
  return chains;
}

test.describe.configure({ mode: "serial" });

let school: SchoolWorld<"admin" | "manager">;
let clients: HttpClient[];
let refs: string[];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const baseUrl = process.env.E2E_BASE_URL!;
  school = await createSchool(baseUrl, { databaseFile: process.env.E2E_DATABASE_FILE!, moduleCount: 3, personas: [], spare: false });
  // Every sheet a target, so that one module has a cell of its own for each of 50 clients.
  const edited = await school.clients.manager.post(`/programmes/${school.programmeId}/modifier`, {
    form: [["title", school.programmeTitle], ["diplomaType", "licence_pro"], ["level", "6"], ["entryEcts", "120"], ["semesters", "2"], ["description", ""], ...SHEETS.map((slug) => ["targets", slug] as [string, string])],
  });
  expect(edited.status, edited.text.slice(0, 300)).toBe(302);
  const sheets = await Promise.all(SHEETS.map(async (slug) => ((await (await fetch(`${baseUrl}/api/v1/reference-sheets/${slug}`, { headers: { Authorization: `Bearer ${school.tokens.manager}` } })).json()) as { requirements: { ref: string; required: boolean }[] }).requirements));
  refs = [...new Set(sheets.flat().filter((r) => r.required).map((r) => r.ref))];
  clients = await signedInClients(school);
});

test(`${CLIENTS} clients × ${EDITS} modifications de cellules distinctes d'un même module : aucun conflit, rien de perdu`, async () => {
  test.setTimeout(120_000 + CLIENTS * EDITS * 200);
  const databaseFile = process.env.E2E_DATABASE_FILE!;
  const moduleId = school.modules[0].id;
  const perClient = Math.floor(refs.length / CLIENTS);
  expect(perClient, `${refs.length} exigences pour ${CLIENTS} clients`).toBeGreaterThanOrEqual(1);
  const owned = (client: number) => refs.slice(client * perClient, (client + 1) * perClient);
  const initial = readState(databaseFile, school.programmeId);
  const { edits, seconds } = await run(clients, `/programmes/${school.programmeId}/matrice/cellule`, initial.versions, (client, n) => ({ moduleId, itemRef: owned(client)[n % perClient], value: randomCell() }));

  expect(edits.filter((e) => e.status !== 200).map((e) => `${e.status} ${e.itemRef} v${e.sentVersion}`)).toEqual([]);
  checkChains(databaseFile, school.programmeId, initial, [moduleId], edits);
  // Each cell holds its owner's last value.
  const final = readState(databaseFile, school.programmeId);
  for (let client = 0; client < CLIENTS; client++) {
    for (const itemRef of owned(client)) {
      const last = edits.filter((e) => e.client === client && e.itemRef === itemRef).at(-1);
      if (last) expect(final.cells.get(`${moduleId}|${itemRef}`) ?? { depth: 0, assessed: false }).toEqual(last.value);
    }
  }
  const stale = edits.filter((e) => e.sentVersion < e.version! - 1).length;
  console.log(`Cellules distinctes : ${edits.length} modifications en ${seconds.toFixed(1)} s, ${stale} sur une version périmée, 0 conflit`);
  reportFigures("concurrency-distinct", { clients: CLIENTS, edits: edits.length, successes: edits.length, conflicts: 0, staleSent: stale, lost: 0, seconds: Math.round(seconds), tag: randomBytes(2).toString("hex") });
});

test(`${CLIENTS} clients × ${EDITS} modifications des mêmes cellules : 200 ou 409, chaque conflit justifié, rien de perdu, une ligne d'audit par succès`, async () => {
  test.setTimeout(120_000 + CLIENTS * EDITS * 200);
  const databaseFile = process.env.E2E_DATABASE_FILE!;
  const modules = school.modules.map((m) => m.id);
  const shared = refs.slice(0, 6);
  const initial = readState(databaseFile, school.programmeId);
  const { edits, seconds } = await run(clients, `/programmes/${school.programmeId}/matrice/cellule`, initial.versions, () => ({ moduleId: pick(modules), itemRef: pick(shared), value: randomCell() }));

  expect(edits.filter((e) => e.status !== 200 && e.status !== 409).map((e) => `${e.status}`)).toEqual([]);
  const successes = edits.filter((e) => e.status === 200);
  const conflicts = edits.filter((e) => e.status === 409);
  checkChains(databaseFile, school.programmeId, initial, modules, successes);
  const sameCell = (a: Edit, b: Edit) => a.moduleId === b.moduleId && a.itemRef === b.itemRef;
  // A conflict only when a success changed that cell after the version sent (and by the version the 409 gave).
  for (const c of conflicts) {
    expect(successes.some((s) => sameCell(s, c) && s.version! > c.sentVersion && s.version! <= c.version!), `409 sans changement de la cellule : ${JSON.stringify(c)}`).toBe(true);
  }
  // No success overwrote a change of its cell that it had not seen.
  for (const s of successes) {
    const unseen = successes.filter((o) => o !== s && sameCell(o, s) && o.version! > s.sentVersion && o.version! < s.version!);
    expect(unseen, `écrasement de ${JSON.stringify(s)}`).toEqual([]);
  }
  console.log(`Cellules partagées : ${edits.length} modifications en ${seconds.toFixed(1)} s : ${successes.length} réussies, ${conflicts.length} conflits (409)`);
  reportFigures("concurrency-shared", { clients: CLIENTS, edits: edits.length, successes: successes.length, conflicts: conflicts.length, otherAnswers: edits.length - successes.length - conflicts.length, lost: 0, seconds: Math.round(seconds), tag: randomBytes(2).toString("hex") });
});
