/**
 * Targets grouped by what their sheets describe (job sheets, the national framework, RNCP
 * certifications, the school's own lists), in the order of `sheetKinds`: the programme form and
 * the coverage summary show them this way. Any kind of `sheetKinds` gets its group; an empty
 * group is left out. Pure.
 */
import { sheetKinds, type SheetKind } from "./reference-data";

export type KindGroup<T> = { kind: SheetKind; items: T[] };

export function groupByKind<T extends { kind: SheetKind }>(items: readonly T[]): KindGroup<T>[] {
  return sheetKinds.map((kind) => ({ kind, items: items.filter((item) => item.kind === kind) })).filter((group) => group.items.length > 0);
}
