/**
 * The coverage page's data, built from the coverages of a programme revision and kept per
 * process: the same revision, target, level, language and editable rows give the same object,
 * which lets the page rendered from it be kept too (app/entry.server.tsx, docs/decisions/029).
 */
import { gapList, type CncpLevel } from "~/domain/coverage";
import { progression } from "~/domain/progression";
import { renderSentence } from "~/domain/sentences";
import { translator, type Locale } from "~/i18n";
import type { TargetCoverage } from "~/models/coverage.server";
import type { ProgrammeDetail } from "~/models/programme.server";
import { Recent } from "~/utils/recent.server";

/** Page data already built, by programme revision, target, level, language and editable rows. */
const PAGES = new Recent<CoveragePageData>(100);

/** The page data kept under `key`, or built now and kept. */
export function keptCoveragePage(key: string, build: () => CoveragePageData): Promise<CoveragePageData> {
  return PAGES.getOrCompute(key, build);
}

export type CoveragePageData = ReturnType<typeof coveragePageData>;

/** What the coverage page shows of one target at one level, in one language. */
export function coveragePageData(programme: ProgrammeDetail, coverages: TargetCoverage[], chosen: TargetCoverage, level: CncpLevel, locale: Locale, editableModuleIds: Set<string>) {
  const { result, suggestions } = chosen;
  const closest = new Map(suggestions.map((s) => [s.itemRef, s]));
  const t = translator(locale);
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
    summary: result.summary,
    warnings: result.warnings.map((w) => ({ code: w.code, subject: w.subject, message: renderSentence(w.sentence, locale) })),
    heatmap: progression(result.items, programme.semesters),
    gaps: gapList(result).map((item) => {
      const s = closest.get(item.ref);
      return {
        ref: item.ref,
        label: item.label,
        kind: item.kind,
        status: item.status,
        assessed: item.assessed,
        requiredDepth: item.requiredDepth,
        achievedDepth: item.achievedDepth,
        editorial: chosen.target.editorial.has(item.ref),
        suggestion: s ? { explanation: renderSentence(s.sentence, locale), moduleId: s.moduleId, toDepth: s.toDepth, toAssessed: s.toAssessed, canApply: editableModuleIds.has(s.moduleId) } : null,
      };
    }),
    // The modules of each requirement as the table shows them, one text per row: the page's
    // hydration data is then the size of what it shows (docs/decisions/033).
    items: result.items.map((item) => ({
      ref: item.ref,
      label: item.label,
      status: item.status,
      requiredDepth: item.requiredDepth,
      achievedDepth: item.achievedDepth,
      assessed: item.assessed,
      modules: item.modules.map((m) => `${m.code} (${m.depth}${m.assessed ? t("cov.moduleAssessed") : ""})`).join(" · "),
    })),
  };
}

