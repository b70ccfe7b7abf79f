/**
 * Coverage of an RNCP certification per bloc de compétences, on the coverage page: each bloc
 * covered, partly covered or not, assessed or not, the modules that teach it and those that
 * assess it, its competences, and a warning for a bloc some competence of which no module
 * assesses (the RNCP certifies each bloc separately). Rules: app/domain/bloc-coverage.ts.
 */
import { StatusBadge, STATUS_STYLE } from "~/components/coverage-visuals";
import type { BlocAssessment, BlocStatus, BlocView } from "~/domain/bloc-coverage";
import { fill, type MessageKey } from "~/i18n";
import { useT } from "~/utils/use-t";

const STATUS_KEYS: Record<BlocStatus, MessageKey> = { covered: "cov.bloc.status.covered", partial: "cov.bloc.status.partial", missing: "cov.bloc.status.missing" };
const ASSESSED_KEYS: Record<BlocAssessment, MessageKey> = { all: "cov.bloc.assessed.all", some: "cov.bloc.assessed.some", none: "cov.bloc.assessed.none" };

/** The state of a bloc in words: « Bloc couvert en partie, évalué en partie ». */
export function BlocState({ bloc }: { bloc: Pick<BlocView, "status" | "assessment"> }) {
  const t = useT();
  return (
    <span className={`status-badge ${STATUS_STYLE[bloc.status === "covered" && bloc.assessment === "all" ? "covered" : bloc.status === "missing" ? "missing" : "partial"].badge}`} data-testid="bloc-state">
      {t(STATUS_KEYS[bloc.status])}, {t(ASSESSED_KEYS[bloc.assessment])}
    </span>
  );
}

export function BlocCoverageSection({ blocs }: { blocs: readonly BlocView[] }) {
  const t = useT();
  if (blocs.length === 0) return null;
  const modules = (list: BlocView["teaching"]) => (list.length ? list.map((m) => m.code).join(", ") : t("cov.bloc.none"));
  return (
    <section aria-labelledby="bloc-coverage-title" className="space-y-3" data-testid="bloc-coverage">
      <h2 id="bloc-coverage-title" className="text-lg font-semibold">
        {t("cov.bloc.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("cov.bloc.hint")}</p>
      <ul className="space-y-2">
        {blocs.map((bloc) => (
          <li key={bloc.code} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-bloc={bloc.code}>
            <div className="flex flex-wrap items-center gap-2">
              <code className="text-xs text-slate-500">{bloc.code}</code>
              <span className="font-medium">{bloc.label}</span>
              <BlocState bloc={bloc} />
              <span className="ml-auto text-sm tabular-nums text-slate-600">
                {fill(t("cov.bloc.counts"), { covered: bloc.counts.covered, required: bloc.counts.required, assessed: bloc.counts.assessed })}
              </span>
            </div>
            <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
              <div>
                <dt className="inline font-medium">{t("cov.bloc.teaching")} : </dt>
                <dd className="inline" data-testid="bloc-teaching">
                  {modules(bloc.teaching)}
                </dd>
              </div>
              <div>
                <dt className="inline font-medium">{t("cov.bloc.assessing")} : </dt>
                <dd className="inline" data-testid="bloc-assessing">
                  {modules(bloc.assessing)}
                </dd>
              </div>
            </dl>
            {bloc.warning ? (
              <p className="mt-2 text-sm text-rose-800" data-testid="bloc-warning">
                ⚠ {bloc.warning}
              </p>
            ) : null}
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer select-none text-brand-700 hover:underline">{fill(t("ref.cert.items"), { count: bloc.counts.required })}</summary>
              <ul className="mt-1 space-y-1">
                {bloc.items.map((item) => (
                  <li key={item.ref} className="flex flex-wrap items-center gap-2">
                    <StatusBadge status={item.status} />
                    <span>{item.label}</span>
                    {item.required ? <span className="text-xs text-slate-500">{item.assessed ? t("cov.bloc.assessed.all") : t("cov.bloc.assessed.none")}</span> : null}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
