/**
 * How good the gap suggestions are (docs/suggestions.md): programmes with their mappings taken
 * away, then each requirement the original mapping covered is a gap; a suggestion "hits" when
 * the module it names is one that the original mapping uses for that requirement.
 *
 * Two protocols, on every programme of the corpus:
 * - "all removed": every mapping removed; the modules are known by their code, title and
 *   description only;
 * - "one removed": the mappings of one requirement removed, the others kept (a programme being
 *   completed): the modules are also known by what they already map.
 * For each: hits at first rank, hits within the three modules shown (the proposal and its two
 * alternatives), and how many gaps got "create a module" instead. Today's rule before this
 * change (the module mapping the most items of the same kind) is measured beside it.
 *
 * Usage: npm run bench:suggestions [-- --cases] (prints the misses too).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { computeCoverage, type ModuleInput, type ProgrammeInput, type TargetInput } from "../app/domain/coverage";
import { detectDelimiter, parseCsv } from "../app/domain/csv";
import { readProgrammeRows } from "../app/domain/programme-import";
import { mergeRequirementTexts, requirementText, suggestChanges, type Suggestion } from "../app/domain/suggestions";
import { readDemoProgrammes } from "../seed/demo";
import { readReferenceData } from "../seed/reference-data";
import { knownItems, targetOf } from "../seed/targets";

const data = readReferenceData();
/** The words of the requirements of these sheets, as the app reads them for a programme's targets. */
const textsOf = (slugs: readonly string[]) =>
  mergeRequirementTexts(data.sheets.filter((sheet) => slugs.includes(sheet.slug)).flatMap((sheet) => sheet.requirements.map((item) => requirementText(sheet.slug, item))));
const showCases = process.argv.includes("--cases");

type Corpus = { name: string; source: string; level: 5 | 6 | 7; targets: string[]; modules: ModuleInput[] };

function demoCorpus(): Corpus[] {
  return readDemoProgrammes().map((entry) => {
    const text = readFileSync(join(import.meta.dirname, "../seed/demo", entry.file), "utf8");
    const read = readProgrammeRows(parseCsv(text, detectDelimiter(text)), knownItems(data), { targets: entry.targets, semesters: entry.semesters });
    return {
      name: entry.title,
      source: `seed/demo/${entry.file}`,
      level: entry.level as 5 | 6 | 7,
      targets: entry.targets,
      modules: read.modules.map((m, i) => ({ id: `m${i}`, code: m.code, title: m.title, semester: m.semester, ects: m.ects, projectHours: m.hours.projects, mappings: m.mappings })),
    };
  });
}

/** Today's rule before this change: the module that maps the most items of the same kind (for a competence, of the same sheet); ties to the later semester, then the code. */
function previousRule(programme: ProgrammeInput, ref: string, kind: string): string | null {
  const sheet = ref.includes("/") ? ref.split("/")[0] : null;
  const kindOf = (r: string) => (r.includes("/") ? "competence" : r.startsWith("T") ? "transversal" : "knowledge");
  let best: { module: ModuleInput; score: number } | null = null;
  for (const module of programme.modules) {
    const score = module.mappings.filter((m) => m.depth >= 1 && kindOf(m.itemRef) === kind && (kind !== "competence" || m.itemRef.split("/")[0] === sheet)).length;
    if (!best || score > best.score || (score === best.score && (module.semester > best.module.semester || (module.semester === best.module.semester && module.code < best.module.code)))) best = { module, score };
  }
  return best?.module.code ?? null;
}

type Tally = { gaps: number; first: number; three: number; created: number; previous: number; misses: string[]; byKind: Record<string, [number, number]> };
const tally = (): Tally => ({ gaps: 0, first: 0, three: 0, created: 0, previous: 0, misses: [], byKind: {} });

function count(t: Tally, suggestion: Suggestion | undefined, truth: Set<string>, previous: string | null, label: string, kind: string) {
  t.gaps++;
  const perKind = (t.byKind[kind] ??= [0, 0]);
  perKind[1]++;
  if (suggestion?.kind === "map_item" && truth.has(suggestion.moduleCode!)) perKind[0]++;
  if (previous && truth.has(previous)) t.previous++;
  if (!suggestion) return;
  const shown = [suggestion.moduleCode, ...suggestion.alternatives.map((a) => a.moduleCode)].filter((code): code is string => code !== null);
  if (suggestion.kind === "create_module") t.created++;
  if (suggestion.kind === "map_item" && truth.has(suggestion.moduleCode!)) t.first++;
  else t.misses.push(`${label} → ${suggestion.kind === "create_module" ? "créer un module" : `${suggestion.moduleCode} (${suggestion.matchedWords.join(", ")})`} ; attendu : ${[...truth].join(" / ")}`);
  if (shown.some((code) => truth.has(code))) t.three++;
}

