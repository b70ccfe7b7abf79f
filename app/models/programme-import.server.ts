/**
 * Importing a file into an existing programme (docs/decisions/038): checking it against what
 * the programme would become (`checkImportInto`: the preview's plan and digest), then applying
 * it (`importIntoProgramme`). The plan the person saw
 * is made again inside the transaction, from the programme as it is then, and applied only if
 * it is the same plan (its digest): a change by someone else in between, or a submission for
 * review, refuses the import and nothing is saved. All or nothing, with one audit row.
 */
import { createHash } from "node:crypto";
import { levelFrameworkSlug } from "~/domain/cncp-levels";
import type { CncpLevel } from "~/domain/coverage";
import { fieldsAfterImport, modulesTouched, planImport, type ImportMode, type ImportPlan, type ProgrammeFields } from "~/domain/import-plan";
import { programmeSchema, type DiplomaType } from "~/domain/programme";
import { modulesBeyond, readProgrammeRows, unknownTargets, type ImportedMapping, type ImportedModule, type ImportProblem, type ProgrammeFacts } from "~/domain/programme-import";
import type { Language } from "~/domain/sentences";
import { formatZodIssues } from "~/domain/validation";
import type { Db } from "~/utils/create-db.server";
import { audit, type Actor } from "./audit.server";
import { faultPoint } from "./fault-injection.server";
import { getProgramme, pinnedTargets, programmeData, toImportedModules, writeMappings, type ProgrammeDetail } from "./programme.server";
import { loadKnownItems, newestVersionNumbers } from "./targets.server";

/** The programme as an import compares it with a file: its fields and its modules. */
export function programmeAsImported(programme: ProgrammeDetail): { fields: ProgrammeFields; modules: ImportedModule[] } {
  return {
    fields: {
      title: programme.title,
      diplomaType: programme.diplomaType,
      level: programme.level,
      entryEcts: programme.entryEcts,
      semesters: programme.semesters,
      description: programme.description,
      targets: programme.targets.map((t) => t.sheetSlug),
    },
    modules: toImportedModules(programme.modules),
  };
}

/** A short fingerprint of a plan: the preview gives it, the confirmation sends it back. */
export function planDigest(plan: ImportPlan): string {
  return createHash("sha256").update(JSON.stringify(plan)).digest("base64url");
}

export type ImportIntoResult =
  | { ok: true; plan: ImportPlan }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "locked"; lockedBy: number }
  | { ok: false; reason: "changed" };

/**
 * Applies a file to a programme, all or nothing: `incoming` as the file gives it (checked),
 * `digest` the plan's as the preview showed it.
 */
export async function importIntoProgramme({
  db,
  schoolId,
  programmeId,
  incoming,
  mode,
  digest,
  actor,
}: {
  db: Db;
  schoolId: string;
  programmeId: string;
  incoming: Parameters<typeof planImport>[1];
  mode: ImportMode;
  digest: string;
  actor: Actor;
}): Promise<ImportIntoResult> {
  return db.$transaction(
    async (tx) => {
      const programme = await getProgramme({ db: tx, schoolId, id: programmeId });
      if (!programme) return { ok: false, reason: "not_found" };
      if (programme.versions[0]) return { ok: false, reason: "locked", lockedBy: programme.versions[0].number };
      const plan = planImport(programmeAsImported(programme), incoming, mode);
      if (planDigest(plan) !== digest) return { ok: false, reason: "changed" };

      if (plan.fields.length) {
        const fields = plan.result.fields;
        await tx.programme.update({
          where: { id: programmeId },
          data: programmeData({ ...fields, level: fields.level as CncpLevel, diplomaType: fields.diplomaType as DiplomaType }),
        });
        if (plan.fields.some((f) => f.field === "targets")) {
          // Targets kept stay at the sheet version they are pinned to; new ones take the newest.
          const pinned = await pinnedTargets(tx, schoolId, fields.targets, new Map(programme.targets.map((t) => [t.sheetSlug, t.sheetVersion])));
          await tx.programmeTarget.deleteMany({ where: { programmeId } });
          await tx.programmeTarget.createMany({ data: pinned.map((t) => ({ programmeId, ...t })) });
        }
      }
      if (plan.modules.removed.length) {
        await tx.module.deleteMany({ where: { programmeId, code: { in: plan.modules.removed.map((m) => m.code) } } });
      }

      // What each module's mappings become: rows set (added or changed) and rows removed.
      const writes = new Map<string, { set: ImportedMapping[]; remove: string[] }>();
      const writesOf = (code: string) => writes.get(code) ?? writes.set(code, { set: [], remove: [] }).get(code)!;
      for (const change of [...plan.mappings.added, ...plan.mappings.changed]) writesOf(change.module).set.push(change.after!);
      for (const change of plan.mappings.removed) writesOf(change.module).remove.push(change.itemRef);

      // A module that changes semester, and every new one, goes last in its semester.
      const lastPosition = new Map<number, number>();
      for (const m of programme.modules) lastPosition.set(m.semester, Math.max(lastPosition.get(m.semester) ?? -1, m.position));
      const positionIn = (semester: number) => {
        const position = (lastPosition.get(semester) ?? -1) + 1;
        lastPosition.set(semester, position);
        return position;
      };
      const moduleFields = (m: ImportedModule) => ({
        title: m.title,
        semester: m.semester,
        semesterSpan: m.semesterSpan ?? 1,
        ects: m.ects,
        hoursLectures: m.hours.lectures,
        hoursTutorials: m.hours.tutorials,
        hoursPractical: m.hours.practical,
        hoursProjects: m.hours.projects,
      });
      const result = new Map(plan.result.modules.map((m) => [m.code, m]));
      const existing = new Map(programme.modules.map((m) => [m.code, m]));
      for (const code of modulesTouched(plan)) {
        const before = existing.get(code)!;
        const next = result.get(code)!;
        await tx.module.update({
          where: { id: before.id },
          data: { ...moduleFields(next), version: { increment: 1 }, ...(next.semester !== before.semester ? { position: positionIn(next.semester) } : {}) },
          select: { id: true },
        });
        const write = writes.get(code);
        if (write) await writeMappings(tx, { moduleId: before.id, ...write });
        faultPoint("programme-import-into:module");
      }
      for (const { code } of plan.modules.added) {
        const next = result.get(code)!;
        const created = await tx.module.create({
          data: { programmeId, schoolId, code, ...moduleFields(next), position: positionIn(next.semester) },
          select: { id: true },
        });
        await writeMappings(tx, { moduleId: created.id, set: next.mappings, remove: [] });
        faultPoint("programme-import-into:module");
      }

      const codes = (list: { code: string }[]) => list.map((m) => m.code);
      await audit(tx, actor, {
        action: "import_into",
        entity: "programme",
        entityId: programmeId,
        programmeId,
        after: {
          mode,
          fields: plan.fields,
          modules: { added: codes(plan.modules.added), removed: codes(plan.modules.removed), changed: codes(plan.modules.changed) },
          mappings: { added: plan.mappings.added.length, removed: plan.mappings.removed.length, changed: plan.mappings.changed.length },
        },
      });
      return { ok: true, plan };
    },
    { timeout: 120_000 },
  );
}

