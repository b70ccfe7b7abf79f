/**
 * A school's own requirement list (a programme's learning outcomes, an internal framework),
 * written in the app: the form's one zod schema (the browser and the server), the stable codes
 * of its items, and the reference sheet each published version becomes (kind "school"; docs/
 * decisions/055). Pure: no I/O.
 *
 * The list is evidence like any sheet, so it says honestly where each item comes from: the text
 * is the school's own; an item that gives a source text cites it, and is an editorial choice
 * unless its label is that text word for word; an item without a source text is marked as the
 * school's own writing.
 */
import { z } from "zod";
import { canonicalJson, quoteAppearsIn, type ReferenceSheetData, type Requirement } from "./reference-data";
import { frenchText as say } from "./sentences";
import { CHOSEN_SLUG_MAX, PUBLIC_SLUG_PATTERN } from "./sheet-slug";

export const SCHOOL_LIST_LIMITS = { groups: 30, itemsPerGroup: 200, items: 300, label: 1000, source: 4000, title: 200, groupLabel: 200, sourceName: 300 } as const;
export const SCHOOL_LIST_LEVELS = [5, 6, 7] as const;

const CODE_PATTERN = /^C[1-9]\d{0,3}$/;

export const schoolListItemSchema = z.object({
  /** Stable across versions (the upgrade of a programme keeps the mappings of an unchanged code); given when first saved. */
  code: z.string().regex(CODE_PATTERN, say("schoollist.code_invalid")).optional(),
  label: z
    .string({ message: say("schoollist.item_required") })
    .trim()
    .min(3, say("schoollist.item_too_short"))
    .max(SCHOOL_LIST_LIMITS.label, say("schoollist.item_too_long")),
  requiredDepth: z.coerce.number().int(say("schoollist.depth_invalid")).min(1, say("schoollist.depth_invalid")).max(4, say("schoollist.depth_invalid")).optional(),
  source: z.string().trim().max(SCHOOL_LIST_LIMITS.source, say("schoollist.source_too_long")).optional(),
});

export const schoolListGroupSchema = z.object({
  label: z
    .string({ message: say("schoollist.group_required") })
    .trim()
    .min(1, say("schoollist.group_required"))
    .max(SCHOOL_LIST_LIMITS.groupLabel, say("schoollist.group_too_long")),
  items: z
    .array(schoolListItemSchema, { message: say("schoollist.group_empty") })
    .min(1, say("schoollist.group_empty"))
    .max(SCHOOL_LIST_LIMITS.itemsPerGroup, say("schoollist.group_too_many")),
});

export const schoolListSchema = z
  .object({
    title: z
      .string({ message: say("schoollist.title_required") })
      .trim()
      .min(3, say("schoollist.title_too_short"))
      .max(SCHOOL_LIST_LIMITS.title, say("schoollist.title_too_long")),
    /** The slug the school chooses: unique within the school, fixed once the list exists. */
    slug: z
      .string({ message: say("schoollist.slug_required") })
      .trim()
      .max(CHOSEN_SLUG_MAX, say("schoollist.slug_too_long"))
      .regex(PUBLIC_SLUG_PATTERN, say("schoollist.slug_invalid")),
    /** The CNCP level the list is written for; none: any level. */
    level: z.coerce
      .number()
      .int()
      .refine((n) => (SCHOOL_LIST_LEVELS as readonly number[]).includes(n), say("schoollist.level_invalid"))
      .optional(),
    /** The document the source texts come from (a programme's file, a framework's title). */
    sourceName: z.string().trim().max(SCHOOL_LIST_LIMITS.sourceName, say("schoollist.source_name_too_long")).optional(),
    groups: z
      .array(schoolListGroupSchema, { message: say("schoollist.groups_min") })
      .min(1, say("schoollist.groups_min"))
      .max(SCHOOL_LIST_LIMITS.groups, say("schoollist.groups_max")),
  })
  .superRefine((list, ctx) => {
    const total = list.groups.reduce((n, group) => n + group.items.length, 0);
    if (total > SCHOOL_LIST_LIMITS.items) ctx.addIssue({ code: "custom", path: ["groups"], message: say("schoollist.items_max") });
    const seen = new Set<string>();
    list.groups.forEach((group, g) =>
      group.items.forEach((item, i) => {
        if (!item.code) return;
        if (seen.has(item.code)) ctx.addIssue({ code: "custom", path: ["groups", g, "items", i, "code"], message: say("schoollist.code_twice", { code: item.code }) });
        seen.add(item.code);
      }),
    );
  });

