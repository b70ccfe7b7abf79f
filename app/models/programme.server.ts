/**
 * Programmes, modules and mappings. Every function names the school, and every query of
 * school data is scoped by it in the query itself: another school's id answers "not found",
 * exactly like an id that does not exist. Every write is one transaction.
 */
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/create-db.server";
import { readAll } from "~/utils/db-scope.server";
import type { ModuleForm, ProgrammeForm } from "~/domain/programme";
import type { ImportedMapping, ImportedModule } from "~/domain/programme-import";
import type { CellValue } from "~/domain/matrix";
import { audit, type Actor } from "./audit.server";
import { newestVersionNumbers, targetSlugsAtLevel } from "./targets.server";
import { faultPoint } from "./fault-injection.server";
import { saveCells } from "./matrix.server";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const moduleSelect = {
  id: true,
  code: true,
  title: true,
  semester: true,
  semesterSpan: true,
  ects: true,
  hoursLectures: true,
  hoursTutorials: true,
  hoursPractical: true,
  hoursProjects: true,
  assessmentMethod: true,
  description: true,
  position: true,
  version: true,
  mappings: { select: { itemRef: true, depth: true, assessed: true, note: true }, orderBy: { itemRef: "asc" } },
  teachers: { select: { userId: true } },
} as const;

/** The school's programmes; for a reviewer, only those they are invited to (and not expired). */
export async function listProgrammes({ db, schoolId, reviewerId }: { db: Db; schoolId: string; reviewerId?: string }) {
  return db.programme.findMany({
    where: { schoolId, ...(reviewerId ? { reviewers: { some: { userId: reviewerId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } } } : {}) },
    orderBy: [{ level: "asc" }, { title: "asc" }],
    select: {
      id: true,
      title: true,
      diplomaType: true,
      level: true,
      entryEcts: true,
      semesters: true,
      isDemo: true,
      updatedAt: true,
      targets: { select: { sheetSlug: true, sheetVersion: true }, orderBy: { position: "asc" } },
      _count: { select: { modules: true } },
    },
  });
}


/** The fields of a programme every page reads; its modules are selected by the caller. */
const programmeFields = {
  id: true,
  schoolId: true,
  title: true,
  diplomaType: true,
  level: true,
  entryEcts: true,
  semesters: true,
  description: true,
  isDemo: true,
  createdAt: true,
  updatedAt: true,
} as const;

export async function getProgramme({ db, schoolId, id }: { db: Db | Tx; schoolId: string; id: string }) {
  const head = await db.programme.findFirst({
    where: { id, schoolId },
    select: {
      ...programmeFields,
      targets: { select: { sheetSlug: true, sheetVersion: true }, orderBy: { position: "asc" } },
      modules: { select: { ...moduleSelect, mappings: false }, orderBy: [{ semester: "asc" }, { position: "asc" }] },
      // The version under review, if any: the draft is locked until the reviewer decides.
      versions: { where: { reviewStatus: "submitted" }, select: { number: true }, take: 1 },
    },
  });
  if (!head) return null;
  const byModule = await programmeMappings(db, head.id);
  return { ...head, modules: head.modules.map((m) => ({ ...m, mappings: byModule.get(m.id) ?? [] })) };
}

type MappingRow = { moduleId: string; itemRef: string; depth: number | bigint; assessed: boolean | number | bigint; note: string };

/**
 * Every mapping of a programme, by module, each module's in item order: one flat query. (Read
 * as a relation of each module, the same rows cost three times as much: docs/performance.md.)
 */
async function programmeMappings(db: Db | Tx, programmeId: string) {
  const rows = await db.$queryRaw<MappingRow[]>`
    SELECT m."moduleId", m."itemRef", m."depth", m."assessed", m."note"
    FROM "Mapping" m JOIN "Module" mo ON mo."id" = m."moduleId"
    WHERE mo."programmeId" = ${programmeId}
    ORDER BY m."moduleId", m."itemRef"`;
  const byModule = new Map<string, { itemRef: string; depth: number; assessed: boolean; note: string }[]>();
  for (const row of rows) {
    let list = byModule.get(row.moduleId);
    if (!list) byModule.set(row.moduleId, (list = []));
    list.push({ itemRef: row.itemRef, depth: Number(row.depth), assessed: row.assessed === true || Number(row.assessed) === 1, note: row.note });
  }
  return byModule;
}

