/**
 * People, memberships, sessions, invitations and API tokens. Secrets (session ids, invitation
 * links, API tokens) are 256-bit random values; only their SHA-256 is stored.
 *
 * Several of these run before a school is known (sign-in, the session cookie, an API token, an
 * invitation link): on PostgreSQL they name what they hold, the hash of the secret or the
 * person already proven, and row-level security shows them those rows only
 * (docs/decisions/018-paths-before-a-school.md). The others run in the request's scope.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "~/utils/create-db.server";
import { Prisma } from "~/generated/prisma/client";
import { enterDbScope, readInScope, scoped } from "~/utils/db-scope.server";
import type { Role } from "~/domain/roles";
import { absoluteExpiry, TOUCH_INTERVAL_MS } from "~/domain/session-rules";
import { dummyPasswordHash, hashPassword, verifyPassword } from "~/utils/password.server";
import { audit, type Actor } from "./audit.server";

const sql = Prisma.sql;

export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/* ------------------------------------------------------------------ sign-in */

/** The user when the email and password match; null otherwise, after the same amount of work. */
export async function verifyLogin({ db, email, password }: { db: Db; email: string; password: string }) {
  const user = await db.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, passwordHash: true } });
  if (!user) {
    await verifyPassword(password, await dummyPasswordHash());
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? { id: user.id } : null;
}

/**
 * The schools a person belongs to, oldest membership first. This and the two lookups below run
 * on every request: written as SQL, they cost a fifth of what the query builder's equivalents
 * do, and the session and token lookups read everything in one round trip (docs/decisions/030, 031).
 */
export async function listMemberships({ db, userId }: { db: Db; userId: string }) {
  const [rows] = await readInScope(db, { userId }, [membershipsOf(sql`${userId}`)]);
  return rows.map(membershipFromRow);
}

/** The memberships of the person `person` (a value or a subquery) names, as `membershipFromRow` reads them. */
const membershipsOf = (person: Prisma.Sql, school?: Prisma.Sql) => sql`
  SELECT m."role", s."id", s."name", s."slug", s."isDemo", s."timeZone"
  FROM "Membership" m JOIN "School" s ON s."id" = m."schoolId"
  WHERE m."userId" = ${person}${school ? sql` AND m."schoolId" = ${school}` : sql``} ORDER BY m."createdAt" ASC, m."id" ASC`;

function membershipFromRow(row: Record<string, unknown>) {
  return { role: String(row.role), school: { id: String(row.id), name: String(row.name), slug: String(row.slug), isDemo: Boolean(row.isDemo), timeZone: String(row.timeZone) } };
}

/* ----------------------------------------------------------------- sessions */

/** The browser a session was opened from, as the list of sessions shows it (its User-Agent, its address). */
export type Device = { userAgent: string; address: string };

export async function createSession({ db, userId, schoolId, now = new Date(), device }: { db: Db; userId: string; schoolId: string | null; now?: Date; device?: Device }) {
  const token = newSecret();
  const seen = { userAgent: (device?.userAgent ?? "").slice(0, 400), address: (device?.address ?? "").slice(0, 64) };
  await scoped(db, { userId, schoolId }).$transaction(async (tx) => {
    await tx.session.create({ data: { id: sha256(token), userId, schoolId, createdAt: now, lastSeenAt: now, authenticatedAt: now, expiresAt: absoluteExpiry(now), ...seen } });
    await audit(tx, { userId, schoolId }, { action: "login", entity: "session" });
  });
  return token;
}

/** Reads to make with a session or a token, acting for its school: given that school as SQL. */
export type Alongside = (school: Prisma.Sql) => Prisma.Sql[];
/** Their rows, and the school they were read in (null: not read). */
export type AlongsideRows = { schoolId: string | null; rows: Record<string, unknown>[][] };

