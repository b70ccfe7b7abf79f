/**
 * What changed between two versions of a reference sheet, item by item (matched by code):
 * a reviewer comparing versions needs to see which requirements appeared or disappeared,
 * which were reworded, and which changed depth, "required" or editorial status.
 */
import type { ReferenceSheetData, Requirement, RequirementKind } from "~/domain/reference-data";

export type DiffItem = { code: string; kind: RequirementKind; label: string };
export type Change<T> = DiffItem & { from: T; to: T };

export type SheetDiff = {
  added: DiffItem[];
  removed: DiffItem[];
  reworded: Change<string>[];
  depthChanged: Change<number | null>[];
  requiredChanged: Change<boolean>[];
  editorialChanged: Change<{ editorial: boolean; reason: string | null }>[];
  /** Sheet-level fields whose value differs (title, publisher, CNCP range, source file). */
  headerChanged: { field: HeaderField; from: string; to: string }[];
};

function short(item: Requirement): DiffItem {
  return { code: item.code, kind: item.kind, label: item.label };
}

export function diffSheets(from: ReferenceSheetData, to: ReferenceSheetData): SheetDiff {
  const before = new Map(from.requirements.map((item) => [item.code, item]));
  const after = new Map(to.requirements.map((item) => [item.code, item]));
  const diff: SheetDiff = {
    added: to.requirements.filter((item) => !before.has(item.code)).map(short),
    removed: from.requirements.filter((item) => !after.has(item.code)).map(short),
    reworded: [],
    depthChanged: [],
    requiredChanged: [],
    editorialChanged: [],
    headerChanged: [],
  };
  for (const next of to.requirements) {
    const previous = before.get(next.code);
    if (!previous) continue;
    if (previous.label !== next.label) diff.reworded.push({ ...short(next), from: previous.label, to: next.label });
    if (previous.requiredDepth !== next.requiredDepth) {
      diff.depthChanged.push({ ...short(next), from: previous.requiredDepth, to: next.requiredDepth });
    }
    if (previous.required !== next.required) diff.requiredChanged.push({ ...short(next), from: previous.required, to: next.required });
    const was = { editorial: previous.editorial, reason: previous.editorialReason ?? null };
    const is = { editorial: next.editorial, reason: next.editorialReason ?? null };
    if (was.editorial !== is.editorial || was.reason !== is.reason) diff.editorialChanged.push({ ...short(next), from: was, to: is });
  }
  const header: [HeaderField, (sheet: ReferenceSheetData) => string][] = [
    ["title", (sheet) => sheet.title],
    ["publisher", (sheet) => sheet.publisher.name],
    ["cncp", (sheet) => `${sheet.cncp.min}-${sheet.cncp.max}`],
    ["cncpReason", (sheet) => (sheet.cncp.editorial ? (sheet.cncp.editorialReason ?? "") : "")],
    ["sourceFile", (sheet) => sheet.sourceFile],
    ["definition", (sheet) => sheet.definition?.text ?? ""],
    ["workingConditions", (sheet) => (sheet.workingConditions ?? []).map((c) => `${c.label}${c.significant === undefined ? "" : c.significant ? " (+)" : " (−)"}`).join(" · ")],
    ["published", (sheet) => sheet.published?.date ?? ""],
    ["editorialNotes", (sheet) => editorialNotes(sheet).join(" · ")],
  ];
  for (const [field, read] of header) {
    if (read(from) !== read(to)) diff.headerChanged.push({ field, from: read(from), to: read(to) });
  }
  return diff;
}

/** The sheet-level fields a new version may change, beside its requirements. */
export const HEADER_FIELDS = ["title", "publisher", "cncp", "cncpReason", "sourceFile", "definition", "workingConditions", "published", "editorialNotes"] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];

/** Every editorial note of a sheet ("[sic]", a probable code), with what it is about. */
function editorialNotes(sheet: ReferenceSheetData): string[] {
  const notes: string[] = [];
  for (const rome of sheet.romeCodes) if (rome.editorialNote) notes.push(`${rome.code} : ${rome.editorialNote}`);
  for (const item of sheet.requirements) {
    if (item.editorialNote) notes.push(`${item.code} : ${item.editorialNote}`);
    if (item.kind !== "competence") continue;
    for (const sub of [item.activity, ...item.subActivities, ...item.subCompetences, ...item.keywords]) {
      if (sub?.editorialNote) notes.push(`${sub.code ?? item.code} : ${sub.editorialNote}`);
    }
  }
  return notes;
}

export function isEmptyDiff(diff: SheetDiff): boolean {
  return Object.values(diff).every((list) => list.length === 0);
}
