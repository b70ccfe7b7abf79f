import type { LoaderFunctionArgs } from "@remix-run/node";
import { programmeTargets } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { fileBase, programmeTemplate, XLSX_TYPE } from "~/utils/programme-template.server";

/** GET /programmes/:id/modele: the XLSX template for the programme's targets (at their pinned versions), in the reader's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireProgramme(request, params.id);
  const locale = await getLocale(request);
  const body = await programmeTemplate({ targets: await programmeTargets(db, programme), programme, locale });
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="modele-${fileBase(programme.title)}.xlsx"` },
  });
}
