/**
 * A person's sessions per device, the proof of who they are that sensitive changes ask for
 * again, the changes waiting for that proof, password reset links, and the school's rule on
 * second factors for programme managers (docs/decisions/045 and 046).
 */
import type { Db } from "~/utils/create-db.server";
import { enterDbScope, scoped } from "~/utils/db-scope.server";
import { sessionVerdict } from "~/domain/session-rules";
import { hashPassword } from "~/utils/password.server";
import { newSecret, sha256 } from "./account.server";
import { audit, type Actor } from "./audit.server";

/* ------------------------------------------------------ sessions per device */

/**
 * What a session is called on a page: never its id (the id is the hash of the cookie's secret,
 * and knowing it is knowing the secret, docs/decisions/018), but a hash of it.
 */
export function sessionHandle(sessionId: string): string {
  return sha256(`poignee:${sessionId}`).slice(0, 32);
}

/** The person's sessions still open (not ended, expired or idle), the most recently used first. */
export async function listSessions({ db, userId, now = new Date() }: { db: Db; userId: string; now?: Date }) {
  const rows = await scoped(db, { userId }).session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, revokedAt: true, userAgent: true, address: true },
  });
  return rows.filter((row) => sessionVerdict(row, now) === "valid").map(({ id, createdAt, lastSeenAt, userAgent, address }) => ({ id, handle: sessionHandle(id), createdAt, lastSeenAt, userAgent, address }));
}

/** Ends one of the person's sessions, named by its handle; false when there is no such open session. */
export async function endSession({ db, userId, handle, actor }: { db: Db; userId: string; handle: string; actor: Actor }) {
  const session = (await listSessions({ db, userId })).find((s) => s.handle === handle);
  if (!session) return false;
  return scoped(db, { userId, schoolId: actor.schoolId }).$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id: session.id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count) await audit(tx, actor, { action: "end_session", entity: "session", after: { device: session.userAgent.slice(0, 120), address: session.address } });
    return count > 0;
  });
}

/* --------------------------------------------------------- re-authentication */

/** The person proved who they are again (password or second factor): sensitive changes may go on. */
export async function markAuthenticated({ db, sessionId, actor, how }: { db: Db; sessionId: string; actor: Actor; how: "password" | "totp" | "recovery" }) {
  await scoped(db, { secret: sessionId, userId: actor.userId, schoolId: actor.schoolId }).$transaction(async (tx) => {
    await tx.session.update({ where: { id: sessionId }, data: { authenticatedAt: new Date() } });
    await audit(tx, actor, { action: "reauthenticate", entity: "session", after: { how } });
  });
}

/** Keeps the change a person asked for until they confirm who they are (one per session: the last one). */
export async function keepPendingConfirmation({ db, sessionId, path, form }: { db: Db; sessionId: string; path: string; form: string }) {
  await db.pendingConfirmation.upsert({ where: { sessionId }, create: { sessionId, path, form }, update: { path, form, createdAt: new Date() } });
}

/**
 * The change waiting for this session's confirmation, if it is recent enough, with its mark (the
 * time it was kept, which names this one change when it comes back).
 */
export async function pendingConfirmation({ db, sessionId, maxAgeMs }: { db: Db; sessionId: string; maxAgeMs: number }) {
  const row = await db.pendingConfirmation.findUnique({ where: { sessionId }, select: { path: true, form: true, createdAt: true } });
  return row && Date.now() - row.createdAt.getTime() <= maxAgeMs ? { ...row, mark: String(row.createdAt.getTime()) } : null;
}

/** Takes the waiting change of this mark out, once (null when there is none, or another request took it). */
export async function takePendingConfirmation({ db, sessionId, mark, maxAgeMs }: { db: Db; sessionId: string; mark: string; maxAgeMs: number }) {
  return db.$transaction(async (tx) => {
    const row = await tx.pendingConfirmation.findUnique({ where: { sessionId }, select: { path: true, form: true, createdAt: true } });
    if (!row || String(row.createdAt.getTime()) !== mark) return null;
    const { count } = await tx.pendingConfirmation.deleteMany({ where: { sessionId, createdAt: row.createdAt } });
    return count === 1 && Date.now() - row.createdAt.getTime() <= maxAgeMs ? { path: row.path, form: row.form } : null;
  });
}

/* ------------------------------------------------------- password reset links */

export const PASSWORD_RESET_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * A one-time link with which a member of the school sets a new password, valid 24 hours. Refused
 * ("other_school") for a person who also belongs to another school: the link is shown to this
 * school's administrator, who must not gain an account that another school trusts.
 */
