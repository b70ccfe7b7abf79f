/**
 * The programme exchange format, one row per mapping (a module without mappings has one row
 * with an empty item_ref):
 *   module_code,module_title,semester,ects,hours,item_ref,depth,assessed
 * Reading checks every row and lists every problem by line before anything is saved; writing
 * gives back the same rows, so export then import is the identity.
 */
import { restoreNeutralised } from "./csv";
import { MODULE_CODE_PATTERN, parseHours, parseItemRef, formatHours, type ModuleHours } from "./programme";
import { frenchText, type Sentence, type SentenceKey, type SentenceParams } from "./sentences";

export const PROGRAMME_CSV_HEADER = ["module_code", "module_title", "semester", "ects", "hours", "item_ref", "depth", "assessed"] as const;

export type ImportedMapping = { itemRef: string; depth: number; assessed: boolean };
export type ImportedModule = {
  code: string;
  title: string;
  semester: number;
  ects: number;
  hours: ModuleHours;
  mappings: ImportedMapping[];
};
/** A problem of one line: `message` is the French text of `sentence`. */
export type ImportProblem = { line: number; column?: (typeof PROGRAMME_CSV_HEADER)[number]; message: string; sentence: Sentence };

export function importProblem(line: number, column: ImportProblem["column"], key: SentenceKey, params: SentenceParams = {}): ImportProblem {
  return { line, ...(column ? { column } : {}), message: frenchText(key, params), sentence: { key, params } };
}
export type ProgrammeImport = {
  modules: ImportedModule[];
  /** The sheets the competence references name, in order of first appearance. */
  sheetsNamed: string[];
  rowCount: number;
  problems: ImportProblem[];
};

export type KnownItems = {
  /** Every item a mapping may name: `<sheet>/<C..>` of every sheet, T01..T17, the K- catalogue. */
  refs: ReadonlySet<string>;
  sheets: ReadonlySet<string>;
};

const TRUE_WORDS = new Set(["1", "oui", "o", "x", "true", "vrai", "yes", "y"]);
const FALSE_WORDS = new Set(["", "0", "non", "n", "false", "faux", "no"]);

