/**
 * Second factors (TOTP, RFC 6238, with otplib), their recovery codes, and the sign-in step
 * between the password and the second factor (docs/decisions/045).
 *
 * - The TOTP secret is kept as the app needs it to check codes; a code is accepted once (its time
 *   step must be later than the last one accepted, written in the same atomic update).
 * - Recovery codes are 120 random bits each: only their SHA-256 is kept (ASVS 5.0 V6.5.2 allows
 *   a plain hash from 112 bits), and each is used once.
 * - These tables belong to the person, not to a school: no row-level security (like `User`).
 */
import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verifySync } from "otplib";
import type { Db } from "~/utils/create-db.server";
import { RECOVERY_ALPHABET, RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH, readTypedCode, secondFactorRequired } from "~/domain/second-factor";
import { scoped } from "~/utils/db-scope.server";
import { newSecret, sha256 } from "./account.server";
import { audit, type Actor } from "./audit.server";

export const TOTP_ISSUER = "Maquette";
/** Codes of the step before or after the current one are accepted too (clocks drift by a few seconds). */
const TOLERANCE_SECONDS = 30;

/** Whether the person has a second factor, since when, how many recovery codes remain, and whether they must have one. */
export async function secondFactorState({ db, userId }: { db: Db; userId: string }) {
  const [factor, recoveryCodesLeft, memberships] = await Promise.all([
    db.secondFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
    scoped(db, { userId }).membership.findMany({ where: { userId }, select: { role: true, school: { select: { isDemo: true, secondFactorForManagers: true } } } }),
  ]);
  return { enabled: Boolean(factor?.confirmedAt), enabledAt: factor?.confirmedAt ?? null, recoveryCodesLeft, required: secondFactorRequired(memberships) };
}

/**
 * A new secret waiting for its first code (replacing any earlier one not confirmed yet); null
 * when the person already has a confirmed second factor.
 */
export async function startEnrolment({ db, userId }: { db: Db; userId: string }) {
  const secret = generateSecret();
  return db.$transaction(async (tx) => {
    const existing = await tx.secondFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) return null;
    await tx.secondFactor.upsert({ where: { userId }, create: { userId, secret }, update: { secret, lastStep: 0, createdAt: new Date() } });
    return secret;
  });
}

/** The enrolment waiting for its first code: its secret, and the otpauth:// address the QR code carries. */
export async function pendingEnrolment({ db, userId, email }: { db: Db; userId: string; email: string }) {
  const factor = await db.secondFactor.findUnique({ where: { userId }, select: { secret: true, confirmedAt: true } });
  if (!factor || factor.confirmedAt) return null;
  return { secret: factor.secret, uri: generateURI({ issuer: TOTP_ISSUER, label: email, secret: factor.secret }) };
}

/** The time step of a valid code later than `after`, or null. */
function totpStep(secret: string, code: string, after: number): number | null {
  try {
    const result = verifySync({ secret, token: code, epochTolerance: TOLERANCE_SECONDS, afterTimeStep: after });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => Array.from({ length: RECOVERY_CODE_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(""));
}

/**
 * Confirms the enrolment with a first code of the app: the second factor is on, and the ten
 * recovery codes are returned (to be shown once). Null when the code is wrong.
 */
export async function confirmEnrolment({ db, userId, code, actor }: { db: Db; userId: string; code: string; actor: Actor }) {
  const typed = readTypedCode(code);
  const factor = await db.secondFactor.findUnique({ where: { userId }, select: { secret: true, confirmedAt: true } });
  if (!factor || factor.confirmedAt || typed?.kind !== "totp") return null;
  const step = totpStep(factor.secret, typed.code, 0);
  if (step === null) return null;
  const codes = newRecoveryCodes();
  const confirmed = await db.$transaction(async (tx) => {
    const { count } = await tx.secondFactor.updateMany({ where: { userId, secret: factor.secret, confirmedAt: null }, data: { confirmedAt: new Date(), lastStep: step } });
    if (count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: sha256(c) })) });
    await audit(tx, actor, { action: "enable_second_factor", entity: "user", entityId: userId });
    return true;
  });
  return confirmed ? codes : null;
}

