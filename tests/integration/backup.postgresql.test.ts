import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { backupDatabase, BackupError, restoreDatabase, sha256OfFile } from "~/utils/backup.server";
import { createDb } from "~/utils/create-db.server";
import { scoped } from "~/utils/db-scope.server";
import { rowSecurityBypass } from "~/utils/postgresql.server";
import { postgresProgram } from "~/utils/backup-postgresql.server";
import { comparableRows, undoAuditedWrites, type AuditEntry, type Row } from "../support/undo-audited-writes";
import { createModule, createProgramme, setMapping } from "~/models/programme.server";
import type { ProgrammeForm } from "~/domain/programme";
import type { ReferenceSheetData } from "~/domain/reference-data";
import { adminQuery, withDatabase } from "../../scripts/postgres-cluster.mjs";
import { runSeed } from "../../seed/run";
import { PROJECT_ROOT, TMP_DIR } from "../setup/paths";
import { moduleForm } from "./programme-fixtures";

/**
 * `npm run backup` on PostgreSQL while people write (pg_dump of one snapshot, as the owner of
 * the tables), then `npm run restore` into a new database: every table, row by row, is the
 * live database as the backup's snapshot saw it; the restored database is under row-level
 * security again and keeps working. And every refusal changes nothing.
 */

const postgres = inject("postgres")!;
const ownerUrl = process.env.DATABASE_URL!;
const appUrl = process.env.MAQUETTE_TEST_APP_DATABASE_URL!;
const db = createDb(ownerUrl);
const dir = mkdtempSync(join(TMP_DIR, "sauvegardes-pg-"));
const passwords = [ownerUrl, appUrl].map((url) => decodeURIComponent(new URL(url).password));

let schoolId: string;
let managerId: string;
const actor = () => ({ userId: managerId, schoolId });

beforeAll(async () => {
  await runSeed(db, { demo: true });
  const school = await db.school.findFirstOrThrow({ where: { slug: "demo" } });
  schoolId = school.id;
  managerId = (await db.user.findFirstOrThrow({ where: { email: "responsable@demo.maquette.fr" } })).id;
});
afterAll(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** A new, empty database on the same server, owned by the owner role, as an operator creates it. */
async function newDatabase() {
  const name = `restauree_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await adminQuery(postgres.adminUrl, `CREATE DATABASE "${name}" OWNER maquette_owner`);
  return { name, ownerUrl: withDatabase(postgres.ownerUrl, name), appUrl: withDatabase(postgres.appUrl, name) };
}


/** Every row of every table of the public schema, all columns, as the owner sees them. */
async function allRows(url: string): Promise<Map<string, Row[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const result = new Map<string, Row[]>();
    for (const { name } of tables) {
      const { rows } = await client.query(`SELECT * FROM "${name}"`);
      result.set(name, rows);
    }
    return result;
  } finally {
    await client.end();
  }
}

const canonical = (rows: Row[]) => rows.map((row) => JSON.stringify(row, (_, value) => (typeof value === "bigint" ? value.toString() : value))).sort();

async function tableCount(url: string) {
  const [result] = await adminQuery(url, `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v')`);
  return result.rows[0].n as number;
}

/** Runs a script as an operator would (`npm run backup` is `tsx scripts/backup.ts`). */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, "node_modules/tsx/dist/cli.mjs"), join(PROJECT_ROOT, script), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, MIGRATION_DATABASE_URL: "", ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => done({ code: code ?? 1, output }));
  });
}

/**
 * Watches every process's command line while it runs: pg_dump and pg_restore must be seen
 * (else the watch proves nothing), and no password may ever appear (`ps` shows them to all).
 */
