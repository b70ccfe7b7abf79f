/**
 * The coverage page and the coverage API of an unchanged programme, answered in front of Remix
 * (docs/decisions/030). The HTTP server (scripts/server.mjs) asks `keptAnswer` first for every
 * GET request:
 * - it checks who asks exactly as the app's guards do (the session, touched when due, with its
 *   memberships; or the API token), then reads, in one query, what the answer depends on for
 *   that programme (its last change, the newest row of its audit log, its modules' versions);
 * - from those and the address, language and person, it makes a key. An answer kept under that
 *   key is sent with this response's nonce and reference id; else Remix answers, and the page
 *   or JSON it makes is kept under the key, which was read before anything the answer shows.
 * Anything unusual (no session, another school's programme, an address with encoded characters)
 * gets no key: Remix answers, with its redirects and refusals.
 */
import { createHash } from "node:crypto";
import { languageFromAcceptLanguage } from "~/domain/sentences";
import { fillTemplate, toTemplate, type AnswerTemplate } from "~/utils/answer-template";
import { isRole } from "~/domain/roles";
import { sessionVerdict, shouldTouch } from "~/domain/session-rules";
import { bearerToken, currentMembership, getCurrentUser, requireApiAuth, sessionToken, type Membership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readInScope, setRequestScope } from "~/utils/db-scope.server";
import { getLocale } from "~/utils/locale.server";
import { Recent } from "~/utils/recent.server";
import { sha256 } from "./account.server";
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
 * Who a session or an API token stood for when last checked in full, by the hash of its secret:
 * not a proof, only what lets the next check read the person and the programme together, in one
 * transaction acting for them (row-level security on PostgreSQL). The rows read must say the same,
 * or the full check runs again.
 */
const SEEN = new Recent<{ userId: string; schoolId: string }>(10_000);

async function answerKey(request: Request): Promise<string | null> {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.searchParams.has("_data")) return null;
  const page = PAGE.exec(url.pathname);
  const api = page ? null : API.exec(url.pathname);
  const programmeId = (page ?? api)?.[1];
  if (!programmeId) return null;
  const found = page ? await pageReader(request, programmeId) : await apiReader(request, programmeId);
  if (!found) return null;
  const { person, state } = found;
  // A reviewer's invitation may end with time, not with a write: checked on every request.
  if (person.role === "reviewer" && !(await isInvitedReviewer({ db, programmeId, userId: person.userId }))) return null;
  const parts = [page ? "page" : "api", url.pathname + url.search, person, state];
  return createHash("sha256")
    .update(JSON.stringify(parts, (_, value: unknown) => (typeof value === "bigint" ? String(value) : value)))
    .digest("base64url");
}

/** The person signed in by the session cookie, as the page's guards see them, and the programme's state. */
async function pageReader(request: Request, programmeId: string): Promise<{ person: Person; state: State } | null> {
  const token = sessionToken(request);
  if (!token) return null;
  const secret = sha256(token);
  const language = await getLocale(request);
  const seen = SEEN.get(secret);
  if (seen) {
    const quick = await sessionAndState(secret, seen, programmeId);
    if (quick) return { person: { ...quick.person, language }, state: quick.state };
  }
  // The full check (it touches the session when due), then the state.
  const current = await getCurrentUser(request);
  if (!current?.current) return null;
  const { user, memberships } = current;
  const schoolId = current.current.school.id;
  SEEN.set(secret, { userId: user.id, schoolId });
  const state = await programmeState(programmeId, schoolId);
  return state ? { person: { userId: user.id, schoolId, role: current.current.role, shown: [user, memberships], language }, state } : null;
}

/** The session, its person and memberships, and the programme, read together for who the session stood for. */
async function sessionAndState(secret: string, seen: { userId: string; schoolId: string }, programmeId: string) {
  const [rows, states] = (await readInScope(db, { secret, ...seen }, [
    db.$queryRaw`
      SELECT s."userId", s."schoolId" AS "sessionSchoolId", s."createdAt", s."lastSeenAt", s."expiresAt", s."revokedAt", u."email", u."name",
        m."role", c."id" AS "schoolId", c."name" AS "schoolName", c."slug", c."isDemo"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
        LEFT JOIN "Membership" m ON m."userId" = s."userId" LEFT JOIN "School" c ON c."id" = m."schoolId"
      WHERE s."id" = ${secret} ORDER BY m."createdAt" ASC, m."id" ASC`,
    stateQuery(programmeId, seen.schoolId),
  ])) as [SessionRow[], State[]];
  const session = rows[0];
  const now = new Date();
  // Anything else than a valid session of the same person, not due for a touch: the full check.
  if (!session || session.userId !== seen.userId || sessionVerdict(session, now) !== "valid" || shouldTouch(session, now)) return null;
  const memberships: Membership[] = rows.flatMap((r) =>
    r.schoolId !== null && r.role !== null && isRole(r.role) ? [{ school: { id: r.schoolId, name: r.schoolName!, slug: r.slug!, isDemo: Boolean(r.isDemo) }, role: r.role }] : [],
  );
  const current = currentMembership(memberships, session.sessionSchoolId);
  if (!current || current.school.id !== seen.schoolId || !states[0]) return null;
  setRequestScope({ userId: seen.userId, schoolId: seen.schoolId });
  const user = { id: session.userId, email: session.email, name: session.name };
  return { person: { userId: user.id, schoolId: seen.schoolId, role: current.role, shown: [user, memberships] }, state: states[0] };
}

