import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ProgrammeForm } from "~/components/programme-form";
import { programmeSchema } from "~/domain/programme";
import { createProgramme } from "~/models/programme.server";
import { listTargetChoices } from "~/models/targets.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";
import { translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { withSaved } from "~/components/toast";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.newProgramme")} · Maquette` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { school } = await requireMembership(request, ["admin", "manager"]);
  return { targets: await listTargetChoices({ db, schoolId: school.id }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { school, user } = await requireMembership(request, ["admin", "manager"]);
  const known = new Set((await listTargetChoices({ db, schoolId: school.id })).map((t) => t.slug));
  const t = translator(await getLocale(request));
  const submission = parseWithZod(await readForm(request), {
    schema: programmeSchema.refine((v) => v.targets.every((slug) => known.has(slug)), { path: ["targets"], message: t("prog.error.unknownSheet") }),
  });
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: 400 });
  const { id } = await createProgramme({ db, schoolId: school.id, form: submission.value, actor: { userId: user.id, schoolId: school.id } });
  return redirect(withSaved(`/programmes/${id}`, "formation-creee"));
}

export default function NewProgramme() {
  const { targets } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("prog.new.title")}</h1>
      <ProgrammeForm targets={targets} lastResult={data?.result} submitLabel={t("prog.new.submit")} />
    </section>
  );
}
