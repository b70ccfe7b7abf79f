/**
 * Programmes and modules: the rules of the forms (one zod schema for the browser and the
 * server), the defaults that follow from the diploma and the level, and the stable
 * references of requirement items. Pure: no I/O.
 */
import { z } from "zod";
import { LEVEL_TOTAL_ECTS, type CncpLevel } from "./coverage";
import { lastSemesterOf, MAX_SEMESTER_SPAN } from "./credits";
import { frenchText as say } from "./sentences";
import { SHEET_SLUG_PATTERN, SHEET_SLUG_SOURCE } from "./sheet-slug";

/** A module's hours by kind (lectures, tutorials, practical work, project), as pages, the report and the API give them. */
export function moduleHours(module: { hoursLectures: number; hoursTutorials: number; hoursPractical: number; hoursProjects: number }) {
  return { lectures: module.hoursLectures, tutorials: module.hoursTutorials, practical: module.hoursPractical, projects: module.hoursProjects };
}

export const DIPLOMA_TYPES = ["bts", "but", "licence", "licence_pro", "bachelor", "master", "other"] as const;
export type DiplomaType = (typeof DIPLOMA_TYPES)[number];

export const DIPLOMA_LABELS: Record<DiplomaType, { fr: string; en: string }> = {
  bts: { fr: "BTS", en: "BTS" },
  but: { fr: "BUT", en: "BUT" },
  licence: { fr: "Licence", en: "Licence (bachelor's degree)" },
  licence_pro: { fr: "Licence professionnelle", en: "Professional licence" },
  bachelor: { fr: "Bachelor", en: "Bachelor" },
  master: { fr: "Master", en: "Master" },
  other: { fr: "Autre", en: "Other" },
};

/** The usual CNCP level, entry credits and number of semesters of each diploma. */
export const DIPLOMA_DEFAULTS: Record<DiplomaType, { level: CncpLevel; entryEcts: number; semesters: number }> = {
  bts: { level: 5, entryEcts: 0, semesters: 4 },
  but: { level: 6, entryEcts: 0, semesters: 6 },
  licence: { level: 6, entryEcts: 0, semesters: 6 },
  licence_pro: { level: 6, entryEcts: 120, semesters: 2 },
  bachelor: { level: 6, entryEcts: 0, semesters: 6 },
  master: { level: 7, entryEcts: 180, semesters: 4 },
  other: { level: 6, entryEcts: 0, semesters: 6 },
};

/** Entry credits that make the programme's own credits fill whole years up to its level. */
export function defaultEntryEcts(level: CncpLevel): number {
  return { 5: 0, 6: 120, 7: 180 }[level];
}

export function expectedOwnEcts(level: CncpLevel, entryEcts: number): number {
  return LEVEL_TOTAL_ECTS[level] - entryEcts;
}

const levelSchema = z.coerce
  .number({ message: say("programme.level_required") })
  .int()
  .refine((n): n is CncpLevel => n === 5 || n === 6 || n === 7, { message: say("programme.level_invalid") });

export const programmeSchema = z
  .object({
    title: z
      .string({ message: say("programme.title_required") })
      .trim()
      .min(3, say("programme.title_too_short"))
      .max(200, say("programme.title_too_long")),
    diplomaType: z.enum(DIPLOMA_TYPES, { message: say("programme.diploma_required") }),
    level: levelSchema,
    entryEcts: z.coerce
      .number({ message: say("programme.entry_required") })
      .int(say("programme.entry_whole"))
      .min(0, say("programme.entry_negative"))
      .max(300, say("programme.entry_too_many")),
    semesters: z.coerce
      .number({ message: say("programme.semesters_required") })
      .int(say("programme.semesters_whole"))
      .min(1, say("programme.semesters_min"))
      .max(12, say("programme.semesters_max")),
    targets: z
      .array(z.string().regex(SHEET_SLUG_PATTERN, say("programme.target_unknown")))
      .min(1, say("programme.targets_min"))
      .max(10, say("programme.targets_max"))
      .refine((targets) => new Set(targets).size === targets.length, say("programme.targets_unique")),
    description: z.string().trim().max(5000, say("programme.description_too_long")).default(""),
  })
  .superRefine((value, ctx) => {
    if (value.entryEcts >= LEVEL_TOTAL_ECTS[value.level as CncpLevel]) {
      ctx.addIssue({
        code: "custom",
        path: ["entryEcts"],
        message: say("programme.entry_below_level", { total: LEVEL_TOTAL_ECTS[value.level as CncpLevel], level: value.level }),
      });
    }
  });
export type ProgrammeForm = z.infer<typeof programmeSchema>;

