import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportSheetCase, exportSheetJson, exportSheetMoodle } from "~/domain/sheet-exchange";
import { requireSheetVersion } from "~/utils/reference-sheet-request.server";

const formats = {
  json: { type: "application/json; charset=utf-8", suffix: ".json" },
  case: { type: "application/json; charset=utf-8", suffix: "-case.json" },
  moodle: { type: "text/csv; charset=utf-8", suffix: "-moodle.csv" },
} as const;

/**
 * GET /referentiels/:slug/export/{json,case,moodle}[?version=N]: the sheet as a download, in
 * our data file format, as a CASE 1.1 CFPackage or as a Moodle competency-framework CSV.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const format = params.format as keyof typeof formats;
  if (!Object.hasOwn(formats, format)) throw new Response("Not found", { status: 404 });
  const sheet = await requireSheetVersion({ slug: params.slug, request });
  const meta = { version: sheet.version, changedAt: sheet.createdAt };
  const body =
    format === "json"
      ? exportSheetJson(sheet.data)
      : format === "case"
        ? `${JSON.stringify(exportSheetCase(sheet.data, meta), null, 2)}\n`
        : exportSheetMoodle(sheet.data, meta);
  const fileName = `${sheet.slug}-v${sheet.version}${formats[format].suffix}`;
  return new Response(body, {
    headers: {
      "Content-Type": formats[format].type,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-cache",
    },
  });
}
