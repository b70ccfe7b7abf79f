/**
 * The matrix as the page carries it: compact data (each requirement once, each mapping as a
 * short tuple), not thousands of cells of markup; the browser expands it into columns, rows,
 * cells and the targets the live coverage needs. Pure: built on the server, read in the browser
 * and by the print layout.
 */
import type { CncpLevel, TargetInput } from "./coverage";
import { depthRule, type DepthOrigin, type ExpectedDepths } from "./expected-depth";
import type { RequirementKind } from "./reference-data";
import type { CellValue } from "./matrix";

export type MatrixSheet = { slug: string; title: string; mark: string; cncpMin: number; cncpMax: number };

/** One sheet's word on a requirement: [sheet index, required (1/0), required depth, source file, source sentence, editorial reason or null]. */
export type SheetWord = [number, 0 | 1, number | null, string, string, string | null];

export type MatrixRequirement = { ref: string; kind: RequirementKind; code: string; label: string; sheets: SheetWord[] };

/** Why a row cannot be edited by this person: the draft is under review, the module is another teacher's, the role reads only. */
export type RowLock = "review" | "notMine" | "role";

export type MatrixRowData = { id: string; code: string; title: string; semester: number; span: number; ects: number; version: number; mine: boolean; lock: RowLock | null };

export type MatrixData = {
  level: CncpLevel;
  entryEcts: number;
  semesters: number;
  sheets: MatrixSheet[];
  requirements: MatrixRequirement[];
  /** The requirements shown as columns (required by at least one target), by kind, as indexes. */
  columns: number[];
  rows: MatrixRowData[];
  /** Each mapping: [row index, requirement index, depth, assessed (1/0), note if any]. */
  cells: ([number, number, number, 0 | 1] | [number, number, number, 0 | 1, string])[];
  /** The depths the school (or the programme) expects at the level where a sheet gives none (decision 041). */
  expected: ExpectedDepths;
};

const KIND_ORDER: RequirementKind[] = ["competence", "knowledge", "transversal"];

/** A sheet's short mark in headers: the initials of its slug (charge-e-commerce → CEC). */
export function sheetMark(slug: string) {
  return slug
    .split("-")
    .map((word) => (/^\d+$/.test(word) ? word : word[0]))
    .join("")
    .toUpperCase();
}

type BuildInput = {
  level: CncpLevel;
  entryEcts: number;
  semesters: number;
  targets: readonly (TargetInput & { editorial?: ReadonlyMap<string, string> })[];
  sources: ReadonlyMap<string, { file: string; quote: string; editorial: string | null }>;
  modules: readonly { id: string; code: string; title: string; semester: number; semesterSpan?: number; ects: number; version: number; mappings: readonly { itemRef: string; depth: number; assessed: boolean }[] }[];
  notes: ReadonlyMap<string, ReadonlyMap<string, string>>;
  rowState: (moduleId: string) => { mine: boolean; lock: RowLock | null };
  /** The depths expected at the level where a sheet gives none; none when absent. */
  expected?: ExpectedDepths;
};

