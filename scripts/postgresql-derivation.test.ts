import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  derivePostgresSchema,
  managedDifference,
  parseModels,
  policyFingerprint,
  POLICY_NAME,
  refusalTriggers,
  createTriggerSql,
  rowSecurityPlan,
  triggerFingerprint,
  type ManagedState,
} from "./postgresql-derivation";

const SCHEMA = `
generator client {
  provider = "prisma-client"
  output   = "../app/generated/prisma"
}
datasource db {
  provider = "sqlite" // the embedded default
}
model School {
  id       String    @id
  courses  Course[]
}
/// A school's course.
model Course {
  id       String    @id
  schoolId String    @map("school_id")
  school   School    @relation(fields: [schoolId], references: [id])
  lessons  Lesson[]
  @@map("courses")
}
model Lesson {
  id       String    @id
  courseId String
  course   Course    @relation(fields: [courseId], references: [id])
  notes    Note[]
}
model Note {
  id       String    @id
  lessonId String
  lesson   Lesson    @relation(fields: [lessonId], references: [id])
}
model Draft {
  id       String    @id
  lessonId String?
  lesson   Lesson?   @relation(fields: [lessonId], references: [id])
}
model Event {
  id       Int       @id @default(autoincrement())
  schoolId String?
}
/// Public when it names no school, else its school's own.
model Shelf {
  id       String    @id
  schoolId String?
  books    Book[]
}
model Book {
  id       String    @id
  shelfId  String
  shelf    Shelf     @relation(fields: [shelfId], references: [id])
}
`;

