import { readForm } from "~/utils/form-data.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { withSaved } from "~/components/toast";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { confirmFirst, ErrorList, inputClass, Notice, SubmitButton } from "~/components/forms";
import { ProgrammePageHeader, ReviewStatusBadge, useDateFormat, VersionSelect } from "~/components/versions";
import { isEmptySnapshotDiff } from "~/domain/programme-version";
import { canSubmitForReview } from "~/domain/review";
import { fill, translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { compareVersions, listVersions, publishVersion } from "~/models/programme-version.server";
import { moveReview } from "~/models/review.server";
import { db } from "~/utils/db.server";
import { lockMessage, requireProgramme } from "~/utils/programme-access.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: `${t("title.versions")} · ${data?.programme.title ?? t("title.programme")} · Maquette` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx, lockedBy } = await requireProgramme(request, params.id);
  const versions = await listVersions({ db, schoolId: ctx.school.id, programmeId: programme.id });
  const newest = versions[0];
  const pending = newest ? await compareVersions({ db, schoolId: ctx.school.id, programmeId: programme.id, from: newest.number, to: "draft" }) : null;
  return {
    programme: { id: programme.id, title: programme.title },
    versions,
    lockedBy,
    draftChanged: newest ? !(pending && isEmptySnapshotDiff({ ...pending, coverage: [] })) : programme.modules.length > 0,
    canPublish: canSubmitForReview(ctx.role),
  };
}

const LABEL_MAX = 200;

export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, ctx, actor, lockedBy } = await requireProgramme(request, params.id);
  const locale = await getLocale(request);
  const t = translator(locale);
  if (!canSubmitForReview(ctx.role)) throw new Response(t("act.ver.onlyManagers"), { status: 403 });
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "publish") {
    const label = String(form.get("label") ?? "").trim();
    if (label.length > LABEL_MAX) return Response.json({ intent, errors: { label: [fill(t("act.ver.labelTooLong"), { max: LABEL_MAX })] } }, { status: 400 });
    if (label.includes("\u0000")) return Response.json({ intent, errors: { label: [t("act.ver.labelForbidden")] } }, { status: 400 });
    const published = await publishVersion({ db, schoolId: ctx.school.id, programmeId: programme.id, label, actor });
    if (!published) throw new Response(t("act.programmeNotFound"), { status: 404 });
    if (published.unchanged) return Response.json({ intent, error: fill(t("act.ver.unchanged"), { number: published.number }) }, { status: 409 });
    // Back to the list by its own address (no "?index"), the new version on top, with a toast.
    return redirect(withSaved(`/programmes/${programme.id}/versions`, "version-publiee"));
  }
  if (intent === "submit" || intent === "withdraw") {
    const number = Number(form.get("number"));
    if (!Number.isInteger(number)) return Response.json({ intent, error: t("act.ver.unknown") }, { status: 400 });
    const result = await moveReview({ db, schoolId: ctx.school.id, programmeId: programme.id, number, move: intent, actor });
    if (result.ok) return { intent, message: fill(t(intent === "submit" ? "act.ver.submitted" : "act.ver.withdrawn"), { number }) };
    if (result.reason === "not_found") return Response.json({ intent, error: t("act.ver.unknown") }, { status: 404 });
    if (result.reason === "another_submitted") return Response.json({ intent, error: lockedBy ? lockMessage(lockedBy, locale) : t("act.ver.anotherSubmitted") }, { status: 409 });
    return Response.json({ intent, error: t("act.ver.cannotMove") }, { status: 409 });
  }
  return Response.json({ error: t("act.unknownAction") }, { status: 400 });
}

type ActionData = { intent?: string; message?: string; error?: string; errors?: { label?: string[] } };