/** The compact data of a programme's matrix. */
export function buildMatrixData(input: BuildInput): MatrixData {
  const sheets = input.targets.map((t) => ({ slug: t.sheetSlug, title: t.title, mark: sheetMark(t.sheetSlug), cncpMin: t.cncpMin, cncpMax: t.cncpMax }));
  const requirements: MatrixRequirement[] = [];
  const index = new Map<string, number>();
  for (const [s, target] of input.targets.entries()) {
    for (const item of target.requirements) {
      let at = index.get(item.ref);
      if (at === undefined) {
        at = requirements.length;
        index.set(item.ref, at);
        requirements.push({ ref: item.ref, kind: item.kind, code: item.ref.split("/").pop()!, label: item.label, sheets: [] });
      }
      const code = item.ref.split("/").pop()!;
      const source = input.sources.get(`${target.sheetSlug}|${code}`);
      requirements[at].sheets.push([s, item.required ? 1 : 0, item.requiredDepth, source?.file ?? "", source?.quote ?? "", source?.editorial ?? null]);
    }
  }
  const columns = requirements
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.sheets.some((w) => w[1] === 1))
    .sort((a, b) => KIND_ORDER.indexOf(a.r.kind) - KIND_ORDER.indexOf(b.r.kind) || a.i - b.i)
    .map(({ i }) => i);
  const cells: MatrixData["cells"] = [];
  const rows = input.modules.map((module, r) => {
    const notes = input.notes.get(module.id);
    for (const mapping of module.mappings) {
      const at = index.get(mapping.itemRef);
      if (at === undefined || mapping.depth < 1) continue;
      const note = notes?.get(mapping.itemRef);
      cells.push(note ? [r, at, mapping.depth, mapping.assessed ? 1 : 0, note] : [r, at, mapping.depth, mapping.assessed ? 1 : 0]);
    }
    return { id: module.id, code: module.code, title: module.title, semester: module.semester, span: module.semesterSpan ?? 1, ects: module.ects, version: module.version, ...input.rowState(module.id) };
  });
  return { level: input.level, entryEcts: input.entryEcts, semesters: input.semesters, sheets, requirements, columns, rows, cells, expected: input.expected ?? {} };
}

/** A column of the grid: one requirement, the most any target requires of it, and the sheets that state it. */
export type MatrixColumn = {
  ref: string;
  kind: RequirementKind;
  code: string;
  label: string;
  requiredDepth: number | null;
  /** Whose depth `requiredDepth` is: a sheet's, or the school's or programme's expected one where no sheet gives one (null: none). */
  depthOrigin: DepthOrigin | null;
  /** Indexes of the sheets that require it. */
  sheets: number[];
  requirement: MatrixRequirement;
};

export type MatrixCells = Record<string, Record<string, CellValue>>;

/** A column's depth as its header shows it: `≥3` a sheet's, `≥2*` the one expected at the level, `–` none. */
export function requiredDepthMark(column: Pick<MatrixColumn, "requiredDepth" | "depthOrigin">): string {
  if (!column.requiredDepth) return "–";
  return `≥${column.requiredDepth}${column.depthOrigin === "sheet" ? "" : "*"}`;
}

/** The data expanded for the grid and the live coverage. */
export function expandMatrixData(data: MatrixData) {
  const columns: MatrixColumn[] = data.columns.map((i) => {
    const requirement = data.requirements[i];
    const requiring = requirement.sheets.filter((w) => w[1] === 1);
    const depths = requiring.map((w) => w[2]).filter((d): d is number => d !== null);
    // The same rule as the coverage's, item by item: the sheets' depth, else the one expected at the level.
    const rule = depthRule({ kind: requirement.kind, required: requiring.length > 0, requiredDepth: depths.length ? Math.max(...depths) : null }, data.expected);
    return {
      ref: requirement.ref,
      kind: requirement.kind,
      code: requirement.code,
      label: requirement.label,
      requiredDepth: rule.depth,
      depthOrigin: rule.origin,
      sheets: requiring.map((w) => w[0]),
      requirement,
    };
  });
  const targets: TargetInput[] = data.sheets.map((sheet, s) => ({
    sheetSlug: sheet.slug,
    title: sheet.title,
    cncpMin: sheet.cncpMin,
    cncpMax: sheet.cncpMax,
    level: data.level,
    expected: data.expected,
    requirements: data.requirements.flatMap((r) => r.sheets.filter((w) => w[0] === s).map((w) => ({ ref: r.ref, kind: r.kind, label: r.label, required: w[1] === 1, requiredDepth: w[2] }))),
  }));
  const cells: MatrixCells = {};
  for (const row of data.rows) cells[row.id] = {};
  for (const [r, at, depth, assessed, note] of data.cells) {
    cells[data.rows[r].id][data.requirements[at].ref] = note ? { depth, assessed: assessed === 1, note } : { depth, assessed: assessed === 1 };
  }
  return { columns, targets, cells };
}
