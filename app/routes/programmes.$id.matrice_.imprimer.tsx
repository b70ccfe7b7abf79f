import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Legend } from "~/components/matrix-panel";
import { EMPTY_CELL, semesterLabel } from "~/domain/matrix";
import { expandMatrixData, requiredDepthMark, type RowLock } from "~/domain/matrix-data";
import { loadMatrixData } from "~/models/matrix.server";
import { db } from "~/utils/db.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { fill } from "~/i18n";
import { metaTranslator, useDateFormat, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("mx.printPage.title")} · Maquette` }];

/** Columns per printed page: A3 landscape holds 48 of them beside the modules, A4 landscape 30. */
const COLUMNS_PER_PAGE = { a3: 48, a4: 30 } as const;
type Format = keyof typeof COLUMNS_PER_PAGE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireProgramme(request, params.id);
  const format: Format = new URL(request.url).searchParams.get("format") === "a4" ? "a4" : "a3";
  const matrix = await loadMatrixData(db, programme, () => ({ mine: false, lock: null as RowLock | null }));
  return { programme: { id: programme.id, title: programme.title }, matrix, format, printedAt: new Date().toISOString() };
}

/**
 * The matrix laid out for paper: every module and every column, in parts of as many columns as
 * a page holds (the rows continue on the next pages with the headers repeated, the programme's
 * title and the date among them), the labels written upwards, the legend, and the page's
 * number in its margin (a named CSS `@page` with a margin box, app/tailwind.css: the app's
 * Content-Security-Policy allows no style element in the page).
 */
export default function PrintMatrix() {
  const { programme, matrix, format, printedAt } = useLoaderData<typeof loader>();
  const t = useT();
  const dates = useDateFormat();
  const { columns, cells } = expandMatrixData(matrix);
  // The day of the print in the school's time zone.
  const date = dates.day(printedAt);
  const perPage = COLUMNS_PER_PAGE[format];
  const parts = Array.from({ length: Math.max(1, Math.ceil(columns.length / perPage)) }, (_, i) => columns.slice(i * perPage, (i + 1) * perPage));
  return (
    <article className={`matrix-print matrix-print-${format} space-y-4 bg-white text-[9px]`} data-testid="matrix-print">
      <div className="flex flex-wrap items-center gap-3 text-sm print:hidden">
        <Link to={`/programmes/${programme.id}/matrice`} className="underline">
          ← {t("mx.printPage.back")}
        </Link>
        <span>{t("mx.printPage.format")} :</span>
        <Link to="?format=a3" className={`rounded px-2 py-1 ring-1 ring-slate-300 ${format === "a3" ? "bg-brand-50 font-semibold" : ""}`} aria-current={format === "a3" ? "page" : undefined}>
          {t("mx.printPage.a3")}
        </Link>
        <Link to="?format=a4" className={`rounded px-2 py-1 ring-1 ring-slate-300 ${format === "a4" ? "bg-brand-50 font-semibold" : ""}`} aria-current={format === "a4" ? "page" : undefined}>
          {t("mx.printPage.a4")}
        </Link>
        <button type="button" className="rounded bg-brand-700 px-3 py-1 text-white" onClick={() => window.print()}>
          {t("mx.printPage.button")}
        </button>
      </div>
      <h1 className="text-lg font-bold">
        {programme.title} — {t("mat.title")}
      </h1>
      <p className="text-xs">{fill(t("mx.printPage.date"), { date })}</p>
      {parts.map((part, p) => (
        <section key={p} className={p > 0 ? "break-before-page" : ""}>
          <table className="w-full table-fixed border-collapse">
            <thead>
              <tr>
                <th colSpan={part.length + 1} className="p-1 text-left text-[10px] font-normal">
                  <b>{programme.title}</b> — {fill(t("mx.printPage.date"), { date })} — {fill(t("mx.printPage.part"), { from: p * perPage + 1, to: p * perPage + part.length, total: columns.length })}
                </th>
              </tr>
              <tr>
                <th scope="col" className="w-52 border border-slate-400 p-1 text-left align-bottom">
                  {t("mat.module")}
                </th>
                {part.map((column) => (
                  <th key={column.ref} scope="col" className="h-44 border border-slate-400 p-0.5 align-bottom font-normal">
                    <div className="mx-auto h-40 overflow-hidden text-left [writing-mode:vertical-rl] rotate-180 leading-[10px]">
                      <b>{column.code}</b> {column.label.length > 60 ? `${column.label.slice(0, 59)}…` : column.label}
                    </div>
                    <div className="font-semibold">{requiredDepthMark(column)}</div>
                    <div className="text-[7px]">{column.sheets.map((s) => matrix.sheets[s].mark).join(" ")}</div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row) => (
                <tr key={row.id} className="break-inside-avoid">
                  <th scope="row" className="border border-slate-400 p-1 text-left font-normal">
                    {semesterLabel({ semester: row.semester, semesterSpan: row.span })} <b>{row.code}</b> {row.title}
                  </th>
                  {part.map((column) => {
                    const value = cells[row.id]?.[column.ref] ?? EMPTY_CELL;
                    return (
                      <td key={column.ref} className={`border border-slate-400 text-center mx-d${value.depth} print:[print-color-adjust:exact]`}>
                        {value.depth > 0 ? `${value.depth}${value.assessed ? t("mat.cell.assessedMark") : ""}${value.note ? "*" : ""}` : ""}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <section className="break-inside-avoid">
        <Legend sheets={matrix.sheets} />
        <p className="mt-1 text-xs">{t("mx.printPage.noteMark")}</p>
      </section>
    </article>
  );
}
