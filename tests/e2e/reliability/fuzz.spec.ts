import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { test, expect } from "../fixtures";
import { AUTHORIZATION_MATRIX } from "../../authorization-matrix";
import { FUZZ_TARGETS, routesWithActions } from "../../reliability/fuzz-targets";
import { fuzzCaseFor, FuzzStats, FuzzWorld, swappedEncodingCase } from "../../reliability/fuzz";
import { reportFigures } from "../../reliability/figures";
import { PROJECT_ROOT, startApp, type AppProcess } from "../../support/app-process";
import { zipBomb } from "../../support/zip";

/**
 * Property-based fuzzing of every action and every read over real HTTP (see
 * tests/reliability/fuzz.ts for what must hold after each answer). CI runs FUZZ_RUNS cases
 * (150 by default); `npm run fuzz -- --runs 100000` runs the long version. FUZZ_SEED replays
 * a run; FUZZ_COLLECT=1 carries on after a problem and lists every kind of problem seen.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
/**
 * A long run goes by batches of this many cases, each on a server of its own with a fresh
 * database, so that what the successes add (schools, programmes, sheet versions) does not slow
 * the run down as it goes. A run of one batch uses the end-to-end server.
 */
const BATCH = Number(process.env.FUZZ_BATCH ?? 2_000);
/**
 * How many batches run at once in a long run. The suite mostly waits for answers (one request
 * at a time per batch), so a few batches side by side use the machine's cores.
 */
const PARALLEL = Number(process.env.FUZZ_PARALLEL ?? 3);
/**
 * The first batch to run. Batches are independent and each is fixed by the seed and its number
 * (its own server, database and seed SEED + number), so a long run stopped part-way goes on
 * with `--from <first batch not finished>` and the same seed, and covers the same cases.
 */
const FIRST_BATCH = Number(process.env.FUZZ_FROM ?? 0);
/**
 * `npm test` replays one fixed seed, so that a CI run fails only for a change of the code, never
 * for the luck of the draw (the seed of the CI run that found the forms' JSON 500); the long
 * runs (`npm run fuzz`) draw a new seed each time unless one is given.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 162576478);
const COLLECT = process.env.FUZZ_COLLECT === "1";
/** The last school the fuzz run used on the end-to-end server, kept for the next test (creating one costs a few password hashes). */
let lastWorld: FuzzWorld | undefined;
test.afterAll(() => lastWorld?.close());

test("chaque route qui a une action est une cible du fuzz, et chaque POST de la matrice d'autorisation aussi", () => {
  const targets = new Set(FUZZ_TARGETS.map((t) => t.route));
  expect(routesWithActions().filter((route) => !targets.has(route)), "routes avec une action absentes de tests/reliability/fuzz-targets.ts").toEqual([]);
  expect(AUTHORIZATION_MATRIX.filter((row) => row.method === "POST" && !targets.has(row.route)).map((row) => row.route)).toEqual([]);
});