export default function ProgrammeVersions() {
  const t = useT();
  const format = useDateFormat();
  const { programme, versions, lockedBy, draftChanged, canPublish } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const compareDefaults = { from: versions[1]?.number ?? versions[0]?.number, to: versions.length > 1 ? versions[0].number : "draft" };
  return (
    <section className="space-y-6">
      <ProgrammePageHeader programme={programme} top title={t("ver.title")}>
        <p className="max-w-3xl text-slate-600">{t("ver.intro")}</p>
      </ProgrammePageHeader>
      {result?.message ? <Notice tone="success">{result.message}</Notice> : null}
      {result?.error ? <Notice tone="error">{result.error}</Notice> : null}
      {lockedBy !== null ? <Notice>{fill(t("ver.locked"), { number: lockedBy })}</Notice> : null}

      {canPublish ? (
        <Form method="post" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-labelledby="publish-title">
          <h2 id="publish-title" className="text-lg font-semibold">
            {t("ver.publish.title")}
          </h2>
          <p className="text-sm text-slate-600">{draftChanged ? t("ver.publish.changed") : t("ver.publish.unchanged")}</p>
          <input type="hidden" name="intent" value="publish" />
          <div>
            <label htmlFor="version-label" className="block text-sm font-medium text-slate-800">
              {t("ver.publish.label")}
            </label>
            <input
              id="version-label"
              name="label"
              maxLength={LABEL_MAX}
              className={inputClass}
              placeholder={t("ver.publish.placeholder")}
              aria-invalid={result?.errors?.label ? true : undefined}
              aria-describedby={result?.errors?.label ? "version-label-error" : undefined}
            />
            <ErrorList id="version-label-error" errors={result?.errors?.label} />
          </div>
          <SubmitButton pending={busy && navigation.formData?.get("intent") === "publish"}>{t("ver.publish.submit")}</SubmitButton>
        </Form>
      ) : null}

      <section aria-labelledby="list-title" className="space-y-3">
        <h2 id="list-title" className="text-lg font-semibold">
          {t("ver.list.title")}
        </h2>
        {versions.length === 0 ? (
          <div className="rounded-lg bg-white p-6 text-center ring-1 ring-slate-200">
            <p className="font-medium">{t("ver.list.empty")}</p>
            <p className="text-slate-600">{canPublish ? t("ver.list.emptyHint") : t("ver.list.emptyReader")}</p>
          </div>
        ) : (
          <table className="w-full rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("ver.col.number")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("ver.col.published")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("ver.col.review")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("ver.col.hash")}
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t("ver.col.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {versions.map((v) => (
                <tr key={v.number} data-testid={`version-${v.number}`}>
                  <td className="px-3 py-2">
                    <Link to={String(v.number)} className="font-semibold text-brand-700 underline">
                      {fill(t("ver.name"), { number: v.number })}
                    </Link>
                    {v.label ? <span className="block text-slate-600">{v.label}</span> : null}
                  </td>
                  <td className="px-3 py-2">
                    {v.publishedByName}
                    <span className="block text-slate-500">{format(v.publishedAt)}</span>
                  </td>
                  <td className="px-3 py-2">
                    <ReviewStatusBadge status={v.reviewStatus} />
                    {v.decidedByName ? <span className="block text-slate-500">{fill(t("ver.decidedBy"), { name: v.decidedByName, date: format(v.decidedAt!) })}</span> : null}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-500" title={v.snapshotHash}>
                    {v.snapshotHash.slice(0, 12)}…
                  </td>
                  <td className="px-3 py-2 text-right">
                    {canPublish && v.reviewStatus === null && lockedBy === null ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="submit" />
                        <input type="hidden" name="number" value={v.number} />
                        <SubmitButton tone="plain">{t("ver.submit")}</SubmitButton>
                      </Form>
                    ) : null}
                    {canPublish && v.reviewStatus === "submitted" ? (
                      <Form method="post" onSubmit={confirmFirst(fill(t("ver.withdrawConfirm"), { number: v.number }))}>
                        <input type="hidden" name="intent" value="withdraw" />
                        <input type="hidden" name="number" value={v.number} />
                        <SubmitButton tone="plain">{t("ver.withdraw")}</SubmitButton>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {versions.length > 0 ? (
        <Form method="get" action="comparer" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 className="w-full text-lg font-semibold">{t("ver.compare.title")}</h2>
          <VersionSelect id="compare-from" name="de" label={t("ver.compare.from")} numbers={versions.map((v) => v.number)} defaultValue={String(compareDefaults.from)} />
          <VersionSelect id="compare-to" name="a" label={t("ver.compare.to")} numbers={versions.map((v) => v.number)} defaultValue={compareDefaults.to === "draft" ? "brouillon" : String(compareDefaults.to)} />
          <SubmitButton tone="plain">{t("ver.compare.submit")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
