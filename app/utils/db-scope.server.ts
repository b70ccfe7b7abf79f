/**
 * The second wall of tenant isolation on PostgreSQL: every query runs in a transaction that
 * first says which school (and person, and secret) it acts for, and the row-level security
 * policies of the school tables show and accept only those rows. See
 * docs/decisions/017-row-level-security.md and docs/decisions/018-paths-before-a-school.md.
 *
 * - An HTTP request gets an empty scope (scripts/server.mjs wraps every request); its guard
 *   fills it in once the session or the API token is checked (`setRequestScope`). Model code
 *   does not change: the app's one client reads the request's scope at every call.
 * - The paths that run before a school is known name what they hold explicitly
 *   (`scoped(db, { secret })`, `scoped(db, { userId })`), and a transaction that creates a
 *   school or joins one says so once it knows it (`enterDbScope(tx, ...)`).
 * - On SQLite (one school server, no roles) all of this is a no-op.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import pg from "pg";
import { createHash } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "./create-db.server";
import { readOnConnection } from "./sqlite-adapter.server";

export type DbScope = {
  /** The school the request acts for (`app.school_id`). */
  schoolId?: string | null;
  /** The person who proved who they are (`app.user_id`): their own memberships, sessions, tokens. */
  userId?: string | null;
  /** The SHA-256 of a secret the caller holds (`app.secret`): a session, a token, an invitation. */
  secret?: string | null;
};

const requestScope = new AsyncLocalStorage<DbScope>();

/** Runs one HTTP request with a scope of its own, empty until a guard fills it in. */
export function runWithRequestScope<T>(fn: () => T): T {
  return requestScope.run({}, fn);
}

/** Says which school and person the current request acts for, once its guard has checked them. */
export function setRequestScope(scope: DbScope) {
  const store = requestScope.getStore();
  if (store) Object.assign(store, scope);
}

const SET_SCOPE_SQL = "SELECT set_config('app.school_id', $1, true), set_config('app.user_id', $2, true), set_config('app.secret', $3, true)";

type RawClient = { $executeRawUnsafe: (sql: string, ...values: unknown[]) => PromiseLike<number> };

function setScopeSql(client: RawClient, scope: DbScope) {
  return client.$executeRawUnsafe(SET_SCOPE_SQL, scope.schoolId ?? "", scope.userId ?? "", scope.secret ?? "");
}

const isEmpty = (scope: DbScope | undefined): scope is undefined => !scope || (!scope.schoolId && !scope.userId && !scope.secret);

const BASE = Symbol("maquette.db.base");
const SCOPE = Symbol("maquette.db.scope");
const INNER = Symbol("maquette.db.inner");

type AnyFunction = (...args: unknown[]) => unknown;
type Base = Record<string | symbol, unknown> & {
  $transaction: (arg: unknown, options?: unknown) => Promise<unknown>;
} & RawClient;

/**
 * A query of the underlying client, run when awaited: alone when there is no scope, else in a
 * two-statement transaction (the scope, then the query). It stays usable inside
 * `db.$transaction([...])`, which takes the underlying queries out again.
 */
function deferred(base: Base, scope: DbScope | undefined, inner: PromiseLike<unknown>) {
  let running: Promise<unknown> | undefined;
  const run = () =>
    (running ??= isEmpty(scope)
      ? Promise.resolve(inner)
      : (base.$transaction([setScopeSql(base, scope), inner]) as Promise<unknown[]>).then((results) => results[1]));
  return {
    [INNER]: inner,
    then: (ok?: (value: unknown) => unknown, ko?: (reason: unknown) => unknown) => run().then(ok, ko),
    catch: (ko?: (reason: unknown) => unknown) => run().catch(ko),
    finally: (done?: () => void) => run().finally(done),
    [Symbol.toStringTag]: "PrismaPromise",
  };
}

function transaction(base: Base, scope: DbScope | undefined, arg: unknown, options?: unknown) {
  if (typeof arg === "function") {
    if (isEmpty(scope)) return base.$transaction(arg, options);
    return base.$transaction(async (tx: RawClient) => {
      await setScopeSql(tx, scope);
      return (arg as AnyFunction)(tx);
    }, options);
  }
  const queries = (arg as Record<symbol, unknown>[]).map((query) => query[INNER] ?? query);
  if (isEmpty(scope)) return base.$transaction(queries, options);
  return (base.$transaction([setScopeSql(base, scope), ...queries], options) as Promise<unknown[]>).then((results) => results.slice(1));
}

const RAW = new Set(["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe", "$queryRawTyped"]);

/**
 * The client, with every query run in the scope `scopeOf()` gives at the moment of the call
 * (by default, the current HTTP request's). Used for PostgreSQL clients only.
 */
