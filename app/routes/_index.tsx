import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { checkHealth } from "~/models/health.server";
import { useT } from "~/utils/use-t";

export const meta: MetaFunction = () => [{ title: "Maquette" }];

export async function loader() {
  const health = await checkHealth();
  return { referenceSheets: health.referenceSheets ?? 0, schools: health.schools ?? 0 };
}

export default function Index() {
  const t = useT();
  const { referenceSheets, schools } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-8">
      <div className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-3xl font-bold text-brand-900">{t("home.title")}</h1>
        <p className="mt-2 text-lg text-slate-600">{t("app.tagline")}</p>
        <p className="mt-4 max-w-3xl text-slate-700">{t("home.intro")}</p>
        <Link
          to="/referentiels"
          className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600"
        >
          {t("home.browse")}
        </Link>
      </div>
      <dl className="grid gap-4 sm:grid-cols-2">
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <dt className="text-sm text-slate-500">{t("home.referenceSheets")}</dt>
          <dd className="mt-1 text-3xl font-semibold" data-testid="count-reference-sheets">
            {referenceSheets}
          </dd>
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <dt className="text-sm text-slate-500">{t("home.schools")}</dt>
          <dd className="mt-1 text-3xl font-semibold">{schools}</dd>
        </div>
      </dl>
    </section>
  );
}
