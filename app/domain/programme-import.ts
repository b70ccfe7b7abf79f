/**
 * The programme exchange format (docs/decisions/008), one row per mapping (a module without
 * mappings has one row with an empty item_ref):
 *   module_code,module_title,semester,ects,hours,item_ref,depth,assessed,note
 * The columns may come in any order, named in English or in French (code_module,
 * intitulé_module, semestre, ects, heures, exigence, profondeur, évaluée, note), with the
 * accents and capitals a spreadsheet gives them; `note` may be left out. A module over a year
 * has the semester `1-2`. A workbook may add a "Formation" sheet: the programme's title,
 * diploma, level, entry credits, semesters and targets, as label and value.
 * Reading checks every row and lists every problem by line before anything is saved; writing
 * gives back the same rows, so export then import is the identity. This is the one reader of
 * programme files: the import pages, the API and the demo seed all go through it.
 */
import { restoreNeutralised } from "./csv";
import { levelOfFrameworkSlug } from "./cncp-levels";
import { MODULE_CODE_PATTERN, parseHours, parseItemRef, formatHours, DIPLOMA_LABELS, DIPLOMA_TYPES, type ModuleHours } from "./programme";
import { lastSemesterOf } from "./credits";
import { frenchText, renderSentence, type Language, type Sentence, type SentenceKey, type SentenceParams } from "./sentences";

/** The columns, in the order the export writes them. */
export const PROGRAMME_CSV_HEADER = ["module_code", "module_title", "semester", "ects", "hours", "item_ref", "depth", "assessed", "note"] as const;
export type ExchangeColumn = (typeof PROGRAMME_CSV_HEADER)[number];
/** The columns a file may leave out (older files have no `note`). */
const OPTIONAL_COLUMNS: ReadonlySet<ExchangeColumn> = new Set(["note"]);
/** The French name of each column (what the French template writes). */
export const FRENCH_HEADER: Record<ExchangeColumn, string> = {
  module_code: "code_module",
  module_title: "intitulé_module",
  semester: "semestre",
  ects: "ects",
  hours: "heures",
  item_ref: "exigence",
  depth: "profondeur",
  assessed: "évaluée",
  note: "note",
};
/** The longest note a mapping may carry. */
export const NOTE_MAX_LENGTH = 500;

export type ImportedMapping = { itemRef: string; depth: number; assessed: boolean; note?: string };
export type ImportedModule = {
  code: string;
  title: string;
  semester: number;
  /** 2 for a module over `semester` and the next; absent for one semester. */
  semesterSpan?: number;
  ects: number;
  hours: ModuleHours;
  mappings: ImportedMapping[];
};
/** A problem of one line: `message` is the French text of `sentence`; `header`, the column as the file names it. */
export type ImportProblem = { line: number; column?: ExchangeColumn; header?: string; message: string; sentence: Sentence };