test(`fuzz : ${RUNS} requêtes générées, jamais de 5xx, un refus n'écrit rien`, async () => {
  test.setTimeout(120_000 + RUNS * 1_000);
  if (FIRST_BATCH > 0) console.log(`Lots ${FIRST_BATCH} à ${Math.ceil(RUNS / BATCH) - 1} de cette graine (les précédents ont été faits par une autre exécution)`);
  const stats = new FuzzStats();
  const started = Date.now();
  const problems = new Map<string, string>();
  console.log(`Graine du fuzz : FUZZ_SEED=${SEED}`);
  const dir = join(PROJECT_ROOT, `tests/.tmp/fuzz-${process.pid}`);
  const batches = Math.ceil(RUNS / BATCH);
  let done = 0;
  let failure: Error | null = null;
  /** One batch: its cases, on the end-to-end server (a run of one batch) or on a server and database of its own. */
  const runBatch = async (batch: number) => {
    let server: AppProcess | null = null;
    let world: FuzzWorld | null = null;
    try {
      let [url, databaseFile] = [process.env.E2E_BASE_URL!, process.env.E2E_DATABASE_FILE!];
      // Every other batch of a long run serves without TRUST_PROXY: the hostile Host and
      // X-Forwarded-* headers then meet a server that must ignore the forwarded ones.
      const trustProxy = batches === 1 || batch % 2 === 0;
      if (batches > 1) {
        databaseFile = join(dir, `lot-${batch}.db`);
        server = await startApp({ databaseFile, output: { file: join(dir, `serveur-${batch}.log`) }, env: trustProxy ? {} : { TRUST_PROXY: "" } });
        url = server.url;
      }
      world = await FuzzWorld.create(url, databaseFile);
      const details = await fc.check(
        fc.asyncProperty(fuzzCaseFor({ trustProxy }), async (c) => {
          if (failure) return; // another batch failed: the run stops there
          const problem = await world!.run(c, stats);
          if (world!.lostPersona) {
            world!.close();
            world = await FuzzWorld.create(url, databaseFile);
          }
          if (problem && COLLECT) problems.set(problem.split("\n")[0] + " " + (/requête : (\S+ \S+)/.exec(problem)?.[1] ?? ""), problem);
          else if (problem) throw new Error(problem);
        }),
        { numRuns: Math.min(BATCH, RUNS - batch * BATCH), seed: SEED + batch, endOnFailure: true },
      );
      if (details.failed) {
        const error = details.errorInstance as Error & { cause?: { code?: string; message?: string } };
        const cause = `${error?.message}${error?.cause ? ` (${error.cause.code ?? ""} ${error.cause.message ?? ""})` : ""}\n${error?.stack ?? ""}`;
        failure ??= new Error(`Cas ${details.numRuns} (FUZZ_SEED=${SEED}, lot ${batch}, chemin ${details.counterexamplePath}) :\n${cause}`);
        return;
      }
      // After another batch's failure, this one skipped its remaining cases: not finished.
      if (failure) return;
      done += Math.min(BATCH, RUNS - batch * BATCH);
      if (batches > 1) console.log(`… lot ${batch} fini : ${done} cas sur ${RUNS}, ${Math.round((Date.now() - started) / 1000)} s, ${stats.serverErrors} en 5xx`);
    } finally {
      if (server) {
        world?.close();
        await server.stop();
      } else if (world) {
        lastWorld = world;
      }
    }
  };
  if (batches > 1) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  try {
    // Batches are independent (each its own seed, server and database): PARALLEL of them at a time.
    let next = Math.min(FIRST_BATCH, batches);
    const lane = async () => {
      while (next < batches && !failure) await runBatch(next++);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, batches) }, lane));
  } finally {
    if (batches > 1) rmSync(dir, { recursive: true, force: true });
  }
  if (failure) throw failure;
  console.log(stats.table());
  if (COLLECT) for (const problem of problems.values()) console.log(`PROBLÈME ${problem}\n`);
  reportFigures("fuzz", { cases: stats.cases, serverErrors: stats.serverErrors, refusedWrites: stats.refusedWrites, abandoned: stats.abandoned, seconds: Math.round((Date.now() - started) / 1000), seed: SEED });
  expect([...problems.keys()]).toEqual([]);
  expect(stats.serverErrors).toBe(0);
  expect(stats.cases).toBeGreaterThanOrEqual(RUNS - Math.min(FIRST_BATCH * BATCH, RUNS));
});

/** Cases of the run with a hostile header on every request, against a server without TRUST_PROXY (the CI's fuzz run has it). */
const HEADER_RUNS = Number(process.env.FUZZ_HEADER_RUNS ?? 60);

