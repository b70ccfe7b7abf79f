import type Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  Transaction,
} from "@prisma/driver-adapter-utils";

/** How long a write waits for another process's lock before it is reported as failed. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Applies the connection settings every Maquette SQLite connection must have: WAL (readers
 * never block the writer), synchronous=FULL (an acknowledged commit survives a power cut),
 * a busy timeout, and foreign keys.
 */
export function configureSqliteConnection(db: Database.Database, busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS) {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma("foreign_keys = ON");
}

/**
 * The SQLite driver adapter of Prisma 7.10, made safe for writes.
 *
 * why: in @prisma/adapter-better-sqlite3 7.10 a transaction's `rollback()` is a no-op. When
 * the engine's COMMIT fails (SQLITE_BUSY), the engine calls `rollback()` and the shared
 * connection stays inside the open transaction: every later write reports success but is
 * never saved (prisma/orm issue 29933). This wrapper:
 *  - sets the pragmas above on the adapter's connection (in WAL mode a write waits up to the
 *    busy timeout for another process's lock, then fails with an error the user sees);
 *  - makes `rollback()` (and a `commit()` that left the connection in a transaction) issue a
 *    real ROLLBACK, so one failed transaction never poisons the next ones.
 * tests/integration/sqlite-busy.sqlite.test.ts holds the regression test.
 */
export function safeSqliteAdapterFactory(
  url: string,
  busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS,
): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url, timeout: busyTimeoutMs });
  const wrap = async (adapterPromise: Promise<SqlDriverAdapter>) => {
    const adapter = await adapterPromise;
    const client = (adapter as unknown as { client: Database.Database }).client;
    configureSqliteConnection(client, busyTimeoutMs);
    keepPreparedStatements(client);
    // why: the WebAssembly schema engine replays a whole migration file on the shadow
    // database through executeRaw, which better-sqlite3 refuses ("more than one statement").
    // A script without parameters runs through exec() instead.
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        if (query.args.length > 0 || !/more than one statement/.test(String((error as { cause?: unknown }).cause ?? error))) throw error;
        client.exec(query.sql);
        return 0;
      }
    };
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx: Transaction = await startTransaction(isolationLevel);
      const rollback = tx.rollback.bind(tx);
      const commit = tx.commit.bind(tx);
      const abandon = () => {
        if (client.inTransaction) {
          try {
            client.exec("ROLLBACK");
          } catch {
            // The connection is no longer in a transaction: nothing to undo.
          }
        }
      };
      tx.rollback = async () => {
        try {
          abandon();
        } finally {
          await rollback();
        }
      };
      tx.commit = async () => {
        const stillOpen = client.inTransaction;
        try {
          abandon();
        } finally {
          await commit();
        }
        if (stillOpen) throw new Error("La transaction n'a pas pu être validée ; elle a été annulée.");
      };
      return tx;
    };
    return adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => wrap(inner.connect()),
    connectToShadowDb: () => wrap(inner.connectToShadowDb()),
  };
}

type Args = unknown[];

/**
 * The adapter prepares every query again (`client.prepare(sql).bind(args)`): SQLite parses and
 * plans the same few hundred statements on every request, a twentieth of a kept page's time.
 * Here each statement is prepared once per connection and kept (at most 1,000, the least
 * recently used dropped first); what the adapter gets is a view that runs the kept statement
 * with its arguments. The calls better-sqlite3 makes itself (`pragma()`, with more than one
 * argument) go to the real `prepare`.
 */
function keepPreparedStatements(client: Database.Database, max = 1000) {
  const prepare = client.prepare.bind(client) as (sql: string, ...rest: unknown[]) => Database.Statement;
  const kept = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let found = kept.get(sql);
    if (found) kept.delete(sql);
    else found = prepare(sql);
    kept.set(sql, found);
    if (kept.size > max) kept.delete(kept.keys().next().value!);
    return found;
  };
  const view = (stmt: Database.Statement, args: Args) => ({
    reader: stmt.reader,
    run: () => stmt.run(args),
    get: () => stmt.raw(false).get(args),
    all: () => stmt.raw(false).all(args),
    columns: () => stmt.columns(),
    raw: () => ({ all: () => stmt.raw(true).all(args), get: () => stmt.raw(true).get(args) }),
  });
  (client as unknown as { prepare: unknown }).prepare = (sql: string, ...rest: unknown[]) => {
    if (rest.length > 0) return prepare(sql, ...rest);
    const stmt = statement(sql);
    return { ...view(stmt, []), bind: (args: Args) => view(stmt, args) };
  };
}