function run(corpus: Corpus) {
  const targets: TargetInput[] = corpus.targets.map((slug) => targetOf(data, slug, corpus.level));
  const required = new Map(targets.flatMap((t) => t.requirements.filter((r) => r.required).map((r) => [r.ref, r] as const)));
  // The truth: for each required item, the modules the original mapping uses for it.
  const truth = new Map<string, Set<string>>();
  for (const module of corpus.modules) for (const m of module.mappings) if (required.has(m.itemRef)) truth.set(m.itemRef, (truth.get(m.itemRef) ?? new Set()).add(module.code));
  const all = tally();
  const one = tally();
  const base: ProgrammeInput = { level: corpus.level, entryEcts: 0, semesters: 6, modules: corpus.modules };
  const emptied: ProgrammeInput = { ...base, modules: corpus.modules.map((m) => ({ ...m, mappings: [] })) };
  const texts = textsOf(corpus.targets);
  const bySuggestion = (programme: ProgrammeInput) => {
    const found = new Map<string, Suggestion>();
    for (const target of targets) for (const s of suggestChanges(programme, computeCoverage(programme, target), texts)) if (!found.has(s.itemRef)) found.set(s.itemRef, s);
    return found;
  };
  const allSuggestions = bySuggestion(emptied);
  for (const [ref, modules] of truth) {
    const label = `${ref} « ${required.get(ref)!.label.slice(0, 60)} »`;
    const kind = required.get(ref)!.kind;
    count(all, allSuggestions.get(ref), modules, previousRule(emptied, ref, kind), label, kind);
    const without: ProgrammeInput = { ...base, modules: corpus.modules.map((m) => ({ ...m, mappings: m.mappings.filter((x) => x.itemRef !== ref) })) };
    count(one, bySuggestion(without).get(ref), modules, previousRule(without, ref, kind), label, kind);
  }
  return { all, one };
}

const percent = (n: number, total: number) => `${total ? Math.round((100 * n) / total) : 0} %`;
const line = (name: string, t: Tally) =>
  `| ${name} | ${t.gaps} | ${t.first} (${percent(t.first, t.gaps)}) | ${t.three} (${percent(t.three, t.gaps)}) | ${t.created} | ${t.previous} (${percent(t.previous, t.gaps)}) |`;

const totals = { all: tally(), one: tally() };
const rows: string[] = [];
for (const corpus of demoCorpus()) {
  const { all, one } = run(corpus);
  for (const [key, t] of [["all", all], ["one", one]] as const) {
    for (const field of ["gaps", "first", "three", "created", "previous"] as const) totals[key][field] += t[field];
    for (const [kind, [hits, gaps]] of Object.entries(t.byKind)) {
      const sum = (totals[key].byKind[kind] ??= [0, 0]);
      sum[0] += hits;
      sum[1] += gaps;
    }
    totals[key].misses.push(...t.misses.map((miss) => `${corpus.source} : ${miss}`));
  }
  rows.push(line(`${corpus.name} — toutes retirées`, all), line(`${corpus.name} — une retirée`, one));
}
console.log("| programme, protocole | écarts | 1er rang | parmi les 3 | « créer un module » | règle précédente, 1er rang |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const row of rows) console.log(row);
console.log(line("**Total — toutes retirées**", totals.all));
console.log(line("**Total — une retirée**", totals.one));
const KINDS: Record<string, string> = { competence: "compétences", knowledge: "connaissances", transversal: "ressources transverses" };
for (const [key, name] of [["all", "toutes retirées"], ["one", "une retirée"]] as const) {
  const parts = Object.entries(totals[key].byKind).map(([kind, [hits, gaps]]) => `${KINDS[kind]} ${hits}/${gaps} (${percent(hits, gaps)})`);
  console.log(`\nPar type, 1er rang, ${name} : ${parts.join(" ; ")}`);
}
if (showCases) {
  console.log("\nRatés, toutes retirées :");
  for (const miss of totals.all.misses) console.log(`- ${miss}`);
  console.log("\nRatés, une retirée :");
  for (const miss of totals.one.misses) console.log(`- ${miss}`);
}