test(`en-têtes hostiles sans TRUST_PROXY : ${HEADER_RUNS} requêtes, jamais de 5xx, rien n'écrit par un refus, rien ne sort vers l'adresse d'un en-tête`, async () => {
  test.setTimeout(180_000 + HEADER_RUNS * 1_000);
  const dir = join(PROJECT_ROOT, `tests/.tmp/fuzz-entetes-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const databaseFile = join(dir, "entetes.db");
  const server = await startApp({ databaseFile, output: { file: join(dir, "serveur.log") }, env: { TRUST_PROXY: "" } });
  let world = await FuzzWorld.create(server.url, databaseFile);
  const stats = new FuzzStats();
  try {
    const details = await fc.check(
      fc.asyncProperty(fuzzCaseFor({ trustProxy: false, alwaysHostile: true }), async (c) => {
        const problem = await world.run(c, stats);
        if (world.lostPersona) {
          world.close();
          world = await FuzzWorld.create(server.url, databaseFile);
        }
        if (problem) throw new Error(problem);
      }),
      { numRuns: HEADER_RUNS, seed: SEED + 1, endOnFailure: true },
    );
    if (details.failed) throw new Error(`Cas ${details.numRuns} (FUZZ_SEED=${SEED}) :\n${(details.errorInstance as Error)?.message}`);
  } finally {
    world.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(stats.table());
  expect(stats.serverErrors).toBe(0);
  expect(stats.cases).toBe(HEADER_RUNS);
});

test("chaque formulaire refuse en 4xx, avec une phrase, un corps JSON ou illisible, sans rien écrire", async () => {
  test.setTimeout(120_000);
  const world = (lastWorld ??= await FuzzWorld.create(process.env.E2E_BASE_URL!, process.env.E2E_DATABASE_FILE!));
  const stats = new FuzzStats();
  const seen: string[] = [];
  let tried = 0;
  for (const [index, target] of FUZZ_TARGETS.entries()) {
    if (target.encoding !== "form" && target.encoding !== "multipart") continue;
    for (const swap of ["json", "garbage"] as const) {
      tried++;
      const problem = await world.run(swappedEncodingCase(index, swap, SEED + index), stats);
      if (problem) seen.push(`${target.route} (${swap}) : ${problem.split("\n")[0]}`);
    }
  }
  expect(tried, "des formulaires à essayer").toBeGreaterThan(20);
  expect(seen).toEqual([]);
  expect(stats.serverErrors).toBe(0);
});

test("fichiers énormes et bombe zip : un refus en 4xx avec une phrase, rien d'écrit", async () => {
  test.setTimeout(180_000);
  const world = (lastWorld ??= await FuzzWorld.create(process.env.E2E_BASE_URL!, process.env.E2E_DATABASE_FILE!));
  const { manager, admin } = world.own.clients;
  const bearer = (role: "manager" | "admin") => ({ Authorization: `Bearer ${world.own.tokens[role]}` });
  const mb = (n: number, unit = "a") => unit.repeat(n * 1024 * 1024);
  const csv = (size: number) => new TextEncoder().encode(`module_code,module_title,semester,ects,hours,item_ref,depth,assessed\r\n${mb(size, "M")}`);
  const cases: [string, () => ReturnType<typeof manager.post>, RegExp][] = [
    ["CSV de 21 Mo à vérifier", () => manager.post("/programmes/importer/verifier", { multipart: [["title", "Énorme"], ["file", { fileName: "enorme.csv", type: "text/csv", bytes: csv(21) }]] }), /20 Mo au plus/],
    ["bombe zip à vérifier", () => manager.post("/programmes/importer/verifier", { multipart: [["title", "Bombe"], ["file", { fileName: "bombe.xlsx", type: "application/octet-stream", bytes: zipBomb(40) }]] }), /trop volumineux une fois décompressé/],
    ["bombe zip qui ment sur sa taille, à enregistrer", () => manager.post("/programmes/importer/enregistrer", { multipart: [["title", "Bombe"], ["file", { fileName: "bombe.xlsx", type: "application/octet-stream", bytes: zipBomb(40, 100) }]] }), /trop volumineux une fois décompressé/],
    ["référentiel de 6 Mo", () => admin.post("/referentiels/importer", { multipart: [["file", { fileName: "fiche.json", type: "application/json", bytes: mb(6, " ") }]] }), /5 Mo au plus/],
    ["API : CSV de 21 Mo", () => manager.post("/api/v1/programmes?title=Enorme&targets=charge-e-commerce", { raw: csv(21), type: "text/csv" }, bearer("manager")), /20 Mo au plus/],
    ["API : référentiel de 6 Mo", () => admin.post("/api/v1/reference-sheets", { raw: mb(6, " "), type: "application/json" }, bearer("admin")), /5 Mo au plus/],
    ["cellule de la matrice de 26 Mo", () => manager.post(`/programmes/${world.own.programmeId}/matrice/cellule`, { raw: `{"x":"${mb(26)}"}`, type: "application/json" }), /25 Mo au plus/],
    ["connexion de 26 Mo", () => manager.post("/connexion", { raw: `email=${mb(26)}`, type: "application/x-www-form-urlencoded" }), /25 Mo au plus/],
    // An address above Node's 16 KB header limit, with a body the sender is still sending when refused.
    ["API : adresse de 1 Mo suivie d'un corps de 1 Mo", () => manager.post(`/api/v1/programmes?title=${mb(1, "x")}`, { raw: csv(1), type: "text/csv" }, bearer("manager")), /trop longs \(16 Ko au plus\)/],
  ];
  for (const [what, send, message] of cases) {
    const before = world.currentChecksum();
    const answer = await send();
    expect(answer.status, `${what} : ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(answer.status, what).toBeLessThan(500);
    expect(answer.text, what).toMatch(message);
    expect(world.currentChecksum(), `${what} n'écrit rien`).toBe(before);
  }
});
