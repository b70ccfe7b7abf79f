import { findSheetVersion } from "~/models/reference-sheet.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

/** `?version=N` as a positive integer; absent means the latest; anything else is a 404. */
export function versionParam(url: URL, name = "version"): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^[1-9]\d*$/.test(raw)) throw new Response("Not found", { status: 404 });
  return Number(raw);
}

/** The requested version of the sheet named in the URL, or a 404 in the app's style. */
export async function requireSheetVersion({ slug, request }: { slug: string | undefined; request: Request }) {
  const sheet = slug ? await findSheetVersion({ db, slug, version: versionParam(new URL(request.url)) }) : null;
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
