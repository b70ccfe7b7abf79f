/**
 * What one request writes in a transaction is seen by no other request before it is committed,
 * and what another request saves meanwhile is kept whatever becomes of that transaction. On
 * SQLite the app's client has one connection for writes (docs/decisions/032): these tests hold
 * a transaction open between two of its statements, as a request awaiting something does.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "~/utils/create-db.server";

const db = createDb();
afterAll(() => db.$disconnect());

let count = 0;
const newSchool = (name: string) => db.school.create({ data: { slug: `isolation-${++count}-${Date.now()}`, name } });

/** A transaction that renames a school, then waits until `finish` says whether it fails. */
function openRename(schoolId: string, name: string) {
  let finish!: (fails: boolean) => void;
  const decided = new Promise<boolean>((resolve) => (finish = resolve));
  let renamed!: () => void;
  const written = new Promise<void>((resolve) => (renamed = resolve));
  const done = db
    .$transaction(
      async (tx) => {
        await tx.school.update({ where: { id: schoolId }, data: { name } });
        renamed();
        if (await decided) throw new Error("annulée");
      },
      { timeout: 20_000 },
    )
    .then(
      () => "committed" as const,
      () => "rolled back" as const,
    );
  return { written, finish, done };
}

describe("a transaction held open by one request", () => {
  it("is not seen by another request's read before it commits", async () => {
    const school = await newSchool("Nom enregistré");
    const rename = openRename(school.id, "Nom pas encore enregistré");
    await rename.written;
    const seen = await db.school.findUnique({ where: { id: school.id } });
    rename.finish(true);
    expect(await rename.done).toBe("rolled back");
    expect(seen?.name).toBe("Nom enregistré");
  });

  it("does not make another request's read wait", async () => {
    const school = await newSchool("Lu pendant une transaction");
    const rename = openRename(school.id, "Renommé");
    await rename.written;
    // The read answers while the transaction is still open: it is only closed afterwards.
    const seen = await db.school.findUnique({ where: { id: school.id } });
    rename.finish(false);
    expect(seen?.name).toBe("Lu pendant une transaction");
    expect(await rename.done).toBe("committed");
    expect((await db.school.findUnique({ where: { id: school.id } }))?.name).toBe("Renommé");
  });

  it("does not take with it, when it rolls back, what another request saved meanwhile", async () => {
    const school = await newSchool("Avant");
    const rename = openRename(school.id, "Pendant");
    await rename.written;
    const saved = newSchool("Enregistrée pendant la transaction d'un autre").then((created) => created);
    // The other request's write waits for the transaction to be over (200 ms: time enough for it
    // to reach the database; it is answered only after the transaction).
    await Promise.race([saved, new Promise((resolve) => setTimeout(resolve, 200))]);
    rename.finish(true);
    const other = await saved;
    expect(await rename.done).toBe("rolled back");
    expect((await db.school.findUnique({ where: { id: other.id } }))?.name).toBe("Enregistrée pendant la transaction d'un autre");
    expect((await db.school.findUnique({ where: { id: school.id } }))?.name).toBe("Avant");
  });
});
