/** The report's cover page: programme, level and credits, targets, the version and its fingerprint, when it was produced. */
import { DIPLOMA_LABELS, type DiplomaType } from "~/domain/programme";
import type { ReportData } from "~/domain/report";
import { useDateFormat, useLocale, useNumberFormat, useT } from "~/utils/use-t";
import { levelText } from "./level";

export function ReportCover({ data }: { data: ReportData }) {
  const t = useT();
  const locale = useLocale();
  const format = useNumberFormat();
  const dates = useDateFormat();
  const { programme, version } = data;
  const diploma = DIPLOMA_LABELS[programme.diplomaType as DiplomaType]?.[locale] ?? programme.diplomaType;
  const totalGaps = data.targets.reduce((n, target) => n + target.gaps.length, 0);
  return (
    <header className="report-cover space-y-4 border-b border-slate-300 pb-6" data-testid="report-cover">
      <p className="text-sm uppercase tracking-wide text-slate-500">{t("rep.title")}</p>
      <h1 className="text-3xl font-bold text-brand-900">{programme.title}</h1>
      <p className="text-slate-700">
        {t("rep.facts", {
          diploma,
          level: programme.level,
          entryEcts: format.number(programme.entryEcts),
          ownEcts: format.number(programme.ownEcts),
          sumEcts: format.number(programme.entryEcts + programme.ownEcts),
          totalEcts: format.number(programme.totalEcts),
          semesters: programme.semesters,
        })}
      </p>
      <div>
        <h2 className="report-heading text-sm font-semibold uppercase tracking-wide text-slate-500">{t("rep.cover.targets")}</h2>
        <ul className="mt-1 list-inside list-disc text-slate-800">
          {data.targets.map((target) => (
            <li key={target.slug}>
              {target.title} · {levelText(target.cncp, t)}
            </li>
          ))}
        </ul>
      </div>
      <div className="text-sm text-slate-700" data-testid="report-version">
        {version ? (
          <>
            <p>
              {t("rep.cover.version", { number: version.number, date: dates(version.publishedAt), name: version.publishedByName })}
              {version.label ? ` « ${version.label} »` : ""}
            </p>
            <p className="break-all font-mono text-xs">{t("rep.cover.hash", { hash: version.snapshotHash })}</p>
            <p>{version.draftDiffers ? t("rep.cover.draftDiffers") : t("rep.cover.draftSame")}</p>
          </>
        ) : (
          <p>{t("rep.cover.noVersion")}</p>
        )}
      </div>
      <p className="text-sm text-slate-500">
        {t("rep.produced", { date: dates(data.generatedAt), updated: dates(programme.updatedAt) })} <span data-testid="report-gap-count">{totalGaps}</span>.
      </p>
      {programme.isDemo ? <p className="text-sm font-medium text-amber-800">{t("rep.demo")}</p> : null}
    </header>
  );
}
