/**
 * The write-ahead log position that a kept answer is checked against on PostgreSQL
 * (docs/decisions/034). On a cluster of its own: holding a commit between its record in the log
 * and the moment others see it takes a server-wide setting (a synchronous standby that never
 * answers), which would hold every other test file's writes as well.
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb } from "~/utils/create-db.server";
import { quietWalPosition, walPosition } from "~/utils/db-scope.server";
import type { Db } from "~/utils/create-db.server";
import { adminQuery, APP_ROLE, startCluster, withDatabase } from "../../scripts/postgres-cluster.mjs";

let cluster: Awaited<ReturnType<typeof startCluster>>;
let app: Db;
let reader: pg.Client;
let writer: pg.Client;

beforeAll(async () => {
  // Durable: a throwaway cluster commits without waiting for anything, a standby included.
  cluster = await startCluster({ durable: true });
  await adminQuery(cluster.adminUrl, "CREATE DATABASE wal OWNER maquette_owner", `GRANT CONNECT ON DATABASE wal TO ${APP_ROLE}`);
  await adminQuery(withDatabase(cluster.ownerUrl, "wal"), `CREATE TABLE note (id int PRIMARY KEY, text text NOT NULL)`, `GRANT SELECT, INSERT ON note TO ${APP_ROLE}`);
  app = createDb(withDatabase(cluster.appUrl, "wal"));
  reader = new pg.Client({ connectionString: withDatabase(cluster.appUrl, "wal") });
  writer = new pg.Client({ connectionString: withDatabase(cluster.appUrl, "wal") });
  await Promise.all([reader.connect(), writer.connect()]);
});

afterAll(async () => {
  await Promise.all([app?.$disconnect(), reader?.end(), writer?.end()]);
  cluster?.stop();
});

const notes = async () => (await reader.query<{ id: number }>("SELECT id FROM note ORDER BY id")).rows.map((row) => row.id);

/** Sets the synchronous standby the server waits for at every commit ('' for none). */
async function waitForStandby(name: string) {
  await adminQuery(cluster.adminUrl, `ALTER SYSTEM SET synchronous_standby_names = '${name}'`, "SELECT pg_reload_conf()");
  await expect.poll(async () => (await reader.query("SHOW synchronous_standby_names")).rows[0].synchronous_standby_names).toBe(name);
  // why: the checkpointer, which tells committing sessions whether to wait, reads it on its own wake-up.
  await reader.query("SELECT pg_sleep(0.2)");
}

it("la position ne bouge pas avec des lectures, et avance avec chaque écriture validée", async () => {
  const before = await walPosition(app);
  expect(before).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
  for (let i = 0; i < 20; i++) await notes();
  expect(await walPosition(app)).toBe(before);
  expect(await quietWalPosition(app)).toBe(before);

  await writer.query("INSERT INTO note VALUES (1, 'validée')");
  expect(await walPosition(app)).not.toBe(before);
  expect(await notes()).toEqual([1]);
});

it("pendant une validation écrite au journal mais pas encore visible, la position ne répond de rien", async () => {
  await waitForStandby("personne");
  // The commit is written in the log, then waits for the standby before anyone can see it.
  const committing = writer.query("INSERT INTO note VALUES (2, 'en attente')");
  await expect.poll(async () => (await adminQuery(cluster.adminUrl, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'SyncRep'"))[0].rows[0].n).toBe(1);

  const position = await walPosition(app);
  expect(await notes()).toEqual([1]);
  // What is read now would be trusted while the position stays: refused.
  expect(await quietWalPosition(app)).toBeNull();

  await waitForStandby("");
  await committing;
  // The write is seen now, and the position has not moved: it alone would have vouched for the read above.
  expect(await notes()).toEqual([1, 2]);
  expect(await walPosition(app)).toBe(position);
  expect(await quietWalPosition(app)).toBe(position);
});