/**
 * The session whose token this is, with its person and their memberships (in one round trip on
 * PostgreSQL: the session's row names the person whose memberships are read), or null.
 *
 * `alongside`: reads made in the same round trip, in the school the database takes for the one
 * in use (the session's, when the person still belongs to it, else their oldest membership's).
 * That school is only the database's guess: the caller compares it with its own choice from the
 * memberships read here, and reads again when they differ.
 */
export async function findSession({ db, token, alongside }: { db: Db; token: string; alongside?: Alongside }) {
  const id = sha256(token);
  const person = sql`(SELECT "userId" FROM "Session" WHERE "id" = ${id})`;
  const school = sql`coalesce(
    (SELECT m."schoolId" FROM "Membership" m WHERE m."userId" = ${person} AND m."schoolId" = (SELECT "schoolId" FROM "Session" WHERE "id" = ${id})),
    (SELECT m."schoolId" FROM "Membership" m WHERE m."userId" = ${person} ORDER BY m."createdAt" ASC, m."id" ASC LIMIT 1))`;
  const [[row], memberships, ...more] = await readInScope(db, { secret: id, userId: person, ...(alongside ? { schoolId: school } : {}) }, [
    sql`
      SELECT s."id", s."schoolId", s."createdAt", s."lastSeenAt", s."expiresAt", s."revokedAt", s."authenticatedAt", u."id" AS "userId", u."email", u."name"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = ${id}`,
    membershipsOf(person),
    ...alongsideReads(alongside, school),
  ]);
  if (!row) return null;
  return {
    id: String(row.id),
    schoolId: (row.schoolId as string | null) ?? null,
    createdAt: asDate(row.createdAt)!,
    lastSeenAt: asDate(row.lastSeenAt)!,
    expiresAt: asDate(row.expiresAt)!,
    revokedAt: asDate(row.revokedAt),
    authenticatedAt: asDate(row.authenticatedAt)!,
    user: { id: String(row.userId), email: String(row.email), name: String(row.name) },
    memberships: memberships.map(membershipFromRow),
    alongside: alongsideRows(more),
  };
}

/** The reads `alongside` asks for in `school`, after the school itself: `alongsideRows` reads their rows. */
function alongsideReads(alongside: Alongside | undefined, school: Prisma.Sql): Prisma.Sql[] {
  return alongside ? [sql`SELECT ${school} AS "schoolId"`, ...alongside(school)] : [];
}

function alongsideRows([guess, ...rows]: Record<string, unknown>[][]): AlongsideRows {
  return { schoolId: (guess?.[0]?.schoolId as string | null | undefined) ?? null, rows };
}

/** A DateTime column as Date (SQLite's raw reads may give its text or milliseconds). */
const asDate = (value: unknown): Date | null => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string | number));

export async function touchSession({ db, id, now }: { db: Db; id: string; now: Date }) {
  await scoped(db, { secret: id }).session.update({ where: { id }, data: { lastSeenAt: now } });
}

export async function revokeSession({ db, id, actor }: { db: Db; id: string; actor: Actor }) {
  await scoped(db, { secret: id, userId: actor.userId, schoolId: actor.schoolId }).$transaction(async (tx) => {
    await tx.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    await audit(tx, actor, { action: "logout", entity: "session" });
  });
}

/** Signs the person out everywhere but this session; returns how many sessions ended. */
export async function revokeOtherSessions({ db, userId, keepId, actor }: { db: Db; userId: string; keepId: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { userId, revokedAt: null, NOT: { id: keepId } }, data: { revokedAt: new Date() } });
    await audit(tx, actor, { action: "revoke_other_sessions", entity: "session", after: { count } });
    return count;
  });
}

export async function switchSchool({ db, sessionId, userId, schoolId }: { db: Db; sessionId: string; userId: string; schoolId: string }) {
  const membership = await db.membership.findUnique({ where: { userId_schoolId: { userId, schoolId } }, select: { id: true } });
  if (!membership) return false;
  await db.session.update({ where: { id: sessionId }, data: { schoolId } });
  return true;
}

