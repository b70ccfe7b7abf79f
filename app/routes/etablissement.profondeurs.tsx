import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ExpectedDepthsForm } from "~/components/expected-depths-form";
import { readDepthForm } from "~/domain/expected-depth";
import { fill, translator } from "~/i18n";
import { loadExpectedDepths, setSchoolExpectedDepths } from "~/models/expected-depths.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";
import { getLocale } from "~/utils/locale.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("lvl.settings.title")} · Maquette` }];

/** GET /etablissement/profondeurs: the depths the school expects per level and kind where a sheet gives none. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { school } = await requireMembership(request, ["admin", "manager"]);
  return { settings: await loadExpectedDepths(db, school.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { school, user } = await requireMembership(request, ["admin", "manager"]);
  const t = translator(await getLocale(request));
  const changes = readDepthForm(await readForm(request), false);
  if (!changes) return Response.json({ error: t("lvl.settings.invalid") }, { status: 400 });
  const count = await setSchoolExpectedDepths({ db, schoolId: school.id, changes, actor: { userId: user.id, schoolId: school.id, name: user.name } });
  return { saved: count ? fill(t("lvl.settings.saved"), { count }) : t("lvl.settings.unchanged") };
}

export default function SchoolExpectedDepths() {
  const { settings } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as { error?: string; saved?: string } | undefined;
  const t = useT();
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-bold">{t("lvl.settings.title")}</h1>
      <p className="text-slate-700">{t("lvl.settings.intro")}</p>
      <ExpectedDepthsForm own={settings.school} school={settings.school} forProgramme={false} error={reply?.error} saved={reply?.saved} />
    </section>
  );
}
