import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "~/i18n";
import { dismissModuleSuggestion, moduleSuggestions, shownModuleSuggestions } from "~/models/module-suggestions.server";
import { isTargetItem } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";
import { getLocale } from "~/utils/locale.server";
import { requireProgramme } from "~/utils/programme-access.server";

/**
 * The matrix row's "exigences suggérées par le descriptif" (`?module=<id>`), for a row the person
 * may edit: a teacher's own module as well as any row for a manager.
 *
 * GET: `{suggestions}` as the module page shows them. POST `itemRef`: dismiss one (not proposed
 * again for that module). A row the person may not edit, or a module that is not the
 * programme's, answers 403 or 404 with `{error}`: the matrix shows the sentence, never an error page.
 */
async function guard(request: Request, id: string | undefined) {
  const access = await requireProgramme(request, id);
  const locale = await getLocale(request);
  const t = translator(locale);
  const moduleId = new URL(request.url).searchParams.get("module") ?? "";
  if (!access.programme.modules.some((m) => m.id === moduleId)) return { refused: Response.json({ error: t("prog.error.moduleNotFound"), suggestions: [] }, { status: 404 }) } as const;
  if (!access.editableModuleIds.has(moduleId)) return { refused: Response.json({ error: t("mx.suggest.notAllowed"), suggestions: [] }, { status: 403 }) } as const;
  return { ...access, moduleId, locale, t } as const;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await guard(request, params.id);
  if ("refused" in found) return found.refused;
  const suggested = (await moduleSuggestions({ db, schoolId: found.actor.schoolId, programme: found.programme, moduleId: found.moduleId })) ?? [];
  return Response.json({ suggestions: shownModuleSuggestions(suggested, found.locale) }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const found = await guard(request, params.id);
  if ("refused" in found) return found.refused;
  const itemRef = String((await readForm(request)).get("itemRef") ?? "");
  if (!(await isTargetItem({ db, programme: found.programme, itemRef }))) return Response.json({ error: found.t("lvl.module.error.unknown") }, { status: 400 });
  const { actor, ctx, programme, moduleId } = found;
  await dismissModuleSuggestion({ db, schoolId: actor.schoolId, programmeId: programme.id, moduleId, itemRef, actor: { ...actor, name: ctx.user.name } });
  return Response.json({ dismissed: itemRef });
}