export type SchoolListForm = z.infer<typeof schoolListSchema>;
export type SchoolListItem = z.infer<typeof schoolListItemSchema>;

/** What a new list's form starts with: one group with one item. */
export function emptySchoolList(): { title: string; slug: string; groups: { label: string; items: { label: string }[] }[] } {
  return { title: "", slug: "", groups: [{ label: "", items: [{ label: "" }] }] };
}

const codeNumber = (code: string) => (CODE_PATTERN.test(code) ? Number(code.slice(1)) : 0);

/**
 * The list with a code on every item: an item keeps its code; a new one takes the next number
 * after every code in the list and in `used` (the codes of the published versions), so that a
 * removed item's code is never given to another item.
 */
export function assignCodes(list: SchoolListForm, used: Iterable<string>): SchoolListForm {
  let next = 1 + Math.max(0, ...[...used].map(codeNumber), ...list.groups.flatMap((g) => g.items.map((i) => (i.code ? codeNumber(i.code) : 0))));
  return { ...list, groups: list.groups.map((group) => ({ ...group, items: group.items.map((item) => (item.code ? item : { ...item, code: `C${next++}` })) })) };
}

/** The codes of a list's items, in order. */
export function listCodes(list: SchoolListForm): string[] {
  return list.groups.flatMap((group) => group.items.flatMap((item) => (item.code ? [item.code] : [])));
}

/** The stored draft, as canonical JSON (equal content, equal text). */
export function draftText(list: SchoolListForm): string {
  return canonicalJson(list);
}

/** A stored draft read back, checked again by the same schema. */
export function readDraft(text: string): SchoolListForm {
  return schoolListSchema.parse(JSON.parse(text));
}

/*
 * The reference data is French, like the transcribed sheets' files: these words are data, not
 * interface text.
 */
const OWN_TEXT_REASON = "Texte propre de l'établissement, saisi dans Maquette sans texte source.";
const REWORDED_REASON = "Libellé rédigé par l'établissement ; la source citée est son propre texte.";
const LEVEL_REASON = "Niveau choisi par l'établissement pour sa liste.";
const NO_LEVEL_REASON = "La liste de l'établissement ne fixe pas de niveau CNCP : elle vaut pour tous les niveaux.";

/** The file a list's items are said to come from: the school's document when it names one. */
export function schoolListSourceFile(list: Pick<SchoolListForm, "sourceName">, schoolName: string): string {
  return list.sourceName || `Liste saisie dans Maquette par l'établissement « ${schoolName} »`;
}

/**
 * The reference sheet a published version of the list is (kind "school"): each group's items
 * are competences `C1`, `C2`… with the group as their heading, required at the depth the school
 * gave (none: any mapping covers them). Every item must have its code (`assignCodes`).
 */
export function schoolListSheetData(list: SchoolListForm, context: { slug: string; schoolName: string }): ReferenceSheetData {
  const file = schoolListSourceFile(list, context.schoolName);
  const requirements: Requirement[] = list.groups.flatMap((group) =>
    group.items.map((item) => {
      if (!item.code) throw new Error("Élément de liste sans code : assignCodes d'abord.");
      const source = item.source ? { file, quote: item.source } : { file, quote: item.label };
      const quoted = item.source ? quoteAppearsIn(item.label, item.source) : false;
      return {
        kind: "competence" as const,
        code: item.code,
        label: item.label,
        required: true,
        requiredDepth: item.requiredDepth ?? null,
        source,
        editorial: !quoted,
        ...(quoted ? {} : { editorialReason: item.source ? REWORDED_REASON : OWN_TEXT_REASON }),
        group: group.label,
        activity: null,
        subActivities: [],
        subCompetences: [],
        keywords: [],
      };
    }),
  );
  const level = list.level;
  return {
    slug: context.slug,
    kind: "school",
    title: list.title,
    titleSource: { file, quote: list.title },
    alternativeTitles: [],
    publisher: { name: context.schoolName, source: { file, quote: context.schoolName } },
    sourceFile: file,
    romeCodes: [],
    cncp:
      level === undefined
        ? { min: 1, max: 8, source: { file, quote: "Niveau non précisé" }, editorial: true, editorialReason: NO_LEVEL_REASON }
        : { min: level, max: level, source: { file, quote: `Niveau ${level}` }, editorial: true, editorialReason: LEVEL_REASON },
    experience: null,
    requirements,
  };
}
