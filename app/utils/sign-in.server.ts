/**
 * What follows a right password: a session at once, or first the second factor (a code, or
 * setting one up when the person must have one), on a page of its own (`/connexion/second-facteur`)
 * that a short-lived cookie leads to (docs/decisions/045).
 */
import { redirect } from "@remix-run/node";
import { createSignInStep, findSignInStep, secondFactorState } from "~/models/second-factor.server";
import { isSecureRequest, readCookie } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { signInAndRedirect } from "~/utils/session-response.server";

export const SECOND_FACTOR_PATH = "/connexion/second-facteur";

const stepCookieName = (request: Request) => (isSecureRequest(request) ? "__Host-maquette_etape" : "maquette_etape");

function stepCookie(request: Request, value: string, maxAge: number) {
  return `${stepCookieName(request)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${isSecureRequest(request) ? "; Secure" : ""}`;
}

export const clearStepCookie = (request: Request) => stepCookie(request, "", 0);

/**
 * The person's password was right: a session, or the second-factor step first when they have a
 * second factor or must set one up.
 */
export async function continueSignIn({ request, context, userId, schoolId, redirectTo }: { request: Request; context?: { clientIp?: string }; userId: string; schoolId: string | null; redirectTo: string }) {
  const state = await secondFactorState({ db, userId });
  if (!state.enabled && !state.required) return signInAndRedirect({ request, context, userId, schoolId, redirectTo });
  const token = await createSignInStep({ db, userId, kind: state.enabled ? "code" : "enrol", redirectTo });
  return redirect(SECOND_FACTOR_PATH, { headers: { "Set-Cookie": stepCookie(request, token, 10 * 60) } });
}

/** The sign-in step the request's cookie names, while it is valid; null otherwise. */
export async function currentSignInStep(request: Request) {
  const token = readCookie(request, stepCookieName(request));
  return token && token.length <= 100 ? findSignInStep({ db, token }) : null;
}
