import type { Tx } from "./programme.server";
import type { Db } from "~/utils/create-db.server";

export type Actor = { userId: string | null; schoolId: string | null };

/**
 * Appends one row to the audit log, inside the caller's transaction, so that the record and
 * the change it describes are saved together or not at all.
 */
export async function audit(
  tx: Tx | Db,
  actor: Actor,
  entry: { action: string; entity: string; entityId?: string | null; programmeId?: string | null; before?: unknown; after?: unknown },
) {
  await tx.auditLog.create({
    data: {
      schoolId: actor.schoolId,
      userId: actor.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      programmeId: entry.programmeId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    },
  });
}

export async function listAudit({ db, schoolId, entity, entityId, page = 1, pageSize = 50 }: { db: Db; schoolId: string; entity?: string; entityId?: string; page?: number; pageSize?: number }) {
  const where = { schoolId, ...(entity ? { entity } : {}), ...(entityId ? { entityId } : {}) };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total, page, pageSize };
}