/* -------------------------------------------------------- sign-up, password */

export async function emailTaken({ db, email }: { db: Db; email: string }) {
  return (await db.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true } })) !== null;
}

function slugify(name: string) {
  return (
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "etablissement"
  );
}

/** A new school and its first admin, in one transaction. */
export async function signUpSchool({ db, schoolName, name, email, password }: { db: Db; schoolName: string; name: string; email: string; password: string }) {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const base = slugify(schoolName);
    let slug = base;
    for (let n = 2; await tx.school.findUnique({ where: { slug }, select: { id: true } }); n++) slug = `${base}-${n}`;
    const school = await tx.school.create({ data: { name: schoolName, slug }, select: { id: true, name: true } });
    const user = await tx.user.create({ data: { email: normaliseEmail(email), name, passwordHash }, select: { id: true } });
    await enterDbScope(tx, { schoolId: school.id, userId: user.id });
    await tx.membership.create({ data: { userId: user.id, schoolId: school.id, role: "admin" } });
    await audit(tx, { userId: user.id, schoolId: school.id }, { action: "create", entity: "school", entityId: school.id, after: { name: schoolName, slug } });
    return { school, user };
  });
}

export async function changePassword({ db, userId, newPassword, keepSessionId, actor }: { db: Db; userId: string; newPassword: string; keepSessionId: string; actor: Actor }) {
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.updateMany({ where: { userId, revokedAt: null, NOT: { id: keepSessionId } }, data: { revokedAt: new Date() } });
    await audit(tx, actor, { action: "change_password", entity: "user", entityId: userId });
  });
}

/* ----------------------------------------------------------------- members */

export async function listMembers({ db, schoolId }: { db: Db; schoolId: string }) {
  return db.membership.findMany({
    where: { schoolId },
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
}

export async function changeRole({ db, schoolId, membershipId, role, actor }: { db: Db; schoolId: string; membershipId: string; role: Role; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, schoolId }, select: { id: true, role: true, userId: true } });
    if (!membership) return "not_found" as const;
    if (membership.role === "admin" && role !== "admin" && (await tx.membership.count({ where: { schoolId, role: "admin" } })) === 1) return "last_admin" as const;
    await tx.membership.update({ where: { id: membershipId }, data: { role } });
    await audit(tx, actor, { action: "change_role", entity: "membership", entityId: membershipId, before: { role: membership.role }, after: { role } });
    return "ok" as const;
  });
}

export async function removeMember({ db, schoolId, membershipId, actor }: { db: Db; schoolId: string; membershipId: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, schoolId }, select: { id: true, role: true, userId: true } });
    if (!membership) return "not_found" as const;
    if (membership.role === "admin" && (await tx.membership.count({ where: { schoolId, role: "admin" } })) === 1) return "last_admin" as const;
    await tx.membership.delete({ where: { id: membershipId } });
    // Their sessions in this school end (they stay rows of this school: row-level security on
    // PostgreSQL refuses to move a row out of the school it belongs to).
    await tx.session.updateMany({ where: { userId: membership.userId, schoolId, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.apiToken.updateMany({ where: { userId: membership.userId, schoolId, revokedAt: null }, data: { revokedAt: new Date() } });
    await audit(tx, actor, { action: "remove_member", entity: "membership", entityId: membershipId, before: { userId: membership.userId, role: membership.role } });
    return "ok" as const;
  });
}

