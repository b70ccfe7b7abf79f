import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ModuleForm } from "~/components/module-form";
import { moduleSchemaWithin } from "~/domain/programme";
import { createModule, listAssignableTeachers } from "~/models/programme.server";
import { db } from "~/utils/db.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { readForm } from "~/utils/form-data.server";
import { translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { withSaved } from "~/components/toast";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.newModule")} · Maquette` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, actor } = await requireProgramme(request, params.id, { edit: true });
  return { programme: { id: programme.id, title: programme.title, semesters: programme.semesters }, teachers: await listAssignableTeachers({ db, schoolId: actor.schoolId }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, actor } = await requireProgramme(request, params.id, { edit: true });
  const submission = parseWithZod(await readForm(request), {
    schema: moduleSchemaWithin(programme.semesters),
  });
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: 400 });
  const result = await createModule({ db, schoolId: actor.schoolId, programmeId: programme.id, form: submission.value, actor });
  const t = translator(await getLocale(request));
  if (!result.ok && result.reason === "duplicate_code") {
    return Response.json({ result: submission.reply({ fieldErrors: { code: [t("prog.error.codeTaken")] } }) }, { status: 400 });
  }
  if (!result.ok) throw new Response(t("prog.error.programmeNotFound"), { status: 404 });
  return redirect(withSaved(`/programmes/${programme.id}`, "module-ajoute"));
}

export default function NewModule() {
  const { programme, teachers } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to={`/programmes/${programme.id}`} className="underline">
          ← {programme.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("mod.new.title")}</h1>
      <ModuleForm teachers={teachers} lastResult={data?.result} semesters={programme.semesters} submitLabel={t("mod.new.submit")} />
    </section>
  );
}
