/**
 * Suggestions to close the gaps of one target, and the requirements a module's own words point
 * to (docs/suggestions.md). Pure.
 *
 * For each gap, one change:
 * - missing: map the item in the module whose code, title, description and already-mapped
 *   requirements best match the requirement's label, quoted words, keywords, sub-items and
 *   activity (app/domain/matching.ts), with the words that matched and two alternatives; below
 *   the threshold, no module is forced on it: create one ("create_module", prefilled);
 * - partial: raise the depth in the module that covers it most;
 * - covered but never assessed: assess it where it is taught at the required depth.
 * The proposed depth is the one the item is checked against (the sheet's, else the one the
 * school or the programme expects at the level); when there is none, any depth covers the item,
 * and the depth proposed is the one the module already gives the requirements of that kind,
 * said so in words, never a silent 1.
 */
import type { CoverageResult, ItemCoverage, ModuleInput, ProgrammeInput } from "./coverage";
import { gapList } from "./coverage";
import { searchIndex, termsOf, wordsMatching, type Match } from "./matching";
import { parseItemRef } from "./programme";
import type { Requirement, RequirementKind } from "./reference-data";
import { frenchText, type Sentence } from "./sentences";
import { requirementRef } from "./sheet-view";

export type SuggestionKind = "raise_depth" | "add_assessment" | "map_item" | "create_module";

/** Why this depth: the sheet's, the school's or the programme's expected depth, or the module's habit (none required). */
export type DepthReasonCode = "sheet" | "school" | "programme" | "module_kind" | "module_any" | "module_empty" | "unchanged";
export type DepthReason = { code: DepthReasonCode; depth: number; explanation: string; sentence: Sentence };

export type ModuleMatch = { moduleId: string; moduleCode: string; moduleTitle: string; score: number; matchedWords: string[] };
export type Alternative = ModuleMatch & { toDepth: number; depthReason: DepthReason };

export type Suggestion = {
  kind: SuggestionKind;
  itemRef: string;
  itemLabel: string;
  /** The module to change; null when the suggestion is to create one. */
  moduleId: string | null;
  moduleCode: string | null;
  moduleTitle: string | null;
  fromDepth: number;
  toDepth: number;
  fromAssessed: boolean;
  toAssessed: boolean;
  /**
   * What the module was chosen by: its words ("words"), or, for a transversal resource no
   * module speaks of, the hours it spends in a professional situation ("situation"); null
   * when no choice was needed (the module already covers the item) or none was made.
   */
  basis: "words" | "situation" | null;
  /** How well the module's words match the requirement's (null when no matching was needed). */
  score: number | null;
  /** The module's words that matched, as the module writes them. */
  matchedWords: string[];
  /** Up to two other modules the person can pick instead, best first. */
  alternatives: Alternative[];
  depthReason: DepthReason;
  /** What a new module would be, when none matches. */
  prefill: { title: string; description: string } | null;
  /** The change and why, in plain French words (as the API gives it). */
  explanation: string;
  /** The same explanation, to write in the reader's language. */
  sentence: Sentence;
};

/** The words a requirement is found by: its label, the words it quotes, keywords, sub-items, activity. */
export type RequirementText = { ref: string; kind: RequirementKind; label: string; text: string };

/**
 * A requirement's words, from its sheet's data: the label, then the quoted words it stands for
 * (its excerpt when the quote lists several items, else the whole quote), its activity,
 * sub-activities, sub-competences and keywords, its group and depth descriptor.
 */
export function requirementText(slug: string, item: Requirement): RequirementText {
  const parts: (string | null | undefined)[] = [item.label, item.excerpt ?? item.source.quote, item.group];
  if (item.kind === "competence") for (const sub of [item.activity, ...item.subActivities, ...item.subCompetences, ...item.keywords]) parts.push(sub?.label);
  if (item.kind === "transversal") parts.push(item.depthDescriptor);
  return { ref: requirementRef(slug, item), kind: item.kind, label: item.label, text: parts.filter(Boolean).join(" \n ") };
}

