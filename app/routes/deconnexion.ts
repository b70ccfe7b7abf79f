import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { revokeSession } from "~/models/account.server";
import { clearSessionCookie, getCurrentUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

/** POST /deconnexion: ends this session in the database and clears the cookie. */
export async function action({ request }: ActionFunctionArgs) {
  const current = await getCurrentUser(request);
  if (current) await revokeSession({ db, id: current.sessionId, actor: { userId: current.user.id, schoolId: current.current?.school.id ?? null } });
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}

export function loader() {
  return redirect("/");
}
