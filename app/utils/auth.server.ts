/**
 * Who is asking. Every loader and action begins with one of these guards: they read the
 * session cookie (or the API token), check it against the database, and throw a redirect to
 * the sign-in page, a 403 or a JSON 401 when the request may not go on.
 */
import { redirect } from "@remix-run/node";
import type { Role } from "~/domain/roles";
import { isRole } from "~/domain/roles";
import { sessionVerdict, shouldTouch, steadyUntil, IDLE_TIMEOUT_MS, ABSOLUTE_TIMEOUT_MS } from "~/domain/session-rules";
import { findApiToken, findSession, touchSession, type Alongside } from "~/models/account.server";
import { db } from "~/utils/db.server";
import { setRequestScope } from "~/utils/db-scope.server";

const SECURE_NAME = "__Host-maquette_session";
const PLAIN_NAME = "maquette_session";

/** https in production; plain http only on localhost, where the __Host- prefix cannot be used. */
export function isSecureRequest(request: Request) {
  return new URL(request.url).protocol === "https:";
}

export function sessionCookieName(request: Request) {
  return isSecureRequest(request) ? SECURE_NAME : PLAIN_NAME;
}

/**
 * The value of the request's cookie `name` (its first occurrence), or null. A value that cannot
 * be decoded (malformed percent-encoding, sent by anyone) is no cookie at all: never a 500.
 */
export function readCookie(request: Request, name: string, { raw = false }: { raw?: boolean } = {}): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key !== name) continue;
    if (raw) return value.join("=");
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      return null;
    }
  }
  return null;
}

