/** Coverage per target: the bars per kind, and the level the target is read at. */
import { CoverageBar } from "~/components/coverage-visuals";
import type { MessageKey } from "~/i18n";
import type { ReportData } from "~/domain/report";
import { useT } from "~/utils/use-t";
import { levelText } from "./level";
import { ReportSection, ReportSubheading } from "./section";

const KIND_LABELS: Record<"competence" | "knowledge" | "transversal", MessageKey> = {
  competence: "cov.kind.competence",
  knowledge: "cov.kind.knowledge",
  transversal: "cov.kind.transversal",
};

export function ReportCoverage({ data }: { data: ReportData }) {
  const t = useT();
  return (
    <ReportSection id="rapport-couverture" title={t("rep.coverage")}>
      {data.targets.map((target) => (
        <div key={target.slug} className="break-inside-avoid space-y-2 rounded-md p-3 ring-1 ring-slate-200">
          <ReportSubheading>{target.title}</ReportSubheading>
          <p className="text-sm text-slate-600" data-testid="report-target-level">
            {levelText(target.cncp, t)} · {t("rep.sheetVersion", { version: target.version })}
          </p>
          <CoverageBar label={t("cov.overall")} counts={target.summary.overall} />
          {(Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[]).map((kind) =>
            target.summary.byKind[kind].required > 0 ? <CoverageBar key={kind} label={t(KIND_LABELS[kind])} counts={target.summary.byKind[kind]} /> : null,
          )}
          <p className="text-sm">{t("rep.notAssessed", { count: target.summary.coveredNotAssessed })}</p>
        </div>
      ))}
    </ReportSection>
  );
}