/** One text per reference: a shared item (T06, K-…) required by several sheets gathers the words of each. */
export function mergeRequirementTexts(texts: readonly RequirementText[]): Map<string, RequirementText> {
  const merged = new Map<string, RequirementText>();
  for (const text of texts) {
    const known = merged.get(text.ref);
    merged.set(text.ref, known ? { ...known, text: known.text.includes(text.text) ? known.text : `${known.text} \n ${text.text}` } : text);
  }
  return merged;
}

/**
 * Below this score, a module's words do not speak of the requirement: no module is proposed,
 * the suggestion is to create one. Measured on the demo programmes (docs/suggestions.md).
 */
export const MATCH_THRESHOLD = 4;

/**
 * How many times a requirement's label counts against the rest of its words: a job sheet's quote
 * is often a sentence listing several items, whose other words would otherwise pull.
 */
export const LABEL_WEIGHT = 6;

/** Field weights of a module: its title says most, its code often names the subject ("M2-DROIT"). */
const MODULE_FIELDS = { title: 3, code: 2, description: 1.5, mapped: 0.5 };
/** Field weights of a requirement, for the module's reverse suggestions. */
const REQUIREMENT_FIELDS = { label: 2, text: 1 };

/** A module code's words: "M2-DROIT" reads "M2 DROIT". */
function codeWords(code: string) {
  return code.replace(/[._-]+/g, " ");
}

function kindOf(ref: string): RequirementKind | null {
  return parseItemRef(ref)?.kind ?? null;
}

function round(score: number) {
  return Math.round(score * 100) / 100;
}

/** Ranks a programme's modules against requirements: built once, asked once per gap. */
export function moduleMatcher(modules: readonly ModuleInput[], texts: ReadonlyMap<string, RequirementText>) {
  const byId = new Map(modules.map((module) => [module.id, module]));
  // What a module already maps says what it is about: the labels of those requirements.
  const mappedText = (module: ModuleInput) =>
    module.mappings
      .filter((mapping) => mapping.depth >= 1)
      .map((mapping) => texts.get(mapping.itemRef)?.label ?? "")
      .join(" \n ");
  const index = searchIndex(
    modules.map((module) => ({ id: module.id, fields: { title: module.title, code: codeWords(module.code), description: module.description ?? "", mapped: mappedText(module) } })),
    MODULE_FIELDS,
  );
  return {
    /** Every module that shares a word with the requirement, best first (ties: earlier semester, then code). */
    rank(item: RequirementText): ModuleMatch[] {
      // The label says what the requirement is: its words count LABEL_WEIGHT times.
      const query = [...Array<string>(LABEL_WEIGHT).fill(item.label), item.text].join(" \n ");
      return index
        .search(query)
        .map((match: Match) => {
          const module = byId.get(match.id)!;
          const terms = new Set(match.terms);
          const own = `${module.title} ${codeWords(module.code)} ${module.description ?? ""} ${mappedText(module)}`;
          return { module, score: match.score, matchedWords: wordsMatching(own, terms) };
        })
        .filter((found) => found.matchedWords.length > 0)
        .sort((a, b) => b.score - a.score || a.module.semester - b.module.semester || a.module.code.localeCompare(b.module.code))
        .map(({ module, score, matchedWords }) => ({ moduleId: module.id, moduleCode: module.code, moduleTitle: module.title, score: round(score), matchedWords }));
    },
  };
}

/** The most frequent depth among these (ties: the higher), or null for none. */
function usualDepth(depths: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (const depth of depths) counts.set(depth, (counts.get(depth) ?? 0) + 1);
  let best: number | null = null;
  for (const [depth, count] of counts) if (best === null || count > counts.get(best)! || (count === counts.get(best)! && depth > best)) best = depth;
  return best;
}

