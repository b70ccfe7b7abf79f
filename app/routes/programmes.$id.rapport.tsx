import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CoverageBar, StatusBadge } from "~/components/coverage-visuals";
import { gapList, LEVEL_TOTAL_ECTS, type CncpLevel } from "~/domain/coverage";
import { DIPLOMA_LABELS, type DiplomaType } from "~/domain/programme";
import { programmeCoverage } from "~/models/coverage.server";
import { db } from "~/utils/db.server";
import { requireProgramme } from "~/utils/programme-access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Rapport d'accréditation · ${data?.programme.title ?? ""}` }];

const KIND_LABELS = { competence: "Compétences", knowledge: "Connaissances", transversal: "Ressources transverses" } as const;

/** The accreditation report: everything a reviewer reads, on one printable page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireProgramme(request, params.id);
  const found = await programmeCoverage({ db, schoolId: ctx.school.id, programmeId: programme.id, loaded: programme });
  const coverages = found!.coverages;
  // Columns of the cross table: every requirement of the targets, shared items once.
  const columns = new Map<string, { ref: string; label: string }>();
  for (const { target } of coverages) for (const item of target.requirements) if (item.required && !columns.has(item.ref)) columns.set(item.ref, { ref: item.ref, label: item.label });
  return {
    generatedAt: new Date().toISOString(),
    programme: {
      id: programme.id,
      title: programme.title,
      diploma: DIPLOMA_LABELS[programme.diplomaType as DiplomaType]?.fr ?? programme.diplomaType,
      level: programme.level,
      entryEcts: programme.entryEcts,
      ownEcts: programme.modules.reduce((n, m) => n + m.ects, 0),
      totalEcts: LEVEL_TOTAL_ECTS[programme.level as CncpLevel],
      semesters: programme.semesters,
      updatedAt: programme.updatedAt.toISOString(),
      isDemo: programme.isDemo,
    },
    modules: programme.modules.map((m) => ({ code: m.code, title: m.title, semester: m.semester, ects: m.ects, cells: Object.fromEntries(m.mappings.map((x) => [x.itemRef, `${x.depth}${x.assessed ? "É" : ""}`])) })),
    columns: [...columns.values()],
    targets: coverages.map(({ target, result }) => ({
      slug: target.sheetSlug,
      title: target.title,
      publisher: target.publisher,
      sourceFile: target.sourceFile,
      version: target.version,
      cncp: target.cncpMin === target.cncpMax ? `${target.cncpMin}` : `${target.cncpMin} à ${target.cncpMax}`,
      summary: result.summary,
      warnings: result.warnings.map((w) => w.message),
      gaps: gapList(result).map((g) => ({ ref: g.ref, label: g.label, status: g.status, assessed: g.assessed, requiredDepth: g.requiredDepth, achievedDepth: g.achievedDepth })),
      items: result.items.map((i) => ({ ref: i.ref, label: i.label, kind: i.kind, status: i.status, requiredDepth: i.requiredDepth, achievedDepth: i.achievedDepth, assessed: i.assessed, modules: i.modules.filter((m) => m.assessed).map((m) => m.code) })),
      editorial: [...target.editorial].map(([ref, reason]) => ({ ref, reason })),
    })),
  };
}

export default function Report() {
  const data = useLoaderData<typeof loader>();
  const date = new Date(data.generatedAt).toLocaleString("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
  const totalGaps = data.targets.reduce((n, t) => n + t.gaps.length, 0);
  return (
    <article className="report mx-auto max-w-5xl space-y-8 bg-white p-8 print:p-0 print:shadow-none">
      <div className="flex justify-between gap-2 print:hidden">
        <Link to={`/programmes/${data.programme.id}`} className="underline">
          ← Retour à la formation
        </Link>
        <div className="flex gap-2">
          <a href={`/programmes/${data.programme.id}/rapport/xlsx`} className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300">
            Tableaux (XLSX)
          </a>
          <a href={`/programmes/${data.programme.id}/rapport/pdf`} className="rounded-md bg-brand-700 px-3 py-1.5 text-white">
            Télécharger le PDF
          </a>
        </div>
      </div>
      <header className="border-b border-slate-300 pb-4">
        <p className="text-sm uppercase tracking-wide text-slate-500">Rapport d'accréditation</p>
        <h1 className="text-3xl font-bold text-brand-900">{data.programme.title}</h1>
        <p className="mt-1 text-slate-700">
          {data.programme.diploma} · niveau CNCP {data.programme.level} · {data.programme.entryEcts} ECTS d'entrée + {data.programme.ownEcts} ECTS de la formation ={" "}
          {data.programme.entryEcts + data.programme.ownEcts} ECTS (niveau {data.programme.level} : {data.programme.totalEcts}) · {data.programme.semesters} semestres
        </p>
        <p className="text-sm text-slate-500">
          Produit le {date} (UTC) à partir de la version de travail modifiée le {new Date(data.programme.updatedAt).toLocaleString("fr-FR", { timeZone: "UTC" })} (UTC). Écarts relevés :{" "}
          <span data-testid="report-gap-count">{totalGaps}</span>.
        </p>
        {data.programme.isDemo ? <p className="mt-1 text-sm font-medium text-amber-800">Formation de démonstration : données fictives.</p> : null}
      </header>

      <section className="space-y-4">
        <h2 className="text-xl font-semibold">Couverture par métier visé</h2>
        {data.targets.map((t) => (
          <div key={t.slug} className="break-inside-avoid space-y-2 rounded-md p-3 ring-1 ring-slate-200">
            <h3 className="font-semibold">
              {t.title} <span className="text-sm font-normal text-slate-500">(CNCP {t.cncp}, référentiel version {t.version})</span>
            </h3>
            <CoverageBar label="Ensemble" counts={t.summary.overall} />
            {(Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[]).map((kind) =>
              t.summary.byKind[kind].required > 0 ? <CoverageBar key={kind} label={KIND_LABELS[kind]} counts={t.summary.byKind[kind]} /> : null,
            )}
            <p className="text-sm">Couvert mais jamais évalué : {t.summary.coveredNotAssessed}</p>
          </div>
        ))}
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">Écarts</h2>
        {data.targets.map((t) => (
          <div key={t.slug} className="break-inside-avoid">
            <h3 className="font-medium">
              {t.title} ({t.gaps.length})
            </h3>
            {t.gaps.length === 0 ? (
              <p className="text-sm text-slate-600">Aucun écart.</p>
            ) : (
              <ul className="list-inside list-disc text-sm">
                {t.gaps.map((g) => (
                  <li key={g.ref}>
                    <code>{g.ref}</code> {g.label} — {g.status === "covered" ? "couvert, jamais évalué au niveau requis" : g.status === "partial" ? "partiel" : "manquant"} (atteint {g.achievedDepth} / requis{" "}
                    {g.requiredDepth ?? "non précisé"})
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>

      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Tableau croisé modules × exigences</h2>
        <p className="text-sm text-slate-600">Profondeur 1 à 4 ; É : évalué dans le module.</p>
        <div className="overflow-x-auto print:overflow-visible">
          <table className="border-collapse text-[10px]">
            <thead>
              <tr>
                <th className="border border-slate-300 px-1 text-left">Module</th>
                {data.columns.map((c) => (
                  <th key={c.ref} className="border border-slate-300 px-0.5 align-bottom font-normal" title={c.label}>
                    <span className="[writing-mode:vertical-rl] rotate-180">{c.ref.split("/").pop()}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.modules.map((m) => (
                <tr key={m.code}>
                  <th className="whitespace-nowrap border border-slate-300 px-1 text-left font-normal">
                    S{m.semester} {m.code}
                  </th>
                  {data.columns.map((c) => (
                    <td key={c.ref} className="border border-slate-300 px-0.5 text-center">
                      {m.cells[c.ref] ?? ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">Évaluation de chaque exigence</h2>
        {data.targets.map((t) => (
          <div key={t.slug}>
            <h3 className="font-medium">{t.title}</h3>
            <table className="w-full text-xs">
              <thead className="text-left">
                <tr>
                  <th>Exigence</th>
                  <th>Statut</th>
                  <th>Requis</th>
                  <th>Atteint</th>
                  <th>Évaluée dans</th>
                </tr>
              </thead>
              <tbody>
                {t.items.map((i) => (
                  <tr key={i.ref} className="border-t border-slate-100">
                    <td>
                      <code>{i.ref}</code> {i.label}
                    </td>
                    <td>
                      <StatusBadge status={i.status} />
                    </td>
                    <td>{i.requiredDepth ?? "–"}</td>
                    <td>{i.achievedDepth}</td>
                    <td>{i.modules.join(", ") || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>

      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Avertissements</h2>
        {data.targets.map((t) => (
          <div key={t.slug}>
            <h3 className="font-medium">{t.title}</h3>
            <ul className="list-inside list-disc text-sm">
              {t.warnings.length === 0 ? <li>Aucun.</li> : t.warnings.map((w, i) => <li key={i}>{w}</li>)}
            </ul>
          </div>
        ))}
      </section>

      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Sources des référentiels et choix éditoriaux</h2>
        {data.targets.map((t) => (
          <div key={t.slug} className="text-sm">
            <p>
              <strong>{t.title}</strong> — éditeur : {t.publisher} ; fichier source : <code>{t.sourceFile}</code> ; version {t.version}. Chaque exigence cite mot pour mot la phrase du
              fichier source dont elle est tirée (consultable dans Maquette, page du référentiel).
            </p>
            {t.editorial.length ? (
              <details open className="mt-1">
                <summary>Choix éditoriaux de la transcription ({t.editorial.length})</summary>
                <ul className="list-inside list-disc">
                  {t.editorial.map((e) => (
                    <li key={e.ref}>
                      <code>{e.ref}</code> : {e.reason}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        ))}
      </section>
    </article>
  );
}