function parseNumber(cell: string): number | null {
  const text = cell.trim().replace(",", ".");
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

const MAX_ROWS = 50_000;

/**
 * Reads the rows of a CSV or XLSX sheet (header first). `targets`, when given, are the sheets
 * the programme targets: a competence of another sheet is refused.
 */
export function readProgrammeRows(
  rows: readonly (readonly string[])[],
  known: KnownItems,
  options: { targets?: readonly string[]; semesters?: number } = {},
): ProgrammeImport {
  const problems: ImportProblem[] = [];
  const result: ProgrammeImport = { modules: [], sheetsNamed: [], rowCount: 0, problems };
  const header = (rows[0] ?? []).map((cell) => cell.trim().toLowerCase());
  while (header.length > PROGRAMME_CSV_HEADER.length && header[header.length - 1] === "") header.pop();
  if (header.join(",") !== PROGRAMME_CSV_HEADER.join(",")) {
    const expected = PROGRAMME_CSV_HEADER.join(",");
    const read = header.join(",");
    problems.push(read ? importProblem(1, undefined, "import.header", { expected, read }) : importProblem(1, undefined, "import.header_empty", { expected }));
    return result;
  }
  const data = rows.slice(1).filter((row) => row.some((cell) => cell.trim() !== ""));
  if (data.length === 0) {
    problems.push(importProblem(2, undefined, "import.no_rows"));
    return result;
  }
  if (data.length > MAX_ROWS) {
    problems.push(importProblem(MAX_ROWS + 2, undefined, "import.too_many_rows"));
    return result;
  }
  result.rowCount = data.length;
  const targets = options.targets ? new Set(options.targets) : null;
  const modules = new Map<string, ImportedModule & { line: number; refs: Set<string> }>();
  const sheetsNamed = new Set<string>();

  rows.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (!raw.some((cell) => cell.trim() !== "")) return;
    const cell = (i: number) => restoreNeutralised((raw[i] ?? "").trim());
    const [code, title, semesterText, ectsText, hoursText, itemRef, depthText, assessedText] = PROGRAMME_CSV_HEADER.map((_, i) => cell(i));
    const problem = (column: ImportProblem["column"], key: SentenceKey, params: SentenceParams = {}) => problems.push(importProblem(line, column, key, params));

    if (!MODULE_CODE_PATTERN.test(code)) {
      if (code) problem("module_code", "import.code_invalid", { code });
      else problem("module_code", "import.code_required");
      return;
    }
    const semester = Number(semesterText);
    const ects = parseNumber(ectsText);
    const hours = parseHours(hoursText);
    const problemsBefore = problems.length;
    const ok = () => problems.length === problemsBefore;
    if (!title) problem("module_title", "import.title_required");
    else if (title.length > 200) problem("module_title", "import.title_too_long");
    const maxSemester = options.semesters ?? 12;
    if (!/^\d+$/.test(semesterText) || semester < 1 || semester > maxSemester)
      problem("semester", "import.semester", { max: maxSemester, read: semesterText });
    if (ects === null || ects > 60 || !Number.isInteger(ects * 2))
      problem("ects", "import.ects", { read: ectsText });
    if (!hours) problem("hours", "import.hours", { read: hoursText });

    // Every problem of the line is listed, the mapping's as well as the module's.
    const moduleFieldsOk = ok() && hours !== null && ects !== null;
    if (!itemRef) {
      if (depthText || assessedText) problem("item_ref", "import.depth_without_item");
    }
    let module = modules.get(code);
    if (moduleFieldsOk && hours && ects !== null) {
      // The module's own fields are valid: every row of the module must describe it alike.
      if (!module) {
        module = { code, title, semester, ects, hours, mappings: [], line, refs: new Set() };
        modules.set(code, module);
      } else if (
        module.title !== title ||
        module.semester !== semester ||
        module.ects !== ects ||
        formatHours(module.hours) !== formatHours(hours)
      ) {
        problem("module_code", "import.module_differs", { code, line: module.line });
      } else if (!itemRef && !depthText && !assessedText) {
        problem("item_ref", "import.empty_row_of_mapped_module", { code });
      }
    }
    if (!itemRef) return;
    const info = parseItemRef(itemRef);
    const assessedWord = assessedText.toLowerCase();
    if (!info || !known.refs.has(itemRef)) {
      if (info?.sheetSlug && !known.sheets.has(info.sheetSlug)) problem("item_ref", "import.unknown_sheet", { sheet: info.sheetSlug });
      else problem("item_ref", "import.unknown_item", { ref: itemRef });
    } else if (info.sheetSlug && targets && !targets.has(info.sheetSlug)) {
      problem("item_ref", "import.sheet_not_targeted", { sheet: info.sheetSlug });
    } else if (module?.refs.has(itemRef)) {
      problem("item_ref", "import.duplicate_mapping", { code, ref: itemRef });
    }
    if (!/^[1-4]$/.test(depthText)) problem("depth", "import.depth", { read: depthText });
    if (!TRUE_WORDS.has(assessedWord) && !FALSE_WORDS.has(assessedWord))
      problem("assessed", "import.assessed", { read: assessedText });
    if (!ok() || !module) return;
    if (info?.sheetSlug) sheetsNamed.add(info.sheetSlug);
    module.refs.add(itemRef);
    module.mappings.push({ itemRef, depth: Number(depthText), assessed: TRUE_WORDS.has(assessedWord) });
  });

  result.modules = [...modules.values()].map(({ code, title, semester, ects, hours, mappings }) => ({ code, title, semester, ects, hours, mappings }));
  result.sheetsNamed = [...sheetsNamed];
  return result;
}

/** The rows of a programme in the exchange format, header first. */
export function programmeRows(modules: readonly ImportedModule[]): string[][] {
  const rows: string[][] = [[...PROGRAMME_CSV_HEADER]];
  for (const module of modules) {
    const base = [module.code, module.title, String(module.semester), String(module.ects), formatHours(module.hours)];
    if (module.mappings.length === 0) rows.push([...base, "", "", ""]);
    for (const mapping of module.mappings) rows.push([...base, mapping.itemRef, String(mapping.depth), mapping.assessed ? "oui" : "non"]);
  }
  return rows;
}
