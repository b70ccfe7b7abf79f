/**
 * The second factor as a person's authenticator app holds it, for the tests: the secret each
 * account enrolled with (remembered for this test process), and the code to type now. A code is
 * accepted once (the server remembers the last time step used), so the next sign-in of the same
 * account in the same 30 seconds types the code of the next step, which the server accepts as
 * well (a clock a few seconds ahead); a third waits for the next step.
 */
import { generateSync } from "otplib";

const secrets = new Map<string, string>();
const lastStep = new Map<string, number>();

export function rememberSecret(email: string, secret: string) {
  secrets.set(email.toLowerCase(), secret.replace(/\s/g, ""));
  lastStep.delete(email.toLowerCase());
}

export function secretOf(email: string): string | undefined {
  return secrets.get(email.toLowerCase());
}

/** A code for `secret` that the server has not seen yet (waits for the next time step when it must). */
export async function freshCode(secret: string, key = secret): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 1000);
    const step = Math.floor(now / 30);
    const used = lastStep.get(key) ?? -1;
    const next = Math.max(used + 1, step);
    if (next <= step + 1) {
      lastStep.set(key, next);
      return generateSync({ secret, epoch: next * 30 });
    }
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * 30_000 - Date.now() + 50));
  }
}

/** The code to type now for this account's remembered secret. */
export async function codeFor(email: string): Promise<string> {
  const secret = secretOf(email);
  if (!secret) throw new Error(`Aucune double authentification connue pour ${email} dans ce test.`);
  return freshCode(secret, email.toLowerCase());
}
