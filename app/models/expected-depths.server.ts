/**
 * Expected depths per CNCP level and kind (app/domain/expected-depth.ts): the school's setting
 * and a programme's override, read and written scoped by school, each write one transaction
 * with its audit row. A school write's audit row (entity "expected_depth", the school's id) is
 * what the kept coverage answers watch (app/models/kept-answers.server.ts).
 */
import { Prisma } from "~/generated/prisma/client";
import type { ExpectedDepthSetting, ExpectedDepthSettings } from "~/domain/expected-depth";
import type { Db } from "~/utils/create-db.server";
import { audit, type Actor } from "./audit.server";
import type { Tx } from "./programme.server";

/** Who sets it: the audit's actor and the name shown beside the setting. */
export type NamedActor = Actor & { userId: string; schoolId: string; name: string };

/** One value asked for: a depth 1..4, null for "none", or (a programme only) "school" to follow the school's. */
export type ExpectedDepthChange = { level: number; kind: string; depth: number | null | "school" };

const fields = { level: true, kind: true, depth: true, setByName: true, setAt: true } as const;

function asSetting(row: { level: number; kind: string; depth: number | null; setByName: string; setAt: Date }): ExpectedDepthSetting {
  return { ...row, setAt: row.setAt.toISOString() };
}

/** The school's settings, and the programme's own when one is named. */
export async function loadExpectedDepths(db: Db | Tx, schoolId: string, programmeId?: string): Promise<ExpectedDepthSettings> {
  const [school, programme] = await Promise.all([
    db.schoolExpectedDepth.findMany({ where: { schoolId }, select: fields, orderBy: [{ level: "asc" }, { kind: "asc" }] }),
    programmeId ? db.programmeExpectedDepth.findMany({ where: { programmeId, schoolId }, select: fields, orderBy: [{ level: "asc" }, { kind: "asc" }] }) : [],
  ]);
  return { school: school.map(asSetting), programme: programme.map(asSetting) };
}

/**
 * Sets the school's expected depths; a value equal to the stored one is left as it is (its
 * author and date stay). Returns how many changed.
 */
export async function setSchoolExpectedDepths({ db, schoolId, changes, actor }: { db: Db; schoolId: string; changes: readonly ExpectedDepthChange[]; actor: NamedActor }) {
  return db.$transaction(async (tx) => {
    const stored = await tx.schoolExpectedDepth.findMany({ where: { schoolId }, select: fields });
    const changed: { level: number; kind: string; from: number | null; to: number | null }[] = [];
    for (const { level, kind, depth } of changes) {
      if (depth === "school") continue;
      const before = stored.find((row) => row.level === level && row.kind === kind);
      if ((before?.depth ?? null) === depth) continue;
      const row = { depth, setById: actor.userId, setByName: actor.name, setAt: new Date() };
      await tx.schoolExpectedDepth.upsert({ where: { schoolId_level_kind: { schoolId, level, kind } }, create: { schoolId, level, kind, ...row }, update: row });
      changed.push({ level, kind, from: before?.depth ?? null, to: depth });
    }
    if (changed.length) await audit(tx, actor, { action: "set", entity: "expected_depth", entityId: schoolId, after: { changed } });
    return changed.length;
  });
}

/**
 * Sets a programme's own expected depths ("school": back to the school's). Null when the
 * programme is not the school's; else how many changed.
 */
export async function setProgrammeExpectedDepths({ db, schoolId, programmeId, changes, actor }: { db: Db; schoolId: string; programmeId: string; changes: readonly ExpectedDepthChange[]; actor: NamedActor }) {
  return db.$transaction(async (tx) => {
    const programme = await tx.programme.findFirst({ where: { id: programmeId, schoolId }, select: { id: true } });
    if (!programme) return null;
    const stored = await tx.programmeExpectedDepth.findMany({ where: { programmeId }, select: fields });
    const changed: { level: number; kind: string; from: number | null | "school"; to: number | null | "school" }[] = [];
    for (const { level, kind, depth } of changes) {
      const before = stored.find((row) => row.level === level && row.kind === kind);
      const from = before ? before.depth : "school";
      if (from === depth) continue;
      const key = { programmeId_level_kind: { programmeId, level, kind } };
      if (depth === "school") await tx.programmeExpectedDepth.delete({ where: key });
      else {
        const row = { depth, setById: actor.userId, setByName: actor.name, setAt: new Date() };
        await tx.programmeExpectedDepth.upsert({ where: key, create: { programmeId, schoolId, level, kind, ...row }, update: row });
      }
      changed.push({ level, kind, from, to: depth });
    }
    if (changed.length) await audit(tx, actor, { action: "set_expected_depth", entity: "programme", entityId: programmeId, programmeId, after: { changed } });
    return changed.length;
  });
}

/**
 * The newest audit row of the school's expected-depth writes: it changes with every write of
 * the setting (the log never loses a row), so it keys what was computed with it. One indexed
 * lookup (entity, entityId).
 */
export function schoolSettingRevisionSql(schoolId: Prisma.Sql | string) {
  return Prisma.sql`(SELECT max(e."id") FROM "AuditLog" e WHERE e."entity" = 'expected_depth' AND e."entityId" = ${schoolId})`;
}

export async function schoolSettingRevision(db: Db | Tx, schoolId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ revision: number | bigint | null }[]>`SELECT ${schoolSettingRevisionSql(schoolId)} AS "revision"`;
  return Number(row?.revision ?? 0);
}
