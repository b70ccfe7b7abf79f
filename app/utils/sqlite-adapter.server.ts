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
 *
 * why: the adapter has one connection, and only its transactions wait for each other. A
 * statement sent outside a transaction ran on that connection while another request's
 * interactive transaction was open between two of its statements: a read saw that
 * transaction's writes before they were committed, and a write joined it, lost with it when it
 * rolled back although its own request had been answered "saved". This wrapper therefore also:
 *  - runs each statement sent outside a transaction that only reads on a second connection,
 *    which in WAL mode sees committed data only and never waits for the writer;
 *  - makes every other statement sent outside a transaction wait until no transaction is open.
 * tests/integration/transaction-isolation.test.ts holds the regression tests
 * (docs/decisions/032).
 */
export function safeSqliteAdapterFactory(
  url: string,
  busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS,
  // The schema engine locks the file for its one connection while it migrates: no second one.
  { separateReads = true }: { separateReads?: boolean } = {},
): SqlMigrationAwareDriverAdapterFactory & { readConnection: () => Database.Database | null } {
  const inner = new PrismaBetterSqlite3({ url, timeout: busyTimeoutMs });
  // The connected adapter's read connection, for the reads that go to it directly (readInScope).
  let readConnection: Database.Database | null = null;
  const wrap = async (adapterPromise: Promise<SqlDriverAdapter>, separateReads: boolean) => {
    const adapter = await adapterPromise;
    const client = (adapter as unknown as { client: Database.Database }).client;
    configureSqliteConnection(client, busyTimeoutMs);
    keepPreparedStatements(client);
    // An in-memory database exists on its one connection only: no second connection for it.
    if (separateReads && client.memory === false) readConnection = await separateReadsFromTransactions(adapter, inner, busyTimeoutMs);
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
    connect: () => wrap(inner.connect(), separateReads),
    connectToShadowDb: () => wrap(inner.connectToShadowDb(), false),
    // Closed with its adapter: none until the client connects again and opens a new one.
    readConnection: () => (readConnection?.open ? readConnection : null),
  };
}

/**
 * Statements sent outside a transaction: reads go to a second connection, every other statement
 * waits until no transaction of this adapter is open (see `safeSqliteAdapterFactory`).
 */
async function separateReadsFromTransactions(adapter: SqlDriverAdapter, factory: PrismaBetterSqlite3, busyTimeoutMs: number) {
  const reads = await factory.connect();
  const readClient = (reads as unknown as { client: Database.Database }).client;
  readClient.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // This connection never writes, whatever it is sent.
  readClient.pragma("query_only = ON");
  keepPreparedStatements(readClient);
  const onlyReads = (sql: string) => {
    try {
      const statement = readClient.prepare(sql) as unknown as { reader: boolean; readonly: boolean };
      return statement.reader && statement.readonly;
    } catch {
      return false; // the writer's connection runs it, and reports what is wrong with it
    }
  };

  let open: Promise<void> | null = null;
  /** Waits until no transaction is open, then marks one open; gives what closes it. */
  const openTransaction = async () => {
    while (open) await open;
    let close!: () => void;
    open = new Promise<void>((resolve) => (close = resolve));
    return () => {
      open = null;
      close();
    };
  };
  // A statement runs synchronously as soon as it is called: after the wait, nothing can come
  // between the check and the statement.
  const noTransactionOpen = async () => {
    while (open) await open;
  };

  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  const dispose = adapter.dispose.bind(adapter);
  adapter.queryRaw = async (query) => {
    if (onlyReads(query.sql)) return reads.queryRaw(query);
    await noTransactionOpen();
    return queryRaw(query);
  };
  adapter.executeRaw = async (query) => {
    await noTransactionOpen();
    return executeRaw(query);
  };
  adapter.executeScript = async (script) => {
    await noTransactionOpen();
    return executeScript(script);
  };
  adapter.startTransaction = async (isolationLevel) => {
    const close = await openTransaction();
    let tx: Transaction;
    try {
      tx = await startTransaction(isolationLevel);
    } catch (error) {
      close();
      throw error;
    }
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = async () => {
      try {
        await commit();
      } finally {
        close();
      }
    };
    tx.rollback = async () => {
      try {
        await rollback();
      } finally {
        close();
      }
    };
    return tx;
  };
  adapter.dispose = async () => {
    await reads.dispose();
    await dispose();
  };
  return readClient;
}

/** A value SQLite takes as it is. */
const bindable = (value: unknown) => value === null || typeof value === "string" || typeof value === "number" || typeof value === "bigint";

/**
 * Runs read-only statements on a read connection (`readConnection()`), as one read transaction,
 * without the query builder: their rows, in order, as SQLite gives them (a DateTime as its
 * text, a Boolean as 0 or 1). Null when a value is not one SQLite takes as it is (a Date): the
 * caller then goes through the query builder, which converts it.
 */
export function readOnConnection(connection: Database.Database, statements: readonly { sql: string; values: unknown[] }[]): Record<string, unknown>[][] | null {
  if (!statements.every((statement) => statement.values.every(bindable))) return null;
  connection.exec("BEGIN");
  try {
    return statements.map(({ sql, values }) => (connection.prepare(sql) as unknown as { bind: (args: unknown[]) => { all: () => Record<string, unknown>[] } }).bind(values).all());
  } finally {
    connection.exec("COMMIT");
  }
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
    readonly: stmt.readonly,
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
