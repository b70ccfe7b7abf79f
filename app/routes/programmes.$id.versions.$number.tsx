import { requireRecentAuthentication, sensitiveForm } from "~/utils/reauthentication.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { STATUS_STYLE } from "~/components/coverage-visuals";
import { Notice, SubmitButton } from "~/components/forms";
import { ProgrammePageHeader, ReviewStatusBadge, useDateFormat } from "~/components/versions";
import { canSubmitForReview } from "~/domain/review";
import { fill, translator } from "~/i18n";
import { getVersion, restoreVersion } from "~/models/programme-version.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { lockMessage, requireProgramme } from "~/utils/programme-access.server";
import { metaTranslator, useLocale, useT } from "~/utils/use-t";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: `${fill(t("title.version"), { number: data?.version.number ?? "" })} · ${data?.programme.title ?? t("title.programme")} · Maquette` }];
};

async function load(request: Request, params: { id?: string; number?: string }) {
  const access = await requireProgramme(request, params.id);
  const number = Number(params.number);
  const version = Number.isInteger(number) ? await getVersion({ db, schoolId: access.ctx.school.id, programmeId: access.programme.id, number }) : null;
  if (!version) throw new Response(translator(await getLocale(request))("act.versionNotFound"), { status: 404 });
  return { access, version };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, version } = await load(request, params);
  const { snapshotText: _text, ...rest } = version;
  return {
    programme: { id: access.programme.id, title: access.programme.title },
    version: rest,
    canRestore: canSubmitForReview(access.ctx.role) && access.lockedBy === null,
  };
}

/** Starts the draft again from this version (the draft, if it differs, is kept as a version first). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { access, version } = await load(request, params);
  const locale = await getLocale(request);
  const t = translator(locale);
  if (!canSubmitForReview(access.ctx.role)) throw new Response(t("act.ver.onlyManagersRestore"), { status: 403 });
  const form = await sensitiveForm(request, access.session);
  if (form.get("intent") !== "restore") return Response.json({ error: t("act.unknownAction") }, { status: 400 });
  if (form.get("confirm") !== "oui") return Response.json({ error: t("act.ver.confirmRestore") }, { status: 400 });
  await requireRecentAuthentication(request, access.session, form);
  const result = await restoreVersion({ db, schoolId: access.ctx.school.id, programmeId: access.programme.id, number: version.number, actor: access.actor });
  if (!result.ok) return Response.json({ error: result.reason === "locked" ? lockMessage(access.lockedBy ?? version.number, locale) : t("act.versionNotFound") }, { status: result.reason === "locked" ? 409 : 404 });
  return redirect(`/programmes/${access.programme.id}?repris=${version.number}${result.keptDraftAs ? `&conserve=${result.keptDraftAs}` : ""}`);
}

export default function VersionView() {
  const t = useT();
  const locale = useLocale();
  const lang = locale === "en" ? "en" : "fr";
  const format = useDateFormat();
  const { programme, version, canRestore } = useLoaderData<typeof loader>();
  const failed = useActionData<{ error?: string }>();
  const { snapshot } = version;
  const titles = Object.fromEntries(snapshot.targets.map((target) => [target.sheetSlug, target.title]));
  const pct = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { style: "percent", maximumFractionDigits: 0 });
  return (
    <section className="space-y-6">
      <ProgrammePageHeader programme={programme} title={`${fill(t("ver.name"), { number: version.number })}${version.label ? ` · ${version.label}` : ""}`}>
        <p className="text-slate-600">
          {fill(t("ver.publishedBy"), { name: version.publishedByName, date: format(version.publishedAt) })} · <ReviewStatusBadge status={version.reviewStatus} />
        </p>
        <p className="text-sm" data-testid="integrity">
          {version.hashMatches ? (
            <span className="text-emerald-800">✓ {t("ver.integrity.ok")}</span>
          ) : (
            <span className="font-semibold text-rose-800">✗ {t("ver.integrity.bad")}</span>
          )}{" "}
          <span className="font-mono text-xs text-slate-500">SHA-256 {version.snapshotHash}</span>
        </p>
        {version.decisionNote ? <Notice>{fill(t("ver.decisionNote"), { name: version.decidedByName ?? "", note: version.decisionNote })}</Notice> : null}
      </ProgrammePageHeader>
      {failed?.error ? <Notice tone="error">{failed.error}</Notice> : null}

      <section aria-labelledby="targets-title" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 id="targets-title" className="mb-2 text-lg font-semibold">
          {t("ver.targets")}
        </h2>
        <ul className="space-y-3">
          {snapshot.coverage.map((c) => (
            <li key={c.sheetSlug}>
              <p className="font-medium">
                {titles[c.sheetSlug] ?? c.sheetSlug} · {fill(t("ver.sheetVersion"), { version: c.sheetVersion })} · {pct.format(c.overall.ratioCovered)}
              </p>
              <p className="text-sm text-slate-600">
                {STATUS_STYLE.covered[lang]} {c.overall.covered} · {STATUS_STYLE.partial[lang]} {c.overall.partial} · {STATUS_STYLE.missing[lang]} {c.overall.missing} · {t("ver.notAssessed", { count: c.coveredNotAssessed })}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="modules-title" className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <h2 id="modules-title" className="border-b border-slate-100 px-4 py-2 text-lg font-semibold">
          {fill(t("ver.modules"), { count: snapshot.modules.length })}
        </h2>
        <table className="w-full text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-1">
                {t("ver.diff.module")}
              </th>
              <th scope="col" className="px-4 py-1">
                {t("ver.field.semester")}
              </th>
              <th scope="col" className="px-4 py-1">
                ECTS
              </th>
              <th scope="col" className="px-4 py-1">
                {t("ver.mappings")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {snapshot.modules.map((m) => (
              <tr key={m.code}>
                <td className="px-4 py-1">
                  <span className="font-mono">{m.code}</span> {m.title}
                </td>
                <td className="px-4 py-1 tabular-nums">S{m.semester}</td>
                <td className="px-4 py-1 tabular-nums">{m.ects}</td>
                <td className="px-4 py-1 tabular-nums">{m.mappings.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <p className="flex flex-wrap gap-3 text-sm">
        <Link to={`/programmes/${programme.id}/versions/comparer?de=${version.number}&a=brouillon`} className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
          {t("ver.compareWithDraft")}
        </Link>
        <a href={`/api/v1/programmes/${programme.id}/versions/${version.number}`} className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
          {t("ver.downloadJson")}
        </a>
      </p>

      {canRestore ? (
        <Form method="post" className="space-y-2 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200">
          <h2 className="font-semibold">{t("ver.restore.title")}</h2>
          <p className="text-sm">{t("ver.restore.explain")}</p>
          <input type="hidden" name="intent" value="restore" />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="confirm" value="oui" required /> {fill(t("ver.restore.confirm"), { number: version.number })}
          </label>
          <SubmitButton tone="danger">{t("ver.restore.submit")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
