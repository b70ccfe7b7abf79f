import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ExpectedDepthsForm } from "~/components/expected-depths-form";
import { readDepthForm } from "~/domain/expected-depth";
import { fill, translator } from "~/i18n";
import { loadExpectedDepths, setProgrammeExpectedDepths } from "~/models/expected-depths.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";
import { getLocale } from "~/utils/locale.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("lvl.settings.title")} · Maquette` }];

/** GET /programmes/:id/profondeurs: the programme's own expected depths, over the school's. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, actor } = await requireProgramme(request, params.id, { edit: true, head: true });
  return { programme: { id: programme.id, title: programme.title }, settings: await loadExpectedDepths(db, actor.schoolId, programme.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, actor, ctx } = await requireProgramme(request, params.id, { edit: true, head: true });
  const t = translator(await getLocale(request));
  const changes = readDepthForm(await readForm(request), true);
  if (!changes) return Response.json({ error: t("lvl.settings.invalid") }, { status: 400 });
  const count = await setProgrammeExpectedDepths({ db, schoolId: actor.schoolId, programmeId: programme.id, changes, actor: { ...actor, name: ctx.user.name } });
  return { saved: count ? fill(t("lvl.settings.saved"), { count }) : t("lvl.settings.unchanged") };
}

export default function ProgrammeExpectedDepths() {
  const { programme, settings } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as { error?: string; saved?: string } | undefined;
  const t = useT();
  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link to={`/programmes/${programme.id}/couverture`} className="underline">
          {t("lvl.settings.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{fill(t("lvl.settings.programmeTitle"), { title: programme.title })}</h1>
      <p className="text-slate-700">{t("lvl.settings.programmeIntro")}</p>
      <ExpectedDepthsForm own={settings.programme} school={settings.school} forProgramme error={reply?.error} saved={reply?.saved} />
    </section>
  );
}