type SessionRow = {
  userId: string;
  sessionSchoolId: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  email: string;
  name: string;
  role: string | null;
  schoolId: string | null;
  schoolName: string | null;
  slug: string | null;
  isDemo: boolean | number | null;
};

/** The holder of the request's API token, as the API's guard sees them, and the programme's state. */
async function apiReader(request: Request, programmeId: string): Promise<{ person: Person; state: State } | null> {
  const language = languageFromAcceptLanguage(request.headers.get("Accept-Language"));
  const token = bearerToken(request);
  if (!token) return null;
  const secret = sha256(token);
  const seen = SEEN.get(secret);
  if (seen) {
    const [rows, states] = (await readInScope(db, { secret, ...seen }, [
      db.$queryRaw`
        SELECT t."revokedAt", t."lastUsedAt", u."id" AS "userId", u."email", u."name", m."role", c."id" AS "schoolId", c."name" AS "schoolName", c."slug", c."isDemo"
        FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
          JOIN "Membership" m ON m."userId" = t."userId" AND m."schoolId" = t."schoolId" JOIN "School" c ON c."id" = t."schoolId"
        WHERE t."tokenHash" = ${secret}`,
      stateQuery(programmeId, seen.schoolId),
    ])) as [TokenRow[], State[]];
    const row = rows[0];
    // The same holder and school, a token not revoked and used within the minute (else the guard writes its use).
    if (row && !row.revokedAt && row.userId === seen.userId && row.schoolId === seen.schoolId && isRole(row.role) && row.lastUsedAt && Date.now() - row.lastUsedAt.getTime() <= 60_000 && states[0]) {
      setRequestScope({ userId: seen.userId, schoolId: seen.schoolId });
      const user = { id: row.userId, email: row.email, name: row.name };
      const school = { id: row.schoolId, name: row.schoolName, slug: row.slug, isDemo: Boolean(row.isDemo) };
      return { person: { userId: user.id, schoolId: school.id, role: row.role, shown: [user, school], language }, state: states[0] };
    }
  }
  const holder = await requireApiAuth(request).catch(() => null);
  if (!holder) return null;
  SEEN.set(secret, { userId: holder.user.id, schoolId: holder.school.id });
  const state = await programmeState(programmeId, holder.school.id);
  return state ? { person: { userId: holder.user.id, schoolId: holder.school.id, role: holder.role, shown: [holder.user, holder.school], language }, state } : null;
}

type TokenRow = { revokedAt: Date | null; lastUsedAt: Date | null; userId: string; email: string; name: string; role: string; schoolId: string; schoolName: string; slug: string; isDemo: boolean | number };

/**
 * What every answer about the programme depends on, in one query (no row when it is not the
 * school's): the time of its last change, the newest row of its audit log (every write of the
 * app appends one in its own transaction, and the log never loses a row, so this never goes
 * back), and its modules' count, versions and last change (every change of a module's
 * mappings raises its version).
 */
function stateQuery(programmeId: string, schoolId: string) {
  return db.$queryRaw<State[]>`
    SELECT p."updatedAt" AS "updatedAt",
      (SELECT max(a."id") FROM "AuditLog" a WHERE a."programmeId" = p."id") AS "audit",
      (SELECT count(*) FROM "Module" m WHERE m."programmeId" = p."id") AS "modules",
      (SELECT sum(m."version") FROM "Module" m WHERE m."programmeId" = p."id") AS "versions",
      (SELECT max(m."updatedAt") FROM "Module" m WHERE m."programmeId" = p."id") AS "modulesUpdatedAt"
    FROM "Programme" p WHERE p."id" = ${programmeId} AND p."schoolId" = ${schoolId}`;
}

async function programmeState(programmeId: string, schoolId: string): Promise<State | null> {
  return (await stateQuery(programmeId, schoolId))[0] ?? null;
}
