/**
 * The second wall on PostgreSQL: the app's role sees the rows of a school table only in a
 * transaction that names the school (or, before a school is known, the person or the secret it
 * holds). The data is written by the owner (through the models, as the seed does); every read
 * below goes through the app's role, connected as in production.
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  createApiToken,
  createInvitation,
  createSession,
  findApiToken,
  findInvitation,
  findSession,
  listMemberships,
  sha256,
  signUpSchool,
} from "~/models/account.server";
import { Prisma } from "~/generated/prisma/client";
import { audit } from "~/models/audit.server";
import { getProgramme, importProgramme, listProgrammes } from "~/models/programme.server";
import { findSheetVersion, listLatestSheets, saveSheetVersion } from "~/models/reference-sheet.server";
import { createSchoolList, publishSchoolList } from "~/models/school-list.server";
import { schoolListSchema } from "~/domain/school-list";
import { readReferenceSheets } from "../../seed/reference-data";
import { publishVersion } from "~/models/programme-version.server";
import { addComment, editComment } from "~/models/review.server";
import { createDb } from "~/utils/create-db.server";
import { setProgrammeExpectedDepths, setSchoolExpectedDepths } from "~/models/expected-depths.server";
import { dismissModuleSuggestion } from "~/models/module-suggestions.server";
import { readInScope, runWithRequestScope, scoped, setRequestScope, type DbScope } from "~/utils/db-scope.server";
import { rowSecurityBypass } from "~/utils/postgresql.server";
import { parseModels, rowSecurityPlan } from "../../scripts/postgresql-derivation";

const owner = createDb();
const app = createDb(process.env.MAQUETTE_TEST_APP_DATABASE_URL!);
afterAll(async () => {
  await owner.$disconnect();
  await app.$disconnect();
});

/** Every school table, derived from the schema like the policies themselves. */
const PLAN = rowSecurityPlan(parseModels(readFileSync("prisma/schema.prisma", "utf8")));
const SCHOOL_TABLES = PLAN.map((p) => p.table);
/** Tables whose rows without a school are public reference data (docs/decisions/054). */
const PUBLIC_TABLES = PLAN.filter((p) => p.publicWithoutSchool).map((p) => p.table);

type School = { schoolId: string; userId: string; programmeId: string; sessionToken: string; apiToken: string; invitationToken: string; listSlug: string };

async function populate(name: string): Promise<School> {
  const { school, user } = await signUpSchool({ db: owner, schoolName: name, name: `Admin ${name}`, email: `admin@${name.toLowerCase().replace(/\W/g, "")}.fr`, password: "un mot de passe solide" });
  const actor = { userId: user.id, schoolId: school.id };
  const sessionToken = await createSession({ db: owner, userId: user.id, schoolId: school.id });
  const { token: apiToken } = await createApiToken({ db: owner, userId: user.id, schoolId: school.id, name: "script", actor });
  const { token: invitationToken } = await createInvitation({ db: owner, schoolId: school.id, email: `prof@${name.toLowerCase().replace(/\W/g, "")}.fr`, role: "teacher", actor });
  const { id: programmeId } = await importProgramme({
    db: owner,
    schoolId: school.id,
    form: { title: `BTS ${name}`, diplomaType: "bts", level: 5, entryEcts: 0, semesters: 4, targets: ["charge-e-commerce"], description: "" },
    modules: [{ code: "UE1", title: "Un", semester: 1, ects: 6, hours: { lectures: 10, tutorials: 0, practical: 0, projects: 0 }, mappings: [{ itemRef: "T06", depth: 2, assessed: true }] }],
    actor,
  });
  const moduleId = (await owner.module.findFirstOrThrow({ where: { programmeId }, select: { id: true } })).id;
  await owner.moduleTeacher.create({ data: { moduleId, userId: user.id } });
  // A cell the matrix emptied (decision 035).
  await owner.clearedCell.create({ data: { moduleId, itemRef: "T07", clearedAt: 1 } });
  await owner.programmeReviewer.create({ data: { programmeId, userId: user.id } });
  await audit(owner, actor, { action: "test", entity: "programme", entityId: programmeId });
  // The review tables: a published version, a comment and an earlier text of it.
  await publishVersion({ db: owner, schoolId: school.id, programmeId, label: "", actor });
  const comment = await addComment({ db: owner, schoolId: school.id, programmeId, form: { subject: "programme", body: "Premier texte" }, role: "reviewer", actor });
  if (!comment.ok) throw new Error("commentaire");
  await editComment({ db: owner, schoolId: school.id, programmeId, commentId: comment.id, body: "Second texte", actor });
  // Expected depths (the school's and the programme's) and a dismissed module suggestion.
  const named = { ...actor, name: `Admin ${name}` };
  await setSchoolExpectedDepths({ db: owner, schoolId: school.id, changes: [{ level: 5, kind: "competence", depth: 2 }], actor: named });
  await setProgrammeExpectedDepths({ db: owner, schoolId: school.id, programmeId, changes: [{ level: 5, kind: "knowledge", depth: null }], actor: named });
  await dismissModuleSuggestion({ db: owner, schoolId: school.id, programmeId, moduleId, itemRef: "T01", actor: named });
  // The school's own requirement list, published (the reference-sheet tables).
  const listSchool = await owner.school.findUniqueOrThrow({ where: { id: school.id }, select: { id: true, slug: true, name: true } });
  const form = schoolListSchema.parse({ title: `Acquis ${name}`, slug: "acquis", groups: [{ label: "Tout", items: [{ label: "Savoir conduire un projet" }] }] });
  const list = await createSchoolList({ db: owner, school: listSchool, form, actor });
  if (!list.ok) throw new Error("liste");
  await publishSchoolList({ db: owner, school: listSchool, slug: list.slug, revision: 1, actor });
  return { schoolId: school.id, userId: user.id, programmeId, sessionToken, apiToken, invitationToken, listSlug: list.slug };
}