/**
 * The programme without its mappings (every module's `mappings` is empty): what a guard needs
 * for a one-cell save, without reading thousands of rows it would not use.
 */
export async function getProgrammeHead({ db, schoolId, id }: { db: Db | Tx; schoolId: string; id: string }): Promise<ProgrammeDetail | null> {
  const head = await db.programme.findFirst({
    where: { id, schoolId },
    select: {
      ...programmeFields,
      targets: { select: { sheetSlug: true, sheetVersion: true }, orderBy: { position: "asc" } },
      modules: { select: { ...moduleSelect, mappings: false }, orderBy: [{ semester: "asc" }, { position: "asc" }] },
      versions: { where: { reviewStatus: "submitted" }, select: { number: true }, take: 1 },
    },
  });
  return head ? { ...head, modules: head.modules.map((m) => ({ ...m, mappings: [] })) } : null;
}

/**
 * What a write of cells needs to know, in one round trip instead of the programme's head: its
 * targets, the version under review (if any), and the modules named with their version and
 * whether this person teaches each. Null when the programme is not the school's. One module is
 * read by its id (every single cell saved); several, with the rest of the programme's (a
 * statement of the same text whatever their number, prepared once on PostgreSQL).
 */
export async function getModuleRows({ db, schoolId, programmeId, moduleIds, userId }: { db: Db; schoolId: string; programmeId: string; moduleIds: readonly string[]; userId: string }) {
  const columns = Prisma.sql`m."id" AS "moduleId", m."version" AS "moduleVersion",
        (SELECT count(*) FROM "ModuleTeacher" t WHERE t."moduleId" = m."id" AND t."userId" = ${userId}) AS "teaches",
        (SELECT v."number" FROM "ProgrammeVersion" v WHERE v."programmeId" = p."id" AND v."reviewStatus" = 'submitted' LIMIT 1) AS "lockedBy"`;
  const one = moduleIds.length === 1 ? moduleIds[0] : null;
  const [rows, targets] = await readAll(db, [
    Prisma.sql`
      SELECT ${columns}
      FROM "Programme" p LEFT JOIN "Module" m ON ${one === null ? Prisma.sql`1 = 1` : Prisma.sql`m."id" = ${one}`} AND m."programmeId" = p."id"
      WHERE p."id" = ${programmeId} AND p."schoolId" = ${schoolId}`,
    Prisma.sql`SELECT "sheetSlug", "sheetVersion" FROM "ProgrammeTarget" WHERE "programmeId" = ${programmeId} ORDER BY "position" ASC`,
  ]);
  if (!rows[0]) return null;
  const wanted = new Set(moduleIds);
  return {
    id: programmeId,
    targets: targets.map((t) => ({ sheetSlug: String(t.sheetSlug), sheetVersion: Number(t.sheetVersion) })),
    lockedBy: rows[0].lockedBy === null ? null : Number(rows[0].lockedBy),
    modules: new Map(
      rows.filter((row) => row.moduleId !== null && wanted.has(String(row.moduleId))).map((row) => [String(row.moduleId), { id: String(row.moduleId), version: Number(row.moduleVersion), taughtByMe: Number(row.teaches) > 0 }]),
    ),
  };
}

export type ProgrammeDetail = NonNullable<Awaited<ReturnType<typeof getProgramme>>>;
export type ModuleDetail = ProgrammeDetail["modules"][number];

/** Target rows for these sheets, in order: a kept pin stays, any other takes the sheet's newest version. */
export async function pinnedTargets(tx: Tx, schoolId: string, slugs: readonly string[], kept: ReadonlyMap<string, number> = new Map()) {
  const newest = await newestVersionNumbers(tx, slugs.filter((slug) => !kept.has(slug)), { schoolId });
  return slugs.map((sheetSlug, position) => ({ sheetSlug, position, sheetVersion: kept.get(sheetSlug) ?? newest.get(sheetSlug) ?? 1 }));
}

export function programmeData(form: ProgrammeForm) {
  return {
    title: form.title,
    diplomaType: form.diplomaType,
    level: form.level,
    entryEcts: form.entryEcts,
    semesters: form.semesters,
    description: form.description,
  };
}

