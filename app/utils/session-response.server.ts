import { redirect } from "@remix-run/node";
import { createSession } from "~/models/account.server";
import { db } from "~/utils/db.server";
import { serializeSessionCookie } from "~/utils/auth.server";

/** Signs the person in (a new session id every time) and goes on to `redirectTo`. */
export async function signInAndRedirect({ request, userId, schoolId, redirectTo }: { request: Request; userId: string; schoolId: string | null; redirectTo: string }) {
  const token = await createSession({ db, userId, schoolId });
  return redirect(redirectTo, { headers: { "Set-Cookie": serializeSessionCookie(request, token) } });
}

export function clientKey(context: { clientIp?: string } | undefined) {
  return `ip:${context?.clientIp ?? "unknown"}`;
}
