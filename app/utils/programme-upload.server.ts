/**
 * Reading an uploaded programme (CSV or XLSX) and the form around it, for the import pages
 * and the API: the rows are checked line by line, and nothing is written before every line
 * is right. A workbook's "Formation" sheet gives the programme's fields that the form leaves
 * empty.
 */
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { detectDelimiter, parseCsv } from "~/domain/csv";
import { lastSemesterOf } from "~/domain/credits";
import { DIPLOMA_DEFAULTS, defaultEntryEcts, programmeSchema, type ProgrammeForm } from "~/domain/programme";
import { modulesBeyond, pickProgrammeSheets, readProgrammeRows, unknownTargets, type ImportProblem, type ProgrammeFacts, type ProgrammeImport } from "~/domain/programme-import";
import { renderSentence, type Language } from "~/domain/sentences";
import { formatZodIssues } from "~/domain/validation";
import { loadKnownItems } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { readWorkbookSheets, SpreadsheetError } from "~/utils/xlsx.server";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The programme's fields a form or the API may give (text as sent). */
const FORM_FIELDS = ["title", "diplomaType", "level", "entryEcts", "semesters", "description"] as const;

export type UploadOutcome =
  | { ok: true; form: ProgrammeForm; read: ProgrammeImport; fromFile: string[] }
  | { ok: false; problems: ImportProblem[]; formErrors: string[] };

export type Refusal = Extract<UploadOutcome, { ok: false }>;

/** The rows of a file and, for a workbook, the programme's fields of its "Formation" sheet. */
export async function readProgrammeFile(file: { name: string; bytes: Uint8Array }): Promise<{ rows: string[][]; facts: ProgrammeFacts | null }> {
  const isXlsx = file.name.toLowerCase().endsWith(".xlsx") || (file.bytes[0] === 0x50 && file.bytes[1] === 0x4b);
  if (isXlsx) return pickProgrammeSheets(await readWorkbookSheets(Buffer.from(file.bytes)));
  const text = new TextDecoder("utf-8").decode(file.bytes);
  return { rows: parseCsv(text, detectDelimiter(text)), facts: null };
}

const given = (value: unknown) => value !== undefined && value !== null && value !== "";

/**
 * Checks the programme fields and the rows of a new programme. A field the form leaves empty
 * comes from the file's "Formation" sheet, else takes a sensible default: the entry credits
 * from the level, the semesters from the diploma, the targets from the sheets the rows name.
 */
export async function checkProgrammeImport(input: { meta: Record<string, unknown>; rows: string[][]; facts?: ProgrammeFacts | null; language?: Language; schoolId?: string }): Promise<UploadOutcome> {
  const language = input.language ?? "fr";
  // The school's own lists are sheets it may name too (docs/decisions/054).
  const known = await loadKnownItems({ db, schoolId: input.schoolId });
  const facts = input.facts ?? {};
  const fromFile: string[] = [];
  const pick = (field: (typeof FORM_FIELDS)[number]) => {
    if (given(input.meta[field])) return input.meta[field];
    if (given(facts[field])) fromFile.push(field);
    return facts[field];
  };
  const formTargets = Array.isArray(input.meta.targets) ? (input.meta.targets as string[]).filter(Boolean) : [];
  if (!formTargets.length && facts.targets?.length) fromFile.push("targets");
  const explicitTargets = formTargets.length ? formTargets : (facts.targets ?? []);
  const title = pick("title");
  const levelGiven = pick("level");
  const diplomaGiven = pick("diplomaType");
  const entryGiven = pick("entryEcts");
  const semestersGiven = pick("semesters");
  const description = pick("description");
  const read = readProgrammeRows(input.rows, known, explicitTargets.length ? { targets: explicitTargets } : {});
  const level = Number(levelGiven ?? 6);
  const diplomaType = (typeof diplomaGiven === "string" && diplomaGiven) || ({ 5: "bts", 6: "licence", 7: "master" } as Record<number, string>)[level] || "other";
  const defaults = DIPLOMA_DEFAULTS[diplomaType as keyof typeof DIPLOMA_DEFAULTS] ?? DIPLOMA_DEFAULTS.other;
  const maxSemester = read.modules.reduce((n, m) => Math.max(n, lastSemesterOf(m)), 0);
  const candidate = {
    title,
    diplomaType,
    level,
    entryEcts: given(entryGiven) ? entryGiven : defaultEntryEcts(level as 5 | 6 | 7),
    semesters: given(semestersGiven) ? semestersGiven : Math.max(defaults.semesters, maxSemester),
    targets: explicitTargets.length ? explicitTargets : read.sheetsNamed,
    description: typeof description === "string" ? description : "",
  };
  const parsed = programmeSchema.safeParse(candidate);
  const formErrors = parsed.success ? [] : formatZodIssues(parsed.error.issues, language);
  if (parsed.success) {
    formErrors.push(...unknownTargets(parsed.data.targets, known.sheets, language));
    read.problems.push(...modulesBeyond(read.modules, parsed.data.semesters));
  }
  if (!parsed.success || formErrors.length || read.problems.length) return { ok: false, problems: read.problems, formErrors };
  return { ok: true, form: parsed.data, read, fromFile };
}

/** Reads a multipart upload: the file (field "file") and the other fields; a refusal in `language`. */
export async function readUpload(request: Request, language: Language): Promise<{ ok: true; formData: FormData; rows: string[][]; facts: ProgrammeFacts | null } | Refusal> {
  const refusal = (key: "import.file_too_large" | "import.no_file" | "import.file_unreadable"): Refusal => ({
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
  try {
    return { ok: true, formData, ...(await readProgrammeFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })) };
  } catch (error) {
    if (error instanceof SpreadsheetError) return { ok: false, problems: [], formErrors: [renderSentence(error.sentence, language)] };
    return refusal("import.file_unreadable");
  }
}

/** Reads a multipart upload of a new programme (field "file" plus the programme fields); form errors in `language` (French by default). */
export async function readProgrammeUpload(request: Request, language: Language = "fr", schoolId?: string): Promise<UploadOutcome> {
  const upload = await readUpload(request, language);
  if (!upload.ok) return upload;
  const { formData, rows, facts } = upload;
  const meta = Object.fromEntries(FORM_FIELDS.map((key) => [key, formData.get(key) ?? undefined]));
  return checkProgrammeImport({ meta: { ...meta, targets: formData.getAll("targets").map(String) }, rows, facts, language, schoolId });
}