export async function createProgramme({ db, schoolId, form, actor, isDemo = false }: { db: Db; schoolId: string; form: ProgrammeForm; actor?: Actor; isDemo?: boolean }) {
  return db.$transaction(async (tx) => {
    const created = await tx.programme.create({
      data: { schoolId, isDemo, ...programmeData(form), targets: { create: await pinnedTargets(tx, schoolId, await targetSlugsAtLevel(tx, form.targets, form.level)) } },
      select: { id: true },
    });
    if (actor) await audit(tx, actor, { action: "create", entity: "programme", entityId: created.id, programmeId: created.id, after: form });
    return created;
  });
}

export async function updateProgramme({ db, schoolId, id, form, actor }: { db: Db; schoolId: string; id: string; form: ProgrammeForm; actor?: Actor }) {
  return db.$transaction(async (tx) => {
    const before = await tx.programme.findFirst({ where: { id, schoolId }, select: { title: true, diplomaType: true, level: true, entryEcts: true, semesters: true, description: true, targets: { select: { sheetSlug: true, sheetVersion: true }, orderBy: { position: "asc" } } } });
    if (!before) return null;
    await tx.programme.update({ where: { id }, data: programmeData(form) });
    if (actor) await audit(tx, actor, { action: "update", entity: "programme", entityId: id, programmeId: id, before: { ...before, targets: before.targets.map((t) => t.sheetSlug) }, after: form });
    // Targets kept stay at the sheet version they are pinned to; new ones take the newest.
    const kept = new Map(before.targets.map((t) => [t.sheetSlug, t.sheetVersion]));
    const pinned = await pinnedTargets(tx, schoolId, await targetSlugsAtLevel(tx, form.targets, form.level), kept);
    await tx.programmeTarget.deleteMany({ where: { programmeId: id } });
    faultPoint("programme-update:targets");
    await tx.programmeTarget.createMany({ data: pinned.map((t) => ({ programmeId: id, ...t })) });
    return { id };
  });
}

export async function deleteProgramme({ db, schoolId, id, actor }: { db: Db; schoolId: string; id: string; actor?: Actor }) {
  return db.$transaction(async (tx) => {
    const before = await tx.programme.findFirst({ where: { id, schoolId }, select: { title: true } });
    if (!before) return false;
    await tx.programme.delete({ where: { id } });
    if (actor) await audit(tx, actor, { action: "delete", entity: "programme", entityId: id, programmeId: id, before });
    return true;
  });
}

function moduleData(form: Omit<ModuleForm, "teacherIds">) {
  return {
    code: form.code,
    title: form.title,
    semester: form.semester,
    semesterSpan: form.semesterSpan ?? 1,
    ects: form.ects,
    hoursLectures: form.hoursLectures,
    hoursTutorials: form.hoursTutorials,
    hoursPractical: form.hoursPractical,
    hoursProjects: form.hoursProjects,
    assessmentMethod: form.assessmentMethod,
    description: form.description,
  };
}

export async function nextPosition(tx: Tx, programmeId: string, semester: number) {
  const last = await tx.module.findFirst({ where: { programmeId, semester }, orderBy: { position: "desc" }, select: { position: true } });
  return (last?.position ?? -1) + 1;
}

/** Which module, in which programme of which school, and who acts. */
type ModuleRef = { db: Db; schoolId: string; programmeId: string; moduleId: string; actor?: Actor };

export type ModuleWriteResult = { ok: true; id: string; version: number } | { ok: false; reason: "not_found" | "duplicate_code" | "conflict"; version?: number };

async function codeTaken(tx: Tx, programmeId: string, code: string, exceptId?: string) {
  const other = await tx.module.findFirst({ where: { programmeId, code, NOT: exceptId ? { id: exceptId } : undefined }, select: { id: true } });
  return other !== null;
}