function reason(code: DepthReasonCode, depth: number, params: Record<string, string | number>): DepthReason {
  const sentence: Sentence = { key: `suggestion.depth.${code}`, params: { depth, ...params } };
  return { code, depth, explanation: frenchText(sentence.key, sentence.params), sentence };
}

/**
 * The depth to propose for an item in a module, and why: the depth the item is checked against
 * (the sheet's, the school's or the programme's); when there is none, the one the module gives
 * its requirements of the same kind, else its requirements of any kind, else 1, said so.
 */
export function proposedDepth(item: Pick<ItemCoverage, "targetDepth" | "depthOrigin" | "kind">, module: Pick<ModuleInput, "code" | "mappings"> | null, level: number): DepthReason {
  if (item.targetDepth !== null && item.depthOrigin) return reason(item.depthOrigin === "sheet" ? "sheet" : item.depthOrigin, item.targetDepth, { level });
  const mapped = (module?.mappings ?? []).filter((mapping) => mapping.depth >= 1);
  const sameKind = usualDepth(mapped.filter((mapping) => kindOf(mapping.itemRef) === item.kind).map((mapping) => mapping.depth));
  if (module && sameKind !== null) return reason("module_kind", sameKind, { module: module.code });
  const any = usualDepth(mapped.map((mapping) => mapping.depth));
  if (module && any !== null) return reason("module_any", any, { module: module.code });
  return reason("module_empty", 1, { module: module?.code ?? "" });
}

function explained(said: Sentence) {
  return { explanation: frenchText(said.key, said.params), sentence: said };
}

const NO_MATCH = { basis: null, score: null, matchedWords: [], alternatives: [], prefill: null };

/**
 * One change per gap, most severe gap first. `texts` gives the words of the target's
 * requirements (and of those the modules already map); without it, only the labels are read.
 */
export function suggestChanges(programme: ProgrammeInput, result: CoverageResult, texts?: ReadonlyMap<string, RequirementText>): Suggestion[] {
  const words = texts ?? new Map(result.items.map((item) => [item.ref, { ref: item.ref, kind: item.kind, label: item.label, text: item.label }]));
  const matcher = moduleMatcher(programme.modules, words);
  const modules = new Map(programme.modules.map((module) => [module.id, module]));
  const level = result.target.level;
  const suggestions: Suggestion[] = [];
  for (const item of gapList(result)) {
    if (item.status === "missing") {
      suggestions.push(missingItem(item, matcher.rank(words.get(item.ref) ?? { ref: item.ref, kind: item.kind, label: item.label, text: item.label }), modules, level));
      continue;
    }
    const target = item.targetDepth ?? 1;
    // Partial, or covered but never assessed: change the strongest module, the later one on ties.
    const strongest = [...item.modules].sort((a, b) => b.depth - a.depth || b.semester - a.semester || a.code.localeCompare(b.code))[0];
    const common = { itemRef: item.ref, itemLabel: item.label, ...NO_MATCH };
    if (item.status === "partial") {
      suggestions.push({
        kind: "raise_depth",
        ...common,
        moduleId: strongest.id,
        moduleCode: strongest.code,
        moduleTitle: strongest.title,
        fromDepth: strongest.depth,
        toDepth: target,
        fromAssessed: strongest.assessed,
        toAssessed: true,
        depthReason: proposedDepth(item, modules.get(strongest.id) ?? null, level),
        ...explained({
          key: strongest.assessed ? "suggestion.raise_depth" : "suggestion.raise_depth_and_assess",
          params: { ref: item.ref, label: item.label, from: strongest.depth, to: target, module: strongest.code },
        }),
      });
    } else {
      const atDepth = item.modules.filter((module) => module.depth >= target).sort((a, b) => b.semester - a.semester || a.code.localeCompare(b.code))[0];
      suggestions.push({
        kind: "add_assessment",
        ...common,
        moduleId: atDepth.id,
        moduleCode: atDepth.code,
        moduleTitle: atDepth.title,
        fromDepth: atDepth.depth,
        toDepth: atDepth.depth,
        fromAssessed: false,
        toAssessed: true,
        depthReason: reason("unchanged", atDepth.depth, { module: atDepth.code }),
        ...explained({ key: "suggestion.add_assessment", params: { ref: item.ref, label: item.label, module: atDepth.code } }),
      });
    }
  }
  return suggestions;
}

