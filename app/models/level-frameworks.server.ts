/**
 * Every programme targets its level's national framework (docs/decisions/040). New programmes
 * and level changes get it through their own writes; this step gives it to the programmes that
 * existed before the frameworks were loaded, and runs with the reference data at every start
 * (seed/run.ts). Idempotent: a programme that already has it is not touched.
 */
import type { Db } from "~/utils/create-db.server";
import { enterDbScope } from "~/utils/db-scope.server";
import { audit } from "./audit.server";
import { ensureLevelFrameworkTarget } from "./targets.server";

/** Adds the missing level frameworks, school by school (each under its own row-level scope); how many programmes changed. */
export async function addLevelFrameworkTargets(db: Db): Promise<number> {
  const schools = await db.school.findMany({ select: { id: true } });
  let changed = 0;
  for (const school of schools) {
    changed += await db.$transaction(
      async (tx) => {
        await enterDbScope(tx, { schoolId: school.id });
        const programmes = await tx.programme.findMany({ where: { schoolId: school.id }, select: { id: true, level: true } });
        let count = 0;
        for (const programme of programmes) {
          if (!(await ensureLevelFrameworkTarget(tx, programme))) continue;
          // A write of the programme like any other: its audit row changes its revision (kept answers).
          await tx.programme.update({ where: { id: programme.id }, data: { updatedAt: new Date() } });
          await audit(tx, { userId: null, schoolId: school.id }, { action: "level_framework", entity: "programme", entityId: programme.id, programmeId: programme.id, after: { level: programme.level } });
          count++;
        }
        return count;
      },
      { timeout: 60_000 },
    );
  }
  return changed;
}
