import { Link } from "@remix-run/react";
import { fill } from "~/i18n";
import { useT } from "~/utils/use-t";

type ListSummary = { slug: string; title: string; latestVersion: number | null; draftDiffers: boolean };

/** The school's own requirement lists, on the reference-sheet list (members of the school only). */
export function SchoolListsSection({ schoolName, canEdit, lists }: { schoolName: string; canEdit: boolean; lists: ListSummary[] }) {
  const t = useT();
  return (
    <section aria-labelledby="school-lists" className="space-y-3 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200" data-testid="school-lists">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="school-lists" className="text-xl font-semibold text-slate-900">
            {t("list.section.title")}
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{fill(t("list.section.intro"), { school: schoolName })}</p>
        </div>
        {canEdit ? (
          <Link to="/referentiels/nouvelle-liste" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-600">
            {t("list.section.new")}
          </Link>
        ) : null}
      </div>
      {lists.length === 0 ? (
        <p className="text-sm text-slate-600">{t("list.section.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {lists.map((list) => (
            <li key={list.slug} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2" data-slug={list.slug}>
              {list.latestVersion !== null ? (
                <Link to={`/referentiels/${list.slug}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {list.title}
                </Link>
              ) : (
                <span className="font-medium text-slate-900">{list.title}</span>
              )}
              <span className="text-sm text-slate-600">
                {list.latestVersion === null ? t("list.status.draftOnly") : fill(t("list.status.published"), { n: list.latestVersion })}
                {list.latestVersion !== null && list.draftDiffers ? ` · ${t("list.status.draftChanged")}` : ""}
              </span>
              {canEdit ? (
                <Link to={`/referentiels/${list.slug}/modifier`} className="ml-auto text-sm text-brand-700 underline" aria-label={`${t("list.edit")} : ${list.title}`}>
                  {t("list.edit")}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
