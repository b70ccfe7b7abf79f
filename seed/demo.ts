/**
 * The demo school. Demo data only: the app labels it as such, and a production start with
 * MAQUETTE_DEMO=off never creates it.
 */
import type { Db } from "../app/utils/create-db.server";

export const DEMO_SCHOOL = { slug: "demo", name: "École de démonstration" };

export async function seedDemo(db: Db): Promise<string[]> {
  const done: string[] = [];
  await db.$transaction(async (tx) => {
    const existing = await tx.school.findUnique({ where: { slug: DEMO_SCHOOL.slug }, select: { id: true } });
    if (!existing) {
      await tx.school.create({ data: { ...DEMO_SCHOOL, isDemo: true } });
      done.push(`établissement de démonstration créé : ${DEMO_SCHOOL.name}`);
    }
  });
  return done;
}
