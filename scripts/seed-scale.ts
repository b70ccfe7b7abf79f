// A synthetic network of schools for measuring how Maquette's cost grows with its data:
// schools, a manager each, programmes targeting the seeded reference sheets, modules and
// mappings onto real requirement refs. Deterministic from --seed. The first programme of the
// first school has exactly 120 modules ("Programme de mesure 120 modules") for the benchmarks.
//
//   DATABASE_URL=file:./data/scale.db npm run seed:scale -- --seed 42
//   (defaults: --schools 50 --programmes 1000 --modules 40000 --mappings 1000000)
//
// Every school's manager signs in as manager@<school-slug>.test with the password "mesure-maquette".
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import { createDb } from "../app/utils/create-db.server";
import { migrateForApp } from "../app/utils/migrate-app.server";
import { hashPassword } from "../app/utils/password.server";
import { loadTargets, newestVersionNumbers } from "../app/models/targets.server";
import { runSeed } from "../seed/run";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "42" },
    schools: { type: "string", default: "50" },
    programmes: { type: "string", default: "1000" },
    modules: { type: "string", default: "40000" },
    mappings: { type: "string", default: "1000000" },
  },
});
const size = {
  seed: Number(values.seed),
  schools: Number(values.schools),
  programmes: Number(values.programmes),
  modules: Number(values.modules),
  mappings: Number(values.mappings),
};
for (const [name, value] of Object.entries(size)) {
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} : entier positif attendu.`);
}
if (size.programmes < size.schools || size.modules < size.programmes || size.modules < 120) throw new Error("Il faut au moins un programme par établissement, un module par programme et 120 modules.");

/** mulberry32: a small, fast, deterministic generator. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(size.seed);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
/** `count` distinct items of `list` (all of them when it is shorter). */
function sample<T>(list: readonly T[], count: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}
/** Deterministic ids (cuid-like text), so two runs with one seed write the same rows. */
let counter = 0;
const id = (prefix: string) => `${prefix}${size.seed.toString(36)}x${(counter++).toString(36).padStart(7, "0")}`;

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
await migrateForApp();
// On PostgreSQL the rows are written as the owner of the tables (row-level security applies to the app role).
const db = createDb(process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL);
await runSeed(db, { demo: false });

const slugs = ["charge-e-commerce", "responsable-e-commerce", "directeur-e-commerce", "chef-de-projet-e-commerce", "chef-de-projet-commerce-electronique"];
const pins = await newestVersionNumbers(db, slugs);
const levelOf: Record<string, 5 | 6 | 7> = { "charge-e-commerce": 5 };
const refsBySheet = new Map<string, string[]>();
for (const slug of slugs) {
  const [target] = await loadTargets({ db, targets: [{ sheetSlug: slug }], level: levelOf[slug] ?? 7 });
  refsBySheet.set(slug, target.requirements.map((r) => r.ref));
}

// How many modules each programme gets (the first: 120), and mappings per module on average.
const perProgramme = Array.from({ length: size.programmes }, () => 0);
perProgramme[0] = 120;
let left = size.modules - 120;
for (let i = 1; i < size.programmes; i++) {
  const share = Math.floor(left / (size.programmes - i));
  perProgramme[i] = Math.max(1, share);
  left -= perProgramme[i];
}
perProgramme[0] += left;
const mappingsPerModule = size.mappings / size.modules;

const passwordHash = await hashPassword("mesure-maquette");
const BATCH = 5000;
let modulesWritten = 0;
let mappingsWritten = 0;
let programmeIndex = 0;
for (let s = 0; s < size.schools; s++) {
  const slug = `scale-${String(s + 1).padStart(3, "0")}`;
  const schoolId = id("s");
  const userId = id("u");
  const programmes = Math.floor(size.programmes / size.schools) + (s < size.programmes % size.schools ? 1 : 0);
  const programmeRows: { id: string; schoolId: string; title: string; diplomaType: string; level: number; entryEcts: number; semesters: number }[] = [];
  const targetRows: { programmeId: string; sheetSlug: string; sheetVersion: number; position: number }[] = [];
  const moduleRows: { id: string; programmeId: string; schoolId: string; code: string; title: string; semester: number; ects: number; hoursLectures: number; hoursTutorials: number; position: number }[] = [];
  const mappingRows: { moduleId: string; itemRef: string; depth: number; assessed: boolean }[] = [];
  for (let p = 0; p < programmes; p++, programmeIndex++) {
    const programmeId = id("p");
    const first = programmeIndex === 0;
    const level = first ? 7 : pick([5, 6, 7] as const);
    const targets = level === 5 ? ["charge-e-commerce"] : sample(slugs.slice(1), first ? 3 : 1 + Math.floor(random() * 2));
    const semesters = level === 5 ? 4 : level === 6 ? 2 : 4;
    programmeRows.push({
      id: programmeId,
      schoolId,
      title: first ? "Programme de mesure 120 modules" : `Formation ${programmeIndex + 1} (niveau ${level})`,
      diplomaType: level === 5 ? "bts" : level === 6 ? "licence_pro" : "master",
      level,
      entryEcts: level === 5 ? 0 : level === 6 ? 120 : 180,
      semesters,
    });
    targets.forEach((sheetSlug, position) => targetRows.push({ programmeId, sheetSlug, sheetVersion: pins.get(sheetSlug) ?? 1, position }));
    const refs = [...new Set(targets.flatMap((t) => refsBySheet.get(t) ?? []))];
    for (let m = 0; m < perProgramme[programmeIndex]; m++) {
      const moduleId = id("m");
      const semester = 1 + (m % semesters);
      moduleRows.push({ id: moduleId, programmeId, schoolId, code: `M${String(m + 1).padStart(3, "0")}`, title: `Module ${m + 1}`, semester, ects: 3, hoursLectures: 20, hoursTutorials: 10, position: Math.floor(m / semesters) });
      // Round the average so that the total lands on --mappings.
      const target: number = Math.round((modulesWritten + moduleRows.length) * mappingsPerModule) - mappingsWritten - mappingRows.length;
      for (const itemRef of sample(refs, Math.max(0, target))) {
        mappingRows.push({ moduleId, itemRef, depth: 1 + Math.floor(random() * 4), assessed: random() < 0.6 });
      }
    }
  }
  await db.$transaction(
    async (tx) => {
      await tx.school.create({ data: { id: schoolId, slug, name: `Établissement de mesure ${s + 1}` } });
      await tx.user.create({ data: { id: userId, email: `manager@${slug}.test`, name: `Responsable ${s + 1}`, passwordHash } });
      await tx.membership.create({ data: { id: randomUUID(), userId, schoolId, role: "manager" } });
      await tx.programme.createMany({ data: programmeRows });
      await tx.programmeTarget.createMany({ data: targetRows });
      for (let i = 0; i < moduleRows.length; i += BATCH) await tx.module.createMany({ data: moduleRows.slice(i, i + BATCH) });
      for (let i = 0; i < mappingRows.length; i += BATCH) await tx.mapping.createMany({ data: mappingRows.slice(i, i + BATCH) });
    },
    { timeout: 600_000 },
  );
  modulesWritten += moduleRows.length;
  mappingsWritten += mappingRows.length;
  console.log(`${slug} : ${programmes} formations, ${moduleRows.length} modules, ${mappingRows.length} correspondances (total ${mappingsWritten}) · ${elapsed()}`);
}
await db.$disconnect();
console.log(`Réseau de mesure (graine ${size.seed}) : ${size.schools} établissements, ${programmeIndex} formations, ${modulesWritten} modules, ${mappingsWritten} correspondances en ${elapsed()}.`);
