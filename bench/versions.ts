/**
 * Programme versions on the bench programme of `npm run seed:scale` (120 modules, about 3,000
 * mappings): publishing a version, reading it back with its hash recomputed, and comparing it
 * with the draft after one module was edited, each next to its reference measured in the same
 * run (reading the draft programme, the least any of them must do).
 *
 *   cp data/bench/small.db /tmp/versions.db && DATABASE_URL=file:/tmp/versions.db npm run bench:versions
 *
 * Writes versions into the database it is given: run it on a copy.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createDb } from "~/utils/create-db.server";
import { getProgramme } from "~/models/programme.server";
import { compareVersions, getVersion, publishVersion } from "~/models/programme-version.server";

const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const runs = Number(values.runs);
const db = createDb();
const programme = await db.programme.findFirst({ where: { title: { startsWith: "Programme de mesure" } }, select: { id: true, schoolId: true, title: true } });
if (!programme) throw new Error("Pas de programme de mesure : lancez d'abord npm run seed:scale sur cette base.");
const manager = await db.membership.findFirst({ where: { schoolId: programme.schoolId, role: "manager" }, select: { userId: true } });
const actor = { userId: manager!.userId, schoolId: programme.schoolId };
const scope = { db, schoolId: programme.schoolId, programmeId: programme.id };

async function time(label: string, run: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const started = performance.now();
    await run(i);
    if (i >= 3) samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  const p95 = samples[Math.min(samples.length - 1, Math.ceil(0.95 * samples.length) - 1)];
  return { label, median, p95 };
}

const detail = (await getProgramme({ db, schoolId: programme.schoolId, id: programme.id }))!;
const mappings = detail.modules.reduce((n, m) => n + m.mappings.length, 0);
const reference = await time("lecture du brouillon (référence)", () => getProgramme({ db, schoolId: programme.schoolId, id: programme.id }));
let last = 0;
const publish = await time("publier une version", async (i) => {
  // An identical draft is not published again: each run changes the description first (one
  // short update, next to the publication's thousands of rows).
  await db.programme.update({ where: { id: programme.id }, data: { description: `Mesure ${i}` } });
  const published = (await publishVersion({ ...scope, label: "mesure", actor }))!;
  if (published.unchanged) throw new Error("brouillon identique : rien de publié");
  last = published.number;
});
const read = await time("relire une version et recalculer son empreinte", async () => {
  const version = await getVersion({ ...scope, number: last });
  if (!version?.hashMatches) throw new Error("empreinte différente");
});
const module = detail.modules[0];
await db.module.update({ where: { id: module.id }, data: { title: `${module.title} (modifié)`, version: { increment: 1 } } });
const compare = await time("comparer la dernière version au brouillon", async () => {
  const diff = await compareVersions({ ...scope, from: last, to: "draft" });
  if (!diff) throw new Error("comparaison vide");
});
const size = (await getVersion({ ...scope, number: last }))!.snapshotText.length;
console.log(`Programme : ${detail.modules.length} modules, ${mappings} correspondances, ${detail.targets.length} cibles ; instantané de ${(size / 1024).toFixed(0)} Ko`);
for (const row of [reference, publish, read, compare]) {
  console.log(`| ${row.label} | ${row.median.toFixed(1)} ms | ${row.p95.toFixed(1)} ms | ${(row.median / reference.median).toFixed(1)} |`);
}
await db.$disconnect();
