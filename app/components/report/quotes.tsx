/** Annex: every requirement of each sheet with the sheet's own words, its editorial reason and note. */
import type { ReportData } from "~/domain/report";
import { useT } from "~/utils/use-t";
import { ReportSection, ReportSubheading, ReportTable } from "./section";

export function ReportQuotes({ data }: { data: ReportData }) {
  const t = useT();
  return (
    <ReportSection id="rapport-annexe" title={t("rep.annex")} hint={t("rep.annex.hint")}>
      {data.targets.map((target) => (
        <div key={target.slug} className="space-y-1" data-testid={`report-quotes-${target.slug}`}>
          <div className="report-keep-with-next">
            <ReportSubheading>{target.title}</ReportSubheading>
            <p className="text-xs text-slate-500">{t("rep.annex.file", { file: target.sourceFile })}</p>
          </div>
          <ReportTable caption={target.title} head={[t("cov.col.requirement"), t("rep.col.quote")]}>
            {target.items.map((i) => (
              <tr key={i.ref}>
                <td className="w-1/3 align-top">
                  <code>{i.code}</code> {i.label}
                </td>
                <td className="align-top">
                  <blockquote className="italic">« {i.quote} »</blockquote>
                  {i.editorialReason !== null ? <p className="text-violet-900">{t("rep.annex.reason", { reason: i.editorialReason })}</p> : null}
                  {i.editorialNote ? <p className="text-amber-900">{t("rep.annex.note", { note: i.editorialNote })}</p> : null}
                </td>
              </tr>
            ))}
          </ReportTable>
        </div>
      ))}
    </ReportSection>
  );
}
