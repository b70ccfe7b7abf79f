/**
 * The accreditation report's content, as the page, its PDF, its workbook and its CSV all show
 * it: what each section needs, built once by app/models/report.server.ts. Pure helpers: the
 * file names (by programme and day), and the rows of the requirements table with their
 * editorial mark and reason, which the CSV and the workbook share.
 */
import type { MappingNote } from "./mapping-notes";
import type { BlocView } from "./bloc-coverage";
import type { CoverageStatus, CoverageSummary, WarningCode } from "./coverage";
import type { DepthOrigin, ExpectedDepth } from "./expected-depth";
import type { RequirementKind } from "./reference-data";
import { isoDay } from "./time-zone";

export type ReportModule = {
  code: string;
  title: string;
  semester: number;
  ects: number;
  hours: { lectures: number; tutorials: number; practical: number; projects: number };
  assessmentMethod: string;
  cells: Record<string, { depth: number; assessed: boolean }>;
};

export type ReportItem = {
  ref: string;
  code: string;
  kind: RequirementKind;
  label: string;
  group: string | null;
  required: boolean;
  status: CoverageStatus;
  requiredDepth: number | null;
  /** The depth it is checked against (the sheet's, else the one expected at the level), and whose it is. */
  targetDepth: number | null;
  depthOrigin: DepthOrigin | null;
  achievedDepth: number;
  assessed: boolean;
  /** The modules that assess it. */
  assessedIn: string[];
  /** The modules that develop it, with their depth. */
  modules: { code: string; depth: number }[];
  /** Why the transcription chose this item as it is, when it is an editorial choice (null: the sheet's own words). */
  editorialReason: string | null;
  /** A remark on the source's own words ("[sic]"), kept as they are. */
  editorialNote: string | null;
  quote: string;
};

export type ReportGap = Pick<ReportItem, "ref" | "label" | "status" | "assessed" | "requiredDepth" | "targetDepth" | "depthOrigin" | "achievedDepth" | "editorialReason">;

export type ReportWarning = { code: WarningCode; text: string; editorialReason: string | null };

export type ReportTarget = {
  slug: string;
  title: string;
  publisher: { name: string; editorialReason: string | null };
  /** The publication date the sheet shows (AAAA-MM-JJ), or null when it is not dated. */
  published: string | null;
  version: number;
  /** When this version of the sheet was loaded. */
  loadedAt: string;
  contentHash: string;
  sourceFile: string;
  cncp: { min: number; max: number; editorialReason: string | null };
  summary: CoverageSummary;
  warnings: ReportWarning[];
  gaps: ReportGap[];
  items: ReportItem[];
};

export type ReportVersion = { number: number; label: string; publishedAt: string; publishedByName: string; snapshotHash: string; draftDiffers: boolean };

export type ReportData = {
  generatedAt: string;
  /** The notes of the programme's mappings (app/domain/mapping-notes.ts). */
  notes: MappingNote[];
  timeZone: string;
  programme: {
    id: string;
    title: string;
    diplomaType: string;
    level: number;
    entryEcts: number;
    ownEcts: number;
    totalEcts: number;
    semesters: number;
    updatedAt: string;
    isDemo: boolean;
  };
  /** The newest published version, and whether the draft the report shows differs from it. */
  version: ReportVersion | null;
  modules: ReportModule[];
  /** The cross table's columns: every required item of the targets, shared items once. */
  columns: { ref: string; label: string; editorialReason: string | null }[];
  targets: ReportTarget[];
  /** The depths the school (or the programme) expects at the level where a sheet gives none: its choice, never a sheet's. */
  expected: ({ kind: RequirementKind } & ExpectedDepth)[];
  /** The blocs × modules table of each target that is an RNCP certification. */
  blocTables: { slug: string; title: string; blocs: BlocView[]; modules: { code: string; semester: number }[] }[];
};

/** Short words a file name does without. */
const LINKING_WORDS = new Set(["a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "the", "of", "and"]);

/**
 * A title as a file name: lower case, accents removed, linking words left out, words joined by
 * "-": "Master Management du commerce électronique" → "master-management-commerce-electronique".
 */
export function fileSlug(text: string): string {
  const words = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !LINKING_WORDS.has(word));
  let slug = "";
  for (const word of words) {
    if (slug.length + word.length + 1 > 80) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return slug || "formation";
}

/** `rapport-master-management-commerce-electronique-2026-12-02.pdf`: by programme and the school's day. */
export function reportFileName(title: string, at: string | Date, timeZone: string, extension: "pdf" | "xlsx" | "csv"): string {
  return `rapport-${fileSlug(title)}-${isoDay(at, timeZone)}.${extension}`;
}

/** The columns of the requirements table (CSV and workbook), in the reader's words. */
export type RequirementColumns = {
  target: string;
  requirement: string;
  label: string;
  kind: string;
  status: string;
  requiredDepth: string;
  achievedDepth: string;
  assessed: string;
  modules: string;
  editorial: string;
  editorialReason: string;
  editorialNote: string;
  quote: string;
  sourceFile: string;
};

/** One row per requirement of each target, with its editorial mark and reason and its source. */
export function requirementRows(
  targets: readonly ReportTarget[],
  words: { kind: (kind: RequirementKind) => string; status: (status: CoverageStatus) => string; yes: string; no: string },
): Record<keyof RequirementColumns, string | number>[] {
  return targets.flatMap((target) =>
    target.items.map((item) => ({
      target: target.title,
      requirement: item.ref,
      label: item.label,
      kind: words.kind(item.kind),
      status: words.status(item.status),
      requiredDepth: item.requiredDepth ?? "",
      achievedDepth: item.achievedDepth,
      assessed: item.assessed ? words.yes : words.no,
      modules: item.modules.map((m) => `${m.code} (${m.depth})`).join(", "),
      editorial: item.editorialReason !== null ? words.yes : words.no,
      editorialReason: item.editorialReason ?? "",
      editorialNote: item.editorialNote ?? "",
      quote: item.quote,
      sourceFile: target.sourceFile,
    })),
  );
}
