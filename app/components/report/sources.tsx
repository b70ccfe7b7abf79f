/** Each sheet by its title, publisher and date, with its version and fingerprint, and the transcription's editorial choices. */
import type { ReportData } from "~/domain/report";
import { useDateFormat, useT } from "~/utils/use-t";
import { levelText } from "./level";
import { ReportSection } from "./section";

export function ReportSources({ data }: { data: ReportData }) {
  const t = useT();
  const dates = useDateFormat();
  return (
    <ReportSection id="rapport-sources" title={t("rep.sources")} hint={t("rep.sources.hint")}>
      {data.targets.map((target) => {
        const editorial = target.items.filter((i) => i.editorialReason !== null);
        return (
          <div key={target.slug} className="space-y-1 text-sm" data-testid={`report-source-${target.slug}`}>
            <p className="report-keep-with-next">
              <strong>{target.title}</strong> — {target.publisher.name}
              {target.publisher.editorialReason !== null ? ` (${t("rep.source.publisherEditorial", { reason: target.publisher.editorialReason })})` : ""},{" "}
              {target.published ? t("rep.source.publishedOn", { date: dates.day(`${target.published}T12:00:00Z`) }) : t("rep.source.notDated")}. {levelText(target.cncp, t)}.{" "}
              {t("rep.source.version", { version: target.version, loaded: dates(target.loadedAt), hash: target.contentHash.slice(0, 12) })}
            </p>
            {editorial.length ? (
              <details open>
                <summary>{t("rep.editorial", { count: editorial.length })}</summary>
                <ul className="list-inside list-disc">
                  {editorial.map((e) => (
                    <li key={e.ref}>
                      <code>{e.ref}</code> : {e.editorialReason}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        );
      })}
    </ReportSection>
  );
}
