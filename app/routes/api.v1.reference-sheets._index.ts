import { listLatestSheets } from "~/models/reference-sheet.server";
import { db } from "~/utils/db.server";

/** GET /api/v1/reference-sheets: every sheet in its latest version, with its counts. */
export async function loader() {
  // The integrator's bearer-token guard goes here, before any read.
  const sheets = await listLatestSheets({ db });
  return Response.json({
    referenceSheets: sheets.map(({ slug, title, publisher, cncp, version, counts }) => ({ slug, title, publisher, cncp, version, counts })),
  });
}