describe("dérivation du chemin PostgreSQL", () => {
  it("le schéma PostgreSQL est le même schéma, avec son fournisseur et son propre client", () => {
    const derived = derivePostgresSchema(SCHEMA);
    expect(derived).toMatch(/^\/\/ DERIVED FILE: do not edit/);
    expect(derived).toContain('provider = "postgresql" // the embedded default');
    expect(derived).toContain('output   = "../../app/generated/prisma-pg"');
    expect(derived.replace(/^\/\/.*\n/gm, "")).toBe(SCHEMA.replace('"sqlite"', '"postgresql"').replace('"../app/generated/prisma"', '"../../app/generated/prisma-pg"').replace(/^\/\/.*\n/gm, ""));
    expect(() => derivePostgresSchema(SCHEMA.replace('"sqlite"', '"mysql"'))).toThrow(/provider = "sqlite"/);
  });

  it("chaque table d'établissement a sa règle : par sa colonne, ou par la ligne de son parent, de proche en proche", () => {
    const plan = rowSecurityPlan(parseModels(SCHEMA), {}, []);
    expect(plan.map((p) => [p.table, p.via])).toEqual([
      ["courses", { column: "school_id" }],
      ["Lesson", { parent: "courses" }],
      ["Note", { parent: "Lesson" }],
      ["Event", { column: "schoolId" }],
      ["Shelf", { column: "schoolId" }],
      ["Book", { parent: "Shelf" }],
    ]);
    const lesson = plan.find((p) => p.table === "Lesson")!;
    expect(lesson.using).toBe(`EXISTS (SELECT 1 FROM "courses" AS parent WHERE parent."id" = "Lesson"."courseId")`);
    // A row tied to no school (nullable column) may be written, never read through the wall.
    const event = plan.find((p) => p.table === "Event")!;
    expect(event.using).toBe(`"schoolId" = current_setting('app.school_id', true)`);
    expect(event.check).toBe(`"schoolId" = current_setting('app.school_id', true) OR "schoolId" IS NULL`);
  });

  it("une table dont les lignes sans établissement sont publiques : tout le monde les lit, ses enfants aussi ; les autres restent à leur établissement", () => {
    const plan = rowSecurityPlan(parseModels(SCHEMA), {}, ["Shelf"]);
    const shelf = plan.find((p) => p.table === "Shelf")!;
    expect(shelf.publicWithoutSchool).toBe(true);
    expect(shelf.using).toBe(`"schoolId" = current_setting('app.school_id', true) OR "schoolId" IS NULL`);
    expect(shelf.check).toBe(shelf.using);
    expect(plan.find((p) => p.table === "Book")).toMatchObject({ publicWithoutSchool: true, using: `EXISTS (SELECT 1 FROM "Shelf" AS parent WHERE parent."id" = "Book"."shelfId")` });
    expect(plan.filter((p) => p.publicWithoutSchool).map((p) => p.table)).toEqual(["Shelf", "Book"]);
    // Only a model whose school is optional can have public rows.
    expect(() => rowSecurityPlan(parseModels(SCHEMA), {}, ["Course"])).toThrow(/Course/);
    expect(() => rowSecurityPlan(parseModels(SCHEMA), {}, ["Ghost"])).toThrow(/Ghost/);
  });

  it("les accès d'avant l'établissement s'ajoutent à la règle, et une entrée qui ne correspond plus au schéma est refusée", () => {
    const [course] = rowSecurityPlan(parseModels(SCHEMA), { Course: { person: "id", secret: "schoolId" } }, []);
    expect(course.using).toBe(`"school_id" = current_setting('app.school_id', true) OR "id" = current_setting('app.user_id', true) OR "school_id" = current_setting('app.secret', true)`);
    expect(() => rowSecurityPlan(parseModels(SCHEMA), { Course: { person: "ownerId" } }, [])).toThrow(/Course n'a pas de champ ownerId/);
    expect(() => rowSecurityPlan(parseModels(SCHEMA), { Ghost: {} }, [])).toThrow(/Ghost/);
  });

  it("le vrai schéma : toutes les tables qui portent un schoolId, et leurs tables enfants", () => {
    const plan = rowSecurityPlan(parseModels(readFileSync("prisma/schema.prisma", "utf8")));
    const tables = plan.map((p) => p.table);
    for (const table of ["Programme", "Module", "Membership", "Session", "Invitation", "ApiToken", "AuditLog", "Mapping", "ProgrammeTarget", "ModuleTeacher", "ProgrammeReviewer"]) {
      expect(tables).toContain(table);
    }
    for (const table of ["School", "User", "TransversalResource", "KnowledgeDomain", "RateLimitHit"]) expect(tables).not.toContain(table);
    // Reference sheets: public without a school, a school's own list with one (docs/decisions/054).
    expect(plan.filter((p) => p.publicWithoutSchool).map((p) => p.table)).toEqual(["ReferenceSheet", "ReferenceSheetVersion", "SheetRequirement"]);
    expect(plan.find((p) => p.table === "SchoolList")).toMatchObject({ publicWithoutSchool: false, via: { column: "schoolId" } });
  });

  it("les déclencheurs d'ajout seul des migrations SQLite, rejoués dans l'ordre, avec TRUNCATE en plus", () => {
    const create = (name: string, event: string, message: string) => `CREATE TRIGGER "${name}" BEFORE ${event} ON "Log"\nBEGIN\n    SELECT RAISE(ABORT, '${message}');\nEND;`;
    const triggers = refusalTriggers([`${create("Log_no_update", "UPDATE", "l''ajout seul")}\n${create("Log_no_delete", "DELETE", "non")}`, `DROP TRIGGER "Log_no_update";`]);
    expect(triggers).toEqual([
      { name: "Log_no_delete", table: "Log", event: "DELETE", message: "non" },
      { name: "Log_no_delete_truncate", table: "Log", event: "TRUNCATE", message: "non" },
    ]);
    expect(refusalTriggers([create("Log_no_update", "UPDATE", "l''ajout seul")])[0].message).toBe("l'ajout seul");
    expect(() => refusalTriggers([`CREATE TRIGGER "touch" AFTER UPDATE ON "Log" BEGIN UPDATE "Log" SET x = 1; END;`])).toThrow(/touch/);
  });

  it("un déclencheur limité à des colonnes (UPDATE OF) garde ses colonnes sur PostgreSQL", () => {
    const [trigger] = refusalTriggers([`CREATE TRIGGER "Version_frozen" BEFORE UPDATE OF "snapshot", "hash" ON "Version"\nBEGIN\n    SELECT RAISE(ABORT, 'figée');\nEND;`]);
    expect(trigger).toEqual({ name: "Version_frozen", table: "Version", event: "UPDATE", message: "figée", columns: ["snapshot", "hash"] });
    expect(createTriggerSql(trigger)).toContain(`BEFORE UPDATE OF "snapshot", "hash" ON "Version"`);
  });

  it("ce qui existe déjà et n'a pas changé n'est pas réécrit ; une règle changée est retirée avant les tables et recréée après", () => {
    const plan = rowSecurityPlan(parseModels(SCHEMA), {}, []);
    const triggers = refusalTriggers([`CREATE TRIGGER "Event_no_update" BEFORE UPDATE ON "Event" BEGIN SELECT RAISE(ABORT, 'non'); END;`]);
    const tables = ["School", "courses", "Lesson", "Note", "Draft", "Event"];
    const built: ManagedState = {
      tables,
      rowSecurity: plan.map((p) => p.table),
      policies: plan.map((p) => ({ table: p.table, name: POLICY_NAME, comment: policyFingerprint(p) })),
      triggers: triggers.map((t) => ({ table: t.table, name: t.name, comment: triggerFingerprint(t) })),
      hasRefusalFunction: true,
    };
    expect(managedDifference(built, plan, triggers, tables)).toEqual({ before: [], after: [] });

    const changed = { ...built, policies: built.policies.map((p) => (p.table === "Lesson" ? { ...p, comment: "maquette:ancienne" } : p)) };
    const { before, after } = managedDifference(changed, plan, triggers, tables);
    expect(before).toEqual([`DROP POLICY "${POLICY_NAME}" ON "Lesson";`]);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(/^CREATE POLICY "maquette_tenant" ON "Lesson"/);

    const fresh = managedDifference({ tables: [], rowSecurity: [], policies: [], triggers: [], hasRefusalFunction: false }, plan, triggers, tables);
    expect(fresh.before).toEqual([]);
    expect(fresh.after.filter((sql) => sql.startsWith("ALTER TABLE"))).toHaveLength(plan.length);
    expect(fresh.after.some((sql) => sql.startsWith('CREATE OR REPLACE FUNCTION "maquette_refuse_change"'))).toBe(true);

    const withoutEvent = managedDifference(built, plan.filter((p) => p.table !== "Event"), triggers, tables);
    expect(withoutEvent.before).toEqual([`DROP POLICY "${POLICY_NAME}" ON "Event";`, `ALTER TABLE "Event" DISABLE ROW LEVEL SECURITY;`]);
  });
});