export function serializeSessionCookie(request: Request, token: string) {
  const secure = isSecureRequest(request);
  const maxAge = Math.floor(ABSOLUTE_TIMEOUT_MS / 1000);
  return `${sessionCookieName(request)}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

export function clearSessionCookie(request: Request) {
  return `${sessionCookieName(request)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${isSecureRequest(request) ? "; Secure" : ""}`;
}

export type Membership = { school: { id: string; name: string; slug: string; isDemo: boolean; timeZone: string }; role: Role };
export type CurrentUser = {
  sessionId: string;
  /** When the person last proved who they are in this session (sensitive changes ask again after 10 minutes). */
  authenticatedAt: Date;
  user: { id: string; email: string; name: string };
  memberships: Membership[];
  /** The school in use, when the person belongs to one. */
  current: Membership | null;
};

/**
 * The answer for each GET request, which the root loader and the page's loader both ask for.
 * Only GET: after an action (sign-out, a member removed) the loaders must look again.
 */
const currentOfRequest = new WeakMap<Request, Promise<CurrentUser | null>>();

/** The signed-in person, or null (no cookie, unknown, idle, expired or revoked session). */
export function getCurrentUser(request: Request, now = new Date()): Promise<CurrentUser | null> {
  if (request.method !== "GET") return lookUpCurrentUser(request, now);
  let found = currentOfRequest.get(request);
  if (!found) currentOfRequest.set(request, (found = lookUpCurrentUser(request, now)));
  return found.then((current) => {
    // The row-level security scope belongs to the async context of each loader: set it again.
    if (current) setRequestScope({ userId: current.user.id, schoolId: current.current?.school.id ?? null });
    return current;
  });
}

/** The session token the request's cookie carries, if it looks like one. */
export function sessionToken(request: Request): string | null {
  const token = readCookie(request, sessionCookieName(request));
  return token && token.length <= 100 ? token : null;
}

/** The API token the request's `Authorization: Bearer` header carries, if it looks like one. */
export function bearerToken(request: Request): string | null {
  return /^Bearer\s+(\S{10,200})$/i.exec(request.headers.get("Authorization") ?? "")?.[1] ?? null;
}

/** The school in use: the session's, when the person still belongs to it, else their first. */
function currentMembership(memberships: Membership[], sessionSchoolId: string | null): Membership | null {
  return memberships.find((m) => m.school.id === sessionSchoolId) ?? memberships[0] ?? null;
}

async function lookUpCurrentUser(request: Request, now: Date): Promise<CurrentUser | null> {
  return (await lookUp(request, now))?.current ?? null;
}

/**
 * `getCurrentUser` of a request of its own (nothing shared with the page's loaders), with
 * `alongside` read in the same round trip in the school in use: their rows, or null when the
 * database's guess of that school was not the one chosen here (the caller reads them again).
 */
export async function getCurrentUserWith(request: Request, alongside: Alongside): Promise<{ current: CurrentUser; rows: Record<string, unknown>[][] | null; steadyUntil: Date } | null> {
  const found = await lookUp(request, new Date(), alongside);
  if (!found) return null;
  const { current, alongside: read, steadyUntil } = found;
  return { current, rows: read && current.current && read.schoolId === current.current.school.id ? read.rows : null, steadyUntil };
}

async function lookUp(request: Request, now: Date, alongside?: Alongside) {
  const token = sessionToken(request);
  if (!token) return null;
  const session = await findSession({ db, token, alongside });
  if (!session || sessionVerdict(session, now) !== "valid") return null;
  if (shouldTouch(session, now)) await touchSession({ db, id: session.id, now });
  const memberships = session.memberships.flatMap((m) => (isRole(m.role) ? [{ school: m.school, role: m.role }] : []));
  const current = currentMembership(memberships, session.schoolId);
  // From here on, the request's queries act for this person in the school in use (row-level
  // security on PostgreSQL): the second wall behind the school named in every query.
  setRequestScope({ userId: session.user.id, schoolId: current?.school.id ?? null });
  const user: CurrentUser = { sessionId: session.id, authenticatedAt: session.authenticatedAt, user: session.user, memberships, current };
  return { current: user, alongside: alongside ? session.alongside : null, steadyUntil: steadyUntil(session, now) };
}

/**
 * The address to come back to after signing in, kept only while it stays short: encoded again
 * in the redirect, an address of several KB would make a `Location` header that browsers, proxies
 * and HTTP libraries refuse (Node's limit is 16 KB for all headers).
 */
const MAX_RETURN_ADDRESS = 2000;

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  const back = [`${url.pathname}${url.search}`, url.pathname].find((address) => address.length <= MAX_RETURN_ADDRESS);
  return redirect(back ? `/connexion?${new URLSearchParams({ redirectTo: back })}` : "/connexion");
}

export async function requireUser(request: Request): Promise<CurrentUser> {
  const current = await getCurrentUser(request);
  if (!current) throw signInRedirect(request);
  return current;
}

export type SchoolContext = { sessionId: string; authenticatedAt: Date; user: CurrentUser["user"]; school: Membership["school"]; role: Role; memberships: Membership[] };

/**
 * The signed-in person with the school in use and their role there. Throws a redirect to
 * sign in, or 403 when their role is not among `roles`.
 */
export async function requireMembership(request: Request, roles?: readonly Role[]): Promise<SchoolContext> {
  const current = await requireUser(request);
  if (!current.current) throw new Response("Vous n'appartenez à aucun établissement.", { status: 403 });
  if (roles && !roles.includes(current.current.role)) throw new Response("Accès refusé.", { status: 403 });
  return { sessionId: current.sessionId, authenticatedAt: current.authenticatedAt, user: current.user, school: current.current.school, role: current.current.role, memberships: current.memberships };
}

/** The holder of the Bearer token of an /api/v1 request, or a JSON 401 (403 for a role not allowed). */
export async function requireApiAuth(request: Request, roles?: readonly Role[]): Promise<Omit<SchoolContext, "sessionId" | "authenticatedAt" | "memberships">> {
  return (await requireApiAuthWith(request, undefined, roles)).holder;
}

/** `requireApiAuth`, with `alongside` read in the same round trip in the token's school. */
export async function requireApiAuthWith(request: Request, alongside: Alongside | undefined, roles?: readonly Role[]) {
  const token = bearerToken(request);
  const found = token ? await findApiToken({ db, token, alongside }) : null;
  if (!found || !isRole(found.role)) {
    throw Response.json(
      { error: token ? "Jeton d'API invalide ou révoqué." : "Authentification requise : en-tête Authorization: Bearer <jeton>." },
      { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="maquette"' } },
    );
  }
  setRequestScope({ userId: found.user.id, schoolId: found.school.id });
  if (roles && !roles.includes(found.role)) throw Response.json({ error: "Votre rôle ne permet pas cette opération." }, { status: 403 });
  const holder: Omit<SchoolContext, "sessionId" | "authenticatedAt" | "memberships"> = { user: found.user, school: found.school, role: found.role };
  return { holder, rows: found.alongside.schoolId === found.school.id ? found.alongside.rows : null, steadyUntil: found.steadyUntil };
}

export const SESSION_IDLE_MINUTES = IDLE_TIMEOUT_MS / 60_000;
