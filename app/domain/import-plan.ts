/**
 * Importing a file into an existing programme (docs/decisions/038): what the programme
 * becomes, and what changes, before anything is saved.
 * - "replace": the programme becomes the file. Modules the file does not name are removed,
 *   and a module's mappings become exactly the file's.
 * - "merge": the file adds and changes, never removes. Modules and mappings it does not name
 *   stay as they are; a module it names takes its title, semester, credits and hours, and
 *   each mapping it names takes its depth, assessment and note.
 * Modules are matched by code. A file without a `note` column keeps every note. The fields of
 * the file's "Formation" sheet (title, diploma, level, credits, semesters, targets) are taken
 * when the file gives them; in a merge, the targets it names are added to the programme's.
 * Pure: plain data in, plain data out.
 */
import { withLevelFramework } from "./cncp-levels";
import { semesterLabel } from "./credits";
import { formatHours } from "./programme";
import type { ImportedMapping, ImportedModule } from "./programme-import";

export const IMPORT_MODES = ["merge", "replace"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const isImportMode = (value: unknown): value is ImportMode => (IMPORT_MODES as readonly unknown[]).includes(value);

/** The programme's own fields, as its form holds them. */
export type ProgrammeFields = {
  title: string;
  diplomaType: string;
  level: number;
  entryEcts: number;
  semesters: number;
  description: string;
  targets: string[];
};
export type ProgrammeField = keyof ProgrammeFields;
export const PROGRAMME_FIELDS: readonly ProgrammeField[] = ["title", "diplomaType", "level", "entryEcts", "semesters", "targets", "description"];

export type FieldChange<F extends string> = { field: F; before: string; after: string };
export type ModuleField = "title" | "semester" | "ects" | "hours";
export type ModuleChange = { code: string; title: string; changes: FieldChange<ModuleField>[] };
/** A mapping before and after (null: none). */
export type MappingChange = { module: string; itemRef: string; before: ImportedMapping | null; after: ImportedMapping | null };

export type ImportPlan = {
  mode: ImportMode;
  fields: FieldChange<ProgrammeField>[];
  modules: { added: { code: string; title: string }[]; removed: { code: string; title: string }[]; changed: ModuleChange[] };
  mappings: { added: MappingChange[]; removed: MappingChange[]; changed: MappingChange[] };
  /** What the programme is after the import: its fields, and its modules (those kept first, in their order). */
  result: { fields: ProgrammeFields; modules: ImportedModule[] };
};

/** A module's field as the preview shows it. */
function moduleFieldText(module: ImportedModule, field: ModuleField): string {
  if (field === "semester") return semesterLabel(module);
  if (field === "hours") return formatHours(module.hours);
  return String(module[field]);
}

function fieldText(fields: ProgrammeFields, field: ProgrammeField): string {
  const value = fields[field];
  return Array.isArray(value) ? value.join(", ") : String(value);
}

const sameMapping = (a: ImportedMapping, b: ImportedMapping) => a.depth === b.depth && a.assessed === b.assessed && (a.note ?? "") === (b.note ?? "");

/**
 * The programme's fields after an import that gives these (the targets added in a merge), and
 * those that change. With `levelFramework` (its level's framework sheet is loaded), the targets
 * given by the file or its level changed end with the framework of the level the programme has
 * after the import, as the programme form gives them (docs/decisions/040): a level change swaps
 * it, a file cannot drop it.
 */
export function fieldsAfterImport(current: ProgrammeFields, given: Partial<ProgrammeFields>, mode: ImportMode, levelFramework = false): { fields: ProgrammeFields; changes: FieldChange<ProgrammeField>[] } {
  const fields: ProgrammeFields = { ...current };
  for (const field of PROGRAMME_FIELDS) {
    const value = given[field];
    if (value === undefined) continue;
    if (field === "targets") {
      const slugs = value as string[];
      fields.targets = mode === "merge" ? [...current.targets, ...slugs.filter((s) => !current.targets.includes(s))] : [...slugs];
    } else {
      (fields as Record<ProgrammeField, unknown>)[field] = value;
    }
  }
  if (levelFramework && (given.targets !== undefined || given.level !== undefined)) fields.targets = withLevelFramework(fields.targets, fields.level);
  const changes = PROGRAMME_FIELDS.filter((field) => fieldText(fields, field) !== fieldText(current, field)).map((field) => ({ field, before: fieldText(current, field), after: fieldText(fields, field) }));
  return { fields, changes };
}

/**
 * What importing `incoming` into `current` does. `incoming.fields` holds only what the file
 * gives; `keepNotes` when the file has no `note` column.
 */
export function planImport(
  current: { fields: ProgrammeFields; modules: readonly ImportedModule[] },
  incoming: { fields: Partial<ProgrammeFields>; modules: readonly ImportedModule[]; keepNotes?: boolean; levelFramework?: boolean },
  mode: ImportMode,
): ImportPlan {
  const plan: ImportPlan = {
    mode,
    fields: [],
    modules: { added: [], removed: [], changed: [] },
    mappings: { added: [], removed: [], changed: [] },
    result: { fields: { ...current.fields }, modules: [] },
  };

  ({ fields: plan.result.fields, changes: plan.fields } = fieldsAfterImport(current.fields, incoming.fields, mode, incoming.levelFramework));

  const incomingByCode = new Map(incoming.modules.map((m) => [m.code, m]));
  const currentCodes = new Set(current.modules.map((m) => m.code));
  const mapping = (module: string, itemRef: string, before: ImportedMapping | null, after: ImportedMapping | null): MappingChange => ({ module, itemRef, before, after });

  for (const existing of current.modules) {
    const file = incomingByCode.get(existing.code);
    if (!file) {
      if (mode === "merge") {
        plan.result.modules.push(existing);
        continue;
      }
      plan.modules.removed.push({ code: existing.code, title: existing.title });
      for (const m of existing.mappings) plan.mappings.removed.push(mapping(existing.code, m.itemRef, m, null));
      continue;
    }
    const changes = (["title", "semester", "ects", "hours"] as const)
      .map((field) => ({ field, before: moduleFieldText(existing, field), after: moduleFieldText(file, field) }))
      .filter((c) => c.before !== c.after);
    if (changes.length) plan.modules.changed.push({ code: existing.code, title: file.title, changes });

    const before = new Map(existing.mappings.map((m) => [m.itemRef, m]));
    const after = new Map<string, ImportedMapping>();
    if (mode === "merge") for (const m of existing.mappings) after.set(m.itemRef, m);
    for (const m of file.mappings) {
      const kept = before.get(m.itemRef);
      const note = incoming.keepNotes ? kept?.note : m.note;
      after.set(m.itemRef, { itemRef: m.itemRef, depth: m.depth, assessed: m.assessed, ...(note ? { note } : {}) });
    }
    for (const [ref, next] of after) {
      const was = before.get(ref);
      if (!was) plan.mappings.added.push(mapping(existing.code, ref, null, next));
      else if (!sameMapping(was, next)) plan.mappings.changed.push(mapping(existing.code, ref, was, next));
    }
    for (const [ref, was] of before) if (!after.has(ref)) plan.mappings.removed.push(mapping(existing.code, ref, was, null));
    plan.result.modules.push({ ...file, mappings: [...after.values()] });
  }
  for (const file of incoming.modules) {
    if (currentCodes.has(file.code)) continue;
    plan.modules.added.push({ code: file.code, title: file.title });
    for (const m of file.mappings) plan.mappings.added.push(mapping(file.code, m.itemRef, null, m));
    plan.result.modules.push(file);
  }
  return plan;
}

/** Whether the import changes anything at all. */
export function planChangesNothing(plan: ImportPlan): boolean {
  return plan.fields.length + plan.modules.added.length + plan.modules.removed.length + plan.modules.changed.length + plan.mappings.added.length + plan.mappings.removed.length + plan.mappings.changed.length === 0;
}

/** The modules whose row changes: their fields or their mappings (each gets its version raised). */
export function modulesTouched(plan: ImportPlan): Set<string> {
  const codes = new Set(plan.modules.changed.map((m) => m.code));
  for (const list of [plan.mappings.added, plan.mappings.removed, plan.mappings.changed]) for (const m of list) codes.add(m.module);
  for (const m of plan.modules.added) codes.delete(m.code);
  for (const m of plan.modules.removed) codes.delete(m.code);
  return codes;
}

/** A list as a preview shows it: how many, and the first `cap`. */
export type Sample<T> = { count: number; items: T[] };
const sample = <T>(list: readonly T[], cap: number): Sample<T> => ({ count: list.length, items: list.slice(0, cap) });

/** What the preview of an import sends to the page: every change counted, the first `cap` of each kind listed. */
export function planPreview(plan: ImportPlan, cap = 200) {
  return {
    mode: plan.mode,
    nothing: planChangesNothing(plan),
    fields: plan.fields,
    modules: { added: sample(plan.modules.added, cap), removed: sample(plan.modules.removed, cap), changed: sample(plan.modules.changed, cap) },
    mappings: { added: sample(plan.mappings.added, cap), removed: sample(plan.mappings.removed, cap), changed: sample(plan.mappings.changed, cap) },
  };
}
export type PlanPreview = ReturnType<typeof planPreview>;