/* ------------------------------------------------------------- invitations */

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function createInvitation({
  db,
  schoolId,
  email,
  role,
  actor,
  now = new Date(),
  programme,
}: {
  db: Db;
  schoolId: string;
  email: string;
  role: Role;
  actor: Actor;
  now?: Date;
  /** A reviewer invited to one programme, until a date (null: until removed). */
  programme?: { id: string; reviewUntil: Date | null };
}) {
  const token = newSecret();
  const invitation = await db.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        schoolId,
        email: normaliseEmail(email),
        role,
        tokenHash: sha256(token),
        invitedById: actor.userId ?? "",
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        programmeId: programme?.id ?? null,
        reviewUntil: programme?.reviewUntil ?? null,
      },
      select: { id: true, expiresAt: true },
    });
    await audit(tx, actor, { action: "invite", entity: "invitation", entityId: created.id, programmeId: programme?.id, after: { email: normaliseEmail(email), role, reviewUntil: programme?.reviewUntil ?? undefined } });
    return created;
  });
  return { ...invitation, token };
}

export async function listInvitations({ db, schoolId }: { db: Db; schoolId: string }) {
  return db.invitation.findMany({
    where: { schoolId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true },
  });
}

export async function revokeInvitation({ db, schoolId, id, actor }: { db: Db; schoolId: string; id: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: { id, schoolId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count) await audit(tx, actor, { action: "revoke", entity: "invitation", entityId: id });
    return count > 0;
  });
}

/** A valid (not used, not expired, not revoked) invitation for this link, with its school. */
export async function findInvitation({ db, token, now = new Date() }: { db: Db; token: string; now?: Date }) {
  const tokenHash = sha256(token);
  const invitation = await scoped(db, { secret: tokenHash }).invitation.findUnique({
    where: { tokenHash },
    select: { id: true, email: true, role: true, schoolId: true, expiresAt: true, acceptedAt: true, revokedAt: true },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return null;
  const school = await db.school.findUniqueOrThrow({ where: { id: invitation.schoolId }, select: { id: true, name: true } });
  const existing = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return { ...invitation, school, existingUserId: existing?.id ?? null };
}

/**
 * Accepts an invitation once: creates the account (new account: `name` and `password`) or adds
 * the membership of the existing account whose owner is signed in (`userId`), and marks the
 * link used, in one transaction. The account that joins is always the one the caller checked:
 * a link meant for a new account never joins an account created in between, and an existing
 * account joins only with its own id. Null when the link is no longer valid or that check fails.
 */
export async function acceptInvitation({ db, token, userId, name, password, now = new Date() }: { db: Db; token: string; userId?: string; name?: string; password?: string; now?: Date }) {
  const passwordHash = userId === undefined && password ? await hashPassword(password) : null;
  const tokenHash = sha256(token);
  return scoped(db, { secret: tokenHash }).$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      select: { id: true, email: true, role: true, schoolId: true, programmeId: true, reviewUntil: true },
    });
    if (!invitation) return null;
    const existing = await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
    if (userId !== undefined ? existing?.id !== userId : existing !== null) return null;
    const used = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: now } });
    if (used.count === 0) return null;
    let user = existing;
    if (!user) {
      if (!passwordHash || !name) throw new Error("Un nouveau compte demande un nom et un mot de passe.");
      user = await tx.user.create({ data: { email: invitation.email, name, passwordHash }, select: { id: true } });
    }
    // The link joins this school: from here on the transaction acts for it and for this person.
    await enterDbScope(tx, { secret: tokenHash, schoolId: invitation.schoolId, userId: user.id });
    await tx.membership.upsert({
      where: { userId_schoolId: { userId: user.id, schoolId: invitation.schoolId } },
      create: { userId: user.id, schoolId: invitation.schoolId, role: invitation.role },
      update: { role: invitation.role },
    });
    if (invitation.programmeId) {
      // The programme may have been deleted since: then the membership alone remains.
      const programme = await tx.programme.findFirst({ where: { id: invitation.programmeId, schoolId: invitation.schoolId }, select: { id: true } });
      if (programme) {
        await tx.programmeReviewer.upsert({
          where: { programmeId_userId: { programmeId: programme.id, userId: user.id } },
          create: { programmeId: programme.id, userId: user.id, expiresAt: invitation.reviewUntil },
          update: { expiresAt: invitation.reviewUntil },
        });
      }
    }
    await audit(tx, { userId: user.id, schoolId: invitation.schoolId }, { action: "accept", entity: "invitation", entityId: invitation.id, programmeId: invitation.programmeId, after: { role: invitation.role } });
    return { userId: user.id, schoolId: invitation.schoolId };
  });
}

