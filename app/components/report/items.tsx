/** How each requirement of each target is covered and assessed, editorial choices marked (their reasons in the annex). */
import { StatusBadge } from "~/components/coverage-visuals";
import { DepthAgainst } from "~/components/gap-suggestions";
import type { ReportData } from "~/domain/report";
import { useT } from "~/utils/use-t";
import { EditorialMark, ReportSection, ReportSubheading, ReportTable } from "./section";

export function ReportItems({ data }: { data: ReportData }) {
  const t = useT();
  return (
    <ReportSection id="rapport-exigences" title={t("rep.items")} hint={t("rep.items.hint")}>
      {data.targets.map((target) => (
        <div key={target.slug} className="space-y-1">
          <ReportSubheading>{target.title}</ReportSubheading>
          <ReportTable
            caption={target.title}
            head={[t("cov.col.requirement"), t("cov.col.status"), t("cov.col.required"), t("cov.col.achieved"), t("rep.col.assessedIn"), t("rep.col.editorial")]}
          >
            {target.items.map((i) => (
              <tr key={i.ref}>
                <td>
                  <code>{i.ref}</code> {i.label}
                </td>
                <td>
                  <StatusBadge status={i.status} />
                </td>
                <td className="tabular-nums">{i.targetDepth === null ? "–" : <DepthAgainst depth={i.targetDepth} origin={i.depthOrigin} />}</td>
                <td className="tabular-nums">{i.achievedDepth}</td>
                <td>{i.assessedIn.join(", ") || "—"}</td>
                <td>{i.editorialReason !== null ? <EditorialMark reason={i.editorialReason} label={t("rep.editorialMark")} /> : "—"}</td>
              </tr>
            ))}
          </ReportTable>
        </div>
      ))}
    </ReportSection>
  );
}
