import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { originKey } from "~/components/reference-sheet";
import { SheetDiffView } from "~/components/sheet-diff-view";
import { diffSheets, type SheetDiff } from "~/domain/sheet-diff";
import { fill } from "~/i18n";
import { findSheetVersion, listSheetVersions } from "~/models/reference-sheet.server";
import { db } from "~/utils/db.server";
import { readerSchoolId, versionParam } from "~/utils/reference-sheet-request.server";
import { metaTranslator, useLocale, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.sheetVersions")} · Maquette` }];

/** GET /referentiels/:slug/versions[?from=A&to=B]: every version, and what changed from A to B. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const schoolId = await readerSchoolId(request);
  const versions = await listSheetVersions({ db, slug, schoolId });
  if (!versions || versions.length === 0) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const requested = url.searchParams.has("from") || url.searchParams.has("to");
  let comparison: { from: number; to: number; diff: SheetDiff } | { unknown: true } | null = null;
  if (requested) {
    const [from, to] = [versionParamOrNull(url, "from"), versionParamOrNull(url, "to")];
    const [a, b] = await Promise.all([
      from ? findSheetVersion({ db, slug, version: from, schoolId }) : null,
      to ? findSheetVersion({ db, slug, version: to, schoolId }) : null,
    ]);
    comparison = a && b ? { from: a.version, to: b.version, diff: diffSheets(a.data, b.data) } : { unknown: true };
  }
  return { slug, title: versions[0].title, versions, comparison };
}

function versionParamOrNull(url: URL, name: string): number | null {
  try {
    return versionParam(url, name) ?? null;
  } catch {
    return null;
  }
}

export default function SheetVersions() {
  const t = useT();
  const locale = useLocale();
  const { slug, title, versions, comparison } = useLoaderData<typeof loader>();
  const dateFormat = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  });
  const latest = versions[0].version;
  const defaultFrom = comparison && "from" in comparison ? comparison.from : (versions[1]?.version ?? latest);
  const defaultTo = comparison && "to" in comparison ? comparison.to : latest;
  return (
    <section className="space-y-8">
      <nav className="flex gap-4 text-sm">
        <Link to="/referentiels" className="text-brand-700 hover:underline">
          ← {t("ref.backToList")}
        </Link>
        <Link to={`/referentiels/${slug}`} className="text-brand-700 hover:underline">
          {t("ref.backToSheet")}
        </Link>
      </nav>
      <h1 className="text-3xl font-bold text-brand-900">{fill(t("ref.versions.title"), { title })}</h1>

      <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">{t("ref.versions.number")}</th>
              <th scope="col" className="px-4 py-3">{t("ref.versions.date")}</th>
              <th scope="col" className="px-4 py-3">{t("ref.versions.origin")}</th>
              <th scope="col" className="px-4 py-3">{t("ref.versions.hash")}</th>
              <th scope="col" className="px-4 py-3"><span className="sr-only">{t("ref.versions.view")}</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {versions.map((version) => (
              <tr key={version.version}>
                <td className="px-4 py-3 font-semibold">{version.version}</td>
                <td className="px-4 py-3">{dateFormat.format(new Date(version.createdAt))}</td>
                <td className="px-4 py-3">{t(originKey(version.origin))}</td>
                <td className="px-4 py-3">
                  <code title={version.contentHash}>{version.contentHash.slice(0, 12)}</code>
                </td>
                <td className="px-4 py-3">
                  <Link to={`/referentiels/${slug}?version=${version.version}`} className="text-brand-700 underline">
                    {t("ref.versions.view")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="compare" className="space-y-4">
        <h2 id="compare" className="text-2xl font-semibold">{t("ref.compare.title")}</h2>
        {versions.length < 2 ? <p className="text-slate-600">{t("ref.compare.single")}</p> : null}
        <Form method="get" className="flex flex-wrap items-end gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          {(["from", "to"] as const).map((name) => (
            <label key={name} className="flex flex-col gap-1 text-sm font-medium text-slate-700">
              {t(name === "from" ? "ref.compare.from" : "ref.compare.to")}
              <select name={name} defaultValue={name === "from" ? defaultFrom : defaultTo} className="rounded-md border border-slate-300 px-3 py-2">
                {versions.map((version) => (
                  <option key={version.version} value={version.version}>
                    {version.version}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-600">
            {t("ref.compare.submit")}
          </button>
        </Form>
        {comparison && "unknown" in comparison ? (
          <p className="rounded-md bg-amber-50 p-3 text-amber-900 ring-1 ring-amber-200">{t("ref.compare.unknown")}</p>
        ) : null}
        {comparison && "diff" in comparison ? <SheetDiffView from={comparison.from} to={comparison.to} diff={comparison.diff} /> : null}
      </section>
    </section>
  );
}
