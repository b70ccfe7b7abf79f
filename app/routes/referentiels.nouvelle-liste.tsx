import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SchoolListForm } from "~/components/school-list-form";
import { withSaved } from "~/components/toast";
import { emptySchoolList, schoolListSchema } from "~/domain/school-list";
import { frenchText } from "~/domain/sentences";
import { createSchoolList, LIST_EDITORS as EDITORS } from "~/models/school-list.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("list.meta.new")} · Maquette` }];


export async function loader({ request }: LoaderFunctionArgs) {
  const { school } = await requireMembership(request, EDITORS);
  return { schoolSlug: school.slug };
}

/** POST /referentiels/nouvelle-liste: creates the list with its first draft (published later). */
export async function action({ request }: ActionFunctionArgs) {
  const { school, user } = await requireMembership(request, EDITORS);
  const submission = parseWithZod(await readForm(request), { schema: schoolListSchema });
  // A button that adds, removes or moves a row (without JavaScript): the form comes back changed.
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: submission.status === "error" ? 400 : 200 });
  const created = await createSchoolList({ db, school, form: submission.value, actor: { userId: user.id, schoolId: school.id } });
  if (!created.ok) {
    return Response.json({ result: submission.reply({ fieldErrors: { slug: [frenchText("schoollist.slug_taken", { slug: submission.value.slug })] } }) }, { status: 409 });
  }
  return redirect(withSaved(`/referentiels/${created.slug}/modifier`, "liste-creee"));
}

export default function NewSchoolList() {
  const { schoolSlug } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link to="/referentiels" className="text-brand-700 underline">
          ← {t("ref.backToList")}
        </Link>
      </p>
      <header>
        <h1 className="text-2xl font-bold">{t("list.new.title")}</h1>
        <p className="mt-2 text-slate-600">{t("list.new.intro")}</p>
      </header>
      <SchoolListForm defaultValue={emptySchoolList()} lastResult={data?.result} schoolSlug={schoolSlug} slugFixed={false} submitLabel={t("list.form.create")} />
    </section>
  );
}
