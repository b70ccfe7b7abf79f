import { redirect } from "@remix-run/node";
import { createSession } from "~/models/account.server";
import { db } from "~/utils/db.server";
import { serializeSessionCookie } from "~/utils/auth.server";

/**
 * Signs the person in (a new session id every time) and goes on to `redirectTo`. The session
 * remembers the browser (User-Agent) and the address (`context.clientIp`) it was opened from.
 */
export async function signInAndRedirect({ request, context, userId, schoolId, redirectTo, headers }: { request: Request; context?: { clientIp?: string }; userId: string; schoolId: string | null; redirectTo: string; headers?: HeadersInit }) {
  const token = await createSession({ db, userId, schoolId, device: { userAgent: request.headers.get("User-Agent") ?? "", address: context?.clientIp ?? "" } });
  const answer = new Headers(headers);
  answer.append("Set-Cookie", serializeSessionCookie(request, token));
  return redirect(redirectTo, { headers: answer });
}

export function clientKey(context: { clientIp?: string } | undefined) {
  return `ip:${context?.clientIp ?? "unknown"}`;
}
