import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DIPLOMA_LABELS, type DiplomaType } from "~/domain/programme";
import { canEditProgrammes } from "~/domain/roles";
import { programmeOverviews } from "~/models/coverage.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Formations · Maquette" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { school, role, user } = await requireMembership(request);
  const programmes = await programmeOverviews({ db, schoolId: school.id, reviewerId: role === "reviewer" ? user.id : undefined });
  return { programmes: programmes.map(({ teacherIds: _teacherIds, ...p }) => ({ ...p, diplomaType: p.diplomaType as DiplomaType })), canCreate: canEditProgrammes(role), school: school.name };
}

export default function Programmes() {
  const { programmes, canCreate, school } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-brand-900">Formations</h1>
          <p className="text-slate-600">{school}</p>
        </div>
        {canCreate ? (
          <div className="flex gap-2">
            <Link to="/programmes/importer" className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
              Importer (CSV, XLSX)
            </Link>
            <Link to="/programmes/nouveau" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
              Nouvelle formation
            </Link>
          </div>
        ) : null}
      </header>
      {programmes.length === 0 ? (
        <div className="rounded-lg bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
          <p className="text-lg font-medium">Aucune formation pour l'instant.</p>
          <p className="mt-2 text-slate-600">
            {canCreate ? "Créez votre première maquette, ou importez-la depuis un tableur (une ligne par correspondance module × exigence)." : "Vous verrez ici les formations auxquelles vous avez accès."}
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
                <span className="shrink-0 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-900">Niveau {p.level}</span>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {DIPLOMA_LABELS[p.diplomaType]?.fr ?? p.diplomaType} · {p.modules} modules{p.isDemo ? " · démonstration" : ""}
              </p>
              <ul className="mt-3 space-y-2">
                {p.coverage.map((c) => (
                  <li key={c.slug} className="text-sm">
                    <div className="flex justify-between gap-2">
                      <span className="truncate">{c.title}</span>
                      <span className="tabular-nums text-slate-700">
                        {c.covered}/{c.required} · {Math.round(c.ratio * 100)} %
                      </span>
                    </div>
                    <div className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100" role="img" aria-label={`${c.title} : ${Math.round(c.ratio * 100)} % couvert`}>
                      <div className="h-full bg-emerald-600" style={{ width: `${Math.round(c.ratio * 100)}%` }} />
                    </div>
                  </li>
                ))}
              </ul>
              <div className="mt-4 flex gap-3 text-sm">
                <Link className="text-brand-700 underline" to={`/programmes/${p.id}/matrice`}>
                  Matrice
                </Link>
                <Link className="text-brand-700 underline" to={`/programmes/${p.id}/couverture`}>
                  Couverture
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