/**
 * Checks a code of the person's second factor: a code of their app (once only) or one of their
 * recovery codes (then used up). "totp" or "recovery" when it is right, null otherwise.
 */
export async function checkSecondFactor({ db, userId, code, actor }: { db: Db; userId: string; code: string; actor: Actor }): Promise<"totp" | "recovery" | null> {
  const typed = readTypedCode(code);
  if (!typed) return null;
  const factor = await db.secondFactor.findUnique({ where: { userId }, select: { secret: true, confirmedAt: true, lastStep: true } });
  if (!factor?.confirmedAt) return null;
  if (typed.kind === "totp") {
    const step = totpStep(factor.secret, typed.code, factor.lastStep);
    if (step === null) return null;
    // Two requests with the same code: the database lets one of them move the step on.
    const { count } = await db.secondFactor.updateMany({ where: { userId, lastStep: { lt: step } }, data: { lastStep: step } });
    return count === 1 ? "totp" : null;
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({ where: { userId, codeHash: sha256(typed.code), usedAt: null }, data: { usedAt: new Date() } });
    if (count !== 1) return null;
    await audit(tx, actor, { action: "use_recovery_code", entity: "user", entityId: userId });
    return "recovery" as const;
  });
}

/** Whether the person has a confirmed second factor. */
export async function hasSecondFactor({ db, userId }: { db: Db; userId: string }) {
  return Boolean((await db.secondFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }))?.confirmedAt);
}

/** Turns the second factor off: its secret and recovery codes are deleted. */
export async function disableSecondFactor({ db, userId, actor }: { db: Db; userId: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.secondFactor.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    if (count) await audit(tx, actor, { action: "disable_second_factor", entity: "user", entityId: userId });
    return count > 0;
  });
}

/** Ten new recovery codes in place of the old ones (which stop working); null without a second factor. */
export async function replaceRecoveryCodes({ db, userId, actor }: { db: Db; userId: string; actor: Actor }) {
  const codes = newRecoveryCodes();
  return db.$transaction(async (tx) => {
    const factor = await tx.secondFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
    if (!factor?.confirmedAt) return null;
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: sha256(c) })) });
    await audit(tx, actor, { action: "replace_recovery_codes", entity: "user", entityId: userId });
    return codes;
  });
}

/* ------------------------------------------------------- the sign-in step */

/** How long a person has, after their password, to give their second factor (or set one up). */
export const SIGN_IN_STEP_TTL_MS = 10 * 60_000;

export type SignInStepKind = "code" | "enrol";

/**
 * The password was right: the sign-in waits for a code ("code") or for a second factor to be set
 * up ("enrol", which starts the enrolment). Returns the secret of the step's cookie.
 */
export async function createSignInStep({ db, userId, kind, redirectTo, now = new Date() }: { db: Db; userId: string; kind: SignInStepKind; redirectTo: string; now?: Date }) {
  const token = newSecret();
  if (kind === "enrol") await startEnrolment({ db, userId });
  await db.signInStep.create({ data: { id: sha256(token), userId, kind, redirectTo, createdAt: now, expiresAt: new Date(now.getTime() + SIGN_IN_STEP_TTL_MS) } });
  // Steps of more than a day ago are of no use to anyone.
  await db.signInStep.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } } });
  return token;
}

/** The step this cookie's secret names, with its person, while it is neither used nor expired. */
export async function findSignInStep({ db, token, now = new Date() }: { db: Db; token: string; now?: Date }) {
  const step = await db.signInStep.findUnique({
    where: { id: sha256(token) },
    select: { id: true, kind: true, redirectTo: true, expiresAt: true, usedAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!step || step.usedAt || step.expiresAt <= now) return null;
  return { id: step.id, kind: step.kind as SignInStepKind, redirectTo: step.redirectTo, user: step.user };
}

/** Marks the step used, once: false when another request used it first. */
export async function finishSignInStep({ db, id }: { db: Db; id: string }) {
  const { count } = await db.signInStep.updateMany({ where: { id, usedAt: null }, data: { usedAt: new Date() } });
  return count === 1;
}