/** The rows (their physical ids) of a table that the app's role sees with these settings. */
async function visibleRows(table: string, scope: DbScope | null) {
  const client = new pg.Client({ connectionString: process.env.MAQUETTE_TEST_APP_DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    if (scope) {
      await client.query("SELECT set_config('app.school_id', $1, true), set_config('app.user_id', $2, true), set_config('app.secret', $3, true)", [
        scope.schoolId ?? "",
        scope.userId ?? "",
        scope.secret ?? "",
      ]);
    }
    const { rows } = await client.query(`SELECT ctid::text AS id FROM "${table}"`);
    await client.query("COMMIT");
    return rows.map((row) => row.id as string);
  } finally {
    await client.end();
  }
}

let a: School;
let b: School;
beforeAll(async () => {
  await saveSheetVersion(owner, readReferenceSheets().find((sheet) => sheet.slug === "charge-e-commerce")!);
  a = await populate("Lycée Alpha");
  b = await populate("Lycée Bêta");
});

describe("sécurité au niveau des lignes (PostgreSQL)", () => {
  it("le rôle de l'application est soumis aux règles ; le propriétaire des tables ne l'est pas", async () => {
    expect(await rowSecurityBypass(app)).toBeNull();
    expect(await rowSecurityBypass(owner)).toMatch(/possède les tables/);
  });

  it("sans établissement dans la transaction, aucune table d'établissement ne rend de ligne (hors données de référence publiques)", async () => {
    expect(SCHOOL_TABLES).toEqual(expect.arrayContaining(["Programme", "Module", "Mapping", "ProgrammeTarget", "Membership", "Session", "Invitation", "ApiToken", "AuditLog", "ModuleTeacher", "ProgrammeReviewer", "SchoolList"]));
    expect(PUBLIC_TABLES).toEqual(["ReferenceSheet", "ReferenceSheetVersion", "SheetRequirement"]);
    for (const table of SCHOOL_TABLES) {
      const total = (await owner.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`))[0].n;
      expect(total, table).toBeGreaterThan(0);
      const seen = await visibleRows(table, null);
      if (!PUBLIC_TABLES.includes(table)) {
        expect(seen, table).toEqual([]);
        continue;
      }
      // The public sheets, the same for anyone, and fewer rows than there are: no school's list.
      expect(seen.length, table).toBeGreaterThan(0);
      expect(seen.length, table).toBeLessThan(total);
      expect(await visibleRows(table, { schoolId: "un-etablissement-inconnu" }), table).toEqual(seen);
    }
    expect((await listLatestSheets({ db: app, schoolId: a.schoolId })).map((sheet) => sheet.slug)).toEqual(["charge-e-commerce"]);
    expect(await app.programme.findMany()).toEqual([]);
    expect(await listProgrammes({ db: app, schoolId: a.schoolId })).toEqual([]);
  });

  it("l'établissement A ne voit jamais une ligne de l'établissement B, dans aucune table", async () => {
    for (const table of SCHOOL_TABLES) {
      // Public reference data is everyone's; what is left is each school's own.
      const shared = PUBLIC_TABLES.includes(table) ? await visibleRows(table, null) : [];
      const seenByA = (await visibleRows(table, { schoolId: a.schoolId })).filter((row) => !shared.includes(row));
      const seenByB = (await visibleRows(table, { schoolId: b.schoolId })).filter((row) => !shared.includes(row));
      expect(seenByA.length, table).toBeGreaterThan(0);
      expect(seenByB.length, table).toBeGreaterThan(0);
      expect(seenByA.filter((row) => seenByB.includes(row)), table).toEqual([]);
    }
    const asA = scoped(app, { schoolId: a.schoolId });
    expect((await asA.programme.findMany({ select: { id: true } })).map((p) => p.id)).toEqual([a.programmeId]);
    // Even a query that names school B, or B's row by its id, gets nothing.
    expect(await getProgramme({ db: asA, schoolId: b.schoolId, id: b.programmeId })).toBeNull();
    expect(await asA.programme.findUnique({ where: { id: b.programmeId } })).toBeNull();
    expect((await asA.programme.updateMany({ where: { id: b.programmeId }, data: { title: "Pris" } })).count).toBe(0);
    expect((await asA.mapping.deleteMany({})).count).toBe(1);
    expect(await owner.mapping.count({ where: { module: { programmeId: b.programmeId } } })).toBe(1);
  });

  it("la liste d'exigences de B n'existe pas pour A, même demandée par son nom ou au nom de B", async () => {
    const asA = scoped(app, { schoolId: a.schoolId });
    expect((await listLatestSheets({ db: asA, schoolId: a.schoolId })).map((sheet) => sheet.slug).sort()).toEqual([a.listSlug, "charge-e-commerce"].sort());
    expect(await findSheetVersion({ db: asA, slug: b.listSlug, schoolId: b.schoolId })).toBeNull();
    expect(await asA.referenceSheet.findUnique({ where: { slug: b.listSlug } })).toBeNull();
    expect(await asA.sheetRequirement.count({ where: { sheetVersion: { sheet: { slug: b.listSlug } } } })).toBe(0);
    expect((await asA.schoolList.findMany({ select: { schoolId: true } })).map((l) => l.schoolId)).toEqual([a.schoolId]);
    expect((await asA.referenceSheet.updateMany({ where: { slug: b.listSlug }, data: { kind: "job" } })).count).toBe(0);
    // Neither can A write a list, or a version, in B's name.
    await expect(asA.referenceSheet.create({ data: { slug: "lycee-beta~intrus", kind: "school", schoolId: b.schoolId } })).rejects.toThrow();
    const bSheet = await owner.referenceSheet.findUniqueOrThrow({ where: { slug: b.listSlug }, select: { id: true } });
    await expect(asA.referenceSheetVersion.create({ data: { sheetId: bSheet.id, version: 9, contentHash: "x", content: "{}", title: "Intrus", publisher: "A", sourceFile: "x", cncpMin: 1, cncpMax: 8 } })).rejects.toThrow();
    expect(await owner.referenceSheetVersion.count({ where: { sheetId: bSheet.id } })).toBe(1);
    // Without a school (a visitor), no list at all: the public sheets only.
    expect((await listLatestSheets({ db: app })).map((sheet) => sheet.slug)).toEqual(["charge-e-commerce"]);
  });

  it("une écriture pour un autre établissement que celui de la transaction est refusée", async () => {
    const asA = scoped(app, { schoolId: a.schoolId });
    await expect(asA.programme.create({ data: { schoolId: b.schoolId, title: "Intrus", diplomaType: "bts", level: 5, entryEcts: 0, semesters: 4 } })).rejects.toThrow();
    await expect(asA.programmeTarget.create({ data: { programmeId: b.programmeId, sheetSlug: "charge-e-commerce", sheetVersion: 1, position: 9 } })).rejects.toThrow();
    expect(await owner.programme.count({ where: { title: "Intrus" } })).toBe(0);
  });

  it("chaque requête HTTP a son propre établissement, même quand elles s'entrelacent", async () => {
    const request = (school: School) =>
      runWithRequestScope(async () => {
        expect(await app.programme.findMany()).toEqual([]);
        setRequestScope({ schoolId: school.schoolId, userId: school.userId });
        const seen: string[] = [];
        for (let i = 0; i < 5; i++) {
          seen.push(...(await app.programme.findMany({ select: { id: true } })).map((p) => p.id));
          const [modules] = await app.$transaction([app.module.findMany({ select: { programmeId: true } })]);
          seen.push(...modules.map((m) => m.programmeId));
          seen.push(...(await app.$transaction((tx) => tx.programme.findMany({ select: { id: true } }))).map((p) => p.id));
        }
        return seen;
      });
    const [seenByA, seenByB] = await Promise.all([request(a), request(b)]);
    expect(new Set(seenByA)).toEqual(new Set([a.programmeId]));
    expect(new Set(seenByB)).toEqual(new Set([b.programmeId]));
  });

  it("avant de connaître l'établissement : la session, le jeton et l'invitation se trouvent par leur secret, et seulement eux", async () => {
    const session = await findSession({ db: app, token: a.sessionToken });
    expect(session?.user.id).toBe(a.userId);
    expect(await findSession({ db: app, token: "un jeton inventé" })).toBeNull();
    // Holding A's session secret shows that session, not the other sessions.
    expect(await visibleRows("Session", { secret: session!.id })).toHaveLength(1);
    expect(await findApiToken({ db: app, token: b.apiToken })).toMatchObject({ school: { id: b.schoolId }, role: "admin" });
    expect(await findInvitation({ db: app, token: a.invitationToken })).toMatchObject({ school: { id: a.schoolId }, role: "teacher" });
    // The person, once proven, sees their own memberships (to choose a school), nobody else's.
    expect((await listMemberships({ db: app, userId: a.userId })).map((m) => m.school.id)).toEqual([a.schoolId]);
  });

  it("une lecture en un aller-retour n'agit que pour son périmètre, et ce périmètre ne survit pas à la lecture", async () => {
    const sql = Prisma.sql;
    expect(await readInScope(app, { schoolId: a.schoolId }, [sql`SELECT "id" FROM "Programme"`, sql`SELECT "id" FROM "Programme" WHERE "id" = ${b.programmeId}`])).toEqual([[{ id: a.programmeId }], []]);
    // The person a session stands for, found by its secret: their memberships, nobody else's.
    const secret = sha256(a.sessionToken);
    const person = (hash: string) => sql`(SELECT "userId" FROM "Session" WHERE "id" = ${hash})`;
    expect(await readInScope(app, { secret, userId: person(secret) }, [sql`SELECT "schoolId" FROM "Membership"`])).toEqual([[{ schoolId: a.schoolId }]]);
    expect(await readInScope(app, { secret: sha256("inventé"), userId: person(sha256("inventé")) }, [sql`SELECT "schoolId" FROM "Membership"`])).toEqual([[]]);
    // Values are written into the message: quotes and backslashes come back as they were.
    const tricky = "l'apostrophe \\'; SELECT 1; --";
    expect(await readInScope(app, {}, [sql`SELECT ${tricky} AS "v"`])).toEqual([[{ v: tricky }]]);
    // The next queries on the pool's connections act for nobody.
    for (let i = 0; i < 5; i++) {
      await readInScope(app, { schoolId: a.schoolId, userId: a.userId }, [sql`SELECT 1`]);
      expect(await app.$queryRaw`SELECT current_setting('app.school_id', true) AS "school", (SELECT count(*)::int FROM "Programme") AS "n"`).toEqual([{ school: "", n: 0 }]);
    }
  });

  it("s'inscrire, se connecter et accepter une invitation fonctionnent sous le rôle de l'application", async () => {
    const { school, user } = await signUpSchool({ db: app, schoolName: "Lycée Gamma", name: "Gaby", email: "gaby@gamma.fr", password: "un mot de passe solide" });
    expect(await createSession({ db: app, userId: user.id, schoolId: school.id })).toBeTruthy();
    const joined = await acceptInvitation({ db: app, token: a.invitationToken, name: "Prof Alpha", password: "mot de passe du prof" });
    expect(joined).toMatchObject({ schoolId: a.schoolId });
    expect(await owner.membership.findFirst({ where: { userId: joined!.userId }, select: { schoolId: true, role: true } })).toEqual({ schoolId: a.schoolId, role: "teacher" });
    expect(await owner.auditLog.count({ where: { schoolId: school.id, action: "create", entity: "school" } })).toBe(1);
  });

  it("le journal d'audit est en ajout seul : le rôle de l'application n'a pas le droit d'y toucher, et la base refuse au propriétaire", async () => {
    const asA = scoped(app, { schoolId: a.schoolId });
    await expect(asA.auditLog.updateMany({ data: { action: "effacé" } })).rejects.toThrow(/permission denied/);
    await expect(asA.auditLog.deleteMany({})).rejects.toThrow(/permission denied/);
    await expect(owner.$executeRawUnsafe(`UPDATE "AuditLog" SET "action" = 'effacé'`)).rejects.toThrow(/ajout seul/);
    await expect(owner.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(/ajout seul/);
    expect(await owner.auditLog.count({ where: { action: "effacé" } })).toBe(0);
  });
});
