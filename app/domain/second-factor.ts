/**
 * Second factors (TOTP, RFC 6238) and recovery codes: who must have one, and how a code a
 * person types is read. Pure (docs/decisions/045).
 */
import type { Role } from "./roles";

export type SchoolOfMembership = { isDemo: boolean; secondFactorForManagers: boolean };

/**
 * Whether a person must use a second factor to sign in: an administrator of any school but the
 * demo school (whose accounts the demo and the scripts use as they are: an exception of the
 * demo school only), and a programme manager of a school that requires it of its managers.
 */
export function secondFactorRequired(memberships: readonly { role: Role | string; school: SchoolOfMembership }[]): boolean {
  return memberships.some(({ role, school }) => (role === "admin" && !school.isDemo) || (role === "manager" && school.secondFactorForManagers));
}

/** How many recovery codes an enrolment gives, each usable once. */
export const RECOVERY_CODE_COUNT = 10;
/** Characters of a recovery code (Crockford's base 32: no I, L, O, U) and how many: 24 × 5 = 120 random bits. */
export const RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECOVERY_CODE_LENGTH = 24;

/** A recovery code as shown: six groups of four (ABCD-EFGH-…). */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}

export type TypedCode = { kind: "totp"; code: string } | { kind: "recovery"; code: string } | null;

/**
 * What a person typed in the code field: the 6 digits of their app (spaces allowed), or a
 * recovery code (dashes, spaces and case as they like; O read as 0, I and L as 1, as Crockford's
 * base 32 reads them), or nothing usable.
 */
export function readTypedCode(input: string): TypedCode {
  const compact = input.replace(/[\s-]/g, "");
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: compact };
  const upper = compact.toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
  if (upper.length === RECOVERY_CODE_LENGTH && [...upper].every((c) => RECOVERY_ALPHABET.includes(c))) return { kind: "recovery", code: upper };
  return null;
}
