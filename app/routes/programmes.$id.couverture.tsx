import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { BlocCoverageSection } from "~/components/bloc-coverage";
import { CoverageBar, ProgressionHeatmap, StatusBadge } from "~/components/coverage-visuals";
import { TargetsSideBySide } from "~/components/targets-side-by-side";
import { Notice } from "~/components/forms";
import { DepthAgainst, ExpectedDepthsNote, GapList } from "~/components/gap-suggestions";
import { levelFrameworkSlug, levelOfFrameworkSlug } from "~/domain/cncp-levels";
import { CNCP_LEVELS, type CncpLevel } from "~/domain/coverage";
import { blocCoverageOf } from "~/models/certification.server";
import { cachedProgrammeCoverage } from "~/models/coverage.server";
import { commentCountsByItem, coveragePageData, keptCoveragePage } from "~/models/coverage-page.server";
import { setMapping } from "~/models/programme.server";
import { isTargetItem } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { lockMessage, requireProgramme } from "~/utils/programme-access.server";
import { readForm } from "~/utils/form-data.server";
import { fill, translator, type MessageKey } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { metaTranslator, useT } from "~/utils/use-t";

/** A page of an unchanged programme is rendered once, then sent as it was (entry.server.tsx). */
export const handle = { keepRendered: true };

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.coverage")} · Maquette` }];

const KIND_LABELS: Record<"competence" | "knowledge" | "transversal", MessageKey> = {
  competence: "cov.kind.competence",
  knowledge: "cov.kind.knowledge",
  transversal: "cov.kind.transversal",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx, editableModuleIds, canEdit } = await requireProgramme(request, params.id, { head: true });
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const levelParam = Number(url.searchParams.get("niveau"));
  const level = (CNCP_LEVELS as readonly number[]).includes(levelParam) ? (levelParam as CncpLevel) : (programme.level as CncpLevel);
  const { revision, coverages, settings } = await cachedProgrammeCoverage({ db, schoolId: ctx.school.id, head: programme, level });
  if (coverages.length === 0) {
    return { empty: true as const, programme: { id: programme.id, title: programme.title } };
  }
  // A national framework asked for at another level is the chosen level's framework.
  const asked = url.searchParams.get("fiche") ?? coverages[0].target.sheetSlug;
  const slug = levelOfFrameworkSlug(asked) !== null ? levelFrameworkSlug(level) : asked;
  const chosen = coverages.find((c) => c.target.sheetSlug === slug) ?? coverages[0];
  // The same programme revision (which follows the school's expected depths too), target,
  // level, language and editable rows make the same page data: kept, and the page rendered
  // from it is kept too (see entry.server.tsx).
  const editable = [...editableModuleIds].sort().join(",");
  const blocs = await blocCoverageOf({ db, target: chosen.target, result: chosen.result, modules: programme.modules, language: locale });
  return keptCoveragePage(`${programme.id}|${revision}|${level}|${chosen.target.sheetSlug}|${locale}|${editable}|${canEdit}`, async () =>
    coveragePageData(programme, coverages, chosen, level, locale, { editableModuleIds, canCreateModules: canEdit, settings, comments: await commentCountsByItem(db, ctx.school.id, programme.id) }, blocs),
  );
}

