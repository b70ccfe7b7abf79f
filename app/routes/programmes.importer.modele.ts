import type { LoaderFunctionArgs } from "@remix-run/node";
import type { CncpLevel } from "~/domain/coverage";
import { translator } from "~/i18n";
import { loadTargets, targetSlugsAtLevel } from "~/models/targets.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { programmeTemplate, XLSX_TYPE } from "~/utils/programme-template.server";

/**
 * GET /programmes/importer/modele?cible=<slug>&cible=…&niveau=<5|6|7>: the XLSX template of a
 * new programme for these targets (each at its newest version, among the sheets the school may
 * read) and, with a level, that level's national framework, as the programme will target it; in
 * the reader's language. 400 without a known target.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { school } = await requireMembership(request, ["admin", "manager"]);
  const url = new URL(request.url);
  const asked = [...new Set(url.searchParams.getAll("cible"))].slice(0, 10);
  const level = Number(url.searchParams.get("niveau"));
  const known = [5, 6, 7].includes(level);
  const slugs = known && asked.length ? await targetSlugsAtLevel(db, asked, level) : asked;
  const targets = await loadTargets({ db, targets: slugs.map((sheetSlug) => ({ sheetSlug })), level: (known ? level : 6) as CncpLevel, schoolId: school.id });
  const locale = await getLocale(request);
  if (targets.length === 0) return new Response(translator(locale)("tpl.noTarget"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const body = await programmeTemplate({ targets, locale });
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": 'attachment; filename="modele-formation.xlsx"' },
  });
}
