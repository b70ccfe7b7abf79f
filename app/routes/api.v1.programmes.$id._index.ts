import type { LoaderFunctionArgs } from "@remix-run/node";
import { moduleHours } from "~/domain/programme";
import { requireApiProgramme } from "~/utils/programme-access.server";

/** GET /api/v1/programmes/:id: the programme with its modules and their mappings. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireApiProgramme(request, params.id);
  return Response.json({
    id: programme.id,
    title: programme.title,
    diplomaType: programme.diplomaType,
    level: programme.level,
    entryEcts: programme.entryEcts,
    semesters: programme.semesters,
    description: programme.description,
    targets: programme.targets.map((t) => t.sheetSlug),
    modules: programme.modules.map((m) => ({
      id: m.id,
      code: m.code,
      title: m.title,
      semester: m.semester,
      semesterSpan: m.semesterSpan,
      ects: m.ects,
      hours: moduleHours(m),
      assessmentMethod: m.assessmentMethod,
      version: m.version,
      mappings: m.mappings.map((x) => ({ itemRef: x.itemRef, depth: x.depth, assessed: x.assessed, note: x.note })),
    })),
  });
}
