import { readForm } from "~/utils/form-data.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, inputClass, SubmitButton } from "~/components/forms";
import { ProgrammePageHeader } from "~/components/versions";
import { canEditProgrammes } from "~/domain/roles";
import { duplicateProgramme } from "~/models/programme-version.server";
import { db } from "~/utils/db.server";
import { translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.duplicate")} · Maquette` }];

async function guard(request: Request, id: string | undefined) {
  const access = await requireProgramme(request, id);
  // Duplicating reads the programme and writes a new one: allowed even while it is under review.
  if (!canEditProgrammes(access.ctx.role)) throw new Response(translator(await getLocale(request))("act.dup.roleCannotCreate"), { status: 403 });
  return access;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await guard(request, params.id);
  return { programme: { id: programme.id, title: programme.title, modules: programme.modules.length } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, ctx, actor } = await guard(request, params.id);
  const t = translator(await getLocale(request));
  const title = String((await readForm(request)).get("title") ?? "").trim();
  if (title.length < 3 || title.length > 200 || title.includes("\u0000")) return Response.json({ errors: { title: [t("act.dup.titleLength")] } }, { status: 400 });
  const created = await duplicateProgramme({ db, schoolId: ctx.school.id, programmeId: programme.id, title, actor });
  if (!created) throw new Response(t("act.programmeNotFound"), { status: 404 });
  return redirect(`/programmes/${created.id}?copie=1`);
}

export default function DuplicateProgramme() {
  const t = useT();
  const { programme } = useLoaderData<typeof loader>();
  const result = useActionData<{ errors?: { title?: string[] } }>();
  const navigation = useNavigation();
  return (
    <section className="max-w-2xl space-y-4">
      <ProgrammePageHeader programme={programme} top title={t("ver.duplicate.title")}>
        <p className="text-slate-600">{t("ver.duplicate.explain")}</p>
      </ProgrammePageHeader>
      <Form method="post" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <div>
          <label htmlFor="duplicate-title" className="block text-sm font-medium text-slate-800">
            {t("ver.duplicate.newTitle")}
          </label>
          <input
            id="duplicate-title"
            name="title"
            required
            minLength={3}
            maxLength={200}
            defaultValue={`${programme.title} (copie)`}
            className={inputClass}
            aria-invalid={result?.errors?.title ? true : undefined}
            aria-describedby={result?.errors?.title ? "duplicate-title-error" : undefined}
          />
          <ErrorList id="duplicate-title-error" errors={result?.errors?.title} />
        </div>
        <SubmitButton pending={navigation.state === "submitting"}>{t("ver.duplicate.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
