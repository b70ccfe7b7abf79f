import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, BackupError, restoreDatabase, sha256OfFile } from "~/utils/backup.server";
import { createDb } from "~/utils/create-db.server";
import { TMP_DIR } from "../setup/paths";
import { runSeed } from "../../seed/run";
import { databaseChecksum } from "../support/database-snapshot";

const db = createDb();
const source = process.env.MAQUETTE_TEST_DB_FILE!;
const dir = mkdtempSync(join(TMP_DIR, "sauvegardes-"));
afterAll(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

async function freshBackup(name: string) {
  return backupDatabase({ url: `file:${source}`, out: join(dir, name) });
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return (error as Error).message;
}

describe("sauvegarde et restauration", () => {
  it("sauvegarde une base en service, puis la restaure à l'identique dans une base neuve", async () => {
    await runSeed(db, { demo: true });
    const backup = await freshBackup("complete.db");
    expect(backup.sha256).toBe(sha256OfFile(backup.file));
    expect(backup.tables.School).toBe(1);
    const target = join(dir, "neuve", "maquette.db");
    const restored = await restoreDatabase({ url: `file:${target}`, from: backup.file });
    expect(restored.keptAside).toBeNull();
    expect(restored.migrations).toEqual([]);
    expect(databaseChecksum(target)).toBe(databaseChecksum(source));
  });

  it("refuse une sauvegarde modifiée, sans empreinte, ou qui n'est pas une base Maquette, et ne touche à rien", async () => {
    const backup = await freshBackup("abimee.db");
    const target = join(dir, "jamais", "maquette.db");
    appendFileSync(backup.file, "x");
    expect(await refusal(restoreDatabase({ url: `file:${target}`, from: backup.file }))).toMatch(/ne correspond pas à son empreinte/);
    rmSync(`${backup.file}.sha256`);
    expect(await refusal(restoreDatabase({ url: `file:${target}`, from: backup.file }))).toMatch(/Empreinte introuvable/);
    const stranger = join(dir, "etrangere.db");
    const other = new Database(stranger);
    other.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    other.close();
    writeFileSync(`${stranger}.sha256`, `${sha256OfFile(stranger)}  etrangere.db\n`);
    expect(await refusal(restoreDatabase({ url: `file:${target}`, from: stranger }))).toMatch(/n'est pas une base Maquette/);
    expect(existsSync(target)).toBe(false);
  });

  it("ne restaure sur une base qui a des données qu'avec --force, et garde alors l'ancienne à côté", async () => {
    const backup = await freshBackup("pour-ecraser.db");
    const target = join(dir, "occupee", "maquette.db");
    await restoreDatabase({ url: `file:${target}`, from: backup.file });
    const writer = new Database(target);
    writer.prepare(`INSERT INTO "School" (id, slug, name) VALUES ('ajout', 'ajout', 'Ajoutée après')`).run();
    writer.close();
    const before = databaseChecksum(target);
    expect(await refusal(restoreDatabase({ url: `file:${target}`, from: backup.file }))).toMatch(/contient déjà des données/);
    expect(databaseChecksum(target)).toBe(before);
    const forced = await restoreDatabase({ url: `file:${target}`, from: backup.file, force: true });
    expect(forced.keptAside).toMatch(/avant-restauration-/);
    expect(databaseChecksum(forced.keptAside!)).toBe(before);
    expect(databaseChecksum(target)).toBe(databaseChecksum(source));
  });

  it("refuse de restaurer sous une base ouverte par un autre programme", async () => {
    const backup = await freshBackup("pendant.db");
    const target = join(dir, "ouverte", "maquette.db");
    await restoreDatabase({ url: `file:${target}`, from: backup.file });
    const app = new Database(target);
    app.pragma("journal_mode = WAL");
    app.prepare(`SELECT count(*) FROM "School"`).get();
    try {
      expect(await refusal(restoreDatabase({ url: `file:${target}`, from: backup.file, force: true }))).toMatch(/arrêtez Maquette/);
    } finally {
      app.close();
    }
    expect(readdirSync(join(dir, "ouverte")).filter((name) => name.includes("avant-restauration"))).toEqual([]);
  });

  it("refuse de sauvegarder une base qui n'existe pas, ou par-dessus une sauvegarde", async () => {
    expect(await refusal(backupDatabase({ url: `file:${join(dir, "absente.db")}`, out: join(dir, "x.db") }))).toMatch(/n'existe pas/);
    const backup = await freshBackup("unique.db");
    expect(await refusal(backupDatabase({ url: `file:${source}`, out: backup.file }))).toMatch(/existe déjà/);
  });
});
