import { findSheetVersion } from "~/models/reference-sheet.server";
import { getCurrentUser, requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

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

/**
 * Who may import a reference sheet, whatever the format (the import page, the reading of an
 * RNCP export): an administrator of the school. Every importing action starts with it.
 */
export async function requireSheetImporter(request: Request) {
  return requireMembership(request, ["admin"]);
}