export async function createPasswordReset({ db, schoolId, membershipId, actor, now = new Date() }: { db: Db; schoolId: string; membershipId: string; actor: Actor; now?: Date }) {
  const token = newSecret();
  return db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, schoolId }, select: { userId: true, user: { select: { email: true } } } });
    if (!membership) return { outcome: "not_found" as const };
    if (membership.userId === actor.userId) return { outcome: "yourself" as const };
    // How many schools the member belongs to: on PostgreSQL, read acting for them (in this school).
    await enterDbScope(tx, { userId: membership.userId, schoolId });
    const schools = await tx.membership.count({ where: { userId: membership.userId } });
    if (schools > 1) return { outcome: "other_school" as const };
    const reset = await tx.passwordReset.create({
      data: { schoolId, userId: membership.userId, tokenHash: sha256(token), createdById: actor.userId ?? "", expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS), createdAt: now },
      select: { id: true, expiresAt: true },
    });
    await audit(tx, actor, { action: "create_password_reset", entity: "password_reset", entityId: reset.id, after: { email: membership.user.email } });
    return { outcome: "ok" as const, token, email: membership.user.email, expiresAt: reset.expiresAt };
  });
}

/** The valid (not used, not expired) reset link of this secret, with its person and school. */
export async function findPasswordReset({ db, token, now = new Date() }: { db: Db; token: string; now?: Date }) {
  const tokenHash = sha256(token);
  const reset = await scoped(db, { secret: tokenHash }).passwordReset.findUnique({ where: { tokenHash }, select: { id: true, userId: true, schoolId: true, expiresAt: true, usedAt: true } });
  if (!reset || reset.usedAt || reset.expiresAt <= now) return null;
  const [user, school] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: reset.userId }, select: { email: true, name: true } }),
    db.school.findUniqueOrThrow({ where: { id: reset.schoolId }, select: { name: true } }),
  ]);
  return { ...reset, user, school };
}

/**
 * Sets the member's new password with a valid link, once: every session of theirs ends, and the
 * person's other reset links stop working. False when the link is no longer valid.
 */
export async function applyPasswordReset({ db, token, password, now = new Date() }: { db: Db; token: string; password: string; now?: Date }) {
  const passwordHash = await hashPassword(password);
  const tokenHash = sha256(token);
  return scoped(db, { secret: tokenHash }).$transaction(async (tx) => {
    const reset = await tx.passwordReset.findFirst({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, select: { id: true, userId: true, schoolId: true } });
    if (!reset) return false;
    // The link names its school and its person: from here on the transaction acts for them.
    await enterDbScope(tx, { secret: tokenHash, schoolId: reset.schoolId, userId: reset.userId });
    const used = await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: now } });
    if (used.count === 0) return false;
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    const ended = await tx.session.updateMany({ where: { userId: reset.userId, revokedAt: null }, data: { revokedAt: now } });
    await audit(tx, { userId: reset.userId, schoolId: reset.schoolId }, { action: "use_password_reset", entity: "password_reset", entityId: reset.id, after: { sessionsEnded: ended.count } });
    return true;
  });
}

/* ------------------------------------------------------- the school's rule */

export async function secondFactorPolicy({ db, schoolId }: { db: Db; schoolId: string }) {
  return (await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { secondFactorForManagers: true } })).secondFactorForManagers;
}

export async function setSecondFactorForManagers({ db, schoolId, required, actor }: { db: Db; schoolId: string; required: boolean; actor: Actor }) {
  await db.$transaction(async (tx) => {
    const before = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: { secondFactorForManagers: true } });
    if (before.secondFactorForManagers === required) return;
    await tx.school.update({ where: { id: schoolId }, data: { secondFactorForManagers: required } });
    await audit(tx, actor, { action: "second_factor_policy", entity: "school", entityId: schoolId, before: { managers: before.secondFactorForManagers }, after: { managers: required } });
  });
}

/** Which members of the school have a second factor (by membership id). */
export async function membersWithSecondFactor({ db, schoolId }: { db: Db; schoolId: string }) {
  const members = await db.membership.findMany({ where: { schoolId }, select: { id: true, userId: true } });
  const factors = await db.secondFactor.findMany({ where: { userId: { in: members.map((m) => m.userId) }, confirmedAt: { not: null } }, select: { userId: true } });
  const enrolled = new Set(factors.map((f) => f.userId));
  return new Set(members.filter((m) => enrolled.has(m.userId)).map((m) => m.id));
}
