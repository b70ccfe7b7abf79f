import type { LoaderFunctionArgs } from "@remix-run/node";
import { toCsv } from "~/domain/csv";
import { programmeRows } from "~/domain/programme-import";
import { toImportedModules } from "~/models/programme.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { writeWorkbook } from "~/utils/xlsx.server";

function fileBase(title: string) {
  return (
    title
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "formation"
  );
}

/** GET /programmes/:id/export/(csv|xlsx): the programme in the import format (one row per mapping). */
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
    const body = await writeWorkbook([{ name: "Formation", rows }]);
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${base}.xlsx"`,
      },
    });
  }
  throw new Response("Format inconnu : csv ou xlsx.", { status: 404 });
}
