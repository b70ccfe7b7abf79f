/**
 * The coverage page and the coverage API of an unchanged programme, answered in front of Remix
 * (docs/decisions/030). The HTTP server (scripts/server.mjs) asks `keptAnswer` first for a GET
 * of these two addresses:
 * - it checks who asks with the app's own guards (the session, touched when due, with its
 *   memberships; or the API token), then reads, in one query, what the answer depends on for
 *   that programme (its last change, the newest row of its audit log, its modules' versions);
 *   on PostgreSQL both in one round trip (docs/decisions/031);
 * - from those and the address, language and person, it makes a key. An answer kept under that
 *   key is sent with this response's nonce and reference id; else Remix answers, and the page
 *   or JSON it makes is kept under the key, which was read before anything the answer shows.
 * Anything unusual (no session, another school's programme, an address with encoded characters)
 * gets no key: Remix answers, with its redirects and refusals.
 *
 * On PostgreSQL, the key found for a request is trusted again, for the same address and headers,
 * while the server's write-ahead log has not moved since it was read and the session (or token)
 * is not due to be touched: one prepared statement instead of the guards' reads
 * (docs/decisions/034).
 */
import { createHash } from "node:crypto";
import { languageFromAcceptLanguage } from "~/domain/sentences";
import { fillTemplate, toTemplate, type AnswerTemplate } from "~/utils/answer-template";
import { Prisma } from "~/generated/prisma/client";
import { bearerToken, getCurrentUserWith, requireApiAuthWith, sessionToken } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { quietWalPosition, readInScope, walPosition } from "~/utils/db-scope.server";
import { getLocale } from "~/utils/locale.server";
import { Recent } from "~/utils/recent.server";
import { isInvitedReviewer } from "./programme.server";

const PAGE = /^\/programmes\/([A-Za-z0-9_-]{1,64})\/couverture$/;
const API = /^\/api\/v1\/programmes\/([A-Za-z0-9_-]{1,64})\/coverage$/;

type Kept = { headers: Record<string, string>; template: AnswerTemplate };

/** About 180 KB per page of a 120-module programme: at most 64 answers per process. */
const KEPT = new Recent<Kept>(64);

export type PerResponse = { nonce: string; requestId: string };

/**
 * The answer kept for this request, with this response's values in it, or the key under which
 * Remix's answer may be kept (null: not an answer that can be kept).
 */
export async function keptAnswer(request: Request, values: PerResponse): Promise<{ key: string | null; headers?: Record<string, string>; body?: Buffer }> {
  const key = await answerKey(request);
  const kept = key ? KEPT.get(key) : undefined;
  if (!kept) return { key };
  return { key, headers: kept.headers, body: fillTemplate(kept.template, values) };
}

/**
 * Keeps the answer Remix made for a request that `keptAnswer` gave `key`: only a 200 that sets
 * no cookie, and only when the key read again now is still the same. A change between the two
 * reads (a role changed while the page was rendered) could otherwise leave the page of the new
 * state under the old key, which a change back would reach again. Its nonce and reference id
 * are cut out, to be filled in for each response.
 */
export async function keepAnswer(key: string | null | undefined, answer: { request: Request; status: number; headers: Headers; text: string; values: PerResponse }) {
  if (!key || answer.status !== 200 || answer.headers.has("Set-Cookie")) return;
  if ((await answerKey(answer.request).catch(() => null)) !== key) return;
  const headers = Object.fromEntries(answer.headers.entries());
  KEPT.set(key, { headers, template: toTemplate(answer.text, { nonce: answer.values.nonce, requestId: answer.values.requestId }) });
}

type Person = { userId: string; schoolId: string; role: string; shown: unknown; language: string };
type State = Record<string, unknown>;

/**
 * The keys found for requests (by address and the headers the guards read), each with the
 * write-ahead log position read before it was found and the time until which the session or
 * token stays as found while nothing is written. PostgreSQL only.
 */
const CONFIRMED = new Recent<{ key: string; position: string; until: number }>(1024);

async function answerKey(request: Request): Promise<string | null> {
  if (request.method !== "GET") return null;
  const asked = createHash("sha256")
    .update([request.url, ...["Cookie", "Authorization", "Accept-Language"].map((name) => request.headers.get(name) ?? "")].join("\n"))
    .digest("base64url");
  const confirmed = CONFIRMED.get(asked);
  if (confirmed && Date.now() < confirmed.until && (await walPosition(db)) === confirmed.position) return confirmed.key;
  // Read before anything the key depends on: null on SQLite, or while a write is under way.
  const position = await quietWalPosition(db);
  const found = await findAnswerKey(request);
  if (found && position !== null && found.until > Date.now()) CONFIRMED.set(asked, { key: found.key, position, until: found.until });
  return found?.key ?? null;
}