export function withRowSecurity(client: Db, scopeOf: () => DbScope | undefined = () => requestScope.getStore()): Db {
  const base = client as unknown as Base;
  const delegates = new Map<string, unknown>();
  const delegate = (name: string, model: Record<string, unknown>) =>
    new Proxy(model, {
      get(target, method) {
        const value = Reflect.get(target, method);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const scope = copy(scopeOf());
          return deferred(base, scope, (value as AnyFunction).apply(target, args) as PromiseLike<unknown>);
        };
      },
    });
  return new Proxy(base, {
    get(target, property) {
      if (property === BASE) return target;
      if (property === SCOPE) return copy(scopeOf()) ?? {};
      if (property === "$transaction") return (arg: unknown, options?: unknown) => transaction(target, copy(scopeOf()), arg, options);
      const value = Reflect.get(target, property);
      if (typeof property === "string" && RAW.has(property) && typeof value === "function") {
        return (...args: unknown[]) => deferred(target, copy(scopeOf()), (value as AnyFunction).apply(target, args) as PromiseLike<unknown>);
      }
      if (typeof value === "function") return (value as AnyFunction).bind(target);
      if (typeof property === "string" && !property.startsWith("$") && !property.startsWith("_") && value && typeof value === "object") {
        if (!delegates.has(property)) delegates.set(property, delegate(property, value as Record<string, unknown>));
        return delegates.get(property);
      }
      return value;
    },
  }) as unknown as Db;
}

const copy = (scope: DbScope | undefined): DbScope | undefined => (scope ? { ...scope } : undefined);

/** The client under a row-security wrapper (undefined for SQLite's, or a transaction's). */
const baseOf = (db: Db) => (db as unknown as Record<symbol, unknown>)[BASE] as Db | undefined;

/** The scope a wrapped client acts for: the request's, or the one `scoped()` gave it. */
const scopeOf = (db: Db) => ((db as unknown as Record<symbol, unknown>)[SCOPE] as DbScope | undefined) ?? {};

/**
 * The same client acting for `scope` whatever the request's scope: the paths that run before a
 * school is known, and scripts. On SQLite, the client itself.
 */
export function scoped(db: Db, scope: DbScope): Db {
  const base = baseOf(db);
  return base ? withRowSecurity(base, () => scope) : db;
}

/** Where a PostgreSQL client's pool is, once connected (registered by createDb). */
const POOLS = new WeakMap<object, () => pg.Pool | null>();

/** Lets `readInScope` send its reads straight to the pool the client's adapter uses. */
export function registerPool(client: Db, pool: () => pg.Pool | null) {
  POOLS.set(client, pool);
}

/** Where a SQLite client's read connection is, once connected (registered by createDb). */
const READ_CONNECTIONS = new WeakMap<object, () => Database.Database | null>();

/** Lets `readInScope` send its reads straight to the SQLite client's read connection. */
export function registerReadConnection(client: Db, connection: () => Database.Database | null) {
  READ_CONNECTIONS.set(client, connection);
}

/**
 * The scope of a read: values, or on PostgreSQL a subquery that finds them (the person a
 * session or a token stands for), run after the secret is set and before the reads.
 */
export type ReadScope = { secret?: string | null; userId?: string | null | Prisma.Sql; schoolId?: string | null | Prisma.Sql };

/**
 * Read-only queries acting for `scope`, their rows in order. On PostgreSQL they go in one round
 * trip: one message holding the scope's statements then the queries, which PostgreSQL runs as
 * one transaction, so the scope (`set_config(..., true)`) holds for these queries only. Through
 * the query builder the same reads cost a transaction of four or five round trips. On SQLite
 * (no scope), the queries as they are, run on the read connection without the query builder,
 * whose work was a fifth of a kept page's (docs/decisions/032): values come as SQLite gives
 * them (a DateTime as text, a Boolean as 0 or 1), which the callers read through `String`,
 * `Number`, `Boolean` and `asDate`.
 */
export async function readInScope(db: Db, scope: ReadScope, queries: Prisma.Sql[]): Promise<Record<string, unknown>[][]> {
  const pool = await poolFor(db);
  if (!pool) {
    const connection = await readConnectionFor(db);
    const rows = connection ? readOnConnection(connection, queries.map((query) => ({ sql: query.sql, values: query.values }))) : null;
    return rows ?? Promise.all(queries.map((query) => db.$queryRaw<Record<string, unknown>[]>(query)));
  }
  return withConnection(pool, async (client) => {
    const scopeStatements = scopeSql(scope);
    return (await sendPrepared(client, [...scopeStatements, ...queries])).slice(scopeStatements.length);
  });
}

