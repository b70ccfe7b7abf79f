import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, revokeOtherSessions, revokeSession, signUpSchool } from "~/models/account.server";
import { Prisma } from "~/generated/prisma/client";
import { getCurrentUser, getCurrentUserWith, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { scoped } from "~/utils/db-scope.server";

afterAll(() => db.$disconnect());

/**
 * The session lifecycle through the guard every page uses (getCurrentUser reads the cookie and
 * the database), with time passed in rather than waited for.
 */
const t0 = new Date("2026-11-22T08:00:00Z");
const after = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const withCookie = (token: string) => new Request("http://localhost/programmes?tri=titre", { headers: { Cookie: `maquette_session=${token}` } });

let userId = "";
let schoolId = "";
async function signIn(at = t0) {
  return createSession({ db, userId, schoolId, now: at });
}

describe("cycle de vie d'une session", () => {
  beforeAll(async () => {
    ({ user: { id: userId }, school: { id: schoolId } } = await signUpSchool({ db, schoolName: "Lycée des sessions", name: "Sam Session", email: "sam@sessions.fr", password: "un mot de passe de session" }));
  });

  it("sans cookie ou avec un jeton inconnu, personne n'est connecté, et une page protégée renvoie vers la connexion avec le retour", async () => {
    expect(await getCurrentUser(new Request("http://localhost/"))).toBeNull();
    expect(await getCurrentUser(withCookie("inconnu"))).toBeNull();
    const thrown = await requireUser(withCookie("inconnu")).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Location")).toBe("/connexion?redirectTo=%2Fprogrammes%3Ftri%3Dtitre");
  });

  it("chaque connexion donne un nouvel identifiant ; l'ancienne session reste distincte", async () => {
    const first = await signIn();
    const second = await signIn();
    expect(second).not.toBe(first);
    const a = await getCurrentUser(withCookie(first), t0);
    const b = await getCurrentUser(withCookie(second), t0);
    expect(a?.sessionId).not.toBe(b?.sessionId);
    expect(b?.current?.school.id).toBe(schoolId);
  });

  it("l'activité prolonge la session ; 30 minutes sans activité la ferment", async () => {
    const token = await signIn();
    expect(await getCurrentUser(withCookie(token), after(29))).not.toBeNull();
    // Active at 29 minutes, so still open 29 minutes later.
    expect(await getCurrentUser(withCookie(token), after(58))).not.toBeNull();
    expect(await getCurrentUser(withCookie(token), after(58 + 30))).toBeNull();
    // Once idle, later activity does not bring it back.
    expect(await getCurrentUser(withCookie(token), after(58 + 31))).toBeNull();
  });

  it("12 heures après la connexion, la session est fermée même avec de l'activité", async () => {
    const token = await signIn();
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      expect(await getCurrentUser(withCookie(token), after(minutes)), `à ${minutes} minutes`).not.toBeNull();
    }
    expect(await getCurrentUser(withCookie(token), after(12 * 60))).toBeNull();
  });

  it("la déconnexion ferme cette session seulement", async () => {
    const here = await signIn();
    const elsewhere = await signIn();
    const current = (await getCurrentUser(withCookie(here), t0))!;
    await revokeSession({ db, id: current.sessionId, actor: { userId, schoolId } });
    expect(await getCurrentUser(withCookie(here), t0)).toBeNull();
    expect(await getCurrentUser(withCookie(elsewhere), t0)).not.toBeNull();
  });

  it("« déconnecter mes autres sessions » ferme toutes les autres et garde celle-ci", async () => {
    const here = await signIn();
    const others = [await signIn(), await signIn()];
    const current = (await getCurrentUser(withCookie(here), t0))!;
    expect(await revokeOtherSessions({ db, userId, keepId: current.sessionId, actor: { userId, schoolId } })).toBeGreaterThanOrEqual(2);
    expect(await getCurrentUser(withCookie(here), t0)).not.toBeNull();
    for (const token of others) expect(await getCurrentUser(withCookie(token), t0)).toBeNull();
    expect(await db.auditLog.count({ where: { userId, action: "revoke_other_sessions" } })).toBe(1);
  });
});

describe("lectures faites avec la session (réponses gardées)", () => {
  const schoolRead = (school: Prisma.Sql) => [Prisma.sql`SELECT "id" FROM "School" WHERE "id" = ${school}`];

  it("elles se font dans l'établissement en usage ; quand la base en prend un autre que l'application, elles ne sont pas rendues", async () => {
    const { user, school: first } = await signUpSchool({ db, schoolName: "Lycée Premier", name: "Dora Double", email: "dora@premier.fr", password: "un mot de passe double" });
    const second = await db.school.create({ data: { slug: "lycee-second", name: "Lycée Second" } });
    await scoped(db, { schoolId: second.id }).membership.create({ data: { userId: user.id, schoolId: second.id, role: "teacher" } });

    // The session's school, when the person belongs to it; else the oldest membership's.
    const inSecond = await getCurrentUserWith(withCookie(await createSession({ db, userId: user.id, schoolId: second.id })), schoolRead);
    expect(inSecond?.current.current?.school.id).toBe(second.id);
    expect(inSecond?.rows).toEqual([[{ id: second.id }]]);
    const noSchool = await getCurrentUserWith(withCookie(await createSession({ db, userId: user.id, schoolId: null })), schoolRead);
    expect(noSchool?.current.current?.school.id).toBe(first.id);
    expect(noSchool?.rows).toEqual([[{ id: first.id }]]);

    // A role the application does not know: the database still takes that school, the
    // application the other one; the rows read in the wrong school are not given.
    await scoped(db, { schoolId: second.id }).membership.updateMany({ where: { userId: user.id, schoolId: second.id }, data: { role: "inconnu" } });
    const disagree = await getCurrentUserWith(withCookie(await createSession({ db, userId: user.id, schoolId: second.id })), schoolRead);
    expect(disagree?.current.current?.school.id).toBe(first.id);
    expect(disagree?.rows).toBeNull();
    expect(await getCurrentUserWith(withCookie("inconnu"), schoolRead)).toBeNull();
  });
});