export function importProblem(line: number, column: ImportProblem["column"], key: SentenceKey, params: SentenceParams = {}): ImportProblem {
  return { line, ...(column ? { column } : {}), message: frenchText(key, params), sentence: { key, params } };
}
export type ProgrammeImport = {
  modules: ImportedModule[];
  /** The sheets the competence references name, in order of first appearance. */
  sheetsNamed: string[];
  rowCount: number;
  /** Whether the file has a `note` column (without one, an import into a programme keeps its notes). */
  noteColumn: boolean;
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

/** A name as a spreadsheet may write it, made comparable: no accent, lower case, "_" between words. */
export function headerKey(cell: string): string {
  return cell
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** Every accepted name of each column, compared through `headerKey`. */
const COLUMN_NAMES = new Map<string, ExchangeColumn>(
  PROGRAMME_CSV_HEADER.flatMap((column) => [
    [headerKey(column), column],
    [headerKey(FRENCH_HEADER[column]), column],
  ]),
);
for (const [name, column] of [
  ["code", "module_code"],
  ["intitule", "module_title"],
  ["evalue", "assessed"],
  ["evalue_e", "assessed"],
  ["notes", "note"],
] as const)
  COLUMN_NAMES.set(name, column);

type Header = { index: Partial<Record<ExchangeColumn, number>>; names: Partial<Record<ExchangeColumn, string>>; problems: ImportProblem[] };

/** Which cell of a row holds each column, from the first row of a file. */
export function readHeader(cells: readonly string[]): Header {
  const header: Header = { index: {}, names: {}, problems: [] };
  const english = PROGRAMME_CSV_HEADER.join(", ");
  const french = PROGRAMME_CSV_HEADER.map((c) => FRENCH_HEADER[c]).join(", ");
  cells.forEach((raw, i) => {
    const text = raw.trim();
    if (!text) return;
    const column = COLUMN_NAMES.get(headerKey(text));
    if (!column) header.problems.push(importProblem(1, undefined, "import.header_unknown", { column: text, french, english }));
    else if (header.index[column] !== undefined) header.problems.push(importProblem(1, column, "import.header_duplicate", { column: text }));
    else {
      header.index[column] = i;
      header.names[column] = text;
    }
  });
  const missing = PROGRAMME_CSV_HEADER.filter((c) => header.index[c] === undefined && !OPTIONAL_COLUMNS.has(c));
  if (missing.length === PROGRAMME_CSV_HEADER.length - OPTIONAL_COLUMNS.size) {
    header.problems = [importProblem(1, undefined, "import.header_empty", { french, english })];
  } else if (missing.length) {
    header.problems.push(importProblem(1, undefined, "import.header_missing", { columns: missing.map((c) => `${FRENCH_HEADER[c]} (${c})`).join(", "), french, english }));
  }
  return header;
}

/** A semester cell: "3", or "1-2" (also "S1-S2", "1–2") for a module over two consecutive semesters. */
export function parseSemester(cell: string): { semester: number; semesterSpan: number } | { semester: number; semesterSpan: number; notConsecutive: true } | null {
  const match = /^s?\s*(\d{1,2})(?:\s*[-–—/]\s*s?\s*(\d{1,2}))?$/i.exec(cell.trim());
  if (!match) return null;
  const semester = Number(match[1]);
  if (match[2] === undefined) return { semester, semesterSpan: 1 };
  return Number(match[2]) === semester + 1 ? { semester, semesterSpan: 2 } : { semester, semesterSpan: 2, notConsecutive: true };
}

/** How the exchange format writes a module's semester: "3", or "1-2" over two semesters. */
export function formatSemester(module: { semester: number; semesterSpan?: number }): string {
  return (module.semesterSpan ?? 1) === 2 ? `${module.semester}-${module.semester + 1}` : String(module.semester);
}

/** The initials of a sheet's slug, as short codes of its competences use them: charge-e-commerce → CEC, a school's list lycee-alpha~acquis → LAA. */
export function sheetInitials(slug: string): string {
  return slug
    .split(/[-~]/)
    .map((word) => word[0] ?? "")
    .join("")
    .toUpperCase();
}

/**
 * The sheets whose competences a bare code (`C3`) may name: the programme's own targets; its
 * level's national framework (added to every programme, docs/decisions/040) only when it has no
 * other target. A framework's competences are otherwise written with its initials (`CN5-C3`),
 * so that the `C3` a BTS team writes stays its job sheet's (docs/decisions/038).
 */
function bareCodeSheets(targets: readonly string[]): Set<string> {
  const own = targets.filter((slug) => levelOfFrameworkSlug(slug) === null);
  return new Set(own.length ? own : targets);
}

/**
 * The short code of each competence of the targets, as people write it: `C3` when one target
 * that may use bare codes has a C3, `CEC-C3` otherwise (the sheet's initials). Shared items
 * keep their code (T06, K-34093). A code two items would share is not given: those keep their
 * full reference.
 */
export function requirementCodes(refs: Iterable<string>, targets: readonly string[]): Map<string, string> {
  const targeted = new Set(targets);
  const bare = bareCodeSheets(targets);
  const initials = new Map(targets.map((slug) => [slug, sheetInitials(slug)]));
  const list = [...refs];
  const targetedCode = (ref: string) => {
    const info = parseItemRef(ref);
    return info?.sheetSlug && targeted.has(info.sheetSlug) ? { slug: info.sheetSlug, code: ref.slice(info.sheetSlug.length + 1) } : null;
  };
  // How many sheets that may use bare codes have each code.
  const sheetsWith = new Map<string, number>();
  for (const ref of list) {
    const found = targetedCode(ref);
    if (found && bare.has(found.slug)) sheetsWith.set(found.code, (sheetsWith.get(found.code) ?? 0) + 1);
  }
  const codes = new Map<string, string>();
  const taken = new Map<string, number>();
  for (const ref of list) {
    const found = targetedCode(ref);
    const code = found ? (bare.has(found.slug) && sheetsWith.get(found.code) === 1 ? found.code : `${initials.get(found.slug)}-${found.code}`) : ref;
    codes.set(ref, code);
    taken.set(code, (taken.get(code) ?? 0) + 1);
  }
  for (const [ref, code] of codes) if ((taken.get(code) ?? 0) > 1) codes.set(ref, ref);
  return codes;
}

/** An item's code made comparable: lower case, any run of separators (" ", "·", ".", "/", "-") as "-". */
function codeKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\s·._:/\\–—-]+/g, "-");
}

