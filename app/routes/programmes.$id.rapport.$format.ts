import type { LoaderFunctionArgs } from "@remix-run/node";
import type { CoverageStatus, WarningCode } from "~/domain/coverage";
import { toCsv } from "~/domain/csv";
import type { RequirementKind } from "~/domain/reference-data";
import { reportFileName, requirementRows, type ReportData, type RequirementColumns } from "~/domain/report";
import type { MappingNote } from "~/domain/mapping-notes";
import { formatDateTime } from "~/domain/time-zone";
import { translator, type Locale, type MessageKey, type Translate } from "~/i18n";
import { buildReport } from "~/models/report.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { canRenderPdf, PdfBusyError, renderPdf } from "~/utils/pdf.server";
import { readCookie, sessionToken } from "~/utils/auth.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { writeWorkbook } from "~/utils/xlsx.server";

const STATUS_LABELS = {
  covered: "xlsx.status.covered",
  partial: "xlsx.status.partial",
  missing: "xlsx.status.missing",
  not_required: "xlsx.status.not_required",
} as const satisfies Record<CoverageStatus, MessageKey>;

const WARNING_LABELS = {
  level_outside_range: "xlsx.warning.level_outside_range",
  credits_total_mismatch: "xlsx.warning.credits_total_mismatch",
  semester_ects: "xlsx.warning.semester_ects",
  module_maps_nothing: "xlsx.warning.module_maps_nothing",
  covered_not_assessed: "xlsx.warning.covered_not_assessed",
  depth_decreases: "xlsx.warning.depth_decreases",
} as const satisfies Record<WarningCode, MessageKey>;

const COLUMN_LABELS = {
  target: "xlsx.col.target",
  requirement: "xlsx.col.requirement",
  label: "xlsx.col.label",
  kind: "xlsx.col.kind",
  status: "xlsx.col.status",
  requiredDepth: "xlsx.col.requiredDepth",
  achievedDepth: "xlsx.col.achievedDepth",
  assessed: "xlsx.col.assessed",
  modules: "xlsx.col.modules",
  editorial: "xlsx.col.editorial",
  editorialReason: "xlsx.col.editorialReason",
  editorialNote: "xlsx.col.editorialNote",
  quote: "xlsx.col.quote",
  sourceFile: "xlsx.col.sourceFile",
} as const satisfies Record<keyof RequirementColumns, MessageKey>;

const TYPES = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
} as const;

/** The notes on mappings, as one sheet (none when no mapping has a note). */
const notesSheet = (notes: MappingNote[], t: (key: MessageKey) => string) =>
  notes.length ? [{ name: t("xlsx.sheet.notes"), rows: [[t("xlsx.col.semester"), t("xlsx.col.module"), t("xlsx.col.requirement"), t("rep.notes.depth"), t("xlsx.col.note")], ...notes.map((n) => [n.semester, n.module, n.itemRef, `${n.depth}${n.assessed ? t("rep.assessedMark") : ""}`, n.note])] }] : [];

