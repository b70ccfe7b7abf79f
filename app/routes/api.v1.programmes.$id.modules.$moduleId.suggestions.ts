import type { LoaderFunctionArgs } from "@remix-run/node";
import { languageFromAcceptLanguage, renderSentence } from "~/domain/sentences";
import { moduleSuggestions } from "~/models/module-suggestions.server";
import { db } from "~/utils/db.server";
import { requireApiProgramme } from "~/utils/programme-access.server";

/**
 * GET /api/v1/programmes/:id/modules/:moduleId/suggestions: the requirements of the programme's
 * targets that the module's code, title and description speak of and that it does not map yet
 * (nor has dismissed), best first, each with its score, the words that matched and the depth to
 * propose with its reason (French, or English when Accept-Language prefers it).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireApiProgramme(request, params.id);
  const suggestions = await moduleSuggestions({ db, schoolId: ctx.school.id, programme, moduleId: params.moduleId ?? "" });
  if (!suggestions) return Response.json({ error: "Module introuvable." }, { status: 404 });
  const language = languageFromAcceptLanguage(request.headers.get("Accept-Language"));
  const module = programme.modules.find((m) => m.id === params.moduleId)!;
  return Response.json({
    module: { id: module.id, code: module.code, title: module.title },
    suggestions: suggestions.map((s) => ({
      itemRef: s.ref,
      kind: s.kind,
      label: s.label,
      score: s.score,
      matchedWords: s.matchedWords,
      toDepth: s.toDepth,
      depthReason: { code: s.depthReason.code, explanation: renderSentence(s.depthReason.sentence, language) },
    })),
  });
}
