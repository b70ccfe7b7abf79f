import type { LoaderFunctionArgs } from "@remix-run/node";
import { gapList } from "~/domain/coverage";
import { mappingNotes, type MappingNote } from "~/domain/mapping-notes";
import { renderSentence } from "~/domain/sentences";
import { fill, translator, type MessageKey } from "~/i18n";
import { programmeCoverage } from "~/models/coverage.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { canRenderPdf, renderPdf } from "~/utils/pdf.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { writeWorkbook } from "~/utils/xlsx.server";

const STATUS_LABELS = {
  covered: "xlsx.status.covered",
  partial: "xlsx.status.partial",
  missing: "xlsx.status.missing",
  not_required: "xlsx.status.not_required",
} as const satisfies Record<string, MessageKey>;

/** The notes on mappings, as one sheet (none when no mapping has a note). */
const notesSheet = (notes: MappingNote[], t: (key: MessageKey) => string) =>
  notes.length ? [{ name: t("xlsx.sheet.notes"), rows: [[t("xlsx.col.semester"), t("xlsx.col.module"), t("xlsx.col.requirement"), t("rep.notes.depth"), t("xlsx.col.note")], ...notes.map((n) => [n.semester, n.module, n.itemRef, `${n.depth}${n.assessed ? t("rep.assessedMark") : ""}`, n.note])] }] : [];

/**
 * GET /programmes/:id/rapport/(pdf|xlsx): the accreditation report as a PDF, or its tables as a
 * workbook, both in the reader's language (the language cookie).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireProgramme(request, params.id);
  const locale = await getLocale(request);
  const t = translator(locale);
  const base = `rapport-${programme.id}`;
  if (params.format === "pdf") {
    if (!canRenderPdf()) {
      return new Response(t("rep.pdfUnavailable"), {
        status: 503,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    const url = new URL(`/programmes/${programme.id}/rapport`, request.url).href;
    const pdf = await renderPdf({ url, cookie: request.headers.get("Cookie") });
    return new Response(new Uint8Array(pdf), {
      headers: { "Content-Type": "application/pdf", "Content-Length": String(pdf.length), "Content-Disposition": `attachment; filename="${base}.pdf"` },
    });
  }
  if (params.format !== "xlsx") throw new Response(t("rep.unknownFormat"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const found = await programmeCoverage({ db, schoolId: ctx.school.id, programmeId: programme.id, loaded: programme });
  const coverages = found!.coverages;
  const refs = [...new Set(coverages.flatMap((c) => c.target.requirements.filter((r) => r.required).map((r) => r.ref)))];
  const sheets = [
    {
      name: t("xlsx.sheet.programme"),
      rows: [
        [t("xlsx.row.title"), programme.title],
        [t("xlsx.row.level"), programme.level],
        [t("xlsx.row.entryEcts"), programme.entryEcts],
        [t("xlsx.row.ownEcts"), programme.modules.reduce((n, m) => n + m.ects, 0)],
        [t("xlsx.row.semesters"), programme.semesters],
        [t("xlsx.row.produced"), new Date().toISOString()],
      ],
    },
    {
      name: t("xlsx.sheet.cross"),
      rows: [
        [t("xlsx.col.semester"), t("xlsx.col.module"), t("xlsx.col.title"), t("xlsx.col.ects"), ...refs],
        ...programme.modules.map((m) => {
          const cells = new Map(m.mappings.map((x) => [x.itemRef, `${x.depth}${x.assessed ? t("rep.assessedMark") : ""}`]));
          return [m.semester, m.code, m.title, m.ects, ...refs.map((r) => cells.get(r) ?? "")];
        }),
      ],
    },
    ...coverages.map(({ target, result }) => ({
      name: fill(t("xlsx.sheet.coverage"), { slug: target.sheetSlug }).slice(0, 31),
      rows: [
        [
          t("xlsx.col.requirement"),
          t("xlsx.col.label"),
          t("xlsx.col.kind"),
          t("xlsx.col.status"),
          t("xlsx.col.requiredDepth"),
          t("xlsx.col.achievedDepth"),
          t("xlsx.col.assessed"),
          t("xlsx.col.modules"),
        ],
        ...result.items.map((i) => [i.ref, i.label, t(`cov.kind.${i.kind}` as MessageKey), t(STATUS_LABELS[i.status]), i.requiredDepth ?? "", i.achievedDepth, i.assessed ? t("xlsx.yes") : t("xlsx.no"), i.modules.map((m) => `${m.code} (${m.depth})`).join(", ")]),
      ],
    })),
    {
      name: t("xlsx.sheet.gaps"),
      rows: [[t("xlsx.col.target"), t("xlsx.col.requirement"), t("xlsx.col.label"), t("xlsx.col.status"), t("xlsx.col.required"), t("xlsx.col.achieved")], ...coverages.flatMap(({ target, result }) => gapList(result).map((g) => [target.title, g.ref, g.label, g.status === "covered" ? t("xlsx.status.neverAssessed") : t(STATUS_LABELS[g.status]), g.requiredDepth ?? "", g.achievedDepth]))],
    },
    ...notesSheet(mappingNotes(programme.modules), t),
    {
      name: t("xlsx.sheet.warnings"),
      rows: [[t("xlsx.col.target"), t("xlsx.col.code"), t("xlsx.col.message")], ...coverages.flatMap(({ target, result }) => result.warnings.map((w) => [target.title, w.code, renderSentence(w.sentence, locale)]))],
    },
  ];
  const body = await writeWorkbook(sheets);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="${base}.xlsx"`,
    },
  });
}
