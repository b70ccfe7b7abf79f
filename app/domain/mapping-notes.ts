/**
 * The notes of a programme's mappings, as the accreditation report lists them: how a module
 * develops or assesses a requirement, in the order of the modules and their mappings. Pure.
 */
import { semesterLabel } from "./credits";

export type MappingNote = { module: string; title: string; semester: string; itemRef: string; depth: number; assessed: boolean; note: string };

export function mappingNotes(
  modules: readonly { code: string; title: string; semester: number; semesterSpan?: number; mappings: readonly { itemRef: string; depth: number; assessed: boolean; note?: string }[] }[],
): MappingNote[] {
  return modules.flatMap((m) =>
    m.mappings.filter((x) => x.note).map((x) => ({ module: m.code, title: m.title, semester: semesterLabel(m), itemRef: x.itemRef, depth: x.depth, assessed: x.assessed, note: x.note! })),
  );
}
