/**
 * The reference data contract (docs/reference-data-format.md) as zod schemas, and the pure
 * helpers around it: quote normalisation, canonical JSON and knowledge-domain codes.
 * Reference data is evidence: every item keeps the seed file and the exact words it came
 * from, and an editorial choice says so with a reason.
 */
import { z } from "zod";
import { frenchText } from "./sentences";
import { isSchoolListSlug, SHEET_SLUG_PATTERN } from "./sheet-slug";

export const DEPTH_LEVELS = [1, 2, 3, 4] as const;
export const requirementKinds = ["competence", "knowledge", "transversal"] as const;
export type RequirementKind = (typeof requirementKinds)[number];
/**
 * What a sheet describes: a job (fiche métier, the default when a file names no kind), the
 * national framework's capacities of one CNCP level, an RNCP certification, or a school's own
 * requirement list. Only a job sheet states the 17 shared transversal resources.
 */
export const sheetKinds = ["job", "framework", "certification", "school"] as const;
export type SheetKind = (typeof sheetKinds)[number];

export const sourceSchema = z.strictObject({
  file: z.string().min(1, frenchText("refdata.source_file_required")),
  quote: z.string().trim().min(1, frenchText("refdata.quote_required")),
  /** An RNCP export's item: its fiche number, the export's date and the element it was cut from. */
  fiche: z.string().regex(/^(RNCP|RS)\d+$/).optional(),
  exportDate: z.iso.date().optional(),
  field: z.string().min(1).optional(),
});
export type Source = z.infer<typeof sourceSchema>;

const editorialFields = {
  editorial: z.boolean().optional(),
  editorialReason: z.string().trim().min(1).optional(),
};

function checkEditorial(value: { editorial?: boolean; editorialReason?: string }, ctx: z.RefinementCtx) {
  if (value.editorial && !value.editorialReason) {
    ctx.addIssue({ code: "custom", path: ["editorialReason"], message: frenchText("refdata.editorial_reason_required") });
  }
  if (!value.editorial && value.editorialReason) {
    ctx.addIssue({ code: "custom", path: ["editorial"], message: frenchText("refdata.reason_needs_editorial") });
  }
}

export const subItemSchema = z
  .strictObject({ code: z.string().optional(), label: z.string().trim().min(1), source: sourceSchema, ...editorialFields })
  .superRefine(checkEditorial);
export type SubItem = z.infer<typeof subItemSchema>;

const depthSchema = z.number().int().min(1).max(4).nullable();

const requirementBase = {
  code: z.string().trim().min(1),
  label: z.string().trim().min(1),
  required: z.boolean(),
  requiredDepth: depthSchema,
  source: sourceSchema,
  editorial: z.boolean(),
  editorialReason: z.string().trim().min(1).optional(),
  group: z.string().trim().min(1).optional(),
  /**
   * Optional: the words of `source.quote` this item stands for, when the quote holds several
   * items (a national framework's sentence lists its capacities). Absent in the job sheets.
   */
  excerpt: z.string().trim().min(1).optional(),
};

export const competenceSchema = z.strictObject({
  ...requirementBase,
  kind: z.literal("competence"),
  // C1, C2… in a job sheet; an RNCP certification's blocs by their own codes (RNCP38596BC02) and
  // each listed competence of a bloc as a sub-code of it (RNCP38596BC02.3): decision 051.
  code: z.string().regex(/^C\d+$|^RNCP\d{2,6}BC\d{2}(\.\d+)?$/, frenchText("refdata.competence_code")),
  activity: subItemSchema.nullable(),
  subActivities: z.array(subItemSchema),
  subCompetences: z.array(subItemSchema),
  keywords: z.array(subItemSchema),
});

export const knowledgeSchema = z.strictObject({
  ...requirementBase,
  kind: z.literal("knowledge"),
  code: z.string().regex(/^K-[a-z0-9-]+$|^K-\d+$/, frenchText("refdata.knowledge_code")),
  nsf: z.string().nullable(),
  formacode: z.string().nullable(),
});

export const transversalSchema = z.strictObject({
  ...requirementBase,
  kind: z.literal("transversal"),
  code: z.string().regex(/^T(0[1-9]|1[0-7])$/, frenchText("refdata.transversal_code")),
  depthDescriptor: z.string().nullable(),
});

export const requirementSchema = z
  .discriminatedUnion("kind", [competenceSchema, knowledgeSchema, transversalSchema])
  .superRefine((value, ctx) => {
    checkEditorial(value, ctx);
    if (value.excerpt !== undefined && !quoteAppearsIn(value.excerpt, value.source.quote)) {
      ctx.addIssue({ code: "custom", path: ["excerpt"], message: frenchText("refdata.excerpt_outside_quote") });
    }
    if (!value.required && value.requiredDepth !== null) {
      ctx.addIssue({ code: "custom", path: ["requiredDepth"], message: frenchText("refdata.not_required_no_depth") });
    }
  });