export async function createModule({
  db,
  schoolId,
  programmeId,
  form,
  actor,
  mapping,
}: {
  db: Db;
  schoolId: string;
  programmeId: string;
  form: ModuleForm;
  actor?: Actor;
  /** A requirement the new module maps from the start (a suggestion to create a module), in the same transaction. */
  mapping?: { itemRef: string; depth: number; assessed: boolean };
}): Promise<ModuleWriteResult> {
  return db.$transaction(async (tx) => {
    const programme = await tx.programme.findFirst({ where: { id: programmeId, schoolId }, select: { id: true } });
    if (!programme) return { ok: false, reason: "not_found" };
    if (await codeTaken(tx, programmeId, form.code)) return { ok: false, reason: "duplicate_code" };
    const created = await tx.module.create({
      data: { programmeId, schoolId, ...moduleData(form), position: await nextPosition(tx, programmeId, form.semester) },
      select: { id: true, version: true },
    });
    await setTeachers(tx, schoolId, created.id, form.teacherIds);
    if (mapping) await tx.mapping.create({ data: { moduleId: created.id, ...mapping } });
    if (actor) await audit(tx, actor, { action: "create", entity: "module", programmeId, entityId: created.id, after: { programmeId, ...form, ...(mapping ? { mapping } : {}) } });
    return { ok: true, ...created };
  });
}

/** Assigns the module to these teachers (members of the school only). */
async function setTeachers(tx: Tx, schoolId: string, moduleId: string, teacherIds: readonly string[]) {
  await tx.moduleTeacher.deleteMany({ where: { moduleId } });
  if (teacherIds.length === 0) return;
  const members = await tx.membership.findMany({ where: { schoolId, userId: { in: [...teacherIds] } }, select: { userId: true } });
  await tx.moduleTeacher.createMany({ data: members.map((m) => ({ moduleId, userId: m.userId })) });
}

/** Updates a module unless someone changed it since `expectedVersion` (then: conflict). */
export async function updateModule({ db, schoolId, programmeId, moduleId, expectedVersion, form, actor }: ModuleRef & { expectedVersion: number; form: ModuleForm }): Promise<ModuleWriteResult> {
  return db.$transaction(async (tx) => {
    const found = await tx.module.findFirst({ where: { id: moduleId, programmeId, schoolId }, select: { ...moduleSelect, mappings: false, cellsVersion: true } });
    if (!found) return { ok: false, reason: "not_found" };
    const { cellsVersion, ...current } = found;
    if (current.version !== expectedVersion) return { ok: false, reason: "conflict", version: current.version };
    if (await codeTaken(tx, programmeId, form.code, moduleId)) return { ok: false, reason: "duplicate_code" };
    const updated = await tx.module.update({
      where: { id: moduleId },
      // No cell changes here: the record per cell stays complete (decision 035).
      data: { ...moduleData(form), version: { increment: 1 }, ...(cellsVersion === current.version ? { cellsVersion: current.version + 1 } : {}) },
      select: { id: true, version: true },
    });
    await setTeachers(tx, schoolId, moduleId, form.teacherIds);
    if (actor) await audit(tx, actor, { action: "update", entity: "module", programmeId, entityId: moduleId, before: current, after: form });
    return { ok: true, ...updated };
  });
}

export async function deleteModule({ db, schoolId, programmeId, moduleId, actor }: ModuleRef) {
  return db.$transaction(async (tx) => {
    const before = await tx.module.findFirst({ where: { id: moduleId, programmeId, schoolId }, select: moduleSelect });
    if (!before) return false;
    await tx.module.delete({ where: { id: moduleId } });
    if (actor) await audit(tx, actor, { action: "delete", entity: "module", programmeId, entityId: moduleId, before });
    return true;
  });
}

/** A copy of a module and its mappings, with a free code derived from the original's. */
export async function duplicateModule({ db, schoolId, programmeId, moduleId, actor }: ModuleRef): Promise<ModuleWriteResult> {
  return db.$transaction(async (tx) => {
    const original = await tx.module.findFirst({ where: { id: moduleId, programmeId, schoolId }, select: moduleSelect });
    if (!original) return { ok: false, reason: "not_found" };
    let code = `${original.code}-copie`.slice(0, 32);
    for (let n = 2; await codeTaken(tx, programmeId, code); n++) code = `${original.code}-copie${n}`.slice(0, 32);
    const created = await tx.module.create({
      data: {
        programmeId,
        schoolId,
        code,
        title: `${original.title} (copie)`.slice(0, 200),
        semester: original.semester,
        semesterSpan: original.semesterSpan,
        ects: original.ects,
        hoursLectures: original.hoursLectures,
        hoursTutorials: original.hoursTutorials,
        hoursPractical: original.hoursPractical,
        hoursProjects: original.hoursProjects,
        assessmentMethod: original.assessmentMethod,
        description: original.description,
        position: await nextPosition(tx, programmeId, original.semester),
        mappings: { create: original.mappings },
      },
      select: { id: true, version: true },
    });
    if (actor) await audit(tx, actor, { action: "duplicate", entity: "module", programmeId, entityId: created.id, after: { from: moduleId, fromCode: original.code, code } });
    return { ok: true, ...created };
  });
}

