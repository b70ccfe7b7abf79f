import { randomBytes } from "node:crypto";
import { test, expect } from "../fixtures";
import { reportFigures } from "../../reliability/figures";
import { withDatabase } from "../../support/database-snapshot";
import { HttpClient } from "../../support/http-client";
import { clientAddress, createSchool } from "../../support/school";

/**
 * Many people edit the same programme's matrix at once over real HTTP, often from a stale
 * version (a page left open). Every answer must be a success or a 409; the successes, put in
 * the order of the versions they were made on, must form one unbroken chain per module; the
 * matrix in the database must be exactly those edits applied in that order; and the audit log
 * must hold exactly one row per success, with the same values, in the same order.
 *
 * CI runs CONCURRENCY_CLIENTS × CONCURRENCY_EDITS = 16 × 25; `npm run concurrency -- --clients 50
 * --edits 100` runs the full 50 × 100.
 */
const CLIENTS = Number(process.env.CONCURRENCY_CLIENTS ?? 16);
const EDITS = Number(process.env.CONCURRENCY_EDITS ?? 25);
/** How often a client sends a version it knows to be old. */
const STALE = 0.3;

type Cell = { depth: number; assessed: boolean };
type Edit = { client: number; moduleId: string; itemRef: string; value: Cell; sentVersion: number; status: number; version?: number };

test(`${CLIENTS} clients × ${EDITS} modifications de la même matrice : 200 ou 409, rien de perdu, une ligne d'audit par succès`, async () => {
  test.setTimeout(120_000 + CLIENTS * EDITS * 200);
  const baseUrl = process.env.E2E_BASE_URL!;
  const databaseFile = process.env.E2E_DATABASE_FILE!;
  const school = await createSchool(baseUrl, { databaseFile, moduleCount: 3, personas: [], spare: false });
  const modules = school.modules.map((m) => m.id);
  const refs = school.itemRefs.slice(0, 6);
  const cellUrl = `/programmes/${school.programmeId}/matrice/cellule`;

  const readState = () =>
    withDatabase(databaseFile, (db) => ({
      versions: new Map((db.prepare(`SELECT id, version FROM "Module" WHERE "programmeId" = ?`).all(school.programmeId) as { id: string; version: number }[]).map((m) => [m.id, m.version])),
      cells: new Map(
        (db.prepare(`SELECT x."moduleId", x."itemRef", x.depth, x.assessed FROM "Mapping" x JOIN "Module" m ON m.id = x."moduleId" WHERE m."programmeId" = ?`).all(school.programmeId) as {
          moduleId: string;
          itemRef: string;
          depth: number;
          assessed: number;
        }[]).map((row) => [`${row.moduleId}|${row.itemRef}`, { depth: row.depth, assessed: row.assessed === 1 }]),
      ),
      lastAudit: (db.prepare(`SELECT coalesce(max(id), 0) AS id FROM "AuditLog"`).get() as { id: number }).id,
    }));
  const initial = readState();

  // Half the clients sign in on their own as the manager; the other half act as the
  // administrator in the session sign-up opened (an administrator signs in with a second factor,
  // whose codes are accepted once each: parallel sign-ins of one account cannot all succeed).
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const client = new HttpClient(baseUrl, { headers: { "X-Forwarded-For": clientAddress() } });
      if (i % 2 === 0) return client.signIn(school.emails.manager, school.password);
      for (const [name, value] of school.clients.admin.cookies) client.cookies.set(name, value);
      return client;
    }),
  );

  const edits: Edit[] = [];
  const started = Date.now();
  await Promise.all(
    clients.map(async (client, index) => {
      const known = new Map(initial.versions);
      for (let n = 0; n < EDITS; n++) {
        const moduleId = modules[Math.floor(Math.random() * modules.length)];
        const itemRef = refs[Math.floor(Math.random() * refs.length)];
        const depth = Math.floor(Math.random() * 5);
        const value = { depth, assessed: depth > 0 && Math.random() < 0.5 };
        const latest = known.get(moduleId)!;
        const sentVersion = Math.random() < STALE ? Math.max(1, latest - 1 - Math.floor(Math.random() * 3)) : latest;
        const answer = await client.post(cellUrl, { json: { moduleId, version: sentVersion, itemRef, depth: value.depth, assessed: value.assessed } });
        const body = answer.json() as { version?: number } | undefined;
        edits.push({ client: index, moduleId, itemRef, value, sentVersion, status: answer.status, version: body?.version });
        if (typeof body?.version === "number") known.set(moduleId, Math.max(known.get(moduleId)!, body.version));
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;

  // Every answer is a success or a conflict.
  expect(edits.filter((e) => e.status !== 200 && e.status !== 409).map((e) => `${e.status}`)).toEqual([]);
  const successes = edits.filter((e) => e.status === 200);
  const conflicts = edits.filter((e) => e.status === 409);
  expect(conflicts.every((e) => typeof e.version === "number" && e.version !== e.sentVersion)).toBe(true);

  // Per module, the successes are one chain: version v0, v0 + 1, ... each answered with the next one.
  const final = readState();
  const chains = new Map<string, Edit[]>();
  for (const moduleId of modules) {
    const chain = successes.filter((e) => e.moduleId === moduleId).sort((a, b) => a.sentVersion - b.sentVersion);
    const v0 = initial.versions.get(moduleId)!;
    expect(chain.map((e) => e.sentVersion)).toEqual(chain.map((_, i) => v0 + i));
    expect(chain.every((e) => e.version === e.sentVersion + 1)).toBe(true);
    expect(final.versions.get(moduleId)).toBe(v0 + chain.length);
    chains.set(moduleId, chain);
  }

  // The matrix is the initial one with the successful edits applied in that order.
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

  // One audit row per success, in the same order, with the same values.
  const audit = withDatabase(databaseFile, (db) =>
    db
      .prepare(`SELECT "entityId", "after" FROM "AuditLog" WHERE id > ? AND action = 'set_mapping' AND "entityId" IN (${modules.map(() => "?").join(",")}) ORDER BY id`)
      .all(initial.lastAudit, ...modules),
  ) as { entityId: string; after: string }[];
  expect(audit).toHaveLength(successes.length);
  for (const [moduleId, chain] of chains) {
    const rows = audit.filter((row) => row.entityId === moduleId).map((row) => JSON.parse(row.after) as { module: string; itemRef: string; depth: number; assessed: boolean });
    // Each row also names the module by its code, the same one for the whole chain.
    expect(new Set(rows.map((row) => row.module)).size).toBe(1);
    expect(rows.map(({ module: _code, ...value }) => value)).toEqual(chain.map((e) => ({ itemRef: e.itemRef, depth: e.value.depth, assessed: e.value.assessed })));
  }

  console.log(`${edits.length} modifications en ${seconds.toFixed(1)} s : ${successes.length} réussies, ${conflicts.length} conflits (409)`);
  reportFigures("concurrency", { clients: CLIENTS, edits: edits.length, successes: successes.length, conflicts: conflicts.length, otherAnswers: edits.length - successes.length - conflicts.length, lost: 0, seconds: Math.round(seconds), tag: randomBytes(2).toString("hex") });
});
