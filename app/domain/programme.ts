/**
 * Programmes and modules: the rules of the forms (one zod schema for the browser and the
 * server), the defaults that follow from the diploma and the level, and the stable
 * references of requirement items. Pure: no I/O.
 */
import { z } from "zod";
import { LEVEL_TOTAL_ECTS, type CncpLevel } from "./coverage";

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
  .number({ message: "Choisissez un niveau CNCP." })
  .int()
  .refine((n): n is CncpLevel => n === 5 || n === 6 || n === 7, { message: "Le niveau CNCP doit être 5, 6 ou 7." });

export const programmeSchema = z
  .object({
    title: z
      .string({ message: "Le titre est obligatoire." })
      .trim()
      .min(3, "Le titre doit compter au moins 3 caractères.")
      .max(200, "Le titre ne peut dépasser 200 caractères."),
    diplomaType: z.enum(DIPLOMA_TYPES, { message: "Choisissez un type de diplôme." }),
    level: levelSchema,
    entryEcts: z.coerce
      .number({ message: "Indiquez les crédits d'entrée." })
      .int("Les crédits d'entrée sont un nombre entier.")
      .min(0, "Les crédits d'entrée ne peuvent être négatifs.")
      .max(300, "Les crédits d'entrée ne peuvent dépasser 300."),
    semesters: z.coerce
      .number({ message: "Indiquez le nombre de semestres." })
      .int("Le nombre de semestres est un entier.")
      .min(1, "Au moins un semestre.")
      .max(12, "Au plus 12 semestres."),
    targets: z
      .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Référentiel inconnu."))
      .min(1, "Choisissez au moins un métier visé.")
      .max(10, "Au plus 10 métiers visés.")
      .refine((targets) => new Set(targets).size === targets.length, "Chaque métier visé ne peut être choisi qu'une fois."),
    description: z.string().trim().max(5000, "La description ne peut dépasser 5 000 caractères.").default(""),
  })
  .superRefine((value, ctx) => {
    if (value.entryEcts >= LEVEL_TOTAL_ECTS[value.level as CncpLevel]) {
      ctx.addIssue({
        code: "custom",
        path: ["entryEcts"],
        message: `Les crédits d'entrée doivent être inférieurs aux ${LEVEL_TOTAL_ECTS[value.level as CncpLevel]} ECTS du niveau ${value.level}.`,
      });
    }
  });
export type ProgrammeForm = z.infer<typeof programmeSchema>;

const hoursField = (label: string) =>
  z.coerce
    .number({ message: `Indiquez les heures de ${label}.` })
    .int(`Les heures de ${label} sont un nombre entier.`)
    .min(0, `Les heures de ${label} ne peuvent être négatives.`)
    .max(2000, `Au plus 2 000 heures de ${label}.`)
    .default(0);

export const MODULE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export const moduleSchema = z.object({
  code: z
    .string({ message: "Le code est obligatoire." })
    .trim()
    .regex(MODULE_CODE_PATTERN, "Le code compte 1 à 32 caractères : lettres, chiffres, point, tiret ou souligné."),
  title: z
    .string({ message: "L'intitulé est obligatoire." })
    .trim()
    .min(2, "L'intitulé doit compter au moins 2 caractères.")
    .max(200, "L'intitulé ne peut dépasser 200 caractères."),
  semester: z.coerce.number({ message: "Indiquez le semestre." }).int("Le semestre est un entier.").min(1, "Le semestre commence à 1.").max(12, "Au plus 12 semestres."),
  ects: z.coerce
    .number({ message: "Indiquez les ECTS." })
    .min(0, "Les ECTS ne peuvent être négatifs.")
    .max(60, "Au plus 60 ECTS pour un module.")
    .refine((n) => Number.isInteger(n * 2), "Les ECTS vont par demi-crédit (ex. 2,5)."),
  hoursLectures: hoursField("cours magistral"),
  hoursTutorials: hoursField("travaux dirigés"),
  hoursPractical: hoursField("travaux pratiques"),
  hoursProjects: hoursField("projet"),
  assessmentMethod: z.string().trim().max(500, "Au plus 500 caractères.").default(""),
  description: z.string().trim().max(5000, "Au plus 5 000 caractères.").default(""),
  teacherIds: z.array(z.string().min(1)).max(20).default([]),
});
export type ModuleForm = z.infer<typeof moduleSchema>;

/** The module form of a programme with this many semesters. */
export function moduleSchemaWithin(semesters: number) {
  return moduleSchema.refine((m) => m.semester <= semesters, { path: ["semester"], message: `La formation compte ${semesters} semestres.` });
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

export function parseItemRef(ref: string): ItemRefInfo | null {
  if (/^T(0[1-9]|1[0-7])$/.test(ref)) return { kind: "transversal", sheetSlug: null };
  if (/^K-[a-z0-9]+(-[a-z0-9]+)*$/.test(ref)) return { kind: "knowledge", sheetSlug: null };
  const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/(C\d+)$/.exec(ref);
  return match ? { kind: "competence", sheetSlug: match[1] } : null;
}
