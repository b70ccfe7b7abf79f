import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { checkHealth } from "~/models/health.server";
import { programmeOverviews } from "~/models/coverage.server";
import { pendingReviews } from "~/models/review.server";
import { ReviewStatusBadge } from "~/components/versions";
import { fill } from "~/i18n";
import { describeEntry } from "~/domain/history";
import { getLocale } from "~/utils/locale.server";
import { getCurrentUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { useDateFormat, useNumberFormat, useT } from "~/utils/use-t";

export const meta: MetaFunction = () => [{ title: "Maquette" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentUser(request);
  const health = await checkHealth();
  const counts = { referenceSheets: health.referenceSheets ?? 0, schools: health.schools ?? 0 };
  if (!current?.current) return { counts, dashboard: null };
  const { school, role } = current.current;
  const all = await programmeOverviews({ db, schoolId: school.id, reviewerId: role === "reviewer" ? current.user.id : undefined });
  // A teacher sees first the programmes where they teach.
  const programmes = role === "teacher" ? [...all].sort((a, b) => Number(b.teacherIds.includes(current.user.id)) - Number(a.teacherIds.includes(current.user.id))) : all;
  const recent =
    role === "reviewer"
      ? []
      : await db.auditLog.findMany({
          where: { schoolId: school.id, action: { notIn: ["login", "logout"] } },
          orderBy: { id: "desc" },
          take: 8,
          select: { id: true, action: true, entity: true, before: true, after: true, programmeId: true, createdAt: true, userId: true },
        });
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: recent.flatMap((r) => (r.userId ? [r.userId] : [])) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const locale = await getLocale(request);
  // The titles of the programmes the changes belong to (a deleted one has none).
  const titles = new Map(
    (await db.programme.findMany({ where: { schoolId: school.id, id: { in: recent.flatMap((r) => (r.programmeId ? [r.programmeId] : [])) } }, select: { id: true, title: true } })).map((p) => [p.id, p.title]),
  );
  const pending = await pendingReviews({ db, schoolId: school.id, role, userId: current.user.id });
  return {
    counts,
    dashboard: {
      pending,
      name: current.user.name,
      school: school.name,
      role,
      programmes: programmes.map((p) => ({ id: p.id, title: p.title, level: p.level, mine: p.teacherIds.includes(current.user.id), coverage: p.coverage })),
      // Each change in a sentence of the reader's language, with the programme it belongs to.
      recent: recent.map((r) => ({
        id: r.id,
        who: (r.userId && names.get(r.userId)) || "—",
        text: describeEntry(r, locale).text,
        programme: r.programmeId ? { id: r.programmeId, title: titles.get(r.programmeId) ?? null } : null,
        when: r.createdAt.toISOString(),
      })),
    },
  };
}

export default function Index() {
  const t = useT();
  const format = useNumberFormat();
  const dates = useDateFormat();
  const { counts, dashboard } = useLoaderData<typeof loader>();
  if (dashboard) {
    return (
      <section className="space-y-8">
        <header>
          <h1 className="text-3xl font-bold text-brand-900">{fill(t("dash.hello"), { name: dashboard.name })}</h1>
          <p className="text-slate-600">{dashboard.school}</p>
        </header>
        {dashboard.pending.length ? (
          <section className="space-y-3" aria-labelledby="pending-reviews">
            <h2 id="pending-reviews" className="text-xl font-semibold">
              {t(dashboard.role === "reviewer" ? "dash.pending.reviewer" : "dash.pending.manager")}
            </h2>
            <ul className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200" data-testid="pending-reviews">
              {dashboard.pending.map((p) => (
                <li key={p.programmeId} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
                  <Link to={`/programmes/${p.programmeId}/revue`} className="font-medium text-brand-900 underline">
                    {p.title} · {fill(t("ver.name"), { number: p.number })}
                  </Link>
                  <ReviewStatusBadge status={p.status} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section className="space-y-3" aria-labelledby="mes-formations">
          <div className="flex items-center justify-between">
            <h2 id="mes-formations" className="text-xl font-semibold">
              {dashboard.role === "reviewer" ? t("dash.programmes.reviewer") : t("dash.programmes.mine")}
            </h2>
            <Link to="/programmes" className="text-sm text-brand-700 underline">
              {t("dash.programmes.all")}
            </Link>
          </div>
          {dashboard.programmes.length === 0 ? (
            <p className="rounded-lg bg-white p-6 text-slate-600 ring-1 ring-slate-200">
              {dashboard.role === "reviewer" ? t("dash.programmes.emptyReviewer") : t("dash.programmes.empty")}
            </p>
          ) : (
            <ul className="grid gap-3 md:grid-cols-2" data-testid="dashboard-programmes">
              {dashboard.programmes.map((p) => (
                <li key={p.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
                  <div className="flex items-start justify-between gap-2">
                    <Link to={`/programmes/${p.id}`} className="font-semibold text-brand-900 hover:underline">
                      {p.title}
                    </Link>
                    <span className="shrink-0 text-xs text-slate-500">
                      {fill(t("dash.level"), { level: p.level })}
                      {p.mine ? t("dash.yourModules") : ""}
                    </span>
                  </div>
                  <ul className="mt-2 space-y-1">
                    {p.coverage.map((c) => (
                      <li key={c.slug} className="flex items-center gap-2 text-xs">
                        <span className="w-40 truncate" title={c.title}>
                          {c.title}
                        </span>
                        <span className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100" role="img" aria-label={fill(t("dash.covered"), { percent: format.percent(c.ratio) })}>
                          <span className="block h-full bg-emerald-600" style={{ width: `${Math.round(c.ratio * 100)}%` }} />
                        </span>
                        <span className="w-10 text-right tabular-nums">{format.percent(c.ratio)}</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
        {dashboard.role !== "reviewer" ? (
          <section className="space-y-3" aria-labelledby="recent">
            <h2 id="recent" className="text-xl font-semibold">
              {t("dash.recent")}
            </h2>
            {dashboard.recent.length === 0 ? (
              <p className="text-slate-600">{t("dash.recent.empty")}</p>
            ) : (
              <ul className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200" data-testid="recent-changes">
                {dashboard.recent.map((r) => (
                  <li key={r.id} className="flex justify-between gap-2 px-4 py-2 text-sm">
                    <span>
                      <strong>{r.who}</strong> {r.text}
                      {r.programme ? (
                        <>
                          {" · "}
                          {r.programme.title ? (
                            <Link to={`/programmes/${r.programme.id}`} className="text-brand-700 underline">
                              {r.programme.title}
                            </Link>
                          ) : (
                            t("dash.deletedProgramme")
                          )}
                        </>
                      ) : null}
                    </span>
                    <time dateTime={r.when} className="shrink-0 text-slate-500">
                      {dates.dateTime(r.when, "short")}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
      </section>
    );
  }
  return (
    <section className="space-y-8">
      <div className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-3xl font-bold text-brand-900">{t("home.title")}</h1>
        <p className="mt-2 text-lg text-slate-600">{t("app.tagline")}</p>
        <p className="mt-4 max-w-3xl text-slate-700">{t("home.intro")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link to="/referentiels" className="inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
            {t("home.browse")}
          </Link>
          <Link to="/connexion" className="inline-block rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
            {t("nav.signIn")}
          </Link>
          <Link to="/inscription" className="inline-block rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
            {t("nav.signUp")}
          </Link>
        </div>
      </div>
      <dl className="grid gap-4 sm:grid-cols-2">
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <dt className="text-sm text-slate-500">{t("home.referenceSheets")}</dt>
          <dd className="mt-1 text-3xl font-semibold" data-testid="count-reference-sheets">
            {counts.referenceSheets}
          </dd>
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <dt className="text-sm text-slate-500">{t("home.schools")}</dt>
          <dd className="mt-1 text-3xl font-semibold">{counts.schools}</dd>
        </div>
      </dl>
    </section>
  );
}
