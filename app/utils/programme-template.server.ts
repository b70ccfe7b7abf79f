/**
 * The workbook a person fills to import a programme (docs/decisions/008): a sheet of
 * instructions, the programme's fields ("Formation"), the data sheet with drop-down lists for
 * requirement codes, depths and assessment, and the list of every requirement code of the
 * targets with its label. In the reader's language; what it holds imports as it is.
 */
import { fill, translator, type Locale, type MessageKey } from "~/i18n";
import { FRENCH_HEADER, PROGRAMME_CSV_HEADER, programmeFactsRows, requirementCodes } from "~/domain/programme-import";
import type { LoadedTarget } from "~/models/targets.server";
import { writeWorkbook, type ListValidation } from "~/utils/xlsx.server";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A file name from a title: no accent, lower case, words joined by "-". */
export function fileBase(title: string) {
  return (
    title
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "formation"
  );
}

/** Rows of the data sheet that carry the drop-down lists. */
const TEMPLATE_ROWS = 1000;

const KIND_LABELS: Record<LoadedTarget["requirements"][number]["kind"], MessageKey> = {
  competence: "cov.kind.competence",
  knowledge: "cov.kind.knowledge",
  transversal: "cov.kind.transversal",
};

type Programme = { title: string; diplomaType: string; level: number; entryEcts: number; semesters: number; description: string };

/**
 * The template for these targets; with a programme, its "Formation" sheet holds the
 * programme's fields (without, only the targets).
 */
export async function programmeTemplate({ targets, programme, locale }: { targets: readonly LoadedTarget[]; programme?: Programme; locale: Locale }): Promise<Buffer> {
  const t = translator(locale);
  const slugs = targets.map((target) => target.sheetSlug);
  // Every requirement of the targets, shared items (T.., K-..) once, in the targets' order.
  const requirements = new Map<string, { label: string; kind: keyof typeof KIND_LABELS; requiredDepth: number | null; sheets: string[] }>();
  for (const target of targets) {
    for (const item of target.requirements) {
      if (!item.required) continue;
      const seen = requirements.get(item.ref);
      if (seen) {
        seen.sheets.push(target.title);
        seen.requiredDepth = Math.max(seen.requiredDepth ?? 0, item.requiredDepth ?? 0) || null;
      } else requirements.set(item.ref, { label: item.label, kind: item.kind, requiredDepth: item.requiredDepth, sheets: [target.title] });
    }
  }
  const codes = requirementCodes(requirements.keys(), slugs);
  const header = locale === "fr" ? PROGRAMME_CSV_HEADER.map((c) => FRENCH_HEADER[c]) : [...PROGRAMME_CSV_HEADER];
  const listSheet = t("tpl.sheet.requirements");
  const column = (name: (typeof PROGRAMME_CSV_HEADER)[number]) => PROGRAMME_CSV_HEADER.indexOf(name) + 1;
  const rows: [number, number] = [2, TEMPLATE_ROWS + 1];
  const lists: ListValidation[] = [
    { column: column("item_ref"), rows, source: { sheet: listSheet, range: `$A$2:$A$${requirements.size + 1}` }, prompt: t("tpl.prompt.requirement") },
    { column: column("depth"), rows, source: { values: ["1", "2", "3", "4"] }, prompt: t("tpl.prompt.depth") },
    { column: column("assessed"), rows, source: { values: locale === "fr" ? ["oui", "non"] : ["yes", "no"] } },
  ];
  const targetList = targets.map((target) => ({ slug: target.sheetSlug, title: target.title }));
  const facts = programmeFactsRows(programme ? { ...programme, targets: targetList } : { targets: targetList }, locale);
  const instructions = ([
    "tpl.instructions.title",
    "tpl.instructions.rows",
    "tpl.instructions.columns",
    "tpl.instructions.semester",
    "tpl.instructions.hours",
    "tpl.instructions.requirement",
    "tpl.instructions.depth",
    "tpl.instructions.assessed",
    "tpl.instructions.note",
    "tpl.instructions.formation",
    "tpl.instructions.import",
  ] as const).map((key) => [fill(t(key), { sheet: listSheet, columns: header.join(", ") })]);
  const body = await writeWorkbook([
    { name: t("tpl.sheet.instructions"), rows: instructions, widths: [120] },
    { name: "Formation", rows: facts, widths: [26, 60, 60] },
    { name: "Modules", rows: [header], widths: [14, 40, 10, 8, 14, 22, 11, 9, 40], lists, textColumns: [column("semester"), column("hours"), column("item_ref")] },
    {
      name: listSheet,
      rows: [
        [t("tpl.col.code"), t("tpl.col.ref"), t("tpl.col.label"), t("tpl.col.kind"), t("tpl.col.requiredDepth"), t("tpl.col.sheets")],
        ...[...requirements].map(([ref, item]) => [codes.get(ref) ?? ref, ref, item.label, t(KIND_LABELS[item.kind]), item.requiredDepth ?? "", item.sheets.join(" · ")]),
      ],
      widths: [14, 44, 70, 24, 12, 50],
    },
  ]);
  return body;
}
