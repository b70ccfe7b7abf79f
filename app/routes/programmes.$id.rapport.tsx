import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BlocModulesTables } from "~/components/bloc-modules-table";
import { DownloadLink } from "~/components/download-link";
import { ExpectedDepthsNote } from "~/components/gap-suggestions";
import { ReportCover } from "~/components/report/cover";
import { ReportCoverage } from "~/components/report/coverage";
import { ReportCrossTable } from "~/components/report/cross-table";
import { ReportNotes } from "~/components/report-notes";
import { ReportGaps } from "~/components/report/gaps";
import { ReportItems } from "~/components/report/items";
import { ReportModules } from "~/components/report/modules";
import { ReportQuotes } from "~/components/report/quotes";
import { ReportSources } from "~/components/report/sources";
import { ReportWarnings } from "~/components/report/warnings";
import { reportFileName } from "~/domain/report";
import { buildReport } from "~/models/report.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${metaTranslator(matches)("title.report")} · ${data?.programme.title ?? ""}` }];

/** The accreditation report: everything a reviewer reads, on one printable page (its PDF: /rapport/pdf). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireProgramme(request, params.id);
  return buildReport({ db, schoolId: ctx.school.id, programme, language: await getLocale(request), timeZone: ctx.school.timeZone });
}

/**
 * One component per section (app/components/report/): a new section is one more line here.
 * The cover page is a printed page of its own.
 */
export default function Report() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/programmes/${data.programme.id}/rapport`;
  const name = (extension: "pdf" | "xlsx" | "csv") => reportFileName(data.programme.title, data.generatedAt, data.timeZone, extension);
  return (
    <article className="report mx-auto max-w-5xl space-y-8 bg-white p-8 print:p-0 print:shadow-none">
      <div className="flex items-start justify-between gap-2 print:hidden">
        <Link to={`/programmes/${data.programme.id}`} className="underline">
          {t("prog.link.back")}
        </Link>
        <div className="flex flex-wrap items-start gap-2">
          <DownloadLink href={`${base}/csv`} fileName={name("csv")} waitingMessage="rep.download.csv" className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300">
            {t("rep.csv")}
          </DownloadLink>
          <DownloadLink href={`${base}/xlsx`} fileName={name("xlsx")} waitingMessage="rep.download.xlsx" className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300">
            {t("rep.tables")}
          </DownloadLink>
          <DownloadLink href={`${base}/pdf`} fileName={name("pdf")} waitingMessage="rep.download.pdf" className="rounded-md bg-brand-700 px-3 py-1.5 text-white">
            {t("rep.pdf")}
          </DownloadLink>
        </div>
      </div>
      <ReportCover data={data} />
      <ExpectedDepthsNote expected={data.expected} level={data.programme.level} editHref={null} />
      <ReportCoverage data={data} />
      <ReportGaps data={data} />
      <ReportModules data={data} />
      <ReportCrossTable data={data} />
      <ReportNotes notes={data.notes} />
      <BlocModulesTables tables={data.blocTables} />
      <ReportItems data={data} />
      <ReportWarnings data={data} />
      <ReportSources data={data} />
      <ReportQuotes data={data} />
    </article>
  );
}
