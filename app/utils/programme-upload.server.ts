/**
 * Reading an uploaded programme (CSV or XLSX) and the form around it, for the import page
 * and the API: the rows are checked line by line, and nothing is written before every line
 * is right.
 */
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { detectDelimiter, parseCsv } from "~/domain/csv";
import { DIPLOMA_DEFAULTS, defaultEntryEcts, programmeSchema, type ProgrammeForm } from "~/domain/programme";
import { importProblem, readProgrammeRows, type ImportProblem, type ProgrammeImport } from "~/domain/programme-import";
import { renderSentence, type Language } from "~/domain/sentences";
import { formatZodIssues } from "~/domain/validation";
import { loadKnownItems } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { readFirstSheetRows, SpreadsheetError } from "~/utils/xlsx.server";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type UploadOutcome =
  | { ok: true; form: ProgrammeForm; read: ProgrammeImport }
  | { ok: false; problems: ImportProblem[]; formErrors: string[] };

export async function rowsFromFile(file: { name: string; bytes: Uint8Array }): Promise<string[][]> {
  const isXlsx = file.name.toLowerCase().endsWith(".xlsx") || (file.bytes[0] === 0x50 && file.bytes[1] === 0x4b);
  if (isXlsx) return readFirstSheetRows(Buffer.from(file.bytes));
  const text = new TextDecoder("utf-8").decode(file.bytes);
  return parseCsv(text, detectDelimiter(text));
}

/**
 * Checks the programme fields and the rows. Missing fields take sensible defaults: the
 * entry credits from the level, the semesters from the diploma, the targets from the sheets
 * the rows name.
 */
export async function checkProgrammeImport(input: { meta: Record<string, unknown>; rows: string[][]; language?: Language; schoolId?: string }): Promise<UploadOutcome> {
  const language = input.language ?? "fr";
  // The school's own lists are sheets it may name too (docs/decisions/054).
  const known = await loadKnownItems({ db, schoolId: input.schoolId });
  const explicitTargets = Array.isArray(input.meta.targets) ? (input.meta.targets as string[]).filter(Boolean) : [];
  const read = readProgrammeRows(input.rows, known, explicitTargets.length ? { targets: explicitTargets } : {});
  const level = Number(input.meta.level ?? 6);
  const diplomaType = (typeof input.meta.diplomaType === "string" && input.meta.diplomaType) || ({ 5: "bts", 6: "licence", 7: "master" } as Record<number, string>)[level] || "other";
  const defaults = DIPLOMA_DEFAULTS[diplomaType as keyof typeof DIPLOMA_DEFAULTS] ?? DIPLOMA_DEFAULTS.other;
  const maxSemester = read.modules.reduce((n, m) => Math.max(n, m.semester), 0);
  const candidate = {
    title: input.meta.title,
    diplomaType,
    level,
    entryEcts: input.meta.entryEcts === undefined || input.meta.entryEcts === "" ? defaultEntryEcts(level as 5 | 6 | 7) : input.meta.entryEcts,
    semesters: input.meta.semesters === undefined || input.meta.semesters === "" ? Math.max(defaults.semesters, maxSemester) : input.meta.semesters,
    targets: explicitTargets.length ? explicitTargets : read.sheetsNamed,
    description: typeof input.meta.description === "string" ? input.meta.description : "",
  };
  const parsed = programmeSchema.safeParse(candidate);
  const formErrors = parsed.success ? [] : formatZodIssues(parsed.error.issues, language);
  if (parsed.success) {
    const unknown = parsed.data.targets.filter((slug) => !known.sheets.has(slug));
    if (unknown.length) formErrors.push(renderSentence({ key: "import.targets_unknown", params: { slugs: unknown.join(", ") } }, language));
    for (const module of read.modules) {
      if (module.semester > parsed.data.semesters) {
        read.problems.push(importProblem(0, "semester", "import.module_beyond_semesters", { code: module.code, semester: module.semester, semesters: parsed.data.semesters }));
      }
    }
  }
  if (!parsed.success || formErrors.length || read.problems.length) return { ok: false, problems: read.problems, formErrors };
  return { ok: true, form: parsed.data, read };
}

/** Reads a multipart upload (field "file" plus the programme fields); form errors in `language` (French by default). */
export async function readProgrammeUpload(request: Request, language: Language = "fr", schoolId?: string): Promise<UploadOutcome> {
  const refusal = (key: "import.file_too_large" | "import.no_file" | "import.file_unreadable"): UploadOutcome => ({
    ok: false,
    problems: [],
    formErrors: [renderSentence({ key, params: {} }, language)],
  });
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch {
    return refusal("import.file_too_large");
  }
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return refusal("import.no_file");
  let rows: string[][];
  try {
    rows = await rowsFromFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  } catch (error) {
    if (error instanceof SpreadsheetError) return { ok: false, problems: [], formErrors: [renderSentence(error.sentence, language)] };
    return refusal("import.file_unreadable");
  }
  const meta = Object.fromEntries(["title", "diplomaType", "level", "entryEcts", "semesters", "description"].map((key) => [key, formData.get(key) ?? undefined]));
  return checkProgrammeImport({ meta: { ...meta, targets: formData.getAll("targets").map(String) }, rows, language, schoolId });
}