/** Moves a module one place up or down within its semester. */
export async function moveModule({ db, schoolId, programmeId, moduleId, direction, actor }: ModuleRef & { direction: "up" | "down" }) {
  return db.$transaction(async (tx) => {
    const module = await tx.module.findFirst({ where: { id: moduleId, programmeId, schoolId }, select: { id: true, code: true, semester: true, semesterSpan: true, position: true } });
    if (!module) return false;
    // Among the modules listed with it: those of its semester, or those over the same year.
    const siblings = await tx.module.findMany({ where: { programmeId, semester: module.semester, semesterSpan: module.semesterSpan }, orderBy: { position: "asc" }, select: { id: true } });
    const index = siblings.findIndex((s) => s.id === moduleId);
    const swapWith = direction === "up" ? index - 1 : index + 1;
    if (swapWith < 0 || swapWith >= siblings.length) return true;
    [siblings[index], siblings[swapWith]] = [siblings[swapWith], siblings[index]];
    for (const [position, sibling] of siblings.entries()) {
      await tx.module.update({ where: { id: sibling.id }, data: { position } });
      faultPoint("module-move:position");
    }
    if (actor) await audit(tx, actor, { action: "move", entity: "module", programmeId, entityId: moduleId, after: { direction, code: module.code } });
    return true;
  });
}

export type MappingWriteResult =
  | { ok: true; version: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "locked"; lockedBy: number }
  | { ok: false; reason: "conflict"; version: number; current: CellValue };

/**
 * Sets one cell of the matrix (depth 0 removes the mapping), through the matrix's one save
 * (`saveCells`): refused with the current value when that cell changed since `expectedVersion`.
 */
export async function setMapping({
  db,
  schoolId,
  programmeId,
  moduleId,
  expectedVersion,
  itemRef,
  value,
  actor,
}: ModuleRef & { expectedVersion: number; itemRef: string; value: CellValue }): Promise<MappingWriteResult> {
  const result = await saveCells({ db, schoolId, programmeId, cells: [{ moduleId, version: expectedVersion, itemRef, value }], actor });
  if (result.ok) return { ok: true, version: result.versions[moduleId] };
  if (result.reason === "locked") return result;
  const [cell] = result.cells;
  if (cell.reason === "stale") return { ok: false, reason: "conflict", version: cell.version, current: cell.current };
  return { ok: false, reason: "not_found" };
}

/** Rows of INSERT ... ON CONFLICT per statement: 5 values each, well within SQLite's limit. */
const MAPPINGS_PER_STATEMENT = 500;

/**
 * Writes mappings of one module inside the caller's transaction: `set` inserted or updated
 * (depth, assessed, note), `remove` deleted. The caller raises the module's `version` in the
 * same transaction (every change of a module's mappings does); the record per cell
 * (`changedAt`, `cellsVersion`, `ClearedCell`) is the matrix's cell save's alone, and a raised
 * version makes older matrix saves on the module conservative (decision 035). Every write of
 * mappings by an import into a programme goes through here, and only here.
 */
export async function writeMappings(tx: Tx, { moduleId, set, remove }: { moduleId: string; set: readonly ImportedMapping[]; remove: readonly string[] }) {
  if (remove.length) await tx.mapping.deleteMany({ where: { moduleId, itemRef: { in: [...remove] } } });
  for (let start = 0; start < set.length; start += MAPPINGS_PER_STATEMENT) {
    const values = set.slice(start, start + MAPPINGS_PER_STATEMENT).map((m) => Prisma.sql`(${moduleId}, ${m.itemRef}, ${m.depth}, ${m.assessed}, ${m.note ?? ""})`);
    await tx.$executeRaw`
      INSERT INTO "Mapping" ("moduleId", "itemRef", "depth", "assessed", "note") VALUES ${Prisma.join(values)}
      ON CONFLICT ("moduleId", "itemRef") DO UPDATE SET "depth" = excluded."depth", "assessed" = excluded."assessed", "note" = excluded."note"`;
  }
}

