import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CoverageBar, ProgressionHeatmap, StatusBadge } from "~/components/coverage-visuals";
import { Notice } from "~/components/forms";
import { CNCP_LEVELS, type CncpLevel } from "~/domain/coverage";
import { cachedProgrammeCoverage } from "~/models/coverage.server";
import { coveragePageData, keptCoveragePage } from "~/models/coverage-page.server";
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
  const { programme, ctx, editableModuleIds } = await requireProgramme(request, params.id, { head: true });
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const levelParam = Number(url.searchParams.get("niveau"));
  const level = (CNCP_LEVELS as readonly number[]).includes(levelParam) ? (levelParam as CncpLevel) : (programme.level as CncpLevel);
  const { revision, coverages } = await cachedProgrammeCoverage({ db, schoolId: ctx.school.id, head: programme, level });
  if (coverages.length === 0) {
    return { empty: true as const, programme: { id: programme.id, title: programme.title } };
  }
  const slug = url.searchParams.get("fiche") ?? coverages[0].target.sheetSlug;
  const chosen = coverages.find((c) => c.target.sheetSlug === slug) ?? coverages[0];
  // The same programme revision, target, level, language and editable rows make the same page
  // data: kept, and the page rendered from it is kept too (see entry.server.tsx).
  const editable = [...editableModuleIds].sort().join(",");
  return keptCoveragePage(`${programme.id}|${revision}|${level}|${chosen.target.sheetSlug}|${locale}|${editable}`, () => coveragePageData(programme, coverages, chosen, level, locale, editableModuleIds));
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
  return { applied: itemRef };
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
        <Form method="get" className="flex flex-wrap items-end gap-3 text-sm print:hidden">
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

      {data.sideBySide.length > 1 ? (
        <section className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-lg font-semibold">{fill(t("cov.sideBySide"), { level: data.level })}</h2>
          <div className="grid gap-4 md:grid-cols-3">
            {data.sideBySide.map((target) => (
              <div key={target.slug} className={target.slug === data.sheet ? "rounded-md p-2 ring-2 ring-brand-600" : "p-2"}>
                <CoverageBar label={target.title} counts={target.summary.overall} />
                {target.warnings.map((w) => (
                  <p key={w} className="mt-1 text-xs text-rose-700">
                    ⚠ {w}
                  </p>
                ))}
              </div>
            ))}
          </div>
        </section>
      ) : null}

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">
          {t("cov.gaps")} <span className="text-slate-500">({data.gaps.length})</span>
        </h2>
        {outcome?.error ? <Notice tone="error">{outcome.error}</Notice> : null}
        {outcome?.applied ? <Notice tone="success">{fill(t("cov.applied"), { ref: outcome.applied })}</Notice> : null}
        {data.gaps.length === 0 ? (
          <Notice tone="success">{t("cov.noGap")}</Notice>
        ) : (
          <ol className="space-y-2" data-testid="gap-list">
            {data.gaps.map((gap) => (
              <li key={gap.ref} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
                <div className="flex flex-wrap items-center gap-2">
                  <StatusBadge status={gap.status} />
                  {gap.status === "covered" && !gap.assessed ? <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs text-violet-900 ring-1 ring-violet-300">{t("cov.neverAssessed")}</span> : null}
                  <code className="text-xs text-slate-500">{gap.ref}</code>
                  <span className="font-medium">{gap.label}</span>
                  {gap.editorial ? <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("cov.editorial")}</span> : null}
                  <span className="ml-auto text-sm tabular-nums text-slate-600">
                    {fill(t("cov.depths"), { achieved: gap.achievedDepth, required: gap.requiredDepth ?? t("cov.unspecified") })}
                  </span>
                  <Link to={`../revue?sujet=requirement&exigence=${encodeURIComponent(gap.ref)}#nouveau`} relative="path" className="text-sm text-brand-700 underline print:hidden">
                    {t("cov.comment")}
                  </Link>
                </div>
                {gap.suggestion ? (
                  <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700">
                    <span>→ {gap.suggestion.explanation}</span>
                    {gap.suggestion.canApply ? (
                      <Form method="post" className="print:hidden">
                        <input type="hidden" name="moduleId" value={gap.suggestion.moduleId} />
                        <input type="hidden" name="itemRef" value={gap.ref} />
                        <input type="hidden" name="depth" value={gap.suggestion.toDepth} />
                        <input type="hidden" name="assessed" value={String(gap.suggestion.toAssessed)} />
                        <button type="submit" className="rounded-md bg-emerald-700 px-3 py-1 text-white hover:bg-emerald-600">
                          {t("cov.apply")}
                        </button>
                      </Form>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        )}
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
              <li key={i}>{w.message}</li>
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
                  <td className="tabular-nums">{item.requiredDepth ?? "–"}</td>
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
      <p className="text-xs text-slate-500">{t("cov.figure.of", { total })}</p>
    </div>
  );
}
