import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Notice, SubmitButton } from "~/components/forms";
import { SchoolListForm } from "~/components/school-list-form";
import { withSaved } from "~/components/toast";
import { schoolListSchema } from "~/domain/school-list";
import { fill, translator } from "~/i18n";
import { getSchoolList, LIST_EDITORS, publishSchoolList, saveSchoolListDraft } from "~/models/school-list.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";
import { getLocale } from "~/utils/locale.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("list.meta.edit")} · Maquette` }];

/** The school's own list named in the URL, or 404 (a public sheet, another school's list, nothing). */
async function requireList(request: Request, slug: string | undefined) {
  const ctx = await requireMembership(request, LIST_EDITORS);
  const list = slug ? await getSchoolList({ db, school: ctx.school, slug }) : null;
  if (!list) throw new Response("Not found", { status: 404 });
  return { ...ctx, list };
}

/** GET /referentiels/:slug/modifier: the list's draft in its form, and its publication. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { list, school } = await requireList(request, params.slug);
  return { list, schoolSlug: school.slug };
}

/** POST: save the draft (from the draft of `revision`), or publish the saved draft as the next version. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { list, school, user } = await requireList(request, params.slug);
  const actor = { userId: user.id, schoolId: school.id };
  const t = translator(await getLocale(request));
  const formData = await readForm(request);
  const revision = Number(formData.get("revision"));
  if (formData.get("intent") === "publish") {
    const published = await publishSchoolList({ db, school, slug: list.slug, revision, actor });
    if (!published.ok) return Response.json({ publishError: t("list.publish.stale") }, { status: 409 });
    return redirect(withSaved(`/referentiels/${list.slug}/modifier`, "liste-publiee"));
  }
  const submission = parseWithZod(formData, { schema: schoolListSchema });
  // A button that adds, removes or moves a row (without JavaScript): the form comes back changed.
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: submission.status === "error" ? 400 : 200 });
  const saved = await saveSchoolListDraft({ db, school, slug: list.slug, revision, form: submission.value, actor });
  if (!saved.ok) return Response.json({ result: submission.reply({ formErrors: [t("list.form.stale")] }) }, { status: 409 });
  return redirect(withSaved(`/referentiels/${list.slug}/modifier`, "liste-enregistree"));
}

export default function EditSchoolList() {
  const { list, schoolSlug } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { result?: import("@conform-to/react").SubmissionResult<string[]>; publishError?: string } | undefined;
  const navigation = useNavigation();
  const t = useT();
  const next = (list.latestVersion ?? 0) + 1;
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <p className="flex flex-wrap gap-4 text-sm">
        <Link to="/referentiels" className="text-brand-700 underline">
          ← {t("ref.backToList")}
        </Link>
        {list.latestVersion !== null ? (
          <>
            <Link to={`/referentiels/${list.slug}`} className="text-brand-700 underline">
              {t("list.edit.back")}
            </Link>
            <Link to={`/referentiels/${list.slug}/versions`} className="text-brand-700 underline">
              {t("list.edit.versions")}
            </Link>
          </>
        ) : null}
      </p>
      <h1 className="text-2xl font-bold">{fill(t("list.edit.title"), { title: list.title })}</h1>

      <section aria-labelledby="publish" className="space-y-2 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="publish" className="text-lg font-semibold">
          {t("list.publish.title")}
        </h2>
        {data?.publishError ? <Notice tone="error">{data.publishError}</Notice> : null}
        {list.latestVersion === null ? <p className="text-sm text-slate-700">{t("list.publish.none")}</p> : null}
        {list.draftDiffers ? (
          <Form method="post" className="space-y-2">
            <p className="text-sm text-slate-700">{fill(t("list.publish.explain"), { n: next })}</p>
            <p className="text-xs text-slate-500">{t("list.publish.unsaved")}</p>
            <input type="hidden" name="intent" value="publish" />
            <input type="hidden" name="revision" value={list.revision} />
            <SubmitButton pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "publish"}>{fill(t("list.publish.submit"), { n: next })}</SubmitButton>
          </Form>
        ) : (
          <p className="text-sm text-slate-700" role="status">
            {fill(t("list.publish.same"), { n: list.latestVersion ?? 0 })}
          </p>
        )}
      </section>

      <SchoolListForm
        key={list.revision}
        defaultValue={list.draft}
        lastResult={data?.result}
        schoolSlug={schoolSlug}
        revision={list.revision}
        slugFixed
        submitLabel={t("list.form.save")}
      />
    </section>
  );
}