/**
 * GET /programmes/:id/rapport/(pdf|xlsx|csv): the accreditation report as a PDF (pages
 * numbered), its tables as a workbook, or its requirements as CSV; in the reader's language,
 * times in the school's time zone, named by programme and day
 * (`rapport-master-management-commerce-electronique-2026-12-02.pdf`). Every sheet of the
 * workbook and the CSV say which rows are editorial choices, and why.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireProgramme(request, params.id);
  const locale = await getLocale(request);
  const t = translator(locale);
  const format = params.format;
  if (format !== "pdf" && format !== "xlsx" && format !== "csv") throw new Response(t("rep.unknownFormat"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const timeZone = ctx.school.timeZone;
  const name = reportFileName(programme.title, new Date(), timeZone, format);
  let body: Uint8Array;
  if (format === "pdf") {
    if (!canRenderPdf()) return new Response(t("rep.pdfUnavailable"), { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    // Rendered from the app's own address, known to the server, never from the request's Host
    // header; the browser carries this person's session there only (docs/decisions/047).
    const origin = context.internalOrigin ?? `http://127.0.0.1:${process.env.PORT || 3000}`;
    const session = sessionToken(request);
    const cookies = session ? [{ name: "maquette_session", value: session }] : [];
    const language = readCookie(request, "maquette_lang", { raw: true });
    if (language) cookies.push({ name: "maquette_lang", value: language });
    const footer = t("rep.pdf.footer", { page: '<span class="pageNumber"></span>', pages: '<span class="totalPages"></span>' });
    try {
      body = await renderPdf({ origin, path: `/programmes/${programme.id}/rapport`, cookies, footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#475569">${footer}</div>` });
    } catch (error) {
      if (!(error instanceof PdfBusyError)) throw error;
      return new Response(t("sec.pdf.busy"), { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(error.retryAfterSeconds) } });
    }
  } else {
    const report = await buildReport({ db, schoolId: ctx.school.id, programme, language: locale, timeZone });
    body = format === "xlsx" ? await writeWorkbook(workbookSheets(report, t, locale)) : new TextEncoder().encode(`\uFEFF${requirementsCsv(report, t)}`);
  }
  return new Response(body as BodyInit, {
    headers: { "Content-Type": TYPES[format], "Content-Length": String(body.length), "Content-Disposition": `attachment; filename="${name}"` },
  });
}

function rowsOfRequirements(report: ReportData, t: Translate) {
  const columns = Object.keys(COLUMN_LABELS) as (keyof RequirementColumns)[];
  const rows = requirementRows(report.targets, {
    kind: (kind: RequirementKind) => t(`cov.kind.${kind}` as MessageKey),
    status: (status) => t(STATUS_LABELS[status]),
    yes: t("xlsx.yes"),
    no: t("xlsx.no"),
  });
  return [columns.map((c) => t(COLUMN_LABELS[c])), ...rows.map((row) => columns.map((c) => row[c]))];
}

/** The requirements of every target, one per line, with their editorial mark, reason, note and quote. */
function requirementsCsv(report: ReportData, t: Translate) {
  return toCsv(rowsOfRequirements(report, t).map((row) => row.map(String)));
}

