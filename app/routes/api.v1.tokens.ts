import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { createApiToken, isRateLimited, listMemberships, normaliseEmail, recordHit, verifyLogin } from "~/models/account.server";
import { db } from "~/utils/db.server";
import { clientKey } from "~/utils/session-response.server";
import { formatZodIssues } from "~/domain/validation";

const bodySchema = z.strictObject({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(1024),
  school: z.string().trim().min(1).max(80).optional(),
  name: z.string().trim().min(1).max(60).optional(),
});

/**
 * POST /api/v1/tokens {"email", "password", "school"?} → 201 {"token"}: a personal API token
 * for scripts, scoped to one school (its slug or id; the first one when omitted) and to the
 * holder's role there. Rate-limited like sign-in.
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
  const { email, password, school, name } = parsed.data;
  const keys = [clientKey(context), `account:${normaliseEmail(email)}`];
  if (await isRateLimited({ db, keys })) return Response.json({ error: "Trop de tentatives : réessayez dans une minute." }, { status: 429 });
  const user = await verifyLogin({ db, email, password });
  if (!user) {
    await recordHit({ db, keys });
    return Response.json({ error: "Adresse ou mot de passe incorrect." }, { status: 401 });
  }
  const memberships = await listMemberships({ db, userId: user.id });
  const membership = school ? memberships.find((m) => m.school.slug === school || m.school.id === school) : memberships[0];
  if (!membership) return Response.json({ error: school ? "Vous n'appartenez pas à cet établissement." : "Vous n'appartenez à aucun établissement." }, { status: 403 });
  const { token } = await createApiToken({ db, userId: user.id, schoolId: membership.school.id, name: name ?? "Script (API)", actor: { userId: user.id, schoolId: membership.school.id } });
  return Response.json({ token, school: membership.school.slug, role: membership.role }, { status: 201 });
}

export function loader() {
  return Response.json({ error: "Utilisez POST avec {\"email\", \"password\", \"school\"?}." }, { status: 405 });
}
