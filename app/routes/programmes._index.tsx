import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DIPLOMA_LABELS, type DiplomaType } from "~/domain/programme";
import { canEditProgrammes } from "~/domain/roles";
import { programmeOverviews } from "~/models/coverage.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fill } from "~/i18n";
import { metaTranslator, useLocale, useNumberFormat, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.programmes")} · Maquette` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { school, role, user } = await requireMembership(request);
  const programmes = await programmeOverviews({ db, schoolId: school.id, reviewerId: role === "reviewer" ? user.id : undefined });
  return { programmes: programmes.map(({ teacherIds: _teacherIds, ...p }) => ({ ...p, diplomaType: p.diplomaType as DiplomaType })), canCreate: canEditProgrammes(role), school: school.name };
}

export default function Programmes() {
  const { programmes, canCreate, school } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const format = useNumberFormat();
  return (
    <section className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-brand-900">{t("prog.list.title")}</h1>
          <p className="text-slate-600">{school}</p>
        </div>
        {canCreate ? (
          <div className="flex gap-2">
            <Link to="/programmes/importer" className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
              {t("prog.list.import")}
            </Link>
            <Link to="/programmes/nouveau" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
              {t("prog.list.new")}
            </Link>
          </div>
        ) : null}
      </header>
      {programmes.length === 0 ? (
        <div className="rounded-lg bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
          <p className="text-lg font-medium">{t("prog.list.empty")}</p>
          <p className="mt-2 text-slate-600">
            {canCreate ? t("prog.list.emptyHint") : t("prog.list.emptyReader")}
          </p>
        </div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {programmes.map((p) => (
            <li key={p.id} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
              <div className="flex items-start justify-between gap-2">
                <Link to={`/programmes/${p.id}`} className="text-lg font-semibold text-brand-900 hover:underline">
                  {p.title}
                </Link>
                <span className="shrink-0 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-900">{fill(t("prog.list.level"), { level: p.level })}</span>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {DIPLOMA_LABELS[p.diplomaType]?.[locale] ?? p.diplomaType} · {t("prog.list.modules", { count: p.modules })}
                {p.isDemo ? ` · ${t("prog.list.demo")}` : ""}
              </p>
              <ul className="mt-3 space-y-2">
                {p.coverage.map((c) => (
                  <li key={c.slug} className="text-sm">
                    <div className="flex justify-between gap-2">
                      <span className="truncate">{c.title}</span>
                      <span className="tabular-nums text-slate-700">
                        {c.covered}/{c.required} · {format.percent(c.ratio)}
                      </span>
                    </div>
                    <div className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100" role="img" aria-label={fill(t("prog.list.coveredAria"), { title: c.title, percent: format.percent(c.ratio) })}>
                      <div className="h-full bg-emerald-600" style={{ width: `${Math.round(c.ratio * 100)}%` }} />
                    </div>
                  </li>
                ))}
              </ul>
              <div className="mt-4 flex gap-3 text-sm">
                <Link className="text-brand-700 underline" to={`/programmes/${p.id}/matrice`}>
                  {t("prog.link.matrix")}
                </Link>
                <Link className="text-brand-700 underline" to={`/programmes/${p.id}/couverture`}>
                  {t("prog.link.coverage")}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