/** Applies one suggestion: one cell of the matrix, checked like any other edit. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, editableModuleIds, actor, lockedBy } = await requireProgramme(request, params.id, { head: true });
  if (lockedBy !== null) throw new Response(lockMessage(lockedBy), { status: 409 });
  const form = await readForm(request);
  const t = translator(await getLocale(request));
  const moduleId = String(form.get("moduleId") ?? "");
  const module = programme.modules.find((m) => m.id === moduleId);
  if (!module) throw new Response(t("cov.error.moduleNotFound"), { status: 404 });
  if (!editableModuleIds.has(moduleId)) throw new Response(t("cov.error.notYourModule"), { status: 403 });
  const depth = Number(form.get("depth"));
  if (!Number.isInteger(depth) || depth < 1 || depth > 4) return Response.json({ error: t("cov.error.depth") }, { status: 400 });
  const itemRef = String(form.get("itemRef") ?? "");
  if (!(await isTargetItem({ db, programme, itemRef }))) return Response.json({ error: t("cov.error.unknownItem") }, { status: 400 });
  const result = await setMapping({
    db,
    schoolId: actor.schoolId,
    programmeId: programme.id,
    moduleId,
    expectedVersion: module.version,
    itemRef,
    value: { depth, assessed: form.get("assessed") === "true" },
    actor,
  });
  if (!result.ok) return Response.json({ error: t("cov.error.changed") }, { status: 409 });
  return { applied: itemRef, module: module.code, depth };
}

export default function CoveragePage() {
  const data = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>() as { error?: string; applied?: string } | undefined;
  const [params] = useSearchParams();
  const t = useT();
  if (data.empty) {
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-bold">{t("cov.title")}</h1>
        <Notice>{t("cov.noTarget")}</Notice>
        <Link to={`/programmes/${data.programme.id}`} className="underline">
          ← {data.programme.title}
        </Link>
      </section>
    );
  }
  const s = data.summary.overall;
  const outOfRange = data.warnings.find((w) => w.code === "level_outside_range");
  return (
    <section className="space-y-8">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to={`/programmes/${data.programme.id}`} className="underline">
            ← {data.programme.title}
          </Link>
        </p>
        <h1 className="text-2xl font-bold text-brand-900">{fill(t("cov.titleFor"), { title: data.target.title })}</h1>
        {/* Keyed by what it shows: after a link to another target, the choosers show that one. */}
        <Form key={`${data.sheet}|${data.level}`} method="get" className="flex flex-wrap items-end gap-3 text-sm print:hidden">
          <label className="flex flex-col">
            {t("cov.target")}
            <select name="fiche" defaultValue={data.sheet} className="rounded border border-slate-300 px-2 py-1">
              {data.sideBySide.map((target) => (
                <option key={target.slug} value={target.slug}>
                  {target.title}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col">
            {t("cov.level")}
            <select name="niveau" defaultValue={String(data.level)} className="rounded border border-slate-300 px-2 py-1">
              {CNCP_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                  {l === data.programme.level ? t("cov.programmeLevel") : ""}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-white">
            {t("cov.show")}
          </button>
          <a href={`/api/v1/programmes/${data.programme.id}/coverage?sheet=${data.sheet}&level=${data.level}`} className="text-brand-700 underline">
            {t("cov.json")}
          </a>
        </Form>
      </header>

      {outOfRange ? <Notice tone="error">{outOfRange.message}</Notice> : null}

      <ExpectedDepthsNote expected={data.expected} level={data.level} editHref={data.canSetDepths ? `/programmes/${data.programme.id}/profondeurs` : null} />

      <section className="grid gap-4 md:grid-cols-4" aria-label={t("cov.figures")}>
        <Figure label={t("cov.figure.covered")} value={s.covered} total={s.required} testId="figure-covered" />
        <Figure label={t("cov.figure.partial")} value={s.partial} total={s.required} testId="figure-partial" />
        <Figure label={t("cov.figure.missing")} value={s.missing} total={s.required} testId="figure-missing" />
        <Figure label={t("cov.figure.notAssessed")} value={data.summary.coveredNotAssessed} total={s.required} testId="figure-not-assessed" />
      </section>

      <section className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 className="text-lg font-semibold">{t("cov.byKind")}</h2>
        <CoverageBar label={t("cov.overall")} counts={s} />
        {(Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[]).map((kind) =>
          data.summary.byKind[kind].required > 0 ? <CoverageBar key={kind} label={t(KIND_LABELS[kind])} counts={data.summary.byKind[kind]} /> : null,
        )}
      </section>

      {data.sideBySide.length > 1 ? <TargetsSideBySide targets={data.sideBySide} shown={data.sheet} level={data.level} /> : null}

      <BlocCoverageSection blocs={data.blocs} />

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">
          {t("cov.gaps")} <span className="text-slate-500">({data.gaps.length})</span>
        </h2>
        {outcome?.error ? <Notice tone="error">{outcome.error}</Notice> : null}
        {outcome?.applied ? <Notice tone="success">{fill(t("cov.applied"), { ref: outcome.applied })}</Notice> : null}
        {data.gaps.length === 0 ? <Notice tone="success">{t("cov.noGap")}</Notice> : <GapList programmeId={data.programme.id} gaps={data.gaps} />}
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("cov.progression")}</h2>
        <p className="text-sm text-slate-600">{t("cov.progressionHint")}</p>
        <ProgressionHeatmap rows={data.heatmap} semesters={data.programme.semesters} caption={t("cov.progressionCaption")} />
      </section>

      {data.warnings.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{fill(t("cov.warnings"), { count: data.warnings.length })}</h2>
          <ul className="list-inside list-disc text-sm text-slate-700" data-testid="coverage-warnings">
            {data.warnings.map((w, i) => (
              <li key={i}>
                <code className="text-xs text-slate-500">{w.code}</code> {w.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("cov.all")}</h2>
        <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
          {/* Cell padding set once on the table, not on each of its cells (docs/decisions/033). */}
          <table className="w-full text-sm [&_td]:px-3 [&_td]:py-1.5">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th className="px-3 py-2">{t("cov.col.requirement")}</th>
                <th className="px-3 py-2">{t("cov.col.status")}</th>
                <th className="px-3 py-2">{t("cov.col.required")}</th>
                <th className="px-3 py-2">{t("cov.col.achieved")}</th>
                <th className="px-3 py-2">{t("cov.col.assessed")}</th>
                <th className="px-3 py-2">{t("cov.col.modules")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.items.map((item) => (
                <tr key={item.ref}>
                  <td>
                    <code className="text-xs text-slate-500">{item.ref}</code> {item.label}
                  </td>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td className="tabular-nums">{item.targetDepth === null ? "–" : <DepthAgainst depth={item.targetDepth} origin={item.depthOrigin} />}</td>
                  <td className="tabular-nums">{item.achievedDepth}</td>
                  <td>{item.assessed ? t("cov.yes") : t("cov.no")}</td>
                  <td className="text-xs">{item.modules}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <p className="text-xs text-slate-500">
        {fill(t("cov.footer"), { version: data.target.version, level: data.level })}
        {params.get("niveau") ? t("cov.footerChosen") : ""}.
      </p>
    </section>
  );
}

function Figure({ label, value, total, testId }: { label: string; value: number; total: number; testId: string }) {
  const t = useT();
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm text-slate-600">{label}</p>
      <p className="text-3xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </p>
      <p className="text-xs text-slate-500">{fill(t("cov.figure.of"), { total })}</p>
    </div>
  );
}
