import type { ActionFunctionArgs } from "@remix-run/node";
import { importProgramme } from "~/models/programme.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { readProgrammeUpload } from "~/utils/programme-upload.server";

/** POST (multipart) → JSON {id}: creates the programme, all or nothing; 400 with the problems otherwise. */
export async function action({ request }: ActionFunctionArgs) {
  const { school, user } = await requireMembership(request, ["admin", "manager"]);
  const outcome = await readProgrammeUpload(request, await getLocale(request), school.id);
  if (!outcome.ok) return Response.json(outcome, { status: 400 });
  const { id } = await importProgramme({ db, schoolId: school.id, form: outcome.form, modules: outcome.read.modules, actor: { userId: user.id, schoolId: school.id } });
  return Response.json({ id }, { status: 201 });
}