/** Every sheet of the workbook has its "editorial choice" column (or row, for the cross table's columns) and its reason. */
function workbookSheets(report: ReportData, t: Translate, locale: Locale) {
  const yesNo = (reason: string | null) => (reason !== null ? t("xlsx.yes") : t("xlsx.no"));
  const level = (cncp: ReportData["targets"][number]["cncp"]) => (cncp.min === cncp.max ? String(cncp.min) : `${cncp.min}–${cncp.max}`);
  const when = (at: string) => formatDateTime(at, { language: locale, timeZone: report.timeZone });
  const p = report.programme;
  const editorialHead = [t("xlsx.col.editorial"), t("xlsx.col.editorialReason")];
  return [
    {
      name: t("xlsx.sheet.programme"),
      rows: [
        [t("xlsx.col.field"), t("xlsx.col.value"), ...editorialHead],
        [t("xlsx.row.title"), p.title, t("xlsx.no"), ""],
        [t("xlsx.row.level"), p.level, t("xlsx.no"), ""],
        [t("xlsx.row.entryEcts"), p.entryEcts, t("xlsx.no"), ""],
        [t("xlsx.row.ownEcts"), p.ownEcts, t("xlsx.no"), ""],
        [t("xlsx.row.semesters"), p.semesters, t("xlsx.no"), ""],
        ...(report.version
          ? [
              [t("xlsx.row.version"), report.version.number, t("xlsx.no"), ""],
              [t("xlsx.row.hash"), report.version.snapshotHash, t("xlsx.no"), ""],
            ]
          : []),
        [t("xlsx.row.produced"), when(report.generatedAt), t("xlsx.no"), ""],
        ...report.targets.map((target) => [t("xlsx.row.targetLevel", { title: target.title }), level(target.cncp), yesNo(target.cncp.editorialReason), target.cncp.editorialReason ?? ""]),
      ],
    },
    {
      name: t("xlsx.sheet.cross"),
      rows: [
        [t("xlsx.col.semester"), t("xlsx.col.module"), t("xlsx.col.title"), t("xlsx.col.ects"), ...report.columns.map((c) => c.ref)],
        ["", "", t("xlsx.col.editorial"), "", ...report.columns.map((c) => yesNo(c.editorialReason))],
        ["", "", t("xlsx.col.editorialReason"), "", ...report.columns.map((c) => c.editorialReason ?? "")],
        ...report.modules.map((m) => [m.semester, m.code, m.title, m.ects, ...report.columns.map((c) => (m.cells[c.ref] ? `${m.cells[c.ref].depth}${m.cells[c.ref].assessed ? t("rep.assessedMark") : ""}` : ""))]),
      ],
    },
    {
      name: t("xlsx.sheet.modules"),
      rows: [
        [t("xlsx.col.semester"), t("xlsx.col.module"), t("xlsx.col.title"), t("xlsx.col.ects"), t("rep.col.lectures"), t("rep.col.tutorials"), t("rep.col.practical"), t("rep.col.projects"), t("rep.col.assessment"), ...editorialHead],
        ...report.modules.map((m) => [m.semester, m.code, m.title, m.ects, m.hours.lectures, m.hours.tutorials, m.hours.practical, m.hours.projects, m.assessmentMethod, t("xlsx.no"), ""]),
      ],
    },
    ...report.targets.map((target) => ({
      name: t("xlsx.sheet.coverage", { slug: target.slug }).slice(0, 31),
      rows: [
        [t("xlsx.col.requirement"), t("xlsx.col.label"), t("xlsx.col.kind"), t("xlsx.col.status"), t("xlsx.col.requiredDepth"), t("xlsx.col.achievedDepth"), t("xlsx.col.assessed"), t("xlsx.col.modules"), ...editorialHead, t("xlsx.col.editorialNote")],
        ...target.items.map((i) => [
          i.ref,
          i.label,
          t(`cov.kind.${i.kind}` as MessageKey),
          t(STATUS_LABELS[i.status]),
          i.requiredDepth ?? "",
          i.achievedDepth,
          i.assessed ? t("xlsx.yes") : t("xlsx.no"),
          i.modules.map((m) => `${m.code} (${m.depth})`).join(", "),
          yesNo(i.editorialReason),
          i.editorialReason ?? "",
          i.editorialNote ?? "",
        ]),
      ],
    })),
    {
      name: t("xlsx.sheet.gaps"),
      rows: [
        [t("xlsx.col.target"), t("xlsx.col.requirement"), t("xlsx.col.label"), t("xlsx.col.status"), t("xlsx.col.required"), t("xlsx.col.achieved"), ...editorialHead],
        ...report.targets.flatMap((target) =>
          target.gaps.map((g) => [target.title, g.ref, g.label, g.status === "covered" ? t("xlsx.status.neverAssessed") : t(STATUS_LABELS[g.status]), g.requiredDepth ?? "", g.achievedDepth, yesNo(g.editorialReason), g.editorialReason ?? ""]),
        ),
      ],
    },
    ...notesSheet(report.notes, t),
    {
      name: t("xlsx.sheet.warnings"),
      rows: [
        [t("xlsx.col.target"), t("xlsx.col.warning"), t("xlsx.col.message"), ...editorialHead],
        ...report.targets.flatMap((target) => target.warnings.map((w) => [target.title, t(WARNING_LABELS[w.code]), w.text, yesNo(w.editorialReason), w.editorialReason ?? ""])),
      ],
    },
    { name: t("xlsx.sheet.quotes"), rows: rowsOfRequirements(report, t) },
  ];
}
