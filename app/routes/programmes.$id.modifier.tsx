import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { ProgrammeForm } from "~/components/programme-form";
import { programmeSchema, type DiplomaType } from "~/domain/programme";
import { deleteProgramme, updateProgramme } from "~/models/programme.server";
import { listTargetChoices } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { readForm } from "~/utils/form-data.server";
import { translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { withSaved } from "~/components/toast";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.editProgramme")} · Maquette` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireProgramme(request, params.id, { edit: true });
  return {
    id: programme.id,
    targets: await listTargetChoices({ db, schoolId: programme.schoolId }),
    defaultValue: {
      title: programme.title,
      diplomaType: programme.diplomaType as DiplomaType,
      level: programme.level as 5 | 6 | 7,
      entryEcts: programme.entryEcts,
      semesters: programme.semesters,
      targets: programme.targets.map((t) => t.sheetSlug),
      description: programme.description,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, actor } = await requireProgramme(request, params.id, { edit: true });
  const formData = await readForm(request);
  const t = translator(await getLocale(request));
  if (formData.get("intent") === "delete") {
    if (formData.get("confirmTitle") !== programme.title) return Response.json({ deleteError: t("prog.delete.mismatch") }, { status: 400 });
    await deleteProgramme({ db, schoolId: actor.schoolId, id: programme.id, actor });
    return redirect(withSaved("/programmes", "formation-supprimee"));
  }
  const known = new Set((await listTargetChoices({ db, schoolId: actor.schoolId })).map((t) => t.slug));
  const submission = parseWithZod(formData, {
    schema: programmeSchema.refine((v) => v.targets.every((slug) => known.has(slug)), { path: ["targets"], message: t("prog.error.unknownSheet") }),
  });
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: 400 });
  await updateProgramme({ db, schoolId: actor.schoolId, id: programme.id, form: submission.value, actor });
  return redirect(withSaved(`/programmes/${programme.id}`, "formation-enregistree"));
}

export default function EditProgramme() {
  const { id, targets, defaultValue } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { result?: import("@conform-to/react").SubmissionResult<string[]>; deleteError?: string } | undefined;
  const t = useT();
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to={`/programmes/${id}`} className="underline">
          {t("prog.link.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("prog.edit.title")}</h1>
      <ProgrammeForm targets={targets} defaultValue={defaultValue} lastResult={data?.result} submitLabel={t("prog.edit.submit")} />
      <Form method="post" className="space-y-3 rounded-lg bg-rose-50 p-6 ring-1 ring-rose-200">
        <h2 className="font-semibold text-rose-900">{t("prog.delete.title")}</h2>
        <p className="text-sm text-rose-900">{t("prog.delete.explain")}</p>
        <input type="hidden" name="intent" value="delete" />
        <label htmlFor="confirmTitle" className="sr-only">
          {t("prog.form.title")}
        </label>
        <input id="confirmTitle" name="confirmTitle" className="block w-full rounded-md border border-rose-300 px-3 py-2" placeholder={defaultValue.title} aria-describedby="delete-error" />
        {data?.deleteError ? (
          <p id="delete-error" role="alert" className="text-sm text-rose-800">
            {data.deleteError}
          </p>
        ) : null}
        <SubmitButton tone="danger">{t("prog.delete.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
