import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { safeRedirect } from "~/components/forms";
import { switchSchool } from "~/models/account.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";

/** POST /etablissement/changer: the school in use becomes another of the person's schools. */
export async function action({ request }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const form = await readForm(request);
  const schoolId = String(form.get("schoolId") ?? "");
  if (!(await switchSchool({ db, sessionId: current.sessionId, userId: current.user.id, schoolId }))) {
    throw new Response("Vous n'appartenez pas à cet établissement.", { status: 403 });
  }
  // The pages of the previous school do not exist in this one: go to the programme list.
  const target = safeRedirect(form.get("redirectTo"), "/programmes");
  return redirect(target.startsWith("/programmes/") ? "/programmes" : target);
}

export function loader() {
  return redirect("/");
}
