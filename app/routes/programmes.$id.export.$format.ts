import type { LoaderFunctionArgs } from "@remix-run/node";
import { toCsv } from "~/domain/csv";
import { programmeFactsRows, programmeRows } from "~/domain/programme-import";
import { toImportedModules } from "~/models/programme.server";
import { programmeTargets } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { fileBase, XLSX_TYPE } from "~/utils/programme-template.server";
import { writeWorkbook } from "~/utils/xlsx.server";

/**
 * GET /programmes/:id/export/(csv|xlsx): the programme in the import format (one row per
 * mapping). The workbook adds a "Formation" sheet with the programme's own fields, which an
 * import reads back.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireProgramme(request, params.id);
  const rows = programmeRows(toImportedModules(programme.modules));
  const base = fileBase(programme.title);
  if (params.format === "csv") {
    return new Response(`\ufeff${toCsv(rows)}`, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${base}.csv"` },
    });
  }
  if (params.format === "xlsx") {
    const locale = await getLocale(request);
    const targets = (await programmeTargets(db, programme)).map((t) => ({ slug: t.sheetSlug, title: t.title }));
    const body = await writeWorkbook([
      { name: "Formation", rows: programmeFactsRows({ ...programme, targets }, locale), widths: [26, 60, 60] },
      { name: "Modules", rows },
    ]);
    return new Response(new Uint8Array(body), {
      headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="${base}.xlsx"` },
    });
  }
  throw new Response("Format inconnu : csv ou xlsx.", { status: 404 });
}
