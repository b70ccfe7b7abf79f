import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ModuleForm } from "~/components/module-form";
import { moduleSchemaWithin } from "~/domain/programme";
import { Notice } from "~/components/forms";
import { createModule, listAssignableTeachers } from "~/models/programme.server";
import { isTargetItem } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { readForm } from "~/utils/form-data.server";
import { fill, translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { withSaved } from "~/components/toast";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.newModule")} · Maquette` }];

/** A requirement to map from the start, asked for by a suggestion ("créer un module ?"): checked, or none. */
async function suggestedMapping(programme: Parameters<typeof isTargetItem>[0]["programme"], read: (name: string) => string | null) {
  const itemRef = read("exigence");
  const depth = Number(read("profondeur"));
  if (!itemRef || !Number.isInteger(depth) || depth < 1 || depth > 4) return null;
  return (await isTargetItem({ db, programme, itemRef })) ? { itemRef, depth, assessed: true } : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, actor } = await requireProgramme(request, params.id, { edit: true });
  const query = new URL(request.url).searchParams;
  const mapping = await suggestedMapping(programme, (name) => query.get(name));
  return {
    programme: { id: programme.id, title: programme.title, semesters: programme.semesters },
    teachers: await listAssignableTeachers({ db, schoolId: actor.schoolId }),
    // Prefilled from a suggestion to create a module for a requirement no module deals with.
    prefill: mapping ? { title: (query.get("titre") ?? "").slice(0, 200), description: (query.get("description") ?? "").slice(0, 5000), mapping } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, actor } = await requireProgramme(request, params.id, { edit: true });
  const formData = await readForm(request);
  const submission = parseWithZod(formData, {
    schema: moduleSchemaWithin(programme.semesters),
  });
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: 400 });
  const mapping = await suggestedMapping(programme, (name) => (formData.get(name) === null ? null : String(formData.get(name))));
  const result = await createModule({ db, schoolId: actor.schoolId, programmeId: programme.id, form: submission.value, actor, mapping: mapping ?? undefined });
  const t = translator(await getLocale(request));
  if (!result.ok && result.reason === "duplicate_code") {
    return Response.json({ result: submission.reply({ fieldErrors: { code: [t("prog.error.codeTaken")] } }) }, { status: 400 });
  }
  if (!result.ok) throw new Response(t("prog.error.programmeNotFound"), { status: 404 });
  return redirect(withSaved(`/programmes/${programme.id}`, "module-ajoute"));
}

export default function NewModule() {
  const { programme, teachers, prefill } = useLoaderData<typeof loader>();
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
      {prefill ? <Notice>{fill(t("lvl.newModule.mapping"), { ref: prefill.mapping.itemRef, label: prefill.title, depth: prefill.mapping.depth })}</Notice> : null}
      <ModuleForm
        teachers={teachers}
        lastResult={data?.result}
        semesters={programme.semesters}
        submitLabel={t("mod.new.submit")}
        defaultValue={prefill ? { title: prefill.title, description: prefill.description, semester: 1, ects: 6, hoursLectures: 0, hoursTutorials: 0, hoursPractical: 0, hoursProjects: 0 } : undefined}
        hidden={prefill ? { exigence: prefill.mapping.itemRef, profondeur: String(prefill.mapping.depth) } : undefined}
      />
    </section>
  );
}