function watchCommandLines() {
  const seen = new Set<string>();
  const leaks: string[] = [];
  const timer = setInterval(() => {
    for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
      let line: string;
      try {
        line = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      } catch {
        continue;
      }
      const program = /(?:^|\/)(pg_dump|pg_restore) /.exec(line)?.[1];
      if (program) seen.add(program);
      if (passwords.some((password) => line.includes(password))) leaks.push(line.replace(/\S*:\/\/\S*/g, "<adresse>"));
    }
  }, 15);
  return { seen, leaks, stop: () => clearInterval(timer) };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  const message = (error as Error).message;
  for (const password of passwords) expect(message).not.toContain(password);
  return message;
}

type Write = { kind: "programme" | "module" | "mapping"; started: number; acknowledged: number; key: string };

/**
 * Writers, each in its own transactions with its audit row: new programmes (a programme, its
 * target, an audit row), new modules, and mappings changed over and over on two modules (a
 * mapping row, the module's version, an audit row).
 */
function startWriters(programmeId: string, modules: { id: string; version: number }[], itemRefs: string[]) {
  const writes: Write[] = [];
  let running = true;
  const form: ProgrammeForm = { title: "", diplomaType: "bts", level: 5, entryEcts: 0, semesters: 2, targets: ["charge-e-commerce"], description: "" };
  const record = async (kind: Write["kind"], key: string, write: () => Promise<unknown>) => {
    const started = Date.now();
    await write();
    writes.push({ kind, started, acknowledged: Date.now(), key });
  };
  const loops = [
    (async () => {
      for (let n = 0; running; n++) {
        const title = `Charge ${n}`;
        await record("programme", title, () => createProgramme({ db, schoolId, form: { ...form, title }, actor: actor() }));
      }
    })(),
    (async () => {
      for (let n = 0; running; n++) {
        const code = `C${n}`;
        await record("module", code, async () => {
          const created = await createModule({ db, schoolId, programmeId, form: moduleForm(code), actor: actor() });
          if (!created.ok) throw new Error(`module ${code} : ${created.reason}`);
        });
      }
    })(),
    ...modules.map((module) =>
      (async () => {
        for (let n = 0; running; n++) {
          const itemRef = itemRefs[n % itemRefs.length];
          await record("mapping", `${module.id}:${module.version}`, async () => {
            const saved = await setMapping({ db, schoolId, programmeId, moduleId: module.id, expectedVersion: module.version, itemRef, value: { depth: n % 4, assessed: n % 3 === 0 }, actor: actor() });
            if (!saved.ok) throw new Error(`correspondance : ${saved.reason}`);
            module.version = saved.version;
          });
        }
      })(),
    ),
  ];
  return {
    writes,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/**
 * The live database as the backup's snapshot saw it: the writes whose audit row the restored
 * database lacks are undone, newest first. Any other difference is left in, and fails below.
 */
function liveAsOf(live: Map<string, Row[]>, restoredAuditIds: Set<number>) {
  const tables = new Map([...live].map(([name, rows]) => [name, rows.map((row) => ({ ...row }))]));
  const later = tables.get("AuditLog")!.filter((entry) => !restoredAuditIds.has(entry.id as number)) as AuditEntry[];
  /** Modules whose last change time the undo cannot give back. */
  const touched = undoAuditedWrites(tables, later, { programmeAction: "create", assessed: (value) => value });
  tables.set("AuditLog", tables.get("AuditLog")!.filter((entry) => restoredAuditIds.has(entry.id as number)));
  return { tables, touched, later: later.length };
}

describe("sauvegarde et restauration sur PostgreSQL", () => {
  it("une sauvegarde faite pendant des écritures se restaure dans une base neuve : chaque table égale la base à l'instant de la copie", { timeout: 240_000 }, async () => {
    const sheet = JSON.parse(readFileSync(join(PROJECT_ROOT, "seed/reference-sheets/charge-e-commerce.json"), "utf8")) as ReferenceSheetData;
    const itemRefs = sheet.requirements.filter((r) => r.kind === "competence").slice(0, 6).map((r) => `charge-e-commerce/${r.code}`);
    const { id: programmeId } = await createProgramme({ db, schoolId, form: { title: "Sous charge", diplomaType: "bts", level: 5, entryEcts: 0, semesters: 2, targets: ["charge-e-commerce"], description: "" }, actor: actor() });
    const modules = [];
    for (const code of ["M1", "M2"]) {
      const created = await createModule({ db, schoolId, programmeId, form: moduleForm(code), actor: actor() });
      if (!created.ok) throw new Error(created.reason);
      modules.push({ id: created.id, version: created.version });
    }

    const writers = startWriters(programmeId, modules, itemRefs);
    await new Promise((r) => setTimeout(r, 500));
    const watch = watchCommandLines();
    const backupStarted = Date.now();
    const backup = await runScript("scripts/backup.ts", ["--out", join(dir, "charge")], { DATABASE_URL: appUrl, MIGRATION_DATABASE_URL: ownerUrl });
    const backupEnded = Date.now();
    await new Promise((r) => setTimeout(r, 300));
    await writers.stop();
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/Sauvegarde écrite : .*\.dump \(.* relue en entier par pg_restore\)/);
    const written = readdirSync(join(dir, "charge"));
    const file = join(dir, "charge", written.find((name) => name.endsWith(".dump"))!);
    expect(readFileSync(`${file}.sha256`, "utf8")).toBe(`${sha256OfFile(file)}  ${file.split("/").pop()}\n`);
    expect(written.filter((name) => name.endsWith(".partiel"))).toEqual([]);

    const target = await newDatabase();
    const restore = await runScript("scripts/restore.ts", [file], { DATABASE_URL: target.appUrl, MIGRATION_DATABASE_URL: target.ownerUrl });
    watch.stop();
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toMatch(/Base restaurée : « restauree_\w+ » sur 127\.0\.0\.1:\d+ \(empreinte \w+… vérifiée/);
    expect(restore.output).not.toMatch(/Attention/);
    expect([...watch.seen].sort()).toEqual(["pg_dump", "pg_restore"]);
    expect(watch.leaks).toEqual([]);

    const restored = await allRows(target.ownerUrl);
    const live = await allRows(ownerUrl);
    expect([...restored.keys()]).toEqual([...live.keys()]);
    // The rows the backup counted in its snapshot are the rows restored.
    const total = [...restored].filter(([name]) => !name.startsWith("_")).reduce((n, [, rows]) => n + rows.length, 0);
    expect(backup.output).toContain(`${restored.size} tables, ${total} lignes`);

    // Every table, row by row, is the live database at the snapshot: the writes audited after it undone.
    const restoredAuditIds = new Set(restored.get("AuditLog")!.map((entry) => entry.id as number));
    const expected = liveAsOf(live, restoredAuditIds);
    for (const [name, rows] of expected.tables) {
      expect(canonical(comparableRows(name, restored.get(name)!, expected.touched)), `table ${name}`).toEqual(canonical(comparableRows(name, rows, expected.touched)));
    }

    // A consistent snapshot: a write that began after another was acknowledged is in the backup only if that one is.
    const titles = new Set(restored.get("Programme")!.map((p) => p.title));
    const codes = new Set(restored.get("Module")!.filter((m) => m.programmeId === programmeId).map((m) => m.code));
    const versions = new Map(restored.get("Module")!.map((m) => [m.id, m.version as number]));
    const inBackup = (write: Write) => {
      if (write.kind === "programme") return titles.has(write.key);
      if (write.kind === "module") return codes.has(write.key);
      const [moduleId, version] = write.key.split(":");
      return versions.get(moduleId)! > Number(version);
    };
    const kept = writers.writes.filter(inBackup);
    const left = writers.writes.filter((w) => !inBackup(w));
    for (const write of kept) {
      const missing = left.filter((earlier) => earlier.acknowledged < write.started);
      expect(missing, `${write.kind} ${write.key} sauvegardé, mais pas des écritures confirmées avant lui`).toEqual([]);
    }
    // Every write acknowledged before the backup began is in it; some were made while it ran, some after.
    expect(writers.writes.filter((w) => w.acknowledged < backupStarted && !inBackup(w))).toEqual([]);
    expect(kept.length).toBeGreaterThan(0);
    expect(left.length).toBeGreaterThan(0);
    expect(expected.later).toBe(left.length);
    expect(writers.writes.filter((w) => w.started > backupStarted && w.acknowledged < backupEnded).length).toBeGreaterThan(0);

    // The restored database works for the app: under row-level security, with its privileges,
    // its sequences where they were (a new audit row), its append-only log.
    const app = createDb(target.appUrl);
    try {
      expect(await rowSecurityBypass(app)).toBeNull();
      expect(await app.programme.count()).toBe(0);
      const school = scoped(app, { schoolId, userId: managerId });
      expect(await school.programme.count()).toBe(restored.get("Programme")!.filter((p) => p.schoolId === schoolId).length);
      const created = await createProgramme({ db: school, schoolId, form: { title: "Après restauration", diplomaType: "bts", level: 5, entryEcts: 0, semesters: 2, targets: ["charge-e-commerce"], description: "" }, actor: actor() });
      expect(await school.programme.findFirst({ where: { id: created.id }, select: { title: true } })).toEqual({ title: "Après restauration" });
    } finally {
      await app.$disconnect();
    }
    await expect(adminQuery(target.appUrl, `DELETE FROM "AuditLog"`)).rejects.toThrow(/permission denied|refusée/);
    await expect(adminQuery(target.ownerUrl, `DELETE FROM "AuditLog"`)).rejects.toThrow(/ajout seul/);
    console.log(`Sauvegarde PostgreSQL sous charge : ${writers.writes.length} écritures confirmées, ${left.length} après l'instant de la copie ; ${restored.size} tables comparées ligne à ligne.`);
  });

  it("refuse une base cible qui n'est pas vide, une sauvegarde abîmée ou tronquée, et ne laisse rien à moitié restauré", { timeout: 120_000 }, async () => {
    const backup = await backupDatabase({ url: appUrl, ownerUrl, out: join(dir, "refus", "base.dump") });
    expect(backup.tables.School).toBe(1);
    expect(backup.verified).toMatch(/pg_restore/);

    // A database holding anything, even one table of someone else's, is left as it was.
    const occupied = await newDatabase();
    await adminQuery(occupied.ownerUrl, `CREATE TABLE notes (texte text)`, `INSERT INTO notes VALUES ('à garder')`);
    expect(await refusal(restoreDatabase({ url: occupied.appUrl, ownerUrl: occupied.ownerUrl, from: backup.file }))).toMatch(/n'est pas vide \(public\.notes\).*Rien n'a été modifié/);
    expect(await tableCount(occupied.ownerUrl)).toBe(1);
    expect((await adminQuery(occupied.ownerUrl, `SELECT texte FROM notes`))[0].rows).toEqual([{ texte: "à garder" }]);
    expect(await refusal(restoreDatabase({ url: occupied.appUrl, ownerUrl: occupied.ownerUrl, from: backup.file, force: true }))).toMatch(/base neuve et vide/);

    const target = await newDatabase();
    const into = (from: string) => restoreDatabase({ url: target.appUrl, ownerUrl: target.ownerUrl, from });

    // Changed after the backup: the checksum says so.
    const damaged = join(dir, "refus", "abimee.dump");
    copyFileSync(backup.file, damaged);
    copyFileSync(`${backup.file}.sha256`, `${damaged}.sha256`);
    appendFileSync(damaged, "x");
    expect(await refusal(into(damaged))).toMatch(/ne correspond pas à son empreinte/);

    // Cut short before its checksum was written (a full disk): its table of contents reads,
    // its data does not. The one transaction leaves the database empty.
    const truncated = join(dir, "refus", "tronquee.dump");
    copyFileSync(backup.file, truncated);
    truncateSync(truncated, Math.floor(statSync(truncated).size * 0.97));
    writeFileSync(`${truncated}.sha256`, `${sha256OfFile(truncated)}  tronquee.dump\n`);
    expect(await refusal(into(truncated))).toMatch(/pg_restore a échoué : .*rien n'a été restauré, « restauree_\w+ » .* est restée vide/);
    expect(await tableCount(target.ownerUrl)).toBe(0);

    // Not a PostgreSQL backup of Maquette.
    const sqlite = join(dir, "refus", "maquette.db");
    const file = new Database(sqlite);
    file.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    file.close();
    writeFileSync(`${sqlite}.sha256`, `${sha256OfFile(sqlite)}  maquette.db\n`);
    expect(await refusal(into(sqlite))).toMatch(/est une sauvegarde SQLite/);
    const stranger = join(dir, "refus", "etrangere.dump");
    const foreign = await newDatabase();
    await adminQuery(foreign.ownerUrl, `CREATE TABLE t (x int)`);
    const url = new URL(foreign.ownerUrl);
    const dumped = spawnSync(postgresProgram("pg_dump"), ["--format=custom", `--file=${stranger}`], {
      env: { ...process.env, PGHOST: url.hostname, PGPORT: url.port, PGUSER: decodeURIComponent(url.username), PGPASSWORD: decodeURIComponent(url.password), PGDATABASE: foreign.name },
      encoding: "utf8",
    });
    expect(dumped.status, dumped.stderr).toBe(0);
    writeFileSync(`${stranger}.sha256`, `${sha256OfFile(stranger)}  etrangere.dump\n`);
    expect(await refusal(into(stranger))).toMatch(/n'est pas une sauvegarde d'une base Maquette/);
    expect(await tableCount(target.ownerUrl)).toBe(0);

    // After all this, the same database takes the good backup, whole.
    const restored = await into(backup.file);
    expect(restored.tables).toEqual(backup.tables);
    const source = await allRows(ownerUrl);
    const copy = await allRows(target.ownerUrl);
    expect([...copy.keys()]).toEqual([...source.keys()]);
    for (const [name, rows] of source) expect(canonical(copy.get(name)!), `table ${name}`).toEqual(canonical(rows));
  });

  it("dit clairement ce qui manque : la base cible, le propriétaire des tables, la même base des deux côtés", async () => {
    const backup = await backupDatabase({ url: appUrl, ownerUrl, out: join(dir, "messages", "base.dump") });
    const missing = withDatabase(postgres.ownerUrl, "jamais_creee");
    expect(await refusal(restoreDatabase({ url: withDatabase(postgres.appUrl, "jamais_creee"), ownerUrl: missing, from: backup.file }))).toMatch(
      /« jamais_creee » sur 127\.0\.0\.1:\d+ n'existe pas\. Créez-la vide.*CREATE DATABASE "jamais_creee" OWNER maquette_owner/,
    );
    // The app's role alone sees no school's rows: a backup as that role would be empty.
    expect(await refusal(backupDatabase({ url: appUrl, ownerUrl: appUrl, out: join(dir, "messages", "vide.dump") }))).toMatch(/maquette_app est soumis à la sécurité par ligne.*MIGRATION_DATABASE_URL/);
    expect(existsSync(join(dir, "messages", "vide.dump"))).toBe(false);
    expect(readdirSync(join(dir, "messages")).filter((name) => name.includes("partiel"))).toEqual([]);
    const other = await newDatabase();
    expect(await refusal(restoreDatabase({ url: appUrl, ownerUrl: other.ownerUrl, from: backup.file }))).toMatch(/ne désigne pas la même base que DATABASE_URL/);
    expect(await tableCount(other.ownerUrl)).toBe(0);
  });
});
