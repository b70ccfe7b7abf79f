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
import type { Db } from "./create-db.server";

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

/**
 * The same client acting for `scope` whatever the request's scope: the paths that run before a
 * school is known, and scripts. On SQLite, the client itself.
 */
export function scoped(db: Db, scope: DbScope): Db {
  const base = (db as unknown as Record<symbol, unknown>)[BASE] as Db | undefined;
  return base ? withRowSecurity(base, () => scope) : db;
}

/**
 * Several reads acting for `scope`: on PostgreSQL in one transaction that sets the scope once
 * (five round trips for two queries instead of eight); on SQLite, the queries as they are.
 */
export function readInScope(db: Db, scope: DbScope, queries: PromiseLike<unknown>[]): Promise<unknown[]> {
  if ((db as { _activeProvider?: string })._activeProvider !== "postgresql") return Promise.all(queries);
  return (scoped(db, scope) as unknown as { $transaction: (batch: PromiseLike<unknown>[]) => Promise<unknown[]> }).$transaction(queries);
}

/**
 * Inside an interactive transaction, from here on: the transaction acts for `scope` (the school
 * it has just created, the school an invitation joins). No-op on SQLite.
 */
export async function enterDbScope(tx: unknown, scope: DbScope) {
  if ((tx as { _activeProvider?: string })._activeProvider !== "postgresql") return;
  await setScopeSql(tx as RawClient, scope);
}
