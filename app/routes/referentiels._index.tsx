import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { cncpText } from "~/components/reference-sheet";
import { levelOfFrameworkSlug } from "~/domain/cncp-levels";
import { SchoolListsSection } from "~/components/school-lists-section";
import { fill } from "~/i18n";
import { listLatestSheets } from "~/models/reference-sheet.server";
import { schoolListsOf } from "~/models/school-list.server";
import { getCurrentUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.referenceSheets")} · Maquette` }];

/** GET /referentiels: every public sheet in its latest version; for a member, the school's own lists first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const [sheets, lists] = await Promise.all([listLatestSheets({ db }), schoolListsOf(db, (await getCurrentUser(request))?.current ?? null)]);
  return { sheets, lists };
}

export default function ReferenceSheets() {
  const t = useT();
  const { sheets, lists } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-3xl font-bold text-brand-900">{t("ref.list.title")}</h1>
        <p className="mt-2 max-w-3xl text-slate-600">{t("ref.list.intro")}</p>
      </header>
      {lists ? <SchoolListsSection {...lists} /> : null}
      {sheets.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-slate-600 ring-1 ring-slate-200">{t("ref.list.empty")}</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label={t("ref.list.title")}>
          {sheets.map((sheet) => (
            <li key={sheet.slug} className="flex flex-col rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200" data-slug={sheet.slug}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h2 className="text-xl font-semibold text-slate-900">
                  <Link to={`/referentiels/${sheet.slug}`} className="hover:text-brand-700 hover:underline">
                    {sheet.title}
                  </Link>
                </h2>
                <span className="flex gap-1">
                  {levelOfFrameworkSlug(sheet.slug) !== null ? <span className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-900">{t("lvl.framework.badge")}</span> : null}
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{fill(t("ref.version"), { n: sheet.version })}</span>
                </span>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {t("ref.publisher")} : {sheet.publisher}
              </p>
              <p className="mt-3">
                <span className="rounded-md bg-brand-50 px-2 py-1 text-sm font-semibold text-brand-900 ring-1 ring-brand-100">{cncpText(t, sheet.cncp)}</span>
              </p>
              <dl className="mt-4 grid grid-cols-3 gap-2 text-center">
                <div className="flex flex-col-reverse rounded-lg bg-slate-50 p-2">
                  <dt className="text-xs text-slate-600">{t("ref.list.countCompetences")}</dt>
                  <dd className="text-2xl font-bold text-slate-900">{sheet.counts.competence.total}</dd>
                </div>
                <div className="flex flex-col-reverse rounded-lg bg-slate-50 p-2">
                  <dt className="text-xs text-slate-600">{t("ref.list.countKnowledge")}</dt>
                  <dd className="text-2xl font-bold text-slate-900">{sheet.counts.knowledge.total}</dd>
                </div>
                <div className="flex flex-col-reverse rounded-lg bg-slate-50 p-2">
                  <dt className="text-xs text-slate-600">{t("ref.list.countTransversal")}</dt>
                  <dd className="text-2xl font-bold text-slate-900">
                    {sheet.counts.transversal.required}
                    <span className="text-base font-normal text-slate-500"> / {sheet.counts.transversal.total}</span>
                  </dd>
                </div>
              </dl>
              <Link
                to={`/referentiels/${sheet.slug}`}
                className="mt-4 self-start rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-600"
                aria-label={`${t("ref.list.open")} : ${sheet.title}`}
              >
                {t("ref.list.open")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
