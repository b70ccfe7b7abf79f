/** The gaps of each target, most severe first, editorial items marked. */
import type { MessageKey } from "~/i18n";
import type { ReportData } from "~/domain/report";
import { useT } from "~/utils/use-t";
import { EditorialMark, ReportSection } from "./section";

const GAP_LABELS: Record<"covered" | "partial" | "missing", MessageKey> = { covered: "rep.gap.covered", partial: "rep.gap.partial", missing: "rep.gap.missing" };

export function ReportGaps({ data }: { data: ReportData }) {
  const t = useT();
  return (
    <ReportSection id="rapport-ecarts" title={t("rep.gaps")}>
      {data.targets.map((target) => (
        <div key={target.slug}>
          <div className="report-keep-with-next">
            <h3 className="report-heading font-medium">
              {target.title} ({target.gaps.length})
            </h3>
            {target.gaps.length === 0 ? <p className="text-sm text-slate-600">{t("rep.noGap")}</p> : null}
          </div>
          {target.gaps.length ? (
            <ul className="list-inside list-disc text-sm">
              {target.gaps.map((g) => (
                <li key={g.ref} className="break-inside-avoid">
                  <code>{g.ref}</code> {g.label}
                  <EditorialMark reason={g.editorialReason} label={t("rep.editorialMark")} /> —{" "}
                  {t("rep.gap", {
                    status: t(GAP_LABELS[g.status === "covered" || g.status === "partial" ? g.status : "missing"]),
                    achieved: g.achievedDepth,
                    required: g.targetDepth === null ? t("cov.unspecified") : `${g.targetDepth}${g.depthOrigin === "school" ? ` ${t("lvl.depth.bySchool")}` : g.depthOrigin === "programme" ? ` ${t("lvl.depth.byProgramme")}` : ""}`,
                  })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </ReportSection>
  );
}
