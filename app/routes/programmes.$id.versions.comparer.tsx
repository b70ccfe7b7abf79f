import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { ProgrammePageHeader, SnapshotDiffView } from "~/components/versions";
import { isEmptySnapshotDiff } from "~/domain/programme-version";
import { fill, translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { compareVersions, parseVersionKey } from "~/models/programme-version.server";
import { programmeTargets } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: `${t("title.compare")} · ${data?.programme.title ?? t("title.programme")} · Maquette` }];
};

/** GET /programmes/:id/versions/comparer?de=N&a=M|brouillon: what changed between two versions (or a version and the draft). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireProgramme(request, params.id);
  const t = translator(await getLocale(request));
  const url = new URL(request.url);
  const from = parseVersionKey(url.searchParams.get("de"));
  const to = parseVersionKey(url.searchParams.get("a"));
  if (from === null || to === null) throw new Response(t("act.ver.chooseTwo"), { status: 400 });
  const diff = await compareVersions({ db, schoolId: ctx.school.id, programmeId: programme.id, from, to });
  if (!diff) throw new Response(t("act.versionNotFound"), { status: 404 });
  const targets = await programmeTargets(db, programme);
  return { programme: { id: programme.id, title: programme.title }, from, to, diff, titles: Object.fromEntries(targets.map((t) => [t.sheetSlug, t.title])) };
}

export default function CompareVersions() {
  const t = useT();
  const { programme, from, to, diff, titles } = useLoaderData<typeof loader>();
  const name = (key: number | "draft") => (key === "draft" ? t("ver.draft") : fill(t("ver.name"), { number: key }));
  return (
    <section className="space-y-6">
      <ProgrammePageHeader programme={programme} title={fill(t("ver.compare.heading"), { from: name(from), to: name(to) })}>
        <p className="text-sm text-slate-600">
          <a className="underline" href={`/api/v1/programmes/${programme.id}/compare?from=${from}&to=${to}`}>
            {t("ver.compare.json")}
          </a>
        </p>
      </ProgrammePageHeader>
      {isEmptySnapshotDiff(diff) ? <Notice>{t("ver.compare.same")}</Notice> : <SnapshotDiffView diff={diff} titles={titles} />}
    </section>
  );
}