export type Requirement = z.infer<typeof requirementSchema>;

const levelSchema = z.number().int().min(1).max(8);

const quotedText = z.strictObject({ text: z.string().trim().min(1), source: sourceSchema });
const codeAndLabel = z.strictObject({ code: z.string().trim().min(1), label: z.string().nullable(), source: sourceSchema });

/**
 * What an RNCP certification's sheet keeps of its fiche besides its requirements (decision 051):
 * the export it was read from, the level, certifiers and codes, each bloc with its label, its
 * competence list and its assessment methods as written, and the fiche's activities and
 * capacities as context. Every text with its source.
 */
export const certificationSchema = z.strictObject({
  number: z.string().regex(/^RNCP\d{2,6}$/),
  exportFormat: z.enum(["xml", "csv"]),
  exportDate: z.iso.date(),
  /** VERSION_FLUX of the XML export ("4.1"), null when the file has none (older XML, CSV). */
  formatVersion: z.string().nullable(),
  level: z.strictObject({ code: z.string().min(1), label: z.string().nullable(), source: sourceSchema }),
  abbreviation: z.strictObject({ code: z.string().min(1), label: z.string().nullable() }).nullable(),
  certifiers: z.array(z.strictObject({ name: z.string().trim().min(1), siret: z.string().nullable(), source: sourceSchema })).min(1),
  nsf: z.array(codeAndLabel),
  formacodes: z.array(codeAndLabel),
  activities: quotedText.nullable(),
  capacities: quotedText.nullable(),
  blocs: z
    .array(
      z
        .strictObject({
          code: z.string().regex(/^RNCP\d{2,6}BC\d{2}$/),
          label: z.string().trim().min(1),
          source: sourceSchema,
          competences: quotedText.nullable(),
          assessment: quotedText.nullable(),
          ...editorialFields,
        })
        .superRefine(checkEditorial),
    )
    .min(1),
});
export type CertificationData = z.infer<typeof certificationSchema>;
/**
 * Context shown beside a sheet, not requirements: a national framework shows the EQF lines of
 * its level and the arrêté's column definitions. Each entry is quoted from its own source; the
 * optional note is Maquette's own word on where the text was read and how sure it is.
 */
export const contextBlockSchema = z.strictObject({
  title: z.string().trim().min(1),
  language: z.enum(["fr", "en"]),
  note: z.string().trim().min(1).optional(),
  entries: z.array(z.strictObject({ label: z.string().trim().min(1), source: sourceSchema })).min(1),
});
export type ContextBlock = z.infer<typeof contextBlockSchema>;

export const referenceSheetSchema = z
  .strictObject({
    slug: z.string().regex(SHEET_SLUG_PATTERN, frenchText("refdata.slug")),
    /** Absent in the job sheets' files: absent means "job", and leaves their content hash as it was. */
    kind: z.enum(sheetKinds).optional(),
    title: z.string().trim().min(1),
    titleSource: sourceSchema,
    alternativeTitles: z.array(z.strictObject({ label: z.string().trim().min(1), source: sourceSchema })),
    publisher: z
      .strictObject({ name: z.string().trim().min(1), source: sourceSchema, ...editorialFields })
      .superRefine(checkEditorial),
    sourceFile: z.string().min(1),
    romeCodes: z.array(
      z.strictObject({ code: z.string().regex(/^[A-N]\d{4}$/), label: z.string().optional(), source: sourceSchema }),
    ),
    cncp: z
      .strictObject({ min: levelSchema, max: levelSchema, source: sourceSchema, ...editorialFields })
      .superRefine(checkEditorial)
      .refine((c) => c.min <= c.max, { message: frenchText("refdata.cncp_range") }),
    experience: z.strictObject({ text: z.string().trim().min(1), source: sourceSchema }).nullable(),
    requirements: z.array(requirementSchema).min(1),
    /** An RNCP certification's fiche (kind "certification" only). */
    certification: certificationSchema.optional(),
    /** Absent in the job sheets' files (their content hash unchanged). */
    context: z.array(contextBlockSchema).optional(),
  })
  .superRefine((sheet, ctx) => {
    const seen = new Set<string>();
    sheet.requirements.forEach((item, index) => {
      if (seen.has(item.code)) {
        ctx.addIssue({ code: "custom", path: ["requirements", index, "code"], message: frenchText("refdata.duplicate_code", { code: item.code }) });
      }
      seen.add(item.code);
    });
    checkCertification(sheet, ctx);
    if (sheetKindOf(sheet) === "framework" && sheet.requirements.some((item) => item.kind === "transversal")) {
      ctx.addIssue({ code: "custom", path: ["requirements"], message: frenchText("refdata.framework_transversal") });
    }
    // A school's own list, and only it, is named `<school>~<list>` (docs/decisions/054).
    if (isSchoolListSlug(sheet.slug) !== (sheetKindOf(sheet) === "school")) {
      ctx.addIssue({ code: "custom", path: ["slug"], message: frenchText("refdata.school_slug") });
    }
    if (sheetKindOf(sheet) !== "job") return;
    const transversal = sheet.requirements.filter((item) => item.kind === "transversal").map((item) => item.code);
    const missing = TRANSVERSAL_CODES.filter((code) => !transversal.includes(code));
    if (missing.length) {
      ctx.addIssue({
        code: "custom",
        path: ["requirements"],
        message: frenchText("refdata.transversal_missing", { missing: missing.join(", ") }),
      });
    }
  });
