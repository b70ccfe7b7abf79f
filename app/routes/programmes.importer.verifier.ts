import type { ActionFunctionArgs } from "@remix-run/node";
import { creditsPerSemester, semestersOf } from "~/domain/credits";
import { requireMembership } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { readProgrammeUpload } from "~/utils/programme-upload.server";

/** POST (multipart) → JSON: every problem by line, or a preview of what the import would create. Writes nothing. */
export async function action({ request }: ActionFunctionArgs) {
  const { school } = await requireMembership(request, ["admin", "manager"]);
  const outcome = await readProgrammeUpload(request, await getLocale(request), school.id);
  if (!outcome.ok) return Response.json(outcome, { status: 400 });
  const { form, read, fromFile } = outcome;
  const counts = new Map<number, number>();
  for (const module of read.modules) for (const semester of semestersOf(module)) counts.set(semester, (counts.get(semester) ?? 0) + 1);
  return Response.json({
    ok: true,
    form,
    fromFile,
    rows: read.rowCount,
    modules: read.modules.length,
    mappings: read.modules.reduce((n, m) => n + m.mappings.length, 0),
    semesters: creditsPerSemester(read.modules, 0).map(({ semester, ects }) => ({ semester, modules: counts.get(semester) ?? 0, ects })),
  });
}
