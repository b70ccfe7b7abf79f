import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BlocModulesTables } from "~/components/bloc-modules-table";
import { CoverageBar, StatusBadge } from "~/components/coverage-visuals";
import { DownloadLink } from "~/components/download-link";
import { ReportNotes } from "~/components/report-notes";
import { mappingNotes } from "~/domain/mapping-notes";
import { DepthAgainst, ExpectedDepthsNote } from "~/components/gap-suggestions";
import { expectedDepthsAt } from "~/domain/expected-depth";
import { gapList, LEVEL_TOTAL_ECTS, type CncpLevel } from "~/domain/coverage";
import { DIPLOMA_LABELS, type DiplomaType } from "~/domain/programme";
import { blocCoverageOf } from "~/models/certification.server";
import { programmeCoverage } from "~/models/coverage.server";
import { db } from "~/utils/db.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { cncpLevels } from "~/components/programme-form";
import { fill, intlLocale, type MessageKey } from "~/i18n";
import { renderSentence } from "~/domain/sentences";
import { getLocale } from "~/utils/locale.server";
import { metaTranslator, useLocale, useNumberFormat, useT } from "~/utils/use-t";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${metaTranslator(matches)("title.report")} · ${data?.programme.title ?? ""}` }];

const KIND_LABELS: Record<"competence" | "knowledge" | "transversal", MessageKey> = {
  competence: "cov.kind.competence",
  knowledge: "cov.kind.knowledge",
  transversal: "cov.kind.transversal",
};
const GAP_LABELS: Record<"covered" | "partial" | "missing", MessageKey> = { covered: "rep.gap.covered", partial: "rep.gap.partial", missing: "rep.gap.missing" };

/** The accreditation report: everything a reviewer reads, on one printable page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireProgramme(request, params.id);
  const locale = await getLocale(request);
  const found = await programmeCoverage({ db, schoolId: ctx.school.id, programmeId: programme.id, loaded: programme });
  const coverages = found!.coverages;
  const expected = expectedDepthsAt(found!.settings, programme.level as CncpLevel);
  // Columns of the cross table: every requirement of the targets, shared items once.
  const columns = new Map<string, { ref: string; label: string }>();
  for (const { target } of coverages) for (const item of target.requirements) if (item.required && !columns.has(item.ref)) columns.set(item.ref, { ref: item.ref, label: item.label });
  // The blocs × modules table of each target that is an RNCP certification.
  const blocTables = (
    await Promise.all(coverages.map(async ({ target, result }) => ({ slug: target.sheetSlug, title: target.title, blocs: await blocCoverageOf({ db, target, result, modules: programme.modules, language: locale }), modules: programme.modules.map((m) => ({ code: m.code, semester: m.semester })) })))
  ).filter((table) => table.blocs.length > 0);
  return {
    blocTables,
    generatedAt: new Date().toISOString(),
    programme: {
      id: programme.id,
      title: programme.title,
      diplomaType: programme.diplomaType as DiplomaType,
      level: programme.level,
      entryEcts: programme.entryEcts,
      ownEcts: programme.modules.reduce((n, m) => n + m.ects, 0),
      totalEcts: LEVEL_TOTAL_ECTS[programme.level as CncpLevel],
      semesters: programme.semesters,
      updatedAt: programme.updatedAt.toISOString(),
      isDemo: programme.isDemo,
    },
    modules: programme.modules.map((m) => ({ code: m.code, title: m.title, semester: m.semester, ects: m.ects, cells: Object.fromEntries(m.mappings.map((x) => [x.itemRef, { depth: x.depth, assessed: x.assessed }])) })),
    columns: [...columns.values()],
    notes: mappingNotes(programme.modules),
    // The depths the school (or the programme) expects where a sheet gives none, shown as its choice.
    expected: (["competence", "knowledge", "transversal"] as const).flatMap((kind) => (expected[kind] ? [{ kind, ...expected[kind] }] : [])),
    targets: coverages.map(({ target, result }) => ({
      slug: target.sheetSlug,
      title: target.title,
      publisher: target.publisher,
      sourceFile: target.sourceFile,
      version: target.version,
      cncpMin: target.cncpMin,
      cncpMax: target.cncpMax,
      summary: result.summary,
      warnings: result.warnings.map((w) => renderSentence(w.sentence, locale)),
      gaps: gapList(result).map((g) => ({ ref: g.ref, label: g.label, status: g.status, assessed: g.assessed, requiredDepth: g.requiredDepth, targetDepth: g.targetDepth, depthOrigin: g.depthOrigin, achievedDepth: g.achievedDepth })),
      items: result.items.map((i) => ({ ref: i.ref, label: i.label, kind: i.kind, status: i.status, requiredDepth: i.requiredDepth, targetDepth: i.targetDepth, depthOrigin: i.depthOrigin, achievedDepth: i.achievedDepth, assessed: i.assessed, modules: i.modules.filter((m) => m.assessed).map((m) => m.code) })),
      editorial: [...target.editorial].map(([ref, reason]) => ({ ref, reason })),
    })),
  };
}

export default function Report() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const format = useNumberFormat();
  const date = new Date(data.generatedAt).toLocaleString(intlLocale(locale), { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
  const updated = new Date(data.programme.updatedAt).toLocaleString(intlLocale(locale), { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
  const diploma = DIPLOMA_LABELS[data.programme.diplomaType]?.[locale] ?? data.programme.diplomaType;
  const totalGaps = data.targets.reduce((n, t) => n + t.gaps.length, 0);
  return (
    <article className="report mx-auto max-w-5xl space-y-8 bg-white p-8 print:p-0 print:shadow-none">
      <div className="flex items-start justify-between gap-2 print:hidden">
        <Link to={`/programmes/${data.programme.id}`} className="underline">
          {t("prog.link.back")}
        </Link>
        <div className="flex items-start gap-2">
          <DownloadLink
            href={`/programmes/${data.programme.id}/rapport/xlsx`}
            fileName={`rapport-${data.programme.id}.xlsx`}
            waitingMessage="rep.download.xlsx"
            className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300"
          >
            {t("rep.tables")}
          </DownloadLink>
          <DownloadLink
            href={`/programmes/${data.programme.id}/rapport/pdf`}
            fileName={`rapport-${data.programme.id}.pdf`}
            waitingMessage="rep.download.pdf"
            className="rounded-md bg-brand-700 px-3 py-1.5 text-white"
          >
            {t("rep.pdf")}
          </DownloadLink>
        </div>
      </div>
      <header className="border-b border-slate-300 pb-4">
        <p className="text-sm uppercase tracking-wide text-slate-500">{t("rep.title")}</p>
        <h1 className="text-3xl font-bold text-brand-900">{data.programme.title}</h1>
        <p className="mt-1 text-slate-700">
          {fill(t("rep.facts"), {
            diploma,
            level: data.programme.level,
            entryEcts: format.number(data.programme.entryEcts),
            ownEcts: format.number(data.programme.ownEcts),
            sumEcts: format.number(data.programme.entryEcts + data.programme.ownEcts),
            totalEcts: format.number(data.programme.totalEcts),
            semesters: data.programme.semesters,
          })}
        </p>
        <p className="text-sm text-slate-500">
          {fill(t("rep.produced"), { date, updated })}{" "}
          <span data-testid="report-gap-count">{totalGaps}</span>.
        </p>
        {data.programme.isDemo ? <p className="mt-1 text-sm font-medium text-amber-800">{t("rep.demo")}</p> : null}
      </header>

      <ExpectedDepthsNote expected={data.expected} level={data.programme.level} editHref={null} />

      <section className="space-y-4">
        <h2 className="text-xl font-semibold">{t("rep.coverage")}</h2>
        {data.targets.map((target) => (
          <div key={target.slug} className="break-inside-avoid space-y-2 rounded-md p-3 ring-1 ring-slate-200">
            <h3 className="font-semibold">
              {target.title} <span className="text-sm font-normal text-slate-500">{fill(t("rep.targetInfo"), { cncp: cncpLevels(target, t), version: target.version })}</span>
            </h3>
            <CoverageBar label={t("cov.overall")} counts={target.summary.overall} />
            {(Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[]).map((kind) =>
              target.summary.byKind[kind].required > 0 ? <CoverageBar key={kind} label={t(KIND_LABELS[kind])} counts={target.summary.byKind[kind]} /> : null,
            )}
            <p className="text-sm">{fill(t("rep.notAssessed"), { count: target.summary.coveredNotAssessed })}</p>
          </div>
        ))}
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t("rep.gaps")}</h2>
        {data.targets.map((target) => (
          <div key={target.slug} className="break-inside-avoid">
            <h3 className="font-medium">
              {target.title} ({target.gaps.length})
            </h3>
            {target.gaps.length === 0 ? (
              <p className="text-sm text-slate-600">{t("rep.noGap")}</p>
            ) : (
              <ul className="list-inside list-disc text-sm">
                {target.gaps.map((g) => (
                  <li key={g.ref}>
                    <code>{g.ref}</code> {g.label} —{" "}
                    {fill(t("rep.gap"), {
                      status: t(GAP_LABELS[g.status === "covered" || g.status === "partial" ? g.status : "missing"]),
                      achieved: g.achievedDepth,
                      required: g.targetDepth === null ? t("cov.unspecified") : `${g.targetDepth}${g.depthOrigin === "school" ? ` ${t("lvl.depth.bySchool")}` : g.depthOrigin === "programme" ? ` ${t("lvl.depth.byProgramme")}` : ""}`,
                    })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>

      <section className="space-y-2">
        <h2 className="text-xl font-semibold">{t("rep.cross")}</h2>
        <p className="text-sm text-slate-600">{t("rep.crossHint")}</p>
        <div className="overflow-x-auto print:overflow-visible" tabIndex={0} role="region" aria-label={t("rep.cross")}>
          <table className="border-collapse text-[10px]">
            <thead>
              <tr>
                <th className="border border-slate-300 px-1 text-left">{t("mat.module")}</th>
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
                      {m.cells[c.ref] ? `${m.cells[c.ref].depth}${m.cells[c.ref].assessed ? t("rep.assessedMark") : ""}` : ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <ReportNotes notes={data.notes} />
      <BlocModulesTables tables={data.blocTables} />

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t("rep.items")}</h2>
        {data.targets.map((target) => (
          <div key={target.slug}>
            <h3 className="font-medium">{target.title}</h3>
            <table className="w-full text-xs">
              <thead className="text-left">
                <tr>
                  <th>{t("cov.col.requirement")}</th>
                  <th>{t("cov.col.status")}</th>
                  <th>{t("cov.col.required")}</th>
                  <th>{t("cov.col.achieved")}</th>
                  <th>{t("rep.col.assessedIn")}</th>
                </tr>
              </thead>
              <tbody>
                {target.items.map((i) => (
                  <tr key={i.ref} className="border-t border-slate-100">
                    <td>
                      <code>{i.ref}</code> {i.label}
                    </td>
                    <td>
                      <StatusBadge status={i.status} />
                    </td>
                    <td>{i.targetDepth === null ? "–" : <DepthAgainst depth={i.targetDepth} origin={i.depthOrigin} />}</td>
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
        <h2 className="text-xl font-semibold">{t("rep.warnings")}</h2>
        {data.targets.map((target) => (
          <div key={target.slug}>
            <h3 className="font-medium">{target.title}</h3>
            <ul className="list-inside list-disc text-sm">
              {target.warnings.length === 0 ? <li>{t("rep.none")}</li> : target.warnings.map((w, i) => <li key={i}>{w}</li>)}
            </ul>
          </div>
        ))}
      </section>

      <section className="space-y-2">
        <h2 className="text-xl font-semibold">{t("rep.sources")}</h2>
        {data.targets.map((target) => (
          <div key={target.slug} className="text-sm">
            <p>
              <strong>{target.title}</strong> {fill(t("rep.source.publisher"), { publisher: target.publisher })} <code>{target.sourceFile}</code>
              {fill(t("rep.source.rest"), { version: target.version })}
            </p>
            {target.editorial.length ? (
              <details open className="mt-1">
                <summary>{fill(t("rep.editorial"), { count: target.editorial.length })}</summary>
                <ul className="list-inside list-disc">
                  {target.editorial.map((e) => (
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
