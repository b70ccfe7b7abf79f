/**
 * The programme exchange format, one row per mapping (a module without mappings has one row
 * with an empty item_ref):
 *   module_code,module_title,semester,ects,hours,item_ref,depth,assessed
 * Reading checks every row and lists every problem by line before anything is saved; writing
 * gives back the same rows, so export then import is the identity.
 */
import { restoreNeutralised } from "./csv";
import { MODULE_CODE_PATTERN, parseHours, parseItemRef, formatHours, type ModuleHours } from "./programme";

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
export type ImportProblem = { line: number; column?: (typeof PROGRAMME_CSV_HEADER)[number]; message: string };
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
    problems.push({
      line: 1,
      message: `La première ligne doit être exactement : ${PROGRAMME_CSV_HEADER.join(",")} (lue : ${header.join(",") || "vide"}).`,
    });
    return result;
  }
  const data = rows.slice(1).filter((row) => row.some((cell) => cell.trim() !== ""));
  if (data.length === 0) {
    problems.push({ line: 2, message: "Le fichier ne contient aucune ligne de module." });
    return result;
  }
  if (data.length > MAX_ROWS) {
    problems.push({ line: MAX_ROWS + 2, message: `Au plus ${MAX_ROWS.toLocaleString("fr-FR")} lignes par import.` });
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
    const problem = (column: ImportProblem["column"], message: string) => problems.push({ line, column, message });

    if (!MODULE_CODE_PATTERN.test(code)) {
      problem("module_code", code ? `Code de module invalide « ${code} » : 1 à 32 lettres, chiffres, point, tiret ou souligné.` : "Le code du module est obligatoire.");
      return;
    }
    const semester = Number(semesterText);
    const ects = parseNumber(ectsText);
    const hours = parseHours(hoursText);
    const problemsBefore = problems.length;
    const ok = () => problems.length === problemsBefore;
    if (!title) problem("module_title", "L'intitulé du module est obligatoire.");
    else if (title.length > 200) problem("module_title", "L'intitulé ne peut dépasser 200 caractères.");
    const maxSemester = options.semesters ?? 12;
    if (!/^\d+$/.test(semesterText) || semester < 1 || semester > maxSemester)
      problem("semester", `Le semestre doit être un entier de 1 à ${maxSemester} (lu : « ${semesterText} »).`);
    if (ects === null || ects > 60 || !Number.isInteger(ects * 2))
      problem("ects", `Les ECTS doivent être un nombre de 0 à 60, par demi-crédit (lu : « ${ectsText} »).`);
    if (!hours) problem("hours", `Les heures s'écrivent « 30 » ou « CM/TD/TP/projet » comme « 20/10/0/6 » (lu : « ${hoursText} »).`);

    // Every problem of the line is listed, the mapping's as well as the module's.
    const moduleFieldsOk = ok() && hours !== null && ects !== null;
    if (!itemRef) {
      if (depthText || assessedText) problem("item_ref", "Une profondeur ou une évaluation sans exigence : indiquez item_ref.");
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
        problem("module_code", `Le module ${code} est décrit autrement à la ligne ${module.line} (intitulé, semestre, ECTS et heures doivent être identiques sur chaque ligne du module).`);
      } else if (!itemRef && !depthText && !assessedText) {
        problem("item_ref", `Le module ${code} a déjà des lignes : une ligne sans exigence n'est permise que pour un module sans correspondance.`);
      }
    }
    if (!itemRef) return;
    const info = parseItemRef(itemRef);
    const assessedWord = assessedText.toLowerCase();
    if (!info || !known.refs.has(itemRef)) {
      problem("item_ref", info?.sheetSlug && !known.sheets.has(info.sheetSlug) ? `Référentiel inconnu « ${info.sheetSlug} ».` : `Exigence inconnue « ${itemRef} ».`);
    } else if (info.sheetSlug && targets && !targets.has(info.sheetSlug)) {
      problem("item_ref", `« ${info.sheetSlug} » n'est pas un métier visé par la formation.`);
    } else if (module?.refs.has(itemRef)) {
      problem("item_ref", `Le module ${code} est déjà relié à ${itemRef}.`);
    }
    if (!/^[1-4]$/.test(depthText)) problem("depth", `La profondeur doit valoir 1, 2, 3 ou 4 (lue : « ${depthText} »).`);
    if (!TRUE_WORDS.has(assessedWord) && !FALSE_WORDS.has(assessedWord))
      problem("assessed", `« assessed » vaut oui ou non (lu : « ${assessedText} »).`);
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