/**
 * What an item_ref cell names, for files people write by hand: the stable reference, the
 * same in other capitals or with other separators (t06, CEC·C3, "charge-e-commerce C3"), T6
 * for T06, and the short codes of the targets' competences (C3 when one target has a C3,
 * CEC-C3 with the sheet's initials). A code that could be two items is ambiguous.
 */
function itemResolver(known: KnownItems, targets: readonly string[] | null) {
  let aliases: Map<string, Set<string>> | null = null;
  const build = () => {
    const map = new Map<string, Set<string>>();
    const add = (alias: string, ref: string) => {
      const key = codeKey(alias);
      const set = map.get(key) ?? new Set<string>();
      set.add(ref);
      map.set(key, set);
    };
    const targeted = new Set(targets ?? []);
    const bare = bareCodeSheets(targets ?? []);
    for (const ref of known.refs) {
      add(ref, ref);
      if (/^T0\d$/.test(ref)) add(`T${ref[2]}`, ref);
      const info = parseItemRef(ref);
      if (info?.sheetSlug && targeted.has(info.sheetSlug)) {
        const code = ref.slice(info.sheetSlug.length + 1);
        if (bare.has(info.sheetSlug)) add(code, ref);
        add(`${sheetInitials(info.sheetSlug)}-${code}`, ref);
      }
    }
    return map;
  };
  return (text: string): { ref: string } | { ambiguous: string[] } | null => {
    if (known.refs.has(text)) return { ref: text };
    aliases ??= build();
    const found = aliases.get(codeKey(text));
    if (!found) return null;
    if (found.size > 1) return { ambiguous: [...found].sort() };
    return { ref: [...found][0] };
  };
}

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
  const result: ProgrammeImport = { modules: [], sheetsNamed: [], rowCount: 0, noteColumn: false, problems };
  const header = readHeader(rows[0] ?? []);
  result.noteColumn = header.index.note !== undefined;
  if (header.problems.length) {
    problems.push(...header.problems);
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
  const resolve = itemResolver(known, options.targets ?? null);
  const modules = new Map<string, ImportedModule & { line: number; refs: Set<string> }>();
  const sheetsNamed = new Set<string>();
  const at = PROGRAMME_CSV_HEADER.map((column) => header.index[column] ?? -1);

  rows.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (!raw.some((cell) => cell.trim() !== "")) return;
    const cell = (i: number) => (i < 0 ? "" : restoreNeutralised((raw[i] ?? "").trim()));
    const [code, title, semesterText, ectsText, hoursText, itemText, depthText, assessedText, note] = at.map(cell);
    const problem = (column: ImportProblem["column"], key: SentenceKey, params: SentenceParams = {}) => problems.push(importProblem(line, column, key, params));

    if (!MODULE_CODE_PATTERN.test(code)) {
      if (code) problem("module_code", "import.code_invalid", { code });
      else problem("module_code", "import.code_required");
      return;
    }
    const placed = parseSemester(semesterText);
    const ects = parseNumber(ectsText);
    const hours = parseHours(hoursText);
    const problemsBefore = problems.length;
    const ok = () => problems.length === problemsBefore;
    if (!title) problem("module_title", "import.title_required");
    else if (title.length > 200) problem("module_title", "import.title_too_long");
    const maxSemester = options.semesters ?? 12;
    if (!placed || placed.semester < 1 || placed.semester > maxSemester) problem("semester", "import.semester", { max: maxSemester, read: semesterText });
    else if ("notConsecutive" in placed || placed.semester + placed.semesterSpan - 1 > maxSemester) problem("semester", "import.semester_span", { max: maxSemester, read: semesterText });
    if (ects === null || ects > 60 || !Number.isInteger(ects * 2)) problem("ects", "import.ects", { read: ectsText });
    if (!hours) problem("hours", "import.hours", { read: hoursText });

    // Every problem of the line is listed, the mapping's as well as the module's.
    const moduleFieldsOk = ok() && placed !== null && hours !== null && ects !== null;
    if (!itemText) {
      if (depthText || assessedText) problem("item_ref", "import.depth_without_item");
      if (note) problem("note", "import.note_without_item");
    }
    let module = modules.get(code);
    if (moduleFieldsOk && placed && hours && ects !== null) {
      // The module's own fields are valid: every row of the module must describe it alike.
      if (!module) {
        module = { code, title, semester: placed.semester, ...(placed.semesterSpan === 2 ? { semesterSpan: 2 } : {}), ects, hours, mappings: [], line, refs: new Set() };
        modules.set(code, module);
      } else if (
        module.title !== title ||
        module.semester !== placed.semester ||
        (module.semesterSpan ?? 1) !== placed.semesterSpan ||
        module.ects !== ects ||
        formatHours(module.hours) !== formatHours(hours)
      ) {
        problem("module_code", "import.module_differs", { code, line: module.line });
      } else if (!itemText && !depthText && !assessedText) {
        problem("item_ref", "import.empty_row_of_mapped_module", { code });
      }
    }
    if (!itemText) return;
    const found = resolve(itemText);
    const itemRef = found && "ref" in found ? found.ref : itemText;
    const info = parseItemRef(itemRef);
    const assessedWord = assessedText.toLowerCase();
    if (found && "ambiguous" in found) {
      problem("item_ref", "import.item_ambiguous", { ref: itemText, choices: found.ambiguous.join(", ") });
    } else if (!found || !info) {
      if (info?.sheetSlug && !known.sheets.has(info.sheetSlug)) problem("item_ref", "import.unknown_sheet", { sheet: info.sheetSlug });
      else problem("item_ref", "import.unknown_item", { ref: itemText });
    } else if (info.sheetSlug && targets && !targets.has(info.sheetSlug)) {
      problem("item_ref", "import.sheet_not_targeted", { sheet: info.sheetSlug });
    } else if (module?.refs.has(itemRef)) {
      problem("item_ref", "import.duplicate_mapping", { code, ref: itemRef });
    }
    if (!/^[1-4]$/.test(depthText)) problem("depth", "import.depth", { read: depthText });
    if (!TRUE_WORDS.has(assessedWord) && !FALSE_WORDS.has(assessedWord)) problem("assessed", "import.assessed", { read: assessedText });
    if (note.length > NOTE_MAX_LENGTH) problem("note", "import.note_too_long", { max: NOTE_MAX_LENGTH });
    if (!ok() || !module) return;
    if (info?.sheetSlug) sheetsNamed.add(info.sheetSlug);
    module.refs.add(itemRef);
    module.mappings.push({ itemRef, depth: Number(depthText), assessed: TRUE_WORDS.has(assessedWord), ...(note ? { note } : {}) });
  });

  for (const p of problems) if (p.column && header.names[p.column] !== p.column) p.header = header.names[p.column];
  result.modules = [...modules.values()].map(({ line: _line, refs: _refs, ...module }) => module);
  result.sheetsNamed = [...sheetsNamed];
  return result;
}