/** The fields a "Formation" sheet gives, as the programme holds them. */
function factsAsFields(facts: ProgrammeFacts | null): Partial<ProgrammeFields> {
  const fields: Partial<ProgrammeFields> = {};
  if (!facts) return fields;
  if (facts.title !== undefined) fields.title = facts.title;
  if (facts.diplomaType !== undefined) fields.diplomaType = facts.diplomaType;
  if (facts.description !== undefined) fields.description = facts.description;
  if (facts.targets !== undefined) fields.targets = facts.targets;
  for (const field of ["level", "entryEcts", "semesters"] as const) if (facts[field] !== undefined) fields[field] = Number(facts[field]);
  return fields;
}

export type IntoOutcome =
  | { ok: true; plan: ImportPlan; digest: string; incoming: Parameters<typeof planImport>[1]; rowCount: number }
  | { ok: false; problems: ImportProblem[]; formErrors: string[] };

/**
 * Checks a file to import into an existing programme, in `mode`: its "Formation" sheet's
 * fields and the programme's form rules for what the programme would become, every row against
 * its targets, and every module within its semesters. The plan of what changes, with its digest.
 */
export async function checkImportInto(input: { db: Db; programme: ProgrammeDetail; rows: string[][]; facts: ProgrammeFacts | null; mode: ImportMode; language: Language }): Promise<IntoOutcome> {
  const schoolId = input.programme.schoolId;
  // The school's own lists are sheets it may name too; other schools' lists are unknown (docs/decisions/054).
  const known = await loadKnownItems({ db: input.db, schoolId });
  const current = programmeAsImported(input.programme);
  const fields = factsAsFields(input.facts);
  const levelAfter = fieldsAfterImport(current.fields, fields, input.mode).fields.level;
  const levelFramework = (await newestVersionNumbers(input.db, [levelFrameworkSlug(levelAfter)])).size > 0;
  const next = fieldsAfterImport(current.fields, fields, input.mode, levelFramework).fields;
  const parsed = programmeSchema.safeParse(next);
  const formErrors = parsed.success ? unknownTargets(next.targets, known.sheets, input.language) : formatZodIssues(parsed.error.issues, input.language);
  const read = readProgrammeRows(input.rows, known, { targets: next.targets, semesters: parsed.success ? parsed.data.semesters : 12 });
  if (formErrors.length || read.problems.length) return { ok: false, problems: read.problems, formErrors };
  const incoming = { fields, modules: read.modules, keepNotes: !read.noteColumn, levelFramework };
  const plan = planImport(current, incoming, input.mode);
  const beyond = modulesBeyond(plan.result.modules, plan.result.fields.semesters);
  if (beyond.length) return { ok: false, problems: beyond, formErrors: [] };
  return { ok: true, plan, digest: planDigest(plan), incoming, rowCount: read.rowCount };
}
