/**
 * What a certification sheet shows of its RNCP fiche, above its requirements: the export it was
 * read from, level, certifiers, NSF and Formacode codes, each bloc with its assessment methods
 * and its competence list as the export writes it, and the fiche's activities and capacities.
 */
import { EditorialBadge, Field, SourceQuote } from "~/components/reference-sheet";
import type { CertificationData, Requirement } from "~/domain/reference-data";
import { textLines } from "~/domain/rncp-text";
import { fill, intlLocale } from "~/i18n";
import { useLocale, useT } from "~/utils/use-t";

function Lines({ text }: { text: string }) {
  return (
    <ul className="list-disc space-y-0.5 pl-5">
      {textLines(text).map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

export function CertificationSheet({ certification, requirements }: { certification: CertificationData; requirements: readonly Requirement[] }) {
  const t = useT();
  const locale = useLocale();
  const codes = (list: CertificationData["nsf"]) => (list.length ? list.map((entry) => `${entry.code}${entry.label ? ` ${entry.label}` : ""}`).join(" · ") : t("ref.none"));
  const date = new Date(`${certification.exportDate}T12:00:00Z`).toLocaleDateString(intlLocale(locale), { dateStyle: "long", timeZone: "Europe/Paris" });
  return (
    <section aria-labelledby="certification-title" className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200" data-testid="certification">
      <h2 id="certification-title" className="text-2xl font-semibold text-slate-900">
        {t("ref.cert.title")} <code className="text-lg">{certification.number}</code>
      </h2>
      <dl className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
        <Field label={t("ref.cert.level")}>
          <span data-testid="certification-level">
            {certification.level.label ?? certification.level.code} ({certification.level.code})
          </span>
        </Field>
        <Field label={t("ref.cert.certifiers")}>
          <ul>
            {certification.certifiers.map((certifier) => (
              <li key={`${certifier.name}-${certifier.siret ?? ""}`}>
                {certifier.name}
                {certifier.siret ? <span className="text-xs text-slate-500"> (SIRET {certifier.siret})</span> : null}
              </li>
            ))}
          </ul>
        </Field>
        <Field label={t("ref.cert.export")}>
          {certification.exportFormat === "xml" ? fill(t("ref.cert.exportXml"), { version: certification.formatVersion ?? "", date }) : fill(t("ref.cert.exportCsv"), { date })}
        </Field>
        <Field label={t("ref.cert.nsf")}>{codes(certification.nsf)}</Field>
        <Field label={t("ref.cert.formacodes")}>{codes(certification.formacodes)}</Field>
      </dl>
      {certification.exportFormat === "csv" ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="csv-note">
          {t("imp.rncp.csvNote")}
        </p>
      ) : null}
      <h3 className="text-lg font-semibold">{fill(t("ref.cert.blocs"), { count: certification.blocs.length })}</h3>
      <ul className="space-y-3">
        {certification.blocs.map((bloc) => {
          const items = requirements.filter((item) => item.required && (item.code === bloc.code || item.code.startsWith(`${bloc.code}.`)));
          return (
            <li key={bloc.code} className="rounded-lg p-4 ring-1 ring-slate-200" data-bloc={bloc.code}>
              <p className="flex flex-wrap items-baseline gap-2">
                <code className="rounded bg-slate-800 px-1.5 py-0.5 text-xs font-semibold text-white">{bloc.code}</code>
                <span className="font-medium">{bloc.label}</span>
                <span className="text-sm text-slate-500">{fill(t("ref.cert.items"), { count: items.length })}</span>
                {bloc.editorial ? <EditorialBadge reason={bloc.editorialReason} /> : null}
              </p>
              <div className="mt-2 text-sm text-slate-700" data-testid="bloc-assessment">
                <h4 className="font-semibold">{t("ref.cert.assessment")}</h4>
                {bloc.assessment ? <Lines text={bloc.assessment.text} /> : <p>{t("ref.cert.noAssessment")}</p>}
              </div>
              {bloc.competences ? (
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer select-none text-brand-700 hover:underline">{t("ref.cert.list")}</summary>
                  <SourceQuote source={bloc.competences.source} />
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
      {certification.activities || certification.capacities ? (
        <details className="text-sm">
          <summary className="cursor-pointer select-none text-brand-700 hover:underline">{t("ref.cert.context")}</summary>
          {(
            [
              ["ref.cert.activities", certification.activities],
              ["ref.cert.capacities", certification.capacities],
            ] as const
          ).map(([label, text]) =>
            text ? (
              <div key={label} className="mt-2 text-slate-700">
                <h4 className="font-semibold">{t(label)}</h4>
                <Lines text={text.text} />
              </div>
            ) : null,
          )}
        </details>
      ) : null}
    </section>
  );
}
