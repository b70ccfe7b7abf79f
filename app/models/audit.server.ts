import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "./programme.server";
import type { Db } from "~/utils/create-db.server";

export type Actor = { userId: string | null; schoolId: string | null };

/**
 * Appends one row to the audit log, inside the caller's transaction, so that the record and
 * the change it describes are saved together or not at all. One SQL statement: it runs with
 * every write of the app (docs/decisions/030).
 */
export async function audit(tx: Tx | Db, actor: Actor, entry: AuditEntry) {
  await tx.$executeRaw(auditSql(actor, entry));
}

export type AuditEntry = { action: string; entity: string; entityId?: string | null; programmeId?: string | null; before?: unknown; after?: unknown };

/** The statement that appends `entry` to the audit log (for a transaction sent in steps). */
export function auditSql(actor: Actor, entry: AuditEntry) {
  const before = entry.before === undefined ? null : JSON.stringify(entry.before);
  const after = entry.after === undefined ? null : JSON.stringify(entry.after);
  return Prisma.sql`
    INSERT INTO "AuditLog" ("schoolId", "userId", "action", "entity", "entityId", "programmeId", "before", "after", "createdAt")
    VALUES (${actor.schoolId}, ${actor.userId}, ${entry.action}, ${entry.entity}, ${entry.entityId ?? null}, ${entry.programmeId ?? null}, ${before}, ${after}, ${new Date()})`;
}

export async function listAudit({ db, schoolId, entity, entityId, page = 1, pageSize = 50 }: { db: Db; schoolId: string; entity?: string; entityId?: string; page?: number; pageSize?: number }) {
  const where = { schoolId, ...(entity ? { entity } : {}), ...(entityId ? { entityId } : {}) };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total, page, pageSize };
}

export type HistoryFilters = {
  userId?: string;
  /** `entity:action` pairs to keep (a kind of change), or all. */
  actions?: { entity: string; action: string }[];
  from?: Date;
  /** Exclusive upper bound. */
  until?: Date;
};

/** A programme's history from the audit log, newest first, with the people who appear in it. */
export async function listProgrammeHistory({ db, schoolId, programmeId, filters, page = 1, pageSize = 50 }: { db: Db; schoolId: string; programmeId: string; filters: HistoryFilters; page?: number; pageSize?: number }) {
  const where = {
    schoolId,
    programmeId,
    ...(filters.userId ? { userId: filters.userId } : {}),
    ...(filters.actions ? { OR: filters.actions.map((a) => ({ entity: a.entity, action: a.action })) } : {}),
    ...(filters.from || filters.until ? { createdAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.until ? { lt: filters.until } : {}) } } : {}),
  };
  const [rows, total, authors] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * pageSize, take: pageSize, select: { id: true, userId: true, action: true, entity: true, before: true, after: true, createdAt: true } }),
    db.auditLog.count({ where }),
    db.auditLog.findMany({ where: { schoolId, programmeId, userId: { not: null } }, distinct: ["userId"], select: { userId: true } }),
  ]);
  const people = await db.user.findMany({ where: { id: { in: authors.flatMap((a) => (a.userId ? [a.userId] : [])) } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  return { rows, total, page, pageSize, people };
}
