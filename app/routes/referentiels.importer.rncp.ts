import type { ActionFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/utils/locale.server";
import { requireSheetImporter } from "~/utils/reference-sheet-request.server";
import { rncpProgressAnswer } from "~/models/rncp-import.server";

/** GET: nothing to show here; the import page is /referentiels/importer. */
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

/**
 * POST /referentiels/importer/rncp (the import page, with JavaScript): reads an RNCP export,
 * `intent=scan` to list its fiches, `intent=import` to import one, with the reading's progress
 * as JSON lines.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { user, school } = await requireSheetImporter(request);
  return rncpProgressAnswer(request, { userId: user.id, schoolId: school.id }, await getLocale(request));
}
