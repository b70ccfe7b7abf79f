/**
 * Regression test for prisma/orm issue 29933: with @prisma/adapter-better-sqlite3 7.10, one
 * failed COMMIT (SQLITE_BUSY) left the connection inside a transaction, and later writes
 * reported success but were never saved. Whatever another process does with the lock, every
 * write Maquette reports as saved must be visible from a separate connection.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "~/utils/create-db.server";

const file = process.env.MAQUETTE_TEST_DB_FILE!;
const holderScript = fileURLToPath(new URL("./lock-holder.mjs", import.meta.url));
const children: ChildProcess[] = [];

function holdWriteLock(ms: number, tag: string): Promise<{ released: Promise<void> }> {
  const child = spawn(process.execPath, [holderScript, file, String(ms), tag], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const released = new Promise<void>((done) => child.on("exit", () => done()));
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      if (output.includes("locked")) resolve({ released });
    });
    child.on("error", reject);
  });
}

function schoolsSeenByAnotherConnection(): string[] {
  const reader = new Database(file, { readonly: true });
  try {
    return reader.prepare(`SELECT "slug" FROM "School"`).all().map((row) => (row as { slug: string }).slug);
  } finally {
    reader.close();
  }
}

type Outcome = { slug: string; ok: boolean };

async function attemptWrites(db: ReturnType<typeof createDb>, prefix: string, count: number): Promise<Outcome[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const slug = `${prefix}-${i}`;
      try {
        if (i % 2 === 0) {
          await db.school.create({ data: { slug, name: `École ${slug}` } });
        } else {
          await db.$transaction(async (tx) => {
            await tx.school.create({ data: { slug, name: `École ${slug}` } });
          });
        }
        return { slug, ok: true };
      } catch {
        return { slug, ok: false };
      }
    }),
  );
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

describe("écritures SQLite pendant qu'un autre processus tient le verrou", () => {
  it("enregistre chaque écriture quand le verrou est tenu deux secondes", async () => {
    const db = createDb();
    await db.school.count(); // open the connection (and WAL mode) before the lock is taken
    const { released } = await holdWriteLock(2000, "verrou-long");
    const outcomes = await attemptWrites(db, "pendant", 6);
    await released;
    const after = await attemptWrites(db, "apres", 4);
    const seen = schoolsSeenByAnotherConnection();
    for (const outcome of [...outcomes, ...after]) {
      if (outcome.ok) expect(seen, `${outcome.slug} signalée enregistrée`).toContain(outcome.slug);
    }
    // With a 5 s busy timeout, a 2 s lock delays the writes but none fails.
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(after.every((o) => o.ok)).toBe(true);
    expect(seen).toContain("verrou-long");
    await db.$disconnect();
  });

  it("signale l'échec quand le verrou dure plus que le délai, puis les écritures suivantes sont réellement enregistrées", async () => {
    const db = createDb(undefined, { busyTimeoutMs: 200 });
    await db.school.count();
    const { released } = await holdWriteLock(1500, "verrou-trop-long");
    const during = await attemptWrites(db, "bloquee", 4);
    await released;
    const after = await attemptWrites(db, "ensuite", 6);
    const seen = schoolsSeenByAnotherConnection();
    expect(seen).toContain("verrou-trop-long");
    // Every write the app reported as saved is there, and none it reported as failed is.
    for (const outcome of [...during, ...after]) {
      if (outcome.ok) expect(seen, `${outcome.slug} signalée enregistrée`).toContain(outcome.slug);
      else expect(seen, `${outcome.slug} signalée en échec`).not.toContain(outcome.slug);
    }
    expect(during.some((o) => !o.ok)).toBe(true);
    expect(after.every((o) => o.ok)).toBe(true);
    // A separate connection can write: the app's connection is not stuck inside a transaction.
    const writer = new Database(file);
    writer.pragma("busy_timeout = 1000");
    writer.prepare(`INSERT INTO "School" ("id", "slug", "name") VALUES ('w', 'externe', 'Externe')`).run();
    writer.close();
    expect(await db.school.count({ where: { slug: "externe" } })).toBe(1);
    await db.$disconnect();
  });

  it("après un COMMIT refusé, la connexion n'est pas laissée dans la transaction et rien n'est perdu", async () => {
    const db = createDb();
    // A COMMIT that fails: a foreign-key violation deferred to COMMIT time takes the same path
    // in the engine as a COMMIT refused with SQLITE_BUSY (COMMIT fails, then rollback()).
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
        await tx.school.create({ data: { slug: "dans-commit-refuse", name: "Annulée" } });
        await tx.$executeRawUnsafe(
          `INSERT INTO "SheetRequirement" ("id", "sheetVersionId", "code", "kind", "label", "required", "editorial", "sourceFile", "sourceQuote", "position")
           VALUES ('orphelin', 'version-inexistante', 'C1', 'competence', 'x', 1, 0, 'f', 'q', 0)`,
        );
      }),
    ).rejects.toThrow();
    const after = await attemptWrites(db, "apres-commit-refuse", 4);
    expect(after.every((o) => o.ok)).toBe(true);
    const seen = schoolsSeenByAnotherConnection();
    for (const outcome of after) expect(seen).toContain(outcome.slug);
    expect(seen).not.toContain("dans-commit-refuse");
    await db.$disconnect();
  });
});
