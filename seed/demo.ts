/**
 * The demo school and its programmes (one per CNCP level 5, 6 and 7). Demo data only: the
 * app labels it as such, and a production start with MAQUETTE_DEMO=off never creates it.
 * The programmes go through the same import as a user's CSV file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../app/utils/create-db.server";
import { detectDelimiter, parseCsv } from "../app/domain/csv";
import { programmeSchema } from "../app/domain/programme";
import { readProgrammeRows } from "../app/domain/programme-import";
import { faultPoint } from "../app/models/fault-injection.server";
import { writeProgramme } from "../app/models/programme.server";
import { loadKnownItems } from "../app/models/targets.server";
import { draftText, schoolListSchema } from "../app/domain/school-list";
import { insertSchoolList, publishDraft } from "../app/models/school-list.server";
import { enterDbScope } from "../app/utils/db-scope.server";
import { hashPassword } from "../app/utils/password.server";

export const DEMO_SCHOOL = { slug: "demo", name: "École de démonstration" };

/** Demo-only accounts, documented in the README; never created with MAQUETTE_DEMO=off. */
export const DEMO_PASSWORD = "maquette-demo";
export const DEMO_ACCOUNTS = [
  { email: "admin@demo.maquette.fr", name: "Alice Martin (démo)", role: "admin" },
  { email: "responsable@demo.maquette.fr", name: "Romain Bernard (démo)", role: "manager" },
  { email: "enseignant@demo.maquette.fr", name: "Émilie Petit (démo)", role: "teacher" },
  { email: "evaluateur@demo.maquette.fr", name: "Victor Durand (démo)", role: "reviewer" },
] as const;
const DEMO_DIR = join(import.meta.dirname, "demo");

export type DemoProgramme = {
  file: string;
  title: string;
  diplomaType: string;
  level: number;
  entryEcts: number;
  semesters: number;
  targets: string[];
  description: string;
  teacherModules: string[];
};

export function readDemoProgrammes(): DemoProgramme[] {
  return JSON.parse(readFileSync(join(DEMO_DIR, "programmes.json"), "utf8")) as DemoProgramme[];
}

export async function seedDemo(db: Db): Promise<string[]> {
  const done: string[] = [];
  const existing = await db.school.findUnique({ where: { slug: DEMO_SCHOOL.slug }, select: { id: true } });
  if (existing) return done;
  const known = await loadKnownItems({ db });
  // Everything is read and checked before anything is written.
  const programmes = readDemoProgrammes().map((entry) => {
    const form = programmeSchema.parse(entry);
    const text = readFileSync(join(DEMO_DIR, entry.file), "utf8");
    const read = readProgrammeRows(parseCsv(text, detectDelimiter(text)), known, { targets: form.targets, semesters: form.semesters });
    if (read.problems.length) throw new Error(`${entry.file} : ${read.problems.map((p) => `ligne ${p.line} : ${p.message}`).join(" ; ")}`);
    return { form, modules: read.modules, teacherModules: entry.teacherModules };
  });
  // The demo school's own requirement list (invented for the demo, and labelled so), published once.
  const schoolList = schoolListSchema.parse(JSON.parse(readFileSync(join(DEMO_DIR, "school-list.json"), "utf8")));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // One transaction: a crash half-way leaves no demo school, and the next start seeds it again.
  await db.$transaction(
    async (tx) => {
      const school = await tx.school.create({ data: { ...DEMO_SCHOOL, isDemo: true }, select: { id: true } });
      await enterDbScope(tx, { schoolId: school.id });
      done.push(`établissement de démonstration créé : ${DEMO_SCHOOL.name}`);
      const users: Record<string, string> = {};
      for (const account of DEMO_ACCOUNTS) {
        const user = await tx.user.upsert({
          where: { email: account.email },
          create: { email: account.email, name: account.name, passwordHash },
          update: {},
          select: { id: true },
        });
        await tx.membership.create({ data: { userId: user.id, schoolId: school.id, role: account.role } });
        users[account.role] = user.id;
      }
      done.push(`comptes de démonstration : ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")} (mot de passe ${DEMO_PASSWORD})`);
      for (const [index, { form, modules, teacherModules }] of programmes.entries()) {
        const programme = await writeProgramme(tx, { schoolId: school.id, form, modules, isDemo: true });
        const assigned = await tx.module.findMany({ where: { programmeId: programme.id, code: { in: teacherModules } }, select: { id: true } });
        await tx.moduleTeacher.createMany({ data: assigned.map((m) => ({ moduleId: m.id, userId: users.teacher })) });
        // The demo reviewer is invited to the master programme only.
        if (index === programmes.length - 1) await tx.programmeReviewer.create({ data: { programmeId: programme.id, userId: users.reviewer } });
        done.push(`formation de démonstration : ${form.title} (${modules.length} modules)`);
        faultPoint("demo-seed:programme");
      }
      const demoSchool = { id: school.id, slug: DEMO_SCHOOL.slug, name: DEMO_SCHOOL.name };
      const list = await insertSchoolList(tx, demoSchool, schoolList);
      await publishDraft(tx, demoSchool, { sheetId: list.sheetId, slug: list.slug, draft: draftText(list.draft) });
      done.push(`liste de l'établissement de démonstration : ${schoolList.title}`);
    },
    { timeout: 120_000 },
  );
  return done;
}
