/**
 * Expected depths: where a sheet gives no depth for an item, the school may say which depth it
 * expects at each CNCP level, per kind of requirement ("at level 7, competences: 3 Maîtrise"),
 * and a programme may override it. Coverage then checks those items against that depth, shown
 * as the school's (or the programme's) choice, never as the sheet's. Pure.
 *
 * The rule, item by item (docs/decisions/041):
 * 1. the sheet's own depth, when it gives one;
 * 2. else the programme's setting for the level and kind, when it has one ("none" included:
 *    a programme may ask for the sheet alone);
 * 3. else the school's setting for the level and kind, when it has one;
 * 4. else none: any mapping covers the item (the behaviour without settings).
 */
import type { CncpLevel } from "./coverage";
import { requirementKinds, type RequirementKind } from "./reference-data";

export type DepthOrigin = "sheet" | "school" | "programme";

/** One stored setting: a depth 1..4, or null for "none". */
export type ExpectedDepthSetting = { level: number; kind: string; depth: number | null; setByName: string; setAt: string };

export type ExpectedDepthSettings = { school: readonly ExpectedDepthSetting[]; programme: readonly ExpectedDepthSetting[] };

export const NO_SETTINGS: ExpectedDepthSettings = { school: [], programme: [] };

/** The depth expected of one kind at one level, with whose choice it is and who made it when. */
export type ExpectedDepth = { depth: number; origin: "school" | "programme"; setByName: string; setAt: string };

/** What a programme expects at one level, kind by kind (a kind absent: none). */
export type ExpectedDepths = Partial<Record<RequirementKind, ExpectedDepth>>;

/** Rules 2 to 4: the expected depth of a kind at a level, or null (none). */
export function expectedDepthFor(settings: ExpectedDepthSettings, level: number, kind: RequirementKind): ExpectedDepth | null {
  const find = (list: readonly ExpectedDepthSetting[]) => list.find((s) => s.level === level && s.kind === kind);
  const own = find(settings.programme);
  if (own) return own.depth === null ? null : { depth: own.depth, origin: "programme", setByName: own.setByName, setAt: own.setAt };
  const school = find(settings.school);
  if (school && school.depth !== null) return { depth: school.depth, origin: "school", setByName: school.setByName, setAt: school.setAt };
  return null;
}

/** Every kind's expected depth at a level. */
export function expectedDepthsAt(settings: ExpectedDepthSettings, level: CncpLevel): ExpectedDepths {
  const found: ExpectedDepths = {};
  for (const kind of requirementKinds) {
    const expected = expectedDepthFor(settings, level, kind);
    if (expected) found[kind] = expected;
  }
  return found;
}

/** The expected depths as a list, kind by kind in the usual order (a kind without one left out), as pages show them. */
export function expectedDepthList(expected: ExpectedDepths): ({ kind: RequirementKind } & ExpectedDepth)[] {
  return requirementKinds.flatMap((kind) => {
    const chosen = expected[kind];
    return chosen ? [{ kind, ...chosen }] : [];
  });
}

/** The whole rule for one item: the depth it is checked against, and whose it is (null: none, any mapping covers it). */
export function depthRule(
  item: { kind: RequirementKind; required: boolean; requiredDepth: number | null },
  expected: ExpectedDepths | undefined,
): { depth: number | null; origin: DepthOrigin | null } {
  if (!item.required) return { depth: null, origin: null };
  if (item.requiredDepth !== null) return { depth: item.requiredDepth, origin: "sheet" };
  const chosen = expected?.[item.kind];
  return chosen ? { depth: chosen.depth, origin: chosen.origin } : { depth: null, origin: null };
}

/** The name of a setting's field in the settings form: `depth-7-competence`. */
export function depthFieldName(level: number, kind: RequirementKind) {
  return `depth-${level}-${kind}`;
}

/**
 * The values of the settings form: for each level 5–7 and kind, "none" (no depth), "1".."4",
 * or, for a programme, "school" (follow the school's). A field left out is left unchanged;
 * any other value is refused whole (null), so nothing is saved.
 */
export function readDepthForm(form: { get(name: string): unknown }, allowSchool: boolean): { level: number; kind: RequirementKind; depth: number | null | "school" }[] | null {
  const changes: { level: number; kind: RequirementKind; depth: number | null | "school" }[] = [];
  for (const level of [5, 6, 7]) {
    for (const kind of requirementKinds) {
      const value = form.get(depthFieldName(level, kind));
      if (value === null || value === undefined) continue;
      if (value === "none") changes.push({ level, kind, depth: null });
      else if (allowSchool && value === "school") changes.push({ level, kind, depth: "school" });
      else if (typeof value === "string" && /^[1-4]$/.test(value)) changes.push({ level, kind, depth: Number(value) });
      else return null;
    }
  }
  return changes;
}
