import type { LoaderFunctionArgs } from "@remix-run/node";
import type { CncpLevel } from "~/domain/coverage";
import { translator } from "~/i18n";
import { loadTargets } from "~/models/targets.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { programmeTemplate, XLSX_TYPE } from "~/utils/programme-template.server";

/**
 * GET /programmes/importer/modele?cible=<slug>&cible=…: the XLSX template of a new programme
 * for these targets (each at its newest version), in the reader's language. 400 without a
 * known target.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireMembership(request, ["admin", "manager"]);
  const slugs = [...new Set(new URL(request.url).searchParams.getAll("cible"))].slice(0, 10);
  const targets = await loadTargets({ db, targets: slugs.map((sheetSlug) => ({ sheetSlug })), level: 6 as CncpLevel });
  const locale = await getLocale(request);
  if (targets.length === 0) return new Response(translator(locale)("tpl.noTarget"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const body = await programmeTemplate({ targets, locale });
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": 'attachment; filename="modele-formation.xlsx"' },
  });
}
