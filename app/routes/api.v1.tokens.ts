import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { createApiToken, listMemberships, normaliseEmail, verifyLogin } from "~/models/account.server";
import { takeAttempt } from "~/models/rate-limit.server";
import { checkSecondFactor, hasSecondFactor } from "~/models/second-factor.server";
import { db } from "~/utils/db.server";
import { clientKey } from "~/utils/session-response.server";
import { formatZodIssues } from "~/domain/validation";

const bodySchema = z.strictObject({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(1024),
  school: z.string().trim().min(1).max(80).optional(),
  name: z.string().trim().min(1).max(60).optional(),
  /** A code of the person's second factor (their app's, or a recovery code): required when they have one. */
  code: z.string().trim().min(1).max(64).optional(),
});

/**
 * POST /api/v1/tokens {"email", "password", "school"?, "code"?} → 201 {"token"}: a personal API
 * token for scripts, scoped to one school (its slug or id; the first one when omitted) and to
 * the holder's role there. `code` (a code of the person's second factor, or a recovery code) is
 * required when the account has a second factor. Rate-limited like sign-in: one place is taken
 * before the password is checked, atomically, and given back only when everything was right.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "Méthode non permise." }, { status: 405 });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "Corps JSON attendu : {\"email\", \"password\", \"school\"?}." }, { status: 400 });
  }
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return Response.json({ error: "Requête invalide.", problems: formatZodIssues(parsed.error.issues) }, { status: 400 });
  const { email, password, school, name, code } = parsed.data;
  const keys = [clientKey(context), `account:${normaliseEmail(email)}`];
  const attempt = await takeAttempt({ db, keys });
  if (!attempt) return Response.json({ error: "Trop de tentatives : réessayez dans une minute." }, { status: 429, headers: { "Retry-After": "60" } });
  const user = await verifyLogin({ db, email, password });
  if (!user) return Response.json({ error: "Adresse ou mot de passe incorrect." }, { status: 401 });
  if (await hasSecondFactor({ db, userId: user.id })) {
    if (!code) return Response.json({ error: "Ce compte a une double authentification : ajoutez \"code\" (le code de l'application ou un code de secours)." }, { status: 401 });
    if (!(await checkSecondFactor({ db, userId: user.id, code, actor: { userId: user.id, schoolId: null } }))) {
      return Response.json({ error: "Code de double authentification incorrect ou déjà utilisé." }, { status: 401 });
    }
  }
  await attempt.refund();
  const memberships = await listMemberships({ db, userId: user.id });
  const membership = school ? memberships.find((m) => m.school.slug === school || m.school.id === school) : memberships[0];
  if (!membership) return Response.json({ error: school ? "Vous n'appartenez pas à cet établissement." : "Vous n'appartenez à aucun établissement." }, { status: 403 });
  const { token } = await createApiToken({ db, userId: user.id, schoolId: membership.school.id, name: name ?? "Script (API)", actor: { userId: user.id, schoolId: membership.school.id } });
  return Response.json({ token, school: membership.school.slug, role: membership.role }, { status: 201 });
}

export function loader() {
  return Response.json({ error: "Utilisez POST avec {\"email\", \"password\", \"school\"?, \"code\"?}." }, { status: 405 });
}