/** The rows of a programme in the exchange format, header first (in French for the French template). */
export function programmeRows(modules: readonly ImportedModule[], options: { header?: Language } = {}): string[][] {
  const header = options.header === "fr" ? PROGRAMME_CSV_HEADER.map((c) => FRENCH_HEADER[c]) : [...PROGRAMME_CSV_HEADER];
  const rows: string[][] = [header];
  for (const module of modules) {
    const base = [module.code, module.title, formatSemester(module), String(module.ects), formatHours(module.hours)];
    if (module.mappings.length === 0) rows.push([...base, "", "", "", ""]);
    for (const mapping of module.mappings) rows.push([...base, mapping.itemRef, String(mapping.depth), mapping.assessed ? "oui" : "non", mapping.note ?? ""]);
  }
  return rows;
}

/** The programme's own fields as a "Formation" sheet gives them (text as read; checked by the programme form's rules). */
export type ProgrammeFacts = {
  title?: string;
  diplomaType?: string;
  level?: string;
  entryEcts?: string;
  semesters?: string;
  targets?: string[];
  description?: string;
};
type FactField = keyof ProgrammeFacts;
const FACT_ORDER: readonly FactField[] = ["title", "diplomaType", "level", "entryEcts", "semesters", "targets", "description"];
const FACT_LABELS: Record<FactField, Record<Language, string>> = {
  title: { fr: "Intitulé", en: "Title" },
  diplomaType: { fr: "Diplôme", en: "Diploma" },
  level: { fr: "Niveau CNCP", en: "CNCP level" },
  entryEcts: { fr: "Crédits d'entrée (ECTS)", en: "Entry credits (ECTS)" },
  semesters: { fr: "Semestres", en: "Semesters" },
  targets: { fr: "Métiers visés", en: "Target jobs" },
  description: { fr: "Description", en: "Description" },
};
const FACT_NAMES = new Map<string, FactField>(
  FACT_ORDER.flatMap((field) => [
    [headerKey(FACT_LABELS[field].fr), field],
    [headerKey(FACT_LABELS[field].en), field],
    [headerKey(field), field],
  ]),
);
for (const [name, field] of [
  ["intitule_de_la_formation", "title"],
  ["titre", "title"],
  ["type_de_diplome", "diplomaType"],
  ["niveau", "level"],
  ["credits_d_entree", "entryEcts"],
  ["entry_credits", "entryEcts"],
  ["nombre_de_semestres", "semesters"],
  ["cibles", "targets"],
] as const)
  FACT_NAMES.set(name, field);