const WAL_POSITION = "SELECT pg_current_wal_insert_lsn()::text AS position";

/**
 * PostgreSQL: where its write-ahead log ends now, on the whole server. A transaction that changes
 * a row writes its commit there before anyone can see it: while the position stays the same,
 * nothing was committed. One prepared statement, no scope, no table. Null on SQLite.
 * See docs/decisions/034-kept-answers-checked-by-wal-position.md.
 */
export async function walPosition(db: Db): Promise<string | null> {
  const pool = await poolFor(db);
  if (!pool) return null;
  const { rows } = await pool.query<{ position: string }>({ name: "maquette_wal_position", text: WAL_POSITION });
  return rows[0].position;
}

/**
 * `walPosition`, when it can stand for what is read after it: it is read first, then, with a
 * later snapshot, that no transaction holding a transaction id (any that writes) is running on
 * the server. Every write a later read does not see then commits beyond the position: it had not
 * begun when the position was read. Null while one is running (its commit may already be below the
 * position and not yet seen), and on SQLite.
 */
export async function quietWalPosition(db: Db): Promise<string | null> {
  const pool = await poolFor(db);
  if (!pool) return null;
  const results = (await pool.query(`${WAL_POSITION};\nSELECT NOT EXISTS (SELECT FROM pg_locks WHERE locktype = 'transactionid') AS "quiet"`)) as unknown as pg.QueryResult[];
  const [[{ position }], [{ quiet }]] = results.map((result) => result.rows as { position: string; quiet: boolean }[]);
  return quiet ? position : null;
}

/** Sends statements in one message within a transaction, their rows in order. */
/** `last` ends the transaction: it commits, or, with `rollback`, keeps nothing of it. */
export type Step = (statements: Prisma.Sql[], options?: { last?: boolean; rollback?: boolean }) => Promise<Record<string, unknown>[][]>;

/** Thrown through the query builder's transaction to roll it back, carrying what `fn` returned. */
class RolledBack {
  constructor(readonly value: unknown) {}
}

/**
 * A write as one transaction in a few steps, acting for the client's scope: `fn` sends each
 * step's statements with `step`, and reads their rows before deciding the next. On PostgreSQL
 * each step is one round trip (the first also begins the transaction and sets the scope, the
 * one marked `last` also commits it), instead of one per statement through the query
 * builder's transaction; any failure rolls it all back. On SQLite, an interactive transaction
 * running the statements one after the other.
 */
export async function transactionInSteps<T>(db: Db, fn: (step: Step) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  const pool = await poolFor(db);
  if (!pool) {
    try {
      return await db.$transaction(
        async (tx) => {
          let rollback = false;
          const result = await fn(async (statements, stepOptions = {}) => {
            const rows: Record<string, unknown>[][] = [];
            for (const statement of statements) rows.push(await tx.$queryRaw<Record<string, unknown>[]>(statement));
            rollback = Boolean(stepOptions.last && stepOptions.rollback);
            return rows;
          });
          if (rollback) throw new RolledBack(result);
          return result;
        },
        options.timeout ? { timeout: options.timeout } : undefined,
      );
    } catch (error) {
      if (error instanceof RolledBack) return error.value as T;
      throw error;
    }
  }
  const scope = scopeOf(db);
  return withConnection(pool, async (client) => {
    let begun = false;
    let ended = false;
    const step: Step = async (statements, options = {}) => {
      if (ended) throw new Error("La transaction est déjà validée.");
      const opening = begun ? [] : ["BEGIN", ...scopeSql(scope)];
      begun = true;
      ended = Boolean(options.last);
      const rows = await sendPrepared(client, [...opening, ...statements, ...(ended ? [options.rollback ? "ROLLBACK" : "COMMIT"] : [])]);
      return rows.slice(opening.length, opening.length + statements.length);
    };
    const result = await fn(step);
    if (begun && !ended) await client.query("COMMIT");
    return result;
  });
}

/** The pool of a PostgreSQL client (connecting it first if need be); null for SQLite. */
async function poolFor(db: Db): Promise<pg.Pool | null> {
  const base = baseOf(db) ?? db;
  const poolOf = POOLS.get(base);
  if (!poolOf) return null;
  let pool = poolOf();
  if (!pool) {
    await base.$connect();
    pool = poolOf();
    if (!pool) throw new Error("La connexion à PostgreSQL n'est pas ouverte.");
  }
  return pool;
}

/** The read connection of a SQLite client (connecting it first if need be); null when it has none. */
async function readConnectionFor(db: Db): Promise<Database.Database | null> {
  const connectionOf = READ_CONNECTIONS.get(db);
  if (!connectionOf) return null;
  if (!connectionOf()) await db.$connect();
  return connectionOf();
}