/**
 * The modules where students spend the most hours in a professional situation (projects,
 * placements), most first: where a transversal resource (autonomy, perseverance, teamwork…)
 * is developed when no module's words speak of it.
 */
function inSituation(modules: ReadonlyMap<string, ModuleInput>): ModuleMatch[] {
  return [...modules.values()]
    .filter((module) => (module.projectHours ?? 0) > 0)
    .sort((a, b) => (b.projectHours ?? 0) - (a.projectHours ?? 0) || a.semester - b.semester || a.code.localeCompare(b.code))
    .map((module) => ({ moduleId: module.id, moduleCode: module.code, moduleTitle: module.title, score: 0, matchedWords: [] }));
}

/**
 * Two modules to pick instead of `chosen`: the next ones found, then (when fewer than two were
 * found) the other modules, latest semester first, where students are the most advanced.
 */
function twoOthers(chosen: ModuleMatch, found: readonly ModuleMatch[], modules: ReadonlyMap<string, ModuleInput>): ModuleMatch[] {
  const others = found.filter((m) => m.moduleId !== chosen.moduleId).slice(0, 2);
  const taken = new Set([chosen.moduleId, ...others.map((m) => m.moduleId)]);
  const rest = [...modules.values()]
    .filter((module) => !taken.has(module.id))
    .sort((a, b) => b.semester - a.semester || a.code.localeCompare(b.code))
    .map((module) => ({ moduleId: module.id, moduleCode: module.code, moduleTitle: module.title, score: 0, matchedWords: [] }));
  return [...others, ...rest].slice(0, 2);
}

function missingItem(item: ItemCoverage, ranked: ModuleMatch[], modules: ReadonlyMap<string, ModuleInput>, level: number): Suggestion {
  const withDepth = (match: ModuleMatch): Alternative => {
    const depthReason = proposedDepth(item, modules.get(match.moduleId) ?? null, level);
    return { ...match, toDepth: depthReason.depth, depthReason };
  };
  const base = { itemRef: item.ref, itemLabel: item.label, fromDepth: 0, fromAssessed: false, toAssessed: true };
  const worded = ranked.filter((match) => match.score >= MATCH_THRESHOLD);
  const situations = item.kind === "transversal" && worded.length === 0 ? inSituation(modules) : [];
  if (situations.length) {
    const chosen = withDepth(situations[0]);
    const hours = modules.get(chosen.moduleId)?.projectHours ?? 0;
    return {
      kind: "map_item",
      ...base,
      moduleId: chosen.moduleId,
      moduleCode: chosen.moduleCode,
      moduleTitle: chosen.moduleTitle,
      toDepth: chosen.toDepth,
      basis: "situation",
      score: null,
      matchedWords: [],
      alternatives: twoOthers(situations[0], situations, modules).map(withDepth),
      depthReason: chosen.depthReason,
      prefill: null,
      ...explained({ key: "suggestion.map_item_situation", params: { module: chosen.moduleCode, title: chosen.moduleTitle, ref: item.ref, label: item.label, depth: chosen.toDepth, hours } }),
    };
  }
  const [best, ...others] = ranked;
  if (!best || best.score < MATCH_THRESHOLD) {
    const depthReason = proposedDepth(item, null, level);
    return {
      kind: "create_module",
      ...base,
      moduleId: null,
      moduleCode: null,
      moduleTitle: null,
      toDepth: depthReason.depth,
      basis: null,
      score: best ? best.score : null,
      matchedWords: [],
      // Weak matches stay within reach, but none is proposed as the answer.
      alternatives: ranked.slice(0, 2).map(withDepth),
      depthReason,
      prefill: { title: item.label.slice(0, 200), description: frenchText("suggestion.prefill_description", { ref: item.ref, label: item.label }) },
      ...explained({ key: "suggestion.create_module", params: { ref: item.ref, label: item.label } }),
    };
  }
  const chosen = withDepth(best);
  return {
    kind: "map_item",
    ...base,
    moduleId: best.moduleId,
    moduleCode: best.moduleCode,
    moduleTitle: best.moduleTitle,
    toDepth: chosen.toDepth,
    basis: "words",
    score: best.score,
    matchedWords: best.matchedWords,
    alternatives: twoOthers(best, others, modules).map(withDepth),
    depthReason: chosen.depthReason,
    prefill: null,
    ...explained({
      key: "suggestion.map_item",
      params: { module: best.moduleCode, title: best.moduleTitle, ref: item.ref, label: item.label, depth: chosen.toDepth, words: best.matchedWords.join(", ") },
    }),
  };
}