/* -------------------------------------------------------------- API tokens */

export async function createApiToken({ db, userId, schoolId, name, actor }: { db: Db; userId: string; schoolId: string; name: string; actor: Actor }) {
  const token = `mqt_${newSecret()}`;
  const created = await scoped(db, { userId, schoolId }).$transaction(async (tx) => {
    const row = await tx.apiToken.create({ data: { userId, schoolId, name, tokenHash: sha256(token), prefix: token.slice(0, 10) }, select: { id: true } });
    await audit(tx, actor, { action: "create", entity: "api_token", entityId: row.id, after: { name } });
    return row;
  });
  return { id: created.id, token };
}

export async function listApiTokens({ db, userId, schoolId }: { db: Db; userId: string; schoolId: string }) {
  return db.apiToken.findMany({
    where: { userId, schoolId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

export async function revokeApiToken({ db, userId, id, actor }: { db: Db; userId: string; id: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count) await audit(tx, actor, { action: "revoke", entity: "api_token", entityId: id });
    return count > 0;
  });
}

/** The holder of a valid token, with the school it is scoped to and their role there now. */
export async function findApiToken({ db, token, alongside }: { db: Db; token: string; alongside?: Alongside }) {
  const tokenHash = sha256(token);
  // The token names its holder and its school: the reads act for them, in one round trip.
  const holder = sql`(SELECT "userId" FROM "ApiToken" WHERE "tokenHash" = ${tokenHash})`;
  const school = sql`(SELECT "schoolId" FROM "ApiToken" WHERE "tokenHash" = ${tokenHash})`;
  const [[row], [membership], ...more] = await readInScope(db, { secret: tokenHash, userId: holder, schoolId: school }, [
    sql`
      SELECT t."id", t."revokedAt", t."schoolId", t."lastUsedAt", u."id" AS "userId", u."email", u."name"
      FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
      WHERE t."tokenHash" = ${tokenHash}`,
    membershipsOf(holder, school),
    ...alongsideReads(alongside, school),
  ]);
  if (!row || row.revokedAt !== null || !membership) return null;
  const user = { id: String(row.userId), email: String(row.email), name: String(row.name) };
  const { role, school: found } = membershipFromRow(membership);
  const lastUsedAt = asDate(row.lastUsedAt);
  // Its last use is written at most once a minute, as a session's activity.
  const touch = !lastUsedAt || Date.now() - lastUsedAt.getTime() > TOUCH_INTERVAL_MS;
  if (touch) {
    await scoped(db, { secret: tokenHash, userId: user.id, schoolId: found.id }).apiToken.update({ where: { id: String(row.id) }, data: { lastUsedAt: new Date() } });
  }
  // What this check found stays true, while nothing is written, until the token's use is due to be written again.
  const steadyUntil = new Date(touch ? 0 : lastUsedAt.getTime() + TOUCH_INTERVAL_MS);
  return { user, school: found, role, alongside: alongsideRows(more), steadyUntil };
}

/** The demo school's accounts, shown on the sign-in page (demo data only). */
export async function demoAccountEmails({ db }: { db: Db }) {
  const demo = await db.school.findUnique({ where: { slug: "demo" }, select: { id: true, isDemo: true } });
  if (!demo?.isDemo) return [];
  const members = await scoped(db, { schoolId: demo.id }).membership.findMany({ where: { schoolId: demo.id }, select: { user: { select: { email: true } } } });
  return members.map((m) => m.user.email).sort();
}
