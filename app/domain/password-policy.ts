/**
 * Password rules (OWASP ASVS 5.0, V6.2): at least 8 characters, up to 128 allowed, no
 * composition rules, and the most common passwords refused. Pure.
 */
import { COMMON_PASSWORDS } from "~/data/common-passwords";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const common = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/** The reason a password is refused, in French, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Le mot de passe doit compter au moins ${PASSWORD_MIN} caractères.`;
  if (length > PASSWORD_MAX) return `Le mot de passe ne peut dépasser ${PASSWORD_MAX} caractères.`;
  const lower = password.toLowerCase();
  if (common.has(lower)) return "Ce mot de passe fait partie des plus courants : choisissez-en un autre.";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower === local) return "Le mot de passe ne doit pas reprendre votre adresse électronique.";
  if (context.email && lower === context.email.toLowerCase()) return "Le mot de passe ne doit pas reprendre votre adresse électronique.";
  return null;
}
