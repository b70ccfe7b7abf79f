/** The modules: titles, credits, hours (lectures, tutorials, practical work, project) and how each is assessed. */
import type { ReportData } from "~/domain/report";
import { useNumberFormat, useT } from "~/utils/use-t";
import { ReportSection, ReportTable } from "./section";

export function ReportModules({ data }: { data: ReportData }) {
  const t = useT();
  const format = useNumberFormat();
  return (
    <ReportSection id="rapport-modules" title={t("rep.modules")} hint={t("rep.modules.hint")}>
      <ReportTable
        caption={t("rep.modules")}
        head={[t("rep.col.semester"), t("rep.col.code"), t("rep.col.title"), t("rep.col.ects"), t("rep.col.lectures"), t("rep.col.tutorials"), t("rep.col.practical"), t("rep.col.projects"), t("rep.col.assessment")]}
      >
        {data.modules.map((m) => (
          <tr key={m.code}>
            <td className="tabular-nums">{m.semester}</td>
            <td className="whitespace-nowrap font-mono">{m.code}</td>
            <td>{m.title}</td>
            <td className="tabular-nums">{format.number(m.ects)}</td>
            <td className="tabular-nums">{m.hours.lectures}</td>
            <td className="tabular-nums">{m.hours.tutorials}</td>
            <td className="tabular-nums">{m.hours.practical}</td>
            <td className="tabular-nums">{m.hours.projects}</td>
            <td>{m.assessmentMethod || <span className="text-slate-500">{t("rep.noAssessment")}</span>}</td>
          </tr>
        ))}
      </ReportTable>
    </ReportSection>
  );
}
