import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { CSSProperties } from "react";
import { confirmFirst, Notice } from "~/components/forms";
import { withSaved } from "~/components/toast";
import { programmeWarnings } from "~/domain/coverage";
import { creditsPerSemester, semesterLabel, semestersOf } from "~/domain/credits";
import { canEditProgrammes } from "~/domain/roles";
import { DIPLOMA_LABELS, formatHours, type DiplomaType } from "~/domain/programme";
import { programmeInput } from "~/models/coverage.server";
import { deleteModule, duplicateModule, moveModule } from "~/models/programme.server";
import { hasPendingUpgrade, programmeTargets } from "~/models/targets.server";
import { fill, translator } from "~/i18n";
import { renderSentence } from "~/domain/sentences";
import { getLocale } from "~/utils/locale.server";
import { metaTranslator, useLocale, useNumberFormat, useT } from "~/utils/use-t";
import { db } from "~/utils/db.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { requireRecentAuthentication, sensitiveForm } from "~/utils/reauthentication.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${data?.programme.title ?? metaTranslator(matches)("title.programme")} · Maquette` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, canEdit, lockedBy, ctx } = await requireProgramme(request, params.id);
  const locale = await getLocale(request);
  const targets = await programmeTargets(db, programme);
  const input = programmeInput(programme);
  const warnings = targets.length ? programmeWarnings(input, targets[0]) : [];
  const levelWarnings = targets.flatMap((t) => programmeWarnings(input, t).filter((w) => w.code === "level_outside_range"));
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      diplomaType: programme.diplomaType as DiplomaType,
      level: programme.level,
      entryEcts: programme.entryEcts,
      semesters: programme.semesters,
      description: programme.description,
      isDemo: programme.isDemo,
      ownEcts: programme.modules.reduce((n, m) => n + m.ects, 0),
    },
    targets: targets.map((t) => ({ slug: t.sheetSlug, title: t.title })),
    warnings: [...warnings.filter((w) => w.code !== "level_outside_range"), ...levelWarnings].map((w) => renderSentence(w.sentence, locale)),
    modules: programme.modules.map((m) => ({
      id: m.id,
      code: m.code,
      title: m.title,
      semester: m.semester,
      semesterSpan: m.semesterSpan,
      ects: m.ects,
      hours: formatHours({ lectures: m.hoursLectures, tutorials: m.hoursTutorials, practical: m.hoursPractical, projects: m.hoursProjects }),
      mappings: m.mappings.length,
    })),
    canEdit,
    lockedBy,
    canDuplicate: canEditProgrammes(ctx.role),
    upgradeAvailable: await hasPendingUpgrade(db, programme.targets, { schoolId: programme.schoolId }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, actor, session } = await requireProgramme(request, params.id, { edit: true });
  const t = translator(await getLocale(request));
  const form = await sensitiveForm(request, session);
  const intent = form.get("intent");
  const moduleId = String(form.get("moduleId") ?? "");
  const base = { db, schoolId: actor.schoolId, programmeId: programme.id, moduleId, actor };
  if (intent === "duplicate") {
    const result = await duplicateModule(base);
    if (!result.ok) throw new Response(t("prog.error.moduleNotFound"), { status: 404 });
    return redirect(withSaved(`/programmes/${programme.id}`, "module-duplique"));
  }
  if (intent === "move-up" || intent === "move-down") {
    if (!(await moveModule({ ...base, direction: intent === "move-up" ? "up" : "down" }))) throw new Response(t("prog.error.moduleNotFound"), { status: 404 });
    return redirect(withSaved(`/programmes/${programme.id}`, "module-deplace"));
  }
  if (intent === "delete") {
    await requireRecentAuthentication(request, session, form, { index: true });
    if (!(await deleteModule(base))) throw new Response(t("prog.error.moduleNotFound"), { status: 404 });
    return redirect(withSaved(`/programmes/${programme.id}`, "module-supprime"));
  }
  throw new Response(t("prog.error.unknownAction"), { status: 400 });
}

export default function ProgrammeOverview() {
  const { programme, targets, warnings, modules, canEdit, lockedBy, canDuplicate, upgradeAvailable } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const format = useNumberFormat();
  const [search] = useSearchParams();
  const credits = new Map(creditsPerSemester(modules, programme.semesters).map((c) => [c.semester, c.ects]));
  return (
    <section className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link to="/programmes" className="underline">
              {t("prog.list.title")}
            </Link>
          </p>
          <h1 className="text-2xl font-bold text-brand-900">{programme.title}</h1>
          <p className="text-slate-600">
            {fill(t("prog.facts"), {
              diploma: DIPLOMA_LABELS[programme.diplomaType]?.[locale] ?? programme.diplomaType,
              level: programme.level,
              entryEcts: format.number(programme.entryEcts),
              ownEcts: format.number(programme.ownEcts),
              semesters: programme.semesters,
            })}
          </p>
          <p className="mt-1 text-sm text-slate-600">{fill(t("prog.targets"), { targets: targets.map((target) => target.title).join(" · ") || t("prog.targets.none") })}</p>
        </div>
        <nav className="flex flex-wrap gap-2" aria-label={t("prog.actions")}>
          <Link to="matrice" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
            {t("prog.link.matrix")}
          </Link>
          <Link to="couverture" className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
            {t("prog.link.coverage")}
          </Link>
          <Link to="rapport" className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
            {t("prog.link.report")}
          </Link>
          <a href={`/programmes/${programme.id}/export/csv`} className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
            {t("prog.link.exportCsv")}
          </a>
          <a href={`/programmes/${programme.id}/export/xlsx`} className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
            {t("prog.link.exportXlsx")}
          </a>
          <a href={`/programmes/${programme.id}/modele`} download className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
            {t("prog.template.link")}
          </a>
          {canEdit ? (
            <Link to="importer" className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
              {t("prog.import.link")}
            </Link>
          ) : null}
          <Link to="versions" className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
            {t("prog.link.versions")}
          </Link>
          <Link to="revue" className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
            {t("prog.link.review")}
          </Link>
          <Link to="historique" className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
            {t("prog.link.history")}
          </Link>
          {canEdit ? (
            <Link to="modifier" className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
              {t("prog.link.edit")}
            </Link>
          ) : null}
          {canDuplicate ? (
            <Link to="dupliquer" className="rounded-md bg-white px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
              {t("prog.link.duplicate")}
            </Link>
          ) : null}
        </nav>
      </header>
      {lockedBy !== null ? (
        <Notice>
          {fill(t("ver.locked"), { number: lockedBy })}{" "}
          <Link to="revue" className="underline">
            {t("prog.seeReview")}
          </Link>
        </Notice>
      ) : null}
      {search.get("repris") ? (
        <Notice tone="success">
          {fill(t("prog.restored"), { number: search.get("repris") ?? "" })}
          {search.get("conserve") ? fill(t("prog.restoredKept"), { number: search.get("conserve") ?? "" }) : ""}
        </Notice>
      ) : null}
      {upgradeAvailable ? (
        <Notice>
          <span data-testid="upgrade-banner">{t("upg.banner")}</span>{" "}
          <Link to="referentiels" className="font-medium underline">
            {t("upg.bannerLink")}
          </Link>
        </Notice>
      ) : null}
      {search.get("copie") ? <Notice tone="success">{t("prog.duplicated")}</Notice> : null}
      {programme.isDemo ? <Notice>{t("prog.demo")}</Notice> : null}
      {warnings.length ? (
        <Notice tone="error">
          <ul className="list-inside list-disc" data-testid="programme-warnings">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <div className="flex items-center justify-between">
        <h2 className="text-xl font-semibold">{t("prog.modules.title")}</h2>
        {canEdit ? (
          <Link to="modules/nouveau" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-600">
            {t("prog.modules.add")}
          </Link>
        ) : null}
      </div>
      {modules.length === 0 ? (
        <div className="rounded-lg bg-white p-6 text-center ring-1 ring-slate-200">
          <p className="font-medium">{t("prog.modules.empty")}</p>
          <p className="text-slate-600">{t("prog.modules.emptyHint")}</p>
          {canEdit ? (
            <p className="mt-3 flex flex-wrap justify-center gap-3 text-sm">
              <span className="w-full text-slate-600">{t("prog.import.emptyHint")}</span>
              <Link to="importer" className="rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-600">
                {t("prog.import.emptyLink")}
              </Link>
              <a href={`/programmes/${programme.id}/modele`} download className="rounded-md bg-white px-3 py-1.5 font-medium ring-1 ring-slate-300 hover:bg-slate-50">
                {t("prog.template.link")}
              </a>
            </p>
          ) : null}
        </div>
      ) : (
        semesterBlocks(modules, programme.semesters).map((block) => {
          const semesterSections = block.semesters.map((semester) => {
            const list = modules.filter((m) => m.semester === semester && m.semesterSpan === 1);
            const ects = credits.get(semester) ?? 0;
            return (
              <section key={semester} className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
                <h3 className="flex justify-between border-b border-slate-100 px-4 py-2 font-semibold">
                  <span>{fill(t("prog.modules.semester"), { semester })}</span>
                  <span className={`tabular-nums text-sm ${ects === 30 ? "text-emerald-700" : "text-rose-700"}`}>{fill(t("prog.modules.ects"), { ects: format.number(ects) })}</span>
                </h3>
                {list.length === 0 ? <p className="px-4 py-3 text-sm text-slate-500">{t("prog.modules.semesterEmpty")}</p> : <ModuleList list={list} canEdit={canEdit} />}
              </section>
            );
          });
          if (block.semesters.length === 1) return semesterSections[0];
          // Semesters joined by modules over a year, side by side; each such module once, across its two semesters.
          return (
            <div key={block.semesters[0]} className="grid gap-4 sm:[grid-template-columns:repeat(var(--semesters),minmax(0,1fr))]" style={{ "--semesters": block.semesters.length } as CSSProperties} data-testid={`year-${block.semesters[0]}`}>
              {semesterSections}
              {block.annual.map(({ first, list }) => (
                <section
                  key={first}
                  className="rounded-lg bg-white shadow-sm ring-1 ring-brand-100 sm:[grid-column:var(--from)/span_2]"
                  style={{ "--from": first - block.semesters[0] + 1 } as CSSProperties}
                  data-testid={`annual-${first}`}
                >
                  <h3 className="border-b border-slate-100 px-4 py-2 font-semibold">{fill(t("prog.modules.annual"), { first, last: first + 1 })}</h3>
                  <ModuleList list={list} canEdit={canEdit} annual />
                </section>
              ))}
            </div>
          );
        })
      )}
      {programme.description ? <p className="whitespace-pre-line text-slate-700">{programme.description}</p> : null}
    </section>
  );
}

type ModuleRowData = { id: string; code: string; title: string; semester: number; semesterSpan: number; ects: number; hours: string; mappings: number };

/** A semester's (or a year's) modules, in order, with their actions for those who edit. */
function ModuleList({ list, canEdit, annual = false }: { list: ModuleRowData[]; canEdit: boolean; annual?: boolean }) {
  const t = useT();
  const format = useNumberFormat();
  return (
    <ul className="divide-y divide-slate-100">
      {list.map((m, index) => (
        <li key={m.id} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm" data-testid={`module-${m.code}`}>
          <span className="w-24 font-mono text-xs">{m.code}</span>
          {annual ? <span className="rounded bg-brand-50 px-1.5 text-xs font-medium text-brand-900">{semesterLabel(m)}</span> : null}
          <span className="flex-1">
            {canEdit ? (
              <Link className="hover:underline" to={`modules/${m.id}`}>
                {m.title}
              </Link>
            ) : (
              m.title
            )}
          </span>
          <span className="tabular-nums text-slate-600">{fill(t(annual ? "prog.modules.annualEcts" : "prog.modules.ects"), { ects: format.number(m.ects) })}</span>
          <span className="tabular-nums text-slate-600" title={t("prog.modules.hoursTitle")}>
            {fill(t("prog.modules.hours"), { hours: m.hours })}
          </span>
          <span className="text-slate-600">{t("prog.modules.requirements", { count: m.mappings })}</span>
          {canEdit ? (
            <span className="flex gap-1">
              <ModuleAction intent="move-up" moduleId={m.id} label={t("prog.modules.moveUp")} disabled={index === 0} text="↑" />
              <ModuleAction intent="move-down" moduleId={m.id} label={t("prog.modules.moveDown")} disabled={index === list.length - 1} text="↓" />
              <ModuleAction intent="duplicate" moduleId={m.id} label={t("prog.modules.duplicate")} text={t("prog.modules.duplicate")} />
              <ModuleAction
                intent="delete"
                moduleId={m.id}
                label={fill(t("prog.modules.deleteLabel"), { code: m.code })}
                text={t("prog.modules.delete")}
                confirmText={fill(t("prog.modules.deleteConfirm"), { code: m.code })}
              />
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The semesters in blocks: a semester alone, or consecutive semesters joined by modules over a
 * year, with those modules by the semester they start in. Every semester of the programme, and
 * any later one a module runs in.
 */
function semesterBlocks(modules: readonly ModuleRowData[], semesters: number) {
  const all = [...new Set([...Array.from({ length: semesters }, (_, i) => i + 1), ...modules.flatMap((m) => semestersOf(m))])].sort((a, b) => a - b);
  const blocks: { semesters: number[]; annual: { first: number; list: ModuleRowData[] }[] }[] = [];
  for (const semester of all) {
    const previous = blocks.at(-1);
    const joined = previous && modules.some((m) => m.semesterSpan === 2 && m.semester === semester - 1);
    if (joined) previous.semesters.push(semester);
    else blocks.push({ semesters: [semester], annual: [] });
    const list = modules.filter((m) => m.semesterSpan === 2 && m.semester === semester);
    if (list.length) blocks.at(-1)!.annual.push({ first: semester, list });
  }
  return blocks;
}

function ModuleAction({ intent, moduleId, label, text, disabled, confirmText }: { intent: string; moduleId: string; label: string; text: string; disabled?: boolean; confirmText?: string }) {
  return (
    <Form
      method="post"
      preventScrollReset
      onSubmit={confirmText ? confirmFirst(confirmText) : undefined}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="moduleId" value={moduleId} />
      <button type="submit" aria-label={label} disabled={disabled} className={`rounded px-2 py-0.5 ring-1 disabled:opacity-40 ${intent === "delete" ? "text-rose-700 ring-rose-300" : "ring-slate-300"}`}>
        {text}
      </button>
    </Form>
  );
}