const DIPLOMA_NAMES = new Map<string, string>(DIPLOMA_TYPES.flatMap((type) => [type, DIPLOMA_LABELS[type].fr, DIPLOMA_LABELS[type].en].map((name) => [headerKey(name), type])));

/**
 * The programme's fields of a "Formation" sheet (one field a row: label, value), or null when
 * the sheet names none. Labels in French or English; numbers may carry a unit ("120 ECTS");
 * the diploma by its name or code; the targets by their slugs, separated by commas.
 */
export function readProgrammeFacts(rows: readonly (readonly string[])[]): ProgrammeFacts | null {
  const facts: ProgrammeFacts = {};
  let found = false;
  for (const row of rows) {
    const field = FACT_NAMES.get(headerKey(row[0] ?? ""));
    const value = restoreNeutralised((row[1] ?? "").trim());
    if (!field || facts[field] !== undefined) continue;
    found = true;
    if (!value) continue;
    if (field === "targets") facts.targets = value.split(/[,;\n]+/).map((slug) => slug.trim()).filter(Boolean);
    else if (field === "diplomaType") facts.diplomaType = DIPLOMA_NAMES.get(headerKey(value)) ?? value;
    else if (field === "level" || field === "entryEcts" || field === "semesters") facts[field] = /^\D*?(\d+)\b/.exec(value)?.[1] ?? value;
    else facts[field] = value;
  }
  return found ? facts : null;
}

