/**
 * Benchmark of the coverage engine: one full recomputation (a 120-module programme against
 * the five reference sheets) next to a plain loop over the same mappings, measured in the
 * same run. Usage: npm run bench:coverage
 */
import { performance } from "node:perf_hooks";
import { computeCoverage, indexMappings, type ModuleInput, type ProgrammeInput, type TargetInput } from "../app/domain/coverage";
import { readReferenceSheets } from "../seed/reference-data";

function requirementRef(slug: string, code: string, kind: string) {
  return kind === "competence" ? `${slug}/${code}` : code;
}

// The five job sheets, as measured before the national frameworks were loaded with them.
const sheets = readReferenceSheets().filter((sheet) => sheet.kind !== "framework");
const targets: TargetInput[] = sheets.map((sheet) => ({
  sheetSlug: sheet.slug,
  title: sheet.title,
  cncpMin: sheet.cncp.min,
  cncpMax: sheet.cncp.max,
  level: 7,
  requirements: sheet.requirements.map((item) => ({
    ref: requirementRef(sheet.slug, item.code, item.kind),
    kind: item.kind,
    label: item.label,
    required: item.required,
    requiredDepth: item.requiredDepth,
  })),
}));
const allRefs = [...new Set(targets.flatMap((t) => t.requirements.map((r) => r.ref)))];

// Deterministic pseudo-random programme: 120 modules over 10 semesters, 12 mappings each.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const modules: ModuleInput[] = Array.from({ length: 120 }, (_, i) => {
  const refs = new Set<string>();
  while (refs.size < 12) refs.add(allRefs[Math.floor(random() * allRefs.length)]);
  return {
    id: `m${i}`,
    code: `UE${String(i + 1).padStart(3, "0")}`,
    title: `Module ${i + 1}`,
    semester: 1 + (i % 10),
    ects: 2.5,
    mappings: [...refs].map((itemRef) => ({ itemRef, depth: 1 + Math.floor(random() * 4), assessed: random() < 0.5 })),
  };
});
const programme: ProgrammeInput = { level: 7, entryEcts: 0, semesters: 10, modules };
const mappingCount = modules.reduce((n, m) => n + m.mappings.length, 0);

function full() {
  const index = indexMappings(programme);
  let covered = 0;
  for (const target of targets) covered += computeCoverage(programme, target, index).summary.overall.covered;
  return covered;
}

function plainLoop() {
  // The floor: read every mapping once and keep the best depth per item.
  const best = new Map<string, number>();
  for (const module of programme.modules) {
    for (const mapping of module.mappings) {
      if (mapping.depth > (best.get(mapping.itemRef) ?? 0)) best.set(mapping.itemRef, mapping.depth);
    }
  }
  return best.size;
}

function measure(fn: () => number, minMs = 2000) {
  for (let i = 0; i < 50; i++) fn(); // warm-up
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < minMs) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { runs: samples.length, median: at(0.5), p95: at(0.95) };
}

const engine = measure(full);
const loop = measure(plainLoop);
const requirementCount = targets.reduce((n, t) => n + t.requirements.length, 0);
console.log(`Programme: ${modules.length} modules, ${mappingCount} mappings; targets: ${targets.length} sheets, ${requirementCount} requirements`);
console.log(`Full recomputation (5 targets): median ${engine.median.toFixed(3)} ms, p95 ${engine.p95.toFixed(3)} ms (${engine.runs} runs)`);
console.log(`Plain loop over the mappings:  median ${loop.median.toFixed(3)} ms, p95 ${loop.p95.toFixed(3)} ms (${loop.runs} runs)`);
console.log(`Ratio (engine / plain loop, medians): ${(engine.median / loop.median).toFixed(1)}`);
