import { afterAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  changePassword,
  createApiToken,
  createInvitation,
  createSession,
  findApiToken,
  findInvitation,
  findSession,
  revokeApiToken,
  signUpSchool,
  verifyLogin,
} from "~/models/account.server";
import { RATE_LIMIT, takeAttempt } from "~/models/rate-limit.server";
import { audit } from "~/models/audit.server";
import { createDb } from "~/utils/create-db.server";
import { rawStatement } from "../setup/test-database";

const db = createDb();
afterAll(() => db.$disconnect());

describe("comptes et sessions", () => {
  it("même réponse pour un compte inconnu et un mauvais mot de passe ; le bon mot de passe ouvre", async () => {
    await signUpSchool({ db, schoolName: "Lycée Test", name: "Ada Test", email: " Ada@Test.fr ", password: "un long mot de passe" });
    expect(await verifyLogin({ db, email: "ada@test.fr", password: "mauvais mot de passe" })).toBeNull();
    expect(await verifyLogin({ db, email: "personne@test.fr", password: "un long mot de passe" })).toBeNull();
    expect(await verifyLogin({ db, email: "ADA@test.fr", password: "un long mot de passe" })).not.toBeNull();
    const row = await db.user.findUniqueOrThrow({ where: { email: "ada@test.fr" } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(row.passwordHash).not.toContain("un long mot de passe");
  });

  it("chaque connexion crée un nouvel identifiant de session, dont seule l'empreinte est stockée", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "ada@test.fr" } });
    const a = await createSession({ db, userId: user.id, schoolId: null });
    const b = await createSession({ db, userId: user.id, schoolId: null });
    expect(a).not.toBe(b);
    expect(Buffer.from(a, "base64url")).toHaveLength(32);
    expect(await db.session.findUnique({ where: { id: a } })).toBeNull();
    expect(await findSession({ db, token: a })).not.toBeNull();
  });

  it("changer de mot de passe ferme les autres sessions", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "ada@test.fr" } });
    const keep = await createSession({ db, userId: user.id, schoolId: null });
    const other = await createSession({ db, userId: user.id, schoolId: null });
    const kept = (await findSession({ db, token: keep }))!;
    await changePassword({ db, userId: user.id, newPassword: "encore un autre mot de passe", keepSessionId: kept.id, actor: { userId: user.id, schoolId: null } });
    expect((await findSession({ db, token: other }))!.revokedAt).not.toBeNull();
    expect((await findSession({ db, token: keep }))!.revokedAt).toBeNull();
    expect(await verifyLogin({ db, email: "ada@test.fr", password: "encore un autre mot de passe" })).not.toBeNull();
  });

  it("la limite : la 11e tentative dans la minute est refusée, par adresse ou par compte ; une réussite rend sa place", async () => {
    const now = new Date("2026-11-22T10:00:30Z");
    const keys = ["ip:10.1.1.1", "account:x@test.fr"];
    const first = await takeAttempt({ db, keys, now });
    expect(first).not.toBeNull();
    // A check that succeeded gives its place back: it does not count.
    await first!.refund();
    for (let i = 0; i < RATE_LIMIT.attempts; i++) expect(await takeAttempt({ db, keys, now }), `tentative ${i + 1}`).not.toBeNull();
    expect(await takeAttempt({ db, keys: ["ip:10.1.1.1"], now })).toBeNull();
    expect(await takeAttempt({ db, keys: ["ip:10.9.9.9", "account:x@test.fr"], now })).toBeNull();
    // Refused under the account, the other key's place was given back.
    for (let i = 0; i < RATE_LIMIT.attempts; i++) expect(await takeAttempt({ db, keys: ["ip:10.9.9.9"], now }), `autre adresse ${i + 1}`).not.toBeNull();
    // Any minute counts: 59 seconds later they all still do; a minute later, none.
    expect(await takeAttempt({ db, keys, now: new Date(now.getTime() + 59_000) })).toBeNull();
    expect(await takeAttempt({ db, keys, now: new Date(now.getTime() + 60_000) })).not.toBeNull();
  });

  it("la limite : des tentatives simultanées n'en passent jamais plus de 10", async () => {
    const now = new Date("2026-11-22T11:00:10Z");
    const taken = await Promise.all(Array.from({ length: 40 }, () => takeAttempt({ db, keys: ["account:parallele@test.fr"], now })));
    expect(taken.filter((attempt) => attempt !== null)).toHaveLength(RATE_LIMIT.attempts);
  });

  it("une invitation ne sert qu'une fois et expire", async () => {
    const school = await db.school.findFirstOrThrow({ where: { name: "Lycée Test" } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: "ada@test.fr" } });
    const actor = { userId: admin.id, schoolId: school.id };
    const { token } = await createInvitation({ db, schoolId: school.id, email: "Prof@Test.fr", role: "teacher", actor });
    expect(await findInvitation({ db, token })).toMatchObject({ email: "prof@test.fr", role: "teacher" });
    const accepted = await acceptInvitation({ db, token, name: "Prof Test", password: "mot de passe du prof" });
    expect(accepted).not.toBeNull();
    expect(await acceptInvitation({ db, token, name: "Intrus", password: "autre mot de passe" })).toBeNull();
    expect(await db.membership.findFirst({ where: { schoolId: school.id, user: { email: "prof@test.fr" } } })).toMatchObject({ role: "teacher" });
    const late = await createInvitation({ db, schoolId: school.id, email: "tard@test.fr", role: "reviewer", actor, now: new Date("2020-01-01T00:00:00Z") });
    expect(await findInvitation({ db, token: late.token })).toBeNull();
  });

  it("un lien prévu pour un nouveau compte ne rejoint pas un compte créé entre-temps ; un compte existant ne rejoint qu'avec son propre identifiant", async () => {
    const school = await db.school.findFirstOrThrow({ where: { name: "Lycée Test" } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: "ada@test.fr" } });
    const { token } = await createInvitation({ db, schoolId: school.id, email: "tardive@test.fr", role: "teacher", actor: { userId: admin.id, schoolId: school.id } });
    // The address gets an account of its own after the invitation was sent.
    const { user } = await signUpSchool({ db, schoolName: "Autre lycée", name: "Tardive", email: "tardive@test.fr", password: "le vrai mot de passe" });
    expect(await acceptInvitation({ db, token, name: "Intrus", password: "mot de passe de l'intrus" })).toBeNull();
    expect(await verifyLogin({ db, email: "tardive@test.fr", password: "mot de passe de l'intrus" })).toBeNull();
    expect(await acceptInvitation({ db, token, userId: admin.id })).toBeNull();
    expect(await db.membership.count({ where: { schoolId: school.id, userId: user.id } })).toBe(0);
    // The link is still valid for the account's owner.
    expect(await acceptInvitation({ db, token, userId: user.id })).toEqual({ userId: user.id, schoolId: school.id });
    expect(await db.membership.findFirst({ where: { schoolId: school.id, userId: user.id }, select: { role: true } })).toEqual({ role: "teacher" });
  });

  it("un jeton d'API est stocké haché, porte l'établissement et le rôle, et se révoque", async () => {
    const school = await db.school.findFirstOrThrow({ where: { name: "Lycée Test" } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: "ada@test.fr" } });
    const { id, token } = await createApiToken({ db, userId: admin.id, schoolId: school.id, name: "script", actor: { userId: admin.id, schoolId: school.id } });
    expect(await db.apiToken.findFirst({ where: { tokenHash: token } })).toBeNull();
    expect(await findApiToken({ db, token })).toMatchObject({ role: "admin", school: { id: school.id } });
    await revokeApiToken({ db, userId: admin.id, id, actor: { userId: admin.id, schoolId: school.id } });
    expect(await findApiToken({ db, token })).toBeNull();
  });
});

describe("journal d'audit", () => {
  it("la base refuse de modifier ou de supprimer une ligne du journal", async () => {
    await audit(db, { userId: null, schoolId: null }, { action: "test", entity: "test" });
    await expect(rawStatement(`UPDATE "AuditLog" SET "action" = 'effacé'`)).rejects.toThrow(/ajout seul/);
    await expect(rawStatement(`DELETE FROM "AuditLog"`)).rejects.toThrow(/ajout seul/);
    await expect(db.auditLog.deleteMany({})).rejects.toThrow();
    expect(await db.auditLog.count({ where: { action: "test" } })).toBe(1);
  });

  it("une écriture et sa ligne d'audit sont enregistrées ensemble ou pas du tout", async () => {
    const before = await db.auditLog.count();
    await expect(
      db.$transaction(async (tx) => {
        await audit(tx, { userId: null, schoolId: null }, { action: "create", entity: "school" });
        await tx.school.create({ data: { slug: "lycee-test", name: "Doublon de slug" } });
      }),
    ).rejects.toThrow();
    expect(await db.auditLog.count()).toBe(before);
  });
});
