/**
 * On SQLite, the reads of `readInScope` and `readAll` go to the client's read connection
 * (docs/decisions/032). A client closed then used again opens a new one: its reads are answered,
 * not refused with "the database connection is not open".
 */
import { expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { createDb } from "~/utils/create-db.server";
import { readAll } from "~/utils/db-scope.server";

it("les lectures d'un client fermé puis rouvert sont servies par sa nouvelle connexion de lecture", async () => {
  const db = createDb();
  const school = await db.school.create({ data: { slug: `lecture-${Date.now()}`, name: "École lue" } });
  const nameOf = async () => (await readAll(db, [Prisma.sql`SELECT "name" FROM "School" WHERE "id" = ${school.id}`]))[0][0]?.name;
  expect(await nameOf()).toBe("École lue");
  await db.$disconnect();
  // The first use after closing is a read of readAll's own.
  expect(await nameOf()).toBe("École lue");
  await db.school.update({ where: { id: school.id }, data: { name: "École relue" } });
  expect(await nameOf()).toBe("École relue");
  await db.$disconnect();
});
