/** The warnings of each target, in the reader's language. */
import type { ReportData } from "~/domain/report";
import { useT } from "~/utils/use-t";
import { ReportSection } from "./section";

export function ReportWarnings({ data }: { data: ReportData }) {
  const t = useT();
  return (
    <ReportSection id="rapport-avertissements" title={t("rep.warnings")}>
      {data.targets.map((target) => (
        <div key={target.slug}>
          <div className="report-keep-with-next">
            <h3 className="report-heading font-medium">{target.title}</h3>
            {target.warnings.length === 0 ? <p className="text-sm">{t("rep.none")}</p> : null}
          </div>
          {target.warnings.length ? (
            <ul className="list-inside list-disc text-sm">
              {target.warnings.map((w, i) => (
                <li key={i}>{w.text}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </ReportSection>
  );
}