export type ReferenceSheetData = z.infer<typeof referenceSheetSchema>;

/** A certification's requirements all belong to one of its blocs: the bloc's code or a sub-code of it. */
function checkCertification(sheet: { kind?: SheetKind; certification?: CertificationData; requirements: { code: string }[] }, ctx: z.RefinementCtx) {
  if (!sheet.certification) return;
  if (sheet.kind !== "certification") ctx.addIssue({ code: "custom", path: ["kind"], message: frenchText("refdata.certification_kind") });
  const blocs = new Set(sheet.certification.blocs.map((bloc) => bloc.code));
  sheet.requirements.forEach((item, index) => {
    if (!blocs.has(item.code.split(".")[0])) {
      ctx.addIssue({ code: "custom", path: ["requirements", index, "code"], message: frenchText("refdata.certification_bloc", { code: item.code }) });
    }
  });
}

/** A sheet's kind: "job" when its file names none. */
export function sheetKindOf(sheet: { kind?: SheetKind }): SheetKind {
  return sheet.kind ?? "job";
}

export const TRANSVERSAL_CODES = Array.from({ length: 17 }, (_, i) => `T${String(i + 1).padStart(2, "0")}`);

export const transversalFrameworkSchema = z
  .array(z.strictObject({ code: z.string().regex(/^T\d\d$/), label: z.string().trim().min(1), source: sourceSchema }))
  .refine((items) => items.map((i) => i.code).join() === TRANSVERSAL_CODES.join(), {
    message: frenchText("refdata.transversal_framework"),
  });
export type TransversalFramework = z.infer<typeof transversalFrameworkSchema>;

export const knowledgeCatalogueSchema = z.array(
  z.strictObject({
    code: z.string(),
    label: z.string().trim().min(1),
    nsf: z.string().nullable(),
    formacode: z.string().nullable(),
    source: sourceSchema,
  }),
);
export type KnowledgeCatalogue = z.infer<typeof knowledgeCatalogueSchema>;

/** White space aside: runs of spaces, tabs and line breaks count as one space. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** True when `quote` appears word for word in `text`, white space aside. */
export function quoteAppearsIn(quote: string, text: string): boolean {
  return normaliseWhitespace(text).includes(normaliseWhitespace(quote));
}

/** Every `source` object in a value, with the path that leads to it. */
export function collectSources(value: unknown, path: string[] = []): { path: string; source: Source }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => collectSources(item, [...path, String(i)]));
  if (value && typeof value === "object") {
    const found: { path: string; source: Source }[] = [];
    for (const [key, child] of Object.entries(value)) {
      if ((key === "source" || key === "titleSource") && child && typeof child === "object" && "quote" in child) {
        found.push({ path: [...path, key].join("."), source: child as Source });
      } else {
        found.push(...collectSources(child, [...path, key]));
      }
    }
    return found;
  }
  return [];
}

/** `K-<slug-of-the-name>`: lower case, accents removed, non-alphanumerics to "-". */
export function knowledgeCodeFromName(name: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `K-${slug}`;
}

/** JSON with object keys sorted, so equal content always gives equal text (and hash). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Depth labels used in the UI. */
export const DEPTH_LABELS: Record<number, { fr: string; en: string }> = {
  1: { fr: "Notions", en: "Notions" },
  2: { fr: "Application", en: "Application" },
  3: { fr: "Maîtrise", en: "Mastery" },
  4: { fr: "Expertise", en: "Expertise" },
};
