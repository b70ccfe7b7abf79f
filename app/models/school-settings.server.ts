/**
 * The school's own settings (its time zone), read and changed by its administrators. Every
 * change is one transaction with its audit row.
 */
import type { Db } from "~/utils/create-db.server";
import { audit, type Actor } from "./audit.server";

export async function getSchoolSettings({ db, schoolId }: { db: Db; schoolId: string }) {
  return db.school.findUnique({ where: { id: schoolId }, select: { name: true, timeZone: true } });
}

/** Sets the school's time zone (a zone already checked); "unchanged" when it is the same. */
export async function setSchoolTimeZone({ db, schoolId, timeZone, actor }: { db: Db; schoolId: string; timeZone: string; actor: Actor }): Promise<"saved" | "unchanged"> {
  return db.$transaction(async (tx) => {
    const school = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: { timeZone: true } });
    if (school.timeZone === timeZone) return "unchanged";
    await tx.school.update({ where: { id: schoolId }, data: { timeZone } });
    await audit(tx, actor, { action: "change_time_zone", entity: "school", entityId: schoolId, before: { timeZone: school.timeZone }, after: { timeZone } });
    return "saved";
  });
}