const hoursField = (label: string) =>
  z.coerce
    .number({ message: say("module.hours_required", { kind: label }) })
    .int(say("module.hours_whole", { kind: label }))
    .min(0, say("module.hours_negative", { kind: label }))
    .max(2000, say("module.hours_too_many", { kind: label }))
    .default(0);

export const MODULE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export const moduleSchema = z.object({
  code: z
    .string({ message: say("module.code_required") })
    .trim()
    .regex(MODULE_CODE_PATTERN, say("module.code_invalid")),
  title: z
    .string({ message: say("module.title_required") })
    .trim()
    .min(2, say("module.title_too_short"))
    .max(200, say("module.title_too_long")),
  semester: z.coerce.number({ message: say("module.semester_required") }).int(say("module.semester_whole")).min(1, say("module.semester_min")).max(12, say("programme.semesters_max")),
  /** 1, or 2 for a module over `semester` and the next (a year). */
  semesterSpan: z.coerce.number().int().min(1, say("module.span_invalid")).max(MAX_SEMESTER_SPAN, say("module.span_invalid")).default(1),
  ects: z.coerce
    .number({ message: say("module.ects_required") })
    .min(0, say("module.ects_negative"))
    .max(60, say("module.ects_too_many"))
    .refine((n) => Number.isInteger(n * 2), say("module.ects_half")),
  hoursLectures: hoursField("cours magistral"),
  hoursTutorials: hoursField("travaux dirigés"),
  hoursPractical: hoursField("travaux pratiques"),
  hoursProjects: hoursField("projet"),
  assessmentMethod: z.string().trim().max(500, say("module.at_most_500")).default(""),
  description: z.string().trim().max(5000, say("module.at_most_5000")).default(""),
  teacherIds: z.array(z.string().min(1)).max(20).default([]),
});
/** A module as its form gives it (`semesterSpan` may be left out: one semester). */
export type ModuleForm = Omit<z.infer<typeof moduleSchema>, "semesterSpan"> & { semesterSpan?: number };

/** The module form of a programme with this many semesters. */
export function moduleSchemaWithin(semesters: number) {
  return moduleSchema
    .refine((m) => m.semester <= semesters, { path: ["semester"], message: say("module.semester_beyond", { semesters }) })
    .refine((m) => m.semester > semesters || lastSemesterOf(m) <= semesters, { path: ["semesterSpan"], message: say("module.span_beyond", { semesters }) });
}

export type ModuleHours = { lectures: number; tutorials: number; practical: number; projects: number };

export function totalHours(hours: ModuleHours): number {
  return hours.lectures + hours.tutorials + hours.practical + hours.projects;
}

/**
 * Hours in one CSV cell: either one number (lecture hours) or "CM/TD/TP/projet", four whole
 * numbers separated by "/". Returns null when the cell says neither.
 */
export function parseHours(cell: string): ModuleHours | null {
  const text = cell.trim();
  if (text === "") return { lectures: 0, tutorials: 0, practical: 0, projects: 0 };
  const parts = text.split("/").map((part) => part.trim());
  if (parts.length !== 1 && parts.length !== 4) return null;
  if (!parts.every((part) => /^\d{1,4}$/.test(part))) return null;
  const [lectures, tutorials = 0, practical = 0, projects = 0] = parts.map(Number);
  return { lectures, tutorials, practical, projects };
}

export function formatHours(hours: ModuleHours): string {
  if (hours.tutorials === 0 && hours.practical === 0 && hours.projects === 0) return String(hours.lectures);
  return [hours.lectures, hours.tutorials, hours.practical, hours.projects].join("/");
}

/** A requirement item as the matrix and imports name it: `<sheet>/<C..>`, `T06`, `K-34093`. */
export type ItemRefInfo = { kind: "competence" | "knowledge" | "transversal"; sheetSlug: string | null };

// C1, C2… of a job sheet, a framework or a school's list; an RNCP certification's blocs and
// their competences (RNCP38596BC02, RNCP38596BC02.3: decision 051).
const COMPETENCE_REF = new RegExp(`^(${SHEET_SLUG_SOURCE})/(C\\d+|RNCP\\d{2,6}BC\\d{2}(?:\\.\\d+)?)$`);

export function parseItemRef(ref: string): ItemRefInfo | null {
  if (/^T(0[1-9]|1[0-7])$/.test(ref)) return { kind: "transversal", sheetSlug: null };
  if (/^K-[a-z0-9]+(-[a-z0-9]+)*$/.test(ref)) return { kind: "knowledge", sheetSlug: null };
  const match = COMPETENCE_REF.exec(ref);
  return match ? { kind: "competence", sheetSlug: match[1] } : null;
}