/** The "Formation" sheet of a programme: label, value and, for the targets, their titles. A field not given is left empty. */
export function programmeFactsRows(
  programme: Partial<{ title: string; diplomaType: string; level: number; entryEcts: number; semesters: number; description: string }> & { targets: readonly { slug: string; title: string }[] },
  language: Language,
): string[][] {
  const diploma = programme.diplomaType === undefined ? "" : (DIPLOMA_LABELS[programme.diplomaType as keyof typeof DIPLOMA_LABELS]?.[language] ?? programme.diplomaType);
  const text = (value: string | number | undefined) => (value === undefined ? "" : String(value));
  const values: Record<FactField, [string, string?]> = {
    title: [text(programme.title)],
    diplomaType: [diploma],
    level: [text(programme.level)],
    entryEcts: [text(programme.entryEcts)],
    semesters: [text(programme.semesters)],
    targets: [programme.targets.map((t) => t.slug).join(", "), programme.targets.map((t) => t.title).join(" · ")],
    description: [text(programme.description)],
  };
  const heading = language === "fr" ? ["Champ", "Valeur", "Précision"] : ["Field", "Value", "Detail"];
  return [heading, ...FACT_ORDER.map((field) => [FACT_LABELS[field][language], values[field][0], values[field][1] ?? ""])];
}

export type WorkbookSheet = { name: string; rows: string[][] };

/**
 * Which sheet of a workbook holds the rows (the first whose first row names the exchange
 * columns; else the first that names any, so that its problems are told; else the first),
 * and the programme's fields of another sheet, if one holds them.
 */
export function pickProgrammeSheets(sheets: readonly WorkbookSheet[]): { rows: string[][]; facts: ProgrammeFacts | null } {
  const headers = sheets.map((sheet) => readHeader(sheet.rows[0] ?? []));
  let data = headers.findIndex((h) => h.problems.length === 0);
  if (data < 0) data = headers.findIndex((h) => Object.keys(h.index).length > 0);
  if (data < 0) data = 0;
  let facts: ProgrammeFacts | null = null;
  for (const [i, sheet] of sheets.entries()) {
    if (i === data || facts) continue;
    facts = readProgrammeFacts(sheet.rows);
  }
  return { rows: sheets[data]?.rows ?? [], facts };
}

/** The targets that name no known sheet, as a form error in `language` (none when all are known). */
export function unknownTargets(targets: readonly string[], sheets: ReadonlySet<string>, language: Language): string[] {
  const unknown = targets.filter((slug) => !sheets.has(slug));
  return unknown.length ? [renderSentence({ key: "import.targets_unknown", params: { slugs: unknown.join(", ") } }, language)] : [];
}

/** A problem for each module that runs beyond the programme's last semester. */
export function modulesBeyond(modules: readonly { code: string; semester: number; semesterSpan?: number }[], semesters: number): ImportProblem[] {
  return modules
    .filter((module) => lastSemesterOf(module) > semesters)
    .map((module) => importProblem(0, "semester", "import.module_beyond_semesters", { code: module.code, semester: lastSemesterOf(module), semesters }));
}
