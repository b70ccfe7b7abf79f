/**
 * Password rules (OWASP ASVS 5.0, V6.2): at least 8 characters, up to 128 allowed, no
 * composition rules, and the most common passwords refused. Pure.
 */
import { COMMON_PASSWORDS } from "~/data/common-passwords";
import { frenchText as say } from "./sentences";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const common = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/** The reason a password is refused, in French (app/domain/sentences.ts has it in English), or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return say("password.too_short", { min: PASSWORD_MIN });
  if (length > PASSWORD_MAX) return say("password.too_long", { max: PASSWORD_MAX });
  const lower = password.toLowerCase();
  if (common.has(lower)) return say("password.common");
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower === local) return say("password.like_email");
  if (context.email && lower === context.email.toLowerCase()) return say("password.like_email");
  return null;
}
