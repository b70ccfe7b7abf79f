/**
 * The coverage page's data, built from the coverages of a programme revision and kept per
 * process: the same revision, target, level, language and editable rows give the same object,
 * which lets the page rendered from it be kept too (app/entry.server.tsx, docs/decisions/029).
 */
import type { BlocView } from "~/domain/bloc-coverage";
import { gapList, type CncpLevel } from "~/domain/coverage";
import { expectedDepthList, expectedDepthsAt, type ExpectedDepthSettings } from "~/domain/expected-depth";
import type { Alternative, Suggestion } from "~/domain/suggestions";
import { progression } from "~/domain/progression";
import { renderSentence } from "~/domain/sentences";
import { translator, type Locale } from "~/i18n";
import type { TargetCoverage } from "~/models/coverage.server";
import type { ProgrammeDetail } from "~/models/programme.server";
import type { Db } from "~/utils/create-db.server";
import { Recent } from "~/utils/recent.server";

/** Page data already built, by programme revision, target, level, language and editable rows. */
const PAGES = new Recent<CoveragePageData>(100);

/** The page data kept under `key`, or built now and kept. */
export function keptCoveragePage(key: string, build: () => CoveragePageData | Promise<CoveragePageData>): Promise<CoveragePageData> {
  return PAGES.getOrCompute(key, build);
}

export type CoveragePageData = ReturnType<typeof coveragePageData>;

/**
 * The number of review comments on each requirement's coverage line of a programme (answers
 * included). Every comment appends an audit row of the programme: the kept page follows.
 */
export async function commentCountsByItem(db: Db, schoolId: string, programmeId: string): Promise<Record<string, number>> {
  const groups = await db.reviewComment.groupBy({ by: ["itemRef"], where: { programmeId, schoolId, subject: "requirement", itemRef: { not: null } }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.itemRef!, g._count._all]));
}

type PageContext = { editableModuleIds: Set<string>; canCreateModules: boolean; settings: ExpectedDepthSettings; comments: Record<string, number> };

/** A suggestion as the page shows it: in the reader's language, with what this person may apply. */
function shownSuggestion(programmeId: string, s: Suggestion, locale: Locale, context: PageContext) {
  const alternative = (a: Alternative) => ({
    moduleId: a.moduleId,
    moduleCode: a.moduleCode,
    moduleTitle: a.moduleTitle,
    score: a.score,
    matchedWords: a.matchedWords,
    toDepth: a.toDepth,
    depthReason: renderSentence(a.depthReason.sentence, locale),
    canApply: context.editableModuleIds.has(a.moduleId),
  });
  const create =
    s.kind === "create_module" && context.canCreateModules && s.prefill
      ? `/programmes/${programmeId}/modules/nouveau?${new URLSearchParams({ titre: s.prefill.title, description: renderSentence({ key: "suggestion.prefill_description", params: { ref: s.itemRef, label: s.itemLabel } }, locale), exigence: s.itemRef, profondeur: String(s.toDepth) })}`
      : null;
  return {
    kind: s.kind,
    explanation: renderSentence(s.sentence, locale),
    moduleId: s.moduleId,
    moduleCode: s.moduleCode,
    moduleTitle: s.moduleTitle,
    toDepth: s.toDepth,
    toAssessed: s.toAssessed,
    basis: s.basis,
    score: s.score,
    matchedWords: s.matchedWords,
    depthReason: renderSentence(s.depthReason.sentence, locale),
    canApply: s.moduleId !== null && context.editableModuleIds.has(s.moduleId),
    alternatives: s.alternatives.map(alternative),
    createHref: create,
  };
}

/** What the coverage page shows of one target at one level, in one language. */
export function coveragePageData(programme: ProgrammeDetail, coverages: TargetCoverage[], chosen: TargetCoverage, level: CncpLevel, locale: Locale, context: PageContext, blocs: BlocView[] = []) {
  const { result, suggestions } = chosen;
  const closest = new Map(suggestions.map((s) => [s.itemRef, s]));
  const t = translator(locale);
  const expected = expectedDepthsAt(context.settings, level);
  return {
    empty: false as const,
    programme: { id: programme.id, title: programme.title, level: programme.level, semesters: programme.semesters },
    level,
    sheet: chosen.target.sheetSlug,
    sideBySide: coverages.map((c) => ({
      slug: c.target.sheetSlug,
      kind: c.target.kind,
      title: c.target.title,
      summary: { overall: c.result.summary.overall, coveredNotAssessed: c.result.summary.coveredNotAssessed },
      warnings: c.result.warnings.filter((w) => w.code === "level_outside_range").map((w) => renderSentence(w.sentence, locale)),
    })),
    target: { title: chosen.target.title, cncpMin: chosen.target.cncpMin, cncpMax: chosen.target.cncpMax, version: chosen.target.version },
    // The depths expected at this level where a sheet gives none: whose choice, who, when.
    expected: expectedDepthList(expected),
    canSetDepths: context.canCreateModules,
    summary: result.summary,
    warnings: result.warnings.map((w) => ({ code: w.code, subject: w.subject, message: renderSentence(w.sentence, locale) })),
    heatmap: progression(result.items, programme.semesters),
    /** Coverage per bloc when the target is an RNCP certification (app/domain/bloc-coverage.ts). */
    blocs,
    gaps: gapList(result).map((item) => {
      const s = closest.get(item.ref);
      return {
        ref: item.ref,
        label: item.label,
        kind: item.kind,
        status: item.status,
        assessed: item.assessed,
        requiredDepth: item.requiredDepth,
        targetDepth: item.targetDepth,
        depthOrigin: item.depthOrigin,
        achievedDepth: item.achievedDepth,
        editorial: chosen.target.editorial.has(item.ref),
        comments: context.comments[item.ref] ?? 0,
        suggestion: s ? shownSuggestion(programme.id, s, locale, context) : null,
      };
    }),
    // The modules of each requirement as the table shows them, one text per row: the page's
    // hydration data is then the size of what it shows (docs/decisions/033).
    items: result.items.map((item) => ({
      ref: item.ref,
      label: item.label,
      status: item.status,
      requiredDepth: item.requiredDepth,
      targetDepth: item.targetDepth,
      depthOrigin: item.depthOrigin,
      achievedDepth: item.achievedDepth,
      assessed: item.assessed,
      modules: item.modules.map((m) => `${m.code} (${m.depth}${m.assessed ? t("cov.moduleAssessed") : ""})`).join(" · "),
    })),
  };
}

