import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { ModuleForm } from "~/components/module-form";
import { moduleSchemaWithin } from "~/domain/programme";
import { ModuleSuggestions } from "~/components/module-suggestions";
import { dismissModuleSuggestion, moduleSuggestions, shownModuleSuggestions } from "~/models/module-suggestions.server";
import { listAssignableTeachers, setMapping, updateModule } from "~/models/programme.server";
import { isTargetItem } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { readForm } from "~/utils/form-data.server";
import { fill, translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { withSaved } from "~/components/toast";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.module")} · Maquette` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, actor } = await requireProgramme(request, params.id, { edit: true });
  const module = programme.modules.find((m) => m.id === params.moduleId);
  const locale = await getLocale(request);
  if (!module) throw new Response(translator(locale)("prog.error.moduleNotFound"), { status: 404 });
  const suggested = (await moduleSuggestions({ db, schoolId: actor.schoolId, programme, moduleId: module.id })) ?? [];
  return {
    suggestions: shownModuleSuggestions(suggested, locale),
    programme: { id: programme.id, title: programme.title, semesters: programme.semesters },
    version: module.version,
    teachers: await listAssignableTeachers({ db, schoolId: actor.schoolId }),
    defaultValue: {
      code: module.code,
      title: module.title,
      semester: module.semester,
      semesterSpan: module.semesterSpan,
      ects: module.ects,
      hoursLectures: module.hoursLectures,
      hoursTutorials: module.hoursTutorials,
      hoursPractical: module.hoursPractical,
      hoursProjects: module.hoursProjects,
      assessmentMethod: module.assessmentMethod,
      description: module.description,
      teacherIds: module.teachers.map((t) => t.userId),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, actor, ctx } = await requireProgramme(request, params.id, { edit: true });
  const formData = await readForm(request);
  const t = translator(await getLocale(request));
  const intent = formData.get("intent");
  if (intent === "accept" || intent === "dismiss") {
    // One suggested requirement, accepted (mapped at the chosen depth) or dismissed.
    const module = programme.modules.find((m) => m.id === params.moduleId);
    if (!module) throw new Response(t("prog.error.moduleNotFound"), { status: 404 });
    const itemRef = String(formData.get("itemRef") ?? "");
    if (!(await isTargetItem({ db, programme, itemRef }))) return Response.json({ suggestionError: t("lvl.module.error.unknown") }, { status: 400 });
    if (intent === "dismiss") {
      await dismissModuleSuggestion({ db, schoolId: actor.schoolId, programmeId: programme.id, moduleId: module.id, itemRef, actor: { ...actor, name: ctx.user.name } });
      return { suggestionMessage: fill(t("lvl.module.dismissed"), { ref: itemRef }) };
    }
    const depth = Number(formData.get("depth"));
    if (!Number.isInteger(depth) || depth < 1 || depth > 4) return Response.json({ suggestionError: t("cov.error.depth") }, { status: 400 });
    const saved = await setMapping({ db, schoolId: actor.schoolId, programmeId: programme.id, moduleId: module.id, expectedVersion: module.version, itemRef, value: { depth, assessed: formData.get("assessed") === "true" }, actor });
    if (!saved.ok) return Response.json({ suggestionError: t("lvl.module.error.changed") }, { status: 409 });
    return { suggestionMessage: fill(t("lvl.module.accepted"), { ref: itemRef, depth }) };
  }
  const version = Number(formData.get("version"));
  const submission = parseWithZod(formData, {
    schema: moduleSchemaWithin(programme.semesters),
  });
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: 400 });
  const result = await updateModule({ db, schoolId: actor.schoolId, programmeId: programme.id, moduleId: params.moduleId ?? "", expectedVersion: version, form: submission.value, actor });
  if (!result.ok && result.reason === "duplicate_code") return Response.json({ result: submission.reply({ fieldErrors: { code: [t("prog.error.codeTaken")] } }) }, { status: 400 });
  if (!result.ok && result.reason === "conflict") {
    return Response.json(
      { conflict: true, result: submission.reply({ formErrors: [t("prog.error.moduleConflict")] }) },
      { status: 409 },
    );
  }
  if (!result.ok) throw new Response(t("prog.error.moduleNotFound"), { status: 404 });
  return redirect(withSaved(`/programmes/${programme.id}`, "module-enregistre"));
}

export default function EditModule() {
  const { programme, teachers, defaultValue, version, suggestions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as
    | { result?: import("@conform-to/react").SubmissionResult<string[]>; conflict?: boolean; suggestionMessage?: string; suggestionError?: string }
    | undefined;
  const t = useT();
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to={`/programmes/${programme.id}`} className="underline">
          ← {programme.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{fill(t("mod.edit.title"), { code: defaultValue.code })}</h1>
      {data?.conflict ? <Notice tone="error">{t("mod.edit.conflict")}</Notice> : null}
      <ModuleForm teachers={teachers} defaultValue={defaultValue} version={version} lastResult={data?.result} semesters={programme.semesters} submitLabel={t("mod.edit.submit")} />
      <ModuleSuggestions suggestions={suggestions} message={data?.suggestionMessage} error={data?.suggestionError} />
    </section>
  );
}
