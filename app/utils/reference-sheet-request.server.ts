import { redirect } from "@remix-run/node";
import { findSheetVersion } from "~/models/reference-sheet.server";
import { getCurrentUser, requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { CONFIRM_PATH, recentlyAuthenticated } from "~/utils/reauthentication.server";

/**
 * The school whose own lists the person asking may read besides the public sheets: the school
 * in use of a signed-in member; none for a visitor (docs/decisions/054).
 */
export async function readerSchoolId(request: Request): Promise<string | null> {
  return (await getCurrentUser(request))?.current?.school.id ?? null;
}

/** `?version=N` as a positive integer; absent means the latest; anything else is a 404. */
export function versionParam(url: URL, name = "version"): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^[1-9]\d*$/.test(raw)) throw new Response("Not found", { status: 404 });
  return Number(raw);
}

/**
 * The requested version of the sheet named in the URL, or a 404 in the app's style: also for
 * another school's list, exactly like a sheet that does not exist.
 */
export async function requireSheetVersion({ slug, request }: { slug: string | undefined; request: Request }) {
  const schoolId = slug ? await readerSchoolId(request) : null;
  const sheet = slug ? await findSheetVersion({ db, slug, version: versionParam(new URL(request.url)), schoolId }) : null;
  if (!sheet) throw new Response("Not found", { status: 404 });
  return sheet;
}

/** Where a person goes back to import, once they have confirmed who they are. */
export const IMPORT_PAGE = "/referentiels/importer";

/**
 * Who may import a reference sheet, whatever the format (the import page, the reading of an
 * RNCP export): an administrator of the school who proved who they are within the last 10
 * minutes (importing is a sensitive change, docs/decisions/046). Every importing action starts
 * with it, before the file is read.
 *
 * `keepsForm`: the action keeps the form itself while the person confirms (the page's own sheet
 * file, a few megabytes at most, with `sensitiveForm`/`requireRecentAuthentication`). An RNCP
 * export can weigh a gigabyte and is read as a stream, so it is never kept: the person is sent to
 * confirm before anything is read, then comes back to the import page and sends it again.
 */
export async function requireSheetImporter(request: Request, { keepsForm = false }: { keepsForm?: boolean } = {}) {
  const ctx = await requireMembership(request, ["admin"]);
  if (!keepsForm && !recentlyAuthenticated(ctx)) throw redirect(`${CONFIRM_PATH}?redirectTo=${encodeURIComponent(IMPORT_PAGE)}`);
  return ctx;
}
