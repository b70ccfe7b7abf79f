import type { LoaderFunctionArgs } from "@remix-run/node";
import { CNCP_LEVELS, type CncpLevel } from "~/domain/coverage";
import { languageFromAcceptLanguage, renderSentence, type Language } from "~/domain/sentences";
import { keepAnswer } from "~/models/kept-answers.server";
import { withLevelFramework } from "~/domain/cncp-levels";
import { expectedDepthsAt, type ExpectedDepthSettings } from "~/domain/expected-depth";
import type { Alternative } from "~/domain/suggestions";
import { cachedProgrammeCoverage, keptCoverageAnswer, programmeCoverage, type TargetCoverage } from "~/models/coverage.server";
import type { ProgrammeDetail } from "~/models/programme.server";
import { newestVersionNumbers } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { requireApiProgramme } from "~/utils/programme-access.server";

/**
 * GET /api/v1/programmes/:id/coverage?sheet=<slug>&level=<5|6|7>: coverage of one target. The
 * warnings and the explanations of the suggestions are in French, or in English when
 * Accept-Language prefers it (docs/decisions/026).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireApiProgramme(request, params.id, { head: true });
  const url = new URL(request.url);
  const sheet = url.searchParams.get("sheet") ?? programme.targets[0]?.sheetSlug;
  const levelText = url.searchParams.get("level");
  const level = levelText === null ? (programme.level as CncpLevel) : (Number(levelText) as CncpLevel);
  if (levelText !== null && !CNCP_LEVELS.includes(level)) return Response.json({ error: "Niveau inconnu : 5, 6 ou 7." }, { status: 400 });
  // The programme's own targets at this level: its level's national framework is the chosen level's.
  const ownTarget = withLevelFramework(programme.targets.map((t) => t.sheetSlug), level).includes(sheet ?? "") && (programme.targets.some((t) => t.sheetSlug === sheet) || (await newestVersionNumbers(db, [sheet!], { schoolId: ctx.school.id })).has(sheet!));
  if (!sheet || (!ownTarget && !(await newestVersionNumbers(db, [sheet], { schoolId: ctx.school.id })).has(sheet))) return Response.json({ error: `Référentiel inconnu : ${sheet ?? "(aucun)"}.` }, { status: 400 });
  const language = languageFromAcceptLanguage(request.headers.get("Accept-Language"));
  // One of the programme's own targets: the answer is kept per revision of the programme. Any other sheet: at its newest version, computed now.
  if (!ownTarget) {
    const found = await programmeCoverage({ db, schoolId: ctx.school.id, programmeId: programme.id, slugs: [sheet], level });
    return Response.json(coverageAnswer(programme, found!.coverages[0], level, language, found!.settings));
  }
  const { revision, coverages, settings } = await cachedProgrammeCoverage({ db, schoolId: ctx.school.id, head: programme, level });
  const body = await keptCoverageAnswer(`${programme.id}|${revision}|${sheet}|${level}|${language}`, () =>
    JSON.stringify(coverageAnswer(programme, coverages.find((c) => c.target.sheetSlug === sheet)!, level, language, settings)),
  );
  const response = new Response(body, { headers: { "Content-Type": "application/json; charset=utf-8" } });
  // Kept in front of Remix too, under the key read before this answer's data (docs/decisions/030).
  await keepAnswer(context?.keptKey, { request, status: 200, headers: response.headers, text: body, values: { nonce: "", requestId: "" } });
  return response;
}

function coverageAnswer(programme: ProgrammeDetail, coverage: TargetCoverage, level: CncpLevel, language: Language, settings: ExpectedDepthSettings) {
  const { result } = coverage;
  const sheet = coverage.target.sheetSlug;
  const expected = expectedDepthsAt(settings, level);
  const alternative = (a: Alternative) => ({ moduleCode: a.moduleCode, moduleTitle: a.moduleTitle, score: a.score, matchedWords: a.matchedWords, toDepth: a.toDepth, depthReason: { code: a.depthReason.code, explanation: renderSentence(a.depthReason.sentence, language) } });
  return {
    programme: { id: programme.id, title: programme.title, level: programme.level },
    target: { sheet, level, title: coverage.target.title, version: coverage.target.version, cncp: { min: coverage.target.cncpMin, max: coverage.target.cncpMax } },
    // The depths expected at this level where a sheet gives none: the school's or the programme's choice, never the sheet's.
    expectedDepths: Object.entries(expected).map(([kind, e]) => ({ kind, depth: e.depth, setBy: e.origin, setByName: e.setByName, setAt: e.setAt })),
    summary: {
      counts: { covered: result.summary.overall.covered, partial: result.summary.overall.partial, missing: result.summary.overall.missing, not_required: result.summary.overall.not_required },
      byKind: Object.fromEntries(
        Object.entries(result.summary.byKind).map(([kind, c]) => [kind, { covered: c.covered, partial: c.partial, missing: c.missing, not_required: c.not_required, required: c.required, ratioCovered: c.ratioCovered }]),
      ),
      required: result.summary.overall.required,
      ratioCovered: result.summary.overall.ratioCovered,
      coveredNotAssessed: result.summary.coveredNotAssessed,
    },
    items: result.items.map((item) => ({
      ref: item.ref,
      kind: item.kind,
      label: item.label,
      requiredDepth: item.required ? item.requiredDepth : null,
      targetDepth: item.targetDepth,
      depthSetBy: item.depthOrigin,
      achievedDepth: item.achievedDepth,
      status: item.status,
      assessed: item.assessed,
      firstSemesterReached: item.firstSemesterReached,
      modules: item.modules.map((m) => ({ code: m.code, semester: m.semester, depth: m.depth, assessed: m.assessed })),
    })),
    warnings: result.warnings.map((w) => ({ code: w.code, message: renderSentence(w.sentence, language), ...(w.subject ? { subject: w.subject } : {}) })),
    suggestions: coverage.suggestions.map((s) => ({
      kind: s.kind,
      itemRef: s.itemRef,
      module: s.moduleCode,
      moduleCode: s.moduleCode,
      fromDepth: s.fromDepth,
      toDepth: s.toDepth,
      assess: s.toAssessed,
      explanation: renderSentence(s.sentence, language),
      basis: s.basis,
      score: s.score,
      matchedWords: s.matchedWords,
      alternatives: s.alternatives.map(alternative),
      depthReason: { code: s.depthReason.code, explanation: renderSentence(s.depthReason.sentence, language) },
      ...(s.prefill ? { newModule: s.prefill } : {}),
    })),
  };
}