type ImportInput = {
  schoolId: string;
  form: ProgrammeForm;
  modules: readonly ImportedModule[];
  isDemo?: boolean;
  actor?: Actor;
  /** Sheet versions to pin targets to (a copy keeps its original's); default: the newest. */
  pins?: ReadonlyMap<string, number>;
};

/** Writes a whole programme with its modules and mappings inside the caller's transaction. */
export async function writeProgramme(tx: Tx, { schoolId, form, modules, isDemo = false, actor, pins }: ImportInput) {
  const programme = await tx.programme.create({
    data: { schoolId, isDemo, ...programmeData(form), targets: { create: await pinnedTargets(tx, schoolId, await targetSlugsAtLevel(tx, form.targets, form.level), pins) } },
    select: { id: true },
  });
  const positions = new Map<number, number>();
  for (const module of modules) {
    const position = positions.get(module.semester) ?? 0;
    positions.set(module.semester, position + 1);
    const created = await tx.module.create({
      data: {
        programmeId: programme.id,
        schoolId,
        code: module.code,
        title: module.title,
        semester: module.semester,
        semesterSpan: module.semesterSpan ?? 1,
        ects: module.ects,
        hoursLectures: module.hours.lectures,
        hoursTutorials: module.hours.tutorials,
        hoursPractical: module.hours.practical,
        hoursProjects: module.hours.projects,
        position,
      },
      select: { id: true },
    });
    if (module.mappings.length) {
      await tx.mapping.createMany({ data: module.mappings.map((m) => ({ moduleId: created.id, itemRef: m.itemRef, depth: m.depth, assessed: m.assessed, note: m.note ?? "" })) });
    }
    faultPoint("programme-import:module");
  }
  if (actor) await audit(tx, actor, { action: "import", entity: "programme", entityId: programme.id, programmeId: programme.id, after: { ...form, modules: modules.length, mappings: modules.reduce((n, m) => n + m.mappings.length, 0) } });
  return programme;
}

/** Creates a whole programme with its modules and mappings, all or nothing. */
export async function importProgramme({ db, ...input }: ImportInput & { db: Db }) {
  return db.$transaction((tx) => writeProgramme(tx, input), { timeout: 120_000 });
}

/** The programme's modules in the exchange shape (for CSV and XLSX export). */
export function toImportedModules(modules: readonly ModuleDetail[]): ImportedModule[] {
  return modules.map((module) => ({
    code: module.code,
    title: module.title,
    semester: module.semester,
    ...(module.semesterSpan === 2 ? { semesterSpan: 2 } : {}),
    ects: module.ects,
    hours: { lectures: module.hoursLectures, tutorials: module.hoursTutorials, practical: module.hoursPractical, projects: module.hoursProjects },
    mappings: module.mappings.map((m) => ({ itemRef: m.itemRef, depth: m.depth, assessed: m.assessed, ...(m.note ? { note: m.note } : {}) })),
  }));
}

/** Whether a reviewer is invited (and still welcome) to a programme. */
export async function isInvitedReviewer({ db, programmeId, userId }: { db: Db; programmeId: string; userId: string }) {
  const row = await db.programmeReviewer.findUnique({ where: { programmeId_userId: { programmeId, userId } }, select: { expiresAt: true } });
  return row !== null && (row.expiresAt === null || row.expiresAt > new Date());
}

/** The members a module can be assigned to (teachers, and managers who also teach). */
export async function listAssignableTeachers({ db, schoolId }: { db: Db; schoolId: string }) {
  const members = await db.membership.findMany({
    where: { schoolId, role: { in: ["teacher", "manager", "admin"] } },
    orderBy: { user: { name: "asc" } },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  return members.map((m) => ({ id: m.user.id, name: m.user.name, email: m.user.email, role: m.role }));
}
