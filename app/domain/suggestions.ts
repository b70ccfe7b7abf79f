/**
 * Suggestions to close the gaps of one target: the smallest set of changes to existing
 * modules (raise a depth, add an assessment, map an item) that makes the programme cover
 * every required item, assessed at the required depth. Each gap needs at least one change,
 * and this gives exactly one per gap, so no smaller set exists.
 */
import type { CoverageResult, ItemCoverage, ModuleInput, ProgrammeInput } from "./coverage";
import { gapList } from "./coverage";
import { frenchText, type Sentence } from "./sentences";

export type SuggestionKind = "raise_depth" | "add_assessment" | "map_item";

export type Suggestion = {
  kind: SuggestionKind;
  itemRef: string;
  itemLabel: string;
  moduleId: string;
  moduleCode: string;
  fromDepth: number;
  toDepth: number;
  fromAssessed: boolean;
  toAssessed: boolean;
  /** The change and why, in plain French words (as the API gives it). */
  explanation: string;
  /** The same explanation, to write in the reader's language. */
  sentence: Sentence;
};

function sheetOf(ref: string): string | null {
  return ref.includes("/") ? ref.split("/")[0] : null;
}

/**
 * The module closest to an item nobody maps: the one that already maps the most items of the
 * same kind (for a competence, of the same sheet); ties go to the later semester, then code.
 */
export function closestModule(programme: ProgrammeInput, item: ItemCoverage, kindOf: (ref: string) => string | undefined): ModuleInput | null {
  const sheet = sheetOf(item.ref);
  let best: { module: ModuleInput; score: number } | null = null;
  for (const module of programme.modules) {
    let score = 0;
    for (const mapping of module.mappings) {
      if (mapping.depth < 1) continue;
      if (kindOf(mapping.itemRef) === item.kind && (item.kind !== "competence" || sheetOf(mapping.itemRef) === sheet)) score++;
    }
    if (
      !best ||
      score > best.score ||
      (score === best.score && (module.semester > best.module.semester || (module.semester === best.module.semester && module.code < best.module.code)))
    ) {
      best = { module, score };
    }
  }
  return best?.module ?? null;
}

function explained(said: Sentence) {
  return { explanation: frenchText(said.key, said.params), sentence: said };
}

export function suggestChanges(programme: ProgrammeInput, result: CoverageResult): Suggestion[] {
  const kinds = new Map(result.items.map((item) => [item.ref, item.kind as string]));
  const kindOf = (ref: string) => kinds.get(ref);
  const suggestions: Suggestion[] = [];
  for (const item of gapList(result)) {
    const target = item.requiredDepth ?? 1;
    if (item.status === "missing") {
      const module = closestModule(programme, item, kindOf);
      if (!module) continue;
      suggestions.push({
        kind: "map_item",
        itemRef: item.ref,
        itemLabel: item.label,
        moduleId: module.id,
        moduleCode: module.code,
        fromDepth: 0,
        toDepth: target,
        fromAssessed: false,
        toAssessed: true,
        ...explained({ key: "suggestion.map_item", params: { module: module.code, ref: item.ref, label: item.label, depth: target } }),
      });
      continue;
    }
    // Partial, or covered but never assessed: change the strongest module, the later one on ties.
    const strongest = [...item.modules].sort((a, b) => b.depth - a.depth || b.semester - a.semester || a.code.localeCompare(b.code))[0];
    if (item.status === "partial") {
      suggestions.push({
        kind: "raise_depth",
        itemRef: item.ref,
        itemLabel: item.label,
        moduleId: strongest.id,
        moduleCode: strongest.code,
        fromDepth: strongest.depth,
        toDepth: target,
        fromAssessed: strongest.assessed,
        toAssessed: true,
        ...explained({
          key: strongest.assessed ? "suggestion.raise_depth" : "suggestion.raise_depth_and_assess",
          params: { ref: item.ref, label: item.label, from: strongest.depth, to: target, module: strongest.code },
        }),
      });
    } else {
      const atDepth = item.modules
        .filter((module) => module.depth >= target)
        .sort((a, b) => b.semester - a.semester || a.code.localeCompare(b.code))[0];
      suggestions.push({
        kind: "add_assessment",
        itemRef: item.ref,
        itemLabel: item.label,
        moduleId: atDepth.id,
        moduleCode: atDepth.code,
        fromDepth: atDepth.depth,
        toDepth: atDepth.depth,
        fromAssessed: false,
        toAssessed: true,
        ...explained({ key: "suggestion.add_assessment", params: { ref: item.ref, label: item.label, module: atDepth.code } }),
      });
    }
  }
  return suggestions;
}

/** The programme with the suggestions applied (used to check and preview them). */
export function applySuggestions(programme: ProgrammeInput, suggestions: readonly Suggestion[]): ProgrammeInput {
  const byModule = new Map<string, Suggestion[]>();
  for (const suggestion of suggestions) byModule.set(suggestion.moduleId, [...(byModule.get(suggestion.moduleId) ?? []), suggestion]);
  return {
    ...programme,
    modules: programme.modules.map((module) => {
      const changes = byModule.get(module.id);
      if (!changes) return module;
      const mappings = new Map(module.mappings.map((mapping) => [mapping.itemRef, mapping]));
      for (const change of changes) mappings.set(change.itemRef, { itemRef: change.itemRef, depth: change.toDepth, assessed: change.toAssessed });
      return { ...module, mappings: [...mappings.values()] };
    }),
  };
}
