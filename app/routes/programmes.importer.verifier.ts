import type { ActionFunctionArgs } from "@remix-run/node";
import { requireMembership } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { readProgrammeUpload } from "~/utils/programme-upload.server";

/** POST (multipart) → JSON: every problem by line, or a preview of what the import would create. Writes nothing. */
export async function action({ request }: ActionFunctionArgs) {
  const { school } = await requireMembership(request, ["admin", "manager"]);
  const outcome = await readProgrammeUpload(request, await getLocale(request), school.id);
  if (!outcome.ok) return Response.json(outcome, { status: 400 });
  const { form, read } = outcome;
  const bySemester = new Map<number, { modules: number; ects: number }>();
  for (const module of read.modules) {
    const entry = bySemester.get(module.semester) ?? { modules: 0, ects: 0 };
    bySemester.set(module.semester, { modules: entry.modules + 1, ects: entry.ects + module.ects });
  }
  return Response.json({
    ok: true,
    form,
    rows: read.rowCount,
    modules: read.modules.length,
    mappings: read.modules.reduce((n, m) => n + m.mappings.length, 0),
    semesters: [...bySemester].sort((a, b) => a[0] - b[0]).map(([semester, v]) => ({ semester, ...v })),
  });
}