/** The key of the answer to this request, found with the guards' reads, and until when it holds. */
async function findAnswerKey(request: Request): Promise<{ key: string; until: number } | null> {
  const url = new URL(request.url);
  if (url.searchParams.has("_data")) return null;
  const page = PAGE.exec(url.pathname);
  const api = page ? null : API.exec(url.pathname);
  const programmeId = (page ?? api)?.[1];
  if (!programmeId) return null;
  const found = page ? await pagePerson(request, programmeId) : await apiPerson(request, programmeId);
  if (!found) return null;
  const { person } = found;
  // Read with the person when the database took the same school; else now, in the right one.
  const state = found.state !== undefined ? found.state : await programmeState(programmeId, person);
  if (!state) return null;
  // A reviewer's invitation may end with time, not with a write: checked on every request.
  if (person.role === "reviewer" && !(await isInvitedReviewer({ db, programmeId, userId: person.userId }))) return null;
  const parts = [page ? "page" : "api", url.pathname + url.search, person, state];
  const key = createHash("sha256")
    .update(JSON.stringify(parts, (_, value: unknown) => (typeof value === "bigint" ? String(value) : value)))
    .digest("base64url");
  // An invitation's end is a time, not a write: a reviewer's key is found again on every request.
  return { key, until: person.role === "reviewer" ? 0 : found.until.getTime() };
}

/**
 * Who asks, the programme's state when it could be read with them (undefined: not read), and
 * until when the session or token stays as found while nothing is written.
 */
type Found = { person: Person; state?: State | null; until: Date };

/**
 * The person signed in by the session cookie, as the page's guards see them (the session,
 * touched when due, and the memberships), with the programme's state: one round trip on
 * PostgreSQL. A request of its own, so that the second read of `keepAnswer` is not the answer
 * kept for the page's loaders.
 */
async function pagePerson(request: Request, programmeId: string): Promise<Found | null> {
  if (!sessionToken(request)) return null;
  const found = await getCurrentUserWith(new Request(request.url, { headers: request.headers }), (school) => [stateSql(programmeId, school)]);
  const inUse = found?.current.current;
  if (!found || !inUse) return null;
  const { user, memberships } = found.current;
  const person = { userId: user.id, schoolId: inUse.school.id, role: inUse.role, shown: [user, memberships], language: await getLocale(request) };
  return { person, state: found.rows ? stateOf(found.rows[0]) : undefined, until: found.steadyUntil };
}

/** The holder of the request's API token, as the API's guard sees them, with the programme's state. */
async function apiPerson(request: Request, programmeId: string): Promise<Found | null> {
  if (!bearerToken(request)) return null;
  const found = await requireApiAuthWith(request, (school) => [stateSql(programmeId, school)]).catch(() => null);
  if (!found) return null;
  const { holder } = found;
  const language = languageFromAcceptLanguage(request.headers.get("Accept-Language"));
  const person = { userId: holder.user.id, schoolId: holder.school.id, role: holder.role, shown: [holder.user, holder.school], language };
  return { person, state: found.rows ? stateOf(found.rows[0]) : undefined, until: found.steadyUntil };
}

/**
 * What every answer about the programme depends on, in one query (no row when it is not the
 * school's): the time of its last change, the newest row of its audit log (every write of the
 * app appends one in its own transaction, and the log never loses a row, so this never goes
 * back), and its modules' count, versions and last change (every change of a module's
 * mappings raises its version); the school's expected depths (the newest audit row of their
 * writes: a school setting, which no write of the programme reflects) and the number of stored
 * sheet versions (another level's national framework is read at its newest).
 */
function stateSql(programmeId: string, school: Prisma.Sql) {
  return Prisma.sql`
    SELECT p."updatedAt" AS "updatedAt",
      (SELECT max(a."id") FROM "AuditLog" a WHERE a."programmeId" = p."id") AS "audit",
      (SELECT max(e."id") FROM "AuditLog" e WHERE e."entity" = 'expected_depth' AND e."entityId" = p."schoolId") AS "schoolSetting",
      (SELECT count(*) FROM "ReferenceSheetVersion") AS "sheetVersions",
      count(m."id") AS "modules", sum(m."version") AS "versions", max(m."updatedAt") AS "modulesUpdatedAt"
    FROM "Programme" p LEFT JOIN "Module" m ON m."programmeId" = p."id"
    WHERE p."id" = ${programmeId} AND p."schoolId" = ${school}
    GROUP BY p."id", p."updatedAt"`;
}

async function programmeState(programmeId: string, person: Person): Promise<State | null> {
  const [rows] = await readInScope(db, { userId: person.userId, schoolId: person.schoolId }, [stateSql(programmeId, Prisma.sql`${person.schoolId}`)]);
  return stateOf(rows);
}

/** The state's values as text, the same whichever way the database gives them. */
function stateOf([row]: Record<string, unknown>[]): State | null {
  if (!row) return null;
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, value instanceof Date ? value.toISOString() : value === null ? null : String(value)]));
}