/**
 * One of the pool's connections for `fn`. A connection on which something failed is closed, not
 * given back: what it had begun is rolled back, and the statements it had prepared go with it.
 */
async function withConnection<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    return await fn(client);
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(failed);
  }
}

/**
 * The scope as statements: the values first, in one; then what subqueries find, one statement
 * each in this order (a person's subquery reads with the secret set, a school's with the person).
 */
function scopeSql(scope: ReadScope): Prisma.Sql[] {
  const settings: [string, string | null | undefined | Prisma.Sql][] = [
    ["app.secret", scope.secret],
    ["app.user_id", scope.userId],
    ["app.school_id", scope.schoolId],
  ];
  const isSubquery = (value: unknown): value is Prisma.Sql => typeof value === "object" && value !== null;
  const values = settings.filter(([, value]) => !isSubquery(value)).map(([name, value]) => Prisma.sql`set_config(${name}, ${(value as string | null | undefined) ?? ""}, true)`);
  const subqueries = settings.flatMap(([name, value]) => (isSubquery(value) ? [Prisma.sql`SELECT set_config(${name}, coalesce((${value}), ''), true)`] : []));
  return [...(values.length > 0 ? [Prisma.sql`SELECT ${Prisma.join(values, ", ")}`] : []), ...subqueries];
}

/** The statements each connection has prepared (they live as long as the connection). */
const PREPARED = new WeakMap<object, Set<string>>();
const NAMES = new Map<string, string>();

/**
 * Sends the statements in one message, each as `EXECUTE` of a statement this connection prepared
 * (in the same message, the first time): PostgreSQL plans each statement once per connection
 * instead of on every request, which was half of its work for these reads. A message of several
 * statements cannot carry parameters: the values are written in as literals, and the types of
 * the parameters are left to PostgreSQL, as for the query builder's. A text (`BEGIN`, `COMMIT`)
 * is sent as it is. The rows of each statement, in order.
 */
async function sendPrepared(client: pg.PoolClient, statements: (Prisma.Sql | string)[]): Promise<Record<string, unknown>[][]> {
  const prepared = PREPARED.get(client) ?? new Set<string>();
  PREPARED.set(client, prepared);
  const parts: string[] = [];
  const rowsAt: number[] = [];
  const added = new Set<string>();
  for (const statement of statements) {
    if (typeof statement !== "string") {
      let name = NAMES.get(statement.text);
      if (!name) {
        name = `maquette_${createHash("sha1").update(statement.text).digest("hex").slice(0, 24)}`;
        if (NAMES.size < 1000) NAMES.set(statement.text, name);
      }
      if (!prepared.has(name) && !added.has(name)) {
        parts.push(`PREPARE ${name} AS ${statement.text}`);
        added.add(name);
      }
      parts.push(`EXECUTE ${name}${statement.values.length ? `(${statement.values.map(literal).join(", ")})` : ""}`);
    } else parts.push(statement);
    rowsAt.push(parts.length - 1);
  }
  const results = (await client.query({ text: parts.join(";\n"), types: UTC_TIMESTAMPS })) as unknown as pg.QueryResult | pg.QueryResult[];
  const list = Array.isArray(results) ? results : [results];
  for (const name of added) prepared.add(name);
  return rowsAt.map((index) => (list[index].rows ?? []) as Record<string, unknown>[]);
}

/** `readInScope` acting for the client's own scope: the request's, or the one `scoped()` gave it. */
export function readAll(db: Db, queries: Prisma.Sql[]): Promise<Record<string, unknown>[][]> {
  return readInScope(db, scopeOf(db), queries);
}

/** A value written in as a literal. Strings go through `pg`'s own escaping. */
function literal(value: unknown): string {
  if (value === null) return "NULL";
  if (typeof value === "string") return pg.escapeLiteral(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date && !Number.isNaN(value.getTime())) return `${pg.escapeLiteral(value.toISOString().slice(0, 23).replace("T", " "))}::timestamp`;
  throw new Error(`Valeur non prise en charge dans une lecture groupée : ${typeof value}.`);
}

/** Prisma stores a DateTime as a `timestamp` in UTC: read it back as UTC, not as local time. */
const UTC_TIMESTAMPS = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 1114 ? (text: string) => new Date(`${text.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Inside an interactive transaction, from here on: the transaction acts for `scope` (the school
 * it has just created, the school an invitation joins). No-op on SQLite.
 */
export async function enterDbScope(tx: unknown, scope: DbScope) {
  if ((tx as { _activeProvider?: string })._activeProvider !== "postgresql") return;
  await setScopeSql(tx as RawClient, scope);
}
