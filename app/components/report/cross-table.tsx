/** Modules × requirements: the depth each module develops, and whether it assesses it. */
import type { ReportData } from "~/domain/report";
import { useT } from "~/utils/use-t";
import { ReportSection } from "./section";

export function ReportCrossTable({ data }: { data: ReportData }) {
  const t = useT();
  return (
    <ReportSection id="rapport-croise" title={t("rep.cross")} hint={t("rep.crossHint")}>
      <div className="overflow-x-auto print:overflow-visible" tabIndex={0} role="region" aria-label={t("rep.cross")}>
        <table className="report-cross border-collapse text-[10px]">
          <thead>
            <tr>
              <th scope="col" className="border border-slate-300 px-1 text-left">
                {t("mat.module")}
              </th>
              {data.columns.map((c) => (
                <th key={c.ref} scope="col" className="border border-slate-300 px-0.5 align-bottom font-normal" title={c.label}>
                  <span className="[writing-mode:vertical-rl] rotate-180">
                    {c.ref.split("/").pop()}
                    {c.editorialReason !== null ? "*" : ""}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.modules.map((m) => (
              <tr key={m.code}>
                <th scope="row" className="whitespace-nowrap border border-slate-300 px-1 text-left font-normal">
                  S{m.semester} {m.code}
                </th>
                {data.columns.map((c) => (
                  <td key={c.ref} className="border border-slate-300 px-0.5 text-center">
                    {m.cells[c.ref] ? `${m.cells[c.ref].depth}${m.cells[c.ref].assessed ? t("rep.assessedMark") : ""}` : ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ReportSection>
  );
}