/** A requirement suggested for a module by its own words. */
export type RequirementMatch = { ref: string; kind: RequirementKind; label: string; score: number; matchedWords: string[] };

/**
 * The requirements a module's code, title and description speak of, best first, leaving out
 * those it already maps and those `skip` names (dismissed ones); only those above the threshold.
 */
export function suggestRequirements(module: Pick<ModuleInput, "code" | "title" | "description" | "mappings">, requirements: readonly RequirementText[], skip: ReadonlySet<string> = new Set()): RequirementMatch[] {
  const mapped = new Set(module.mappings.filter((m) => m.depth >= 1).map((m) => m.itemRef));
  const candidates = requirements.filter((r) => !mapped.has(r.ref) && !skip.has(r.ref));
  const byRef = new Map(candidates.map((r) => [r.ref, r]));
  const query = `${module.title} \n ${codeWords(module.code)} \n ${module.description ?? ""}`;
  if (termsOf(query).length === 0) return [];
  return searchIndex(
    candidates.map((r) => ({ id: r.ref, fields: { label: r.label, text: r.text } })),
    REQUIREMENT_FIELDS,
  )
    .search(query)
    .filter((match) => match.score >= MATCH_THRESHOLD)
    .map((match) => {
      const requirement = byRef.get(match.id)!;
      return { ref: requirement.ref, kind: requirement.kind, label: requirement.label, score: round(match.score), matchedWords: wordsMatching(`${requirement.label} ${requirement.text}`, new Set(match.terms)) };
    })
    .sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref, "fr", { numeric: true }));
}

/**
 * The programme with the suggestions applied (used to check and preview them): a suggestion to
 * create a module adds one, mapping the item.
 */
export function applySuggestions(programme: ProgrammeInput, suggestions: readonly Suggestion[]): ProgrammeInput {
  const byModule = new Map<string, Suggestion[]>();
  for (const suggestion of suggestions) if (suggestion.moduleId) byModule.set(suggestion.moduleId, [...(byModule.get(suggestion.moduleId) ?? []), suggestion]);
  const created: ModuleInput[] = suggestions
    .filter((s) => s.kind === "create_module")
    .map((s, i) => ({ id: `nouveau-${i}`, code: `NOUVEAU-${i + 1}`, title: s.prefill?.title ?? s.itemLabel, semester: 1, ects: 0, mappings: [{ itemRef: s.itemRef, depth: s.toDepth, assessed: true }] }));
  return {
    ...programme,
    modules: [
      ...programme.modules.map((module) => {
        const changes = byModule.get(module.id);
        if (!changes) return module;
        const mappings = new Map(module.mappings.map((mapping) => [mapping.itemRef, mapping]));
        for (const change of changes) mappings.set(change.itemRef, { itemRef: change.itemRef, depth: change.toDepth, assessed: change.toAssessed });
        return { ...module, mappings: [...mappings.values()] };
      }),
      ...created,
    ],
  };
}
