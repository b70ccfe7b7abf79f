import { generateSync } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvitation, acceptInvitation, createSession, findSession, signUpSchool, verifyLogin } from "~/models/account.server";
import { checkSecondFactor, confirmEnrolment, createSignInStep, findSignInStep, finishSignInStep, pendingEnrolment, secondFactorState, startEnrolment } from "~/models/second-factor.server";
import { applyPasswordReset, createPasswordReset, endSession, findPasswordReset, listSessions, sessionHandle } from "~/models/security.server";
import { getCurrentUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireRecentAuthentication, resumeAddress, sensitiveForm } from "~/utils/reauthentication.server";
import { requireSheetImporter } from "~/utils/reference-sheet-request.server";

afterAll(() => db.$disconnect());

/**
 * Account security against the real database (SQLite, and PostgreSQL in its pass): second
 * factors and their codes used once, reset links, sessions per device, and the change kept while
 * the person confirms who they are.
 */
let admin = { userId: "", schoolId: "" };
let teacherId = "";
const codeAt = (secret: string, secondsFromNow = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + secondsFromNow });

beforeAll(async () => {
  const { school, user } = await signUpSchool({ db, schoolName: "Lycée de la sécurité", name: "Alice Admin", email: "alice@securite.fr", password: "le mot de passe d'alice" });
  admin = { userId: user.id, schoolId: school.id };
  const { token } = await createInvitation({ db, schoolId: school.id, email: "theo@securite.fr", role: "teacher", actor: admin });
  teacherId = (await acceptInvitation({ db, token, name: "Théo Prof", password: "le mot de passe de théo" }))!.userId;
});

describe("second facteur", () => {
  it("un administrateur doit en avoir un ; un enseignant non", async () => {
    expect((await secondFactorState({ db, userId: admin.userId })).required).toBe(true);
    expect((await secondFactorState({ db, userId: teacherId })).required).toBe(false);
  });

  it("activé par un premier code ; un code ne sert qu'une fois ; les codes de secours ne sont gardés qu'en empreinte et servent une fois", async () => {
    const actor = { userId: teacherId, schoolId: admin.schoolId };
    const secret = (await startEnrolment({ db, userId: teacherId }))!;
    expect((await pendingEnrolment({ db, userId: teacherId, email: "theo@securite.fr" }))!.uri).toMatch(/^otpauth:\/\/totp\/Maquette:theo%40securite\.fr\?secret=/);
    expect(await confirmEnrolment({ db, userId: teacherId, code: "000000", actor })).toBeNull();
    const first = codeAt(secret);
    const codes = (await confirmEnrolment({ db, userId: teacherId, code: first, actor }))!;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(await startEnrolment({ db, userId: teacherId })).toBeNull();

    // The code that confirmed the enrolment is used up; the next step's is accepted once.
    expect(await checkSecondFactor({ db, userId: teacherId, code: first, actor })).toBeNull();
    const next = codeAt(secret, 30);
    const both = await Promise.all([checkSecondFactor({ db, userId: teacherId, code: next, actor }), checkSecondFactor({ db, userId: teacherId, code: next, actor })]);
    expect(both.filter((r) => r === "totp")).toHaveLength(1);

    const stored = await db.recoveryCode.findMany({ where: { userId: teacherId }, select: { codeHash: true } });
    expect(stored.map((r) => r.codeHash)).not.toContain(codes[0]);
    expect(await checkSecondFactor({ db, userId: teacherId, code: codes[0].toLowerCase().replace(/(.{4})/g, "$1-"), actor })).toBe("recovery");
    expect(await checkSecondFactor({ db, userId: teacherId, code: codes[0], actor })).toBeNull();
    expect((await secondFactorState({ db, userId: teacherId })).recoveryCodesLeft).toBe(9);
  });

  it("l'étape de connexion sert une fois et expire", async () => {
    const token = await createSignInStep({ db, userId: teacherId, kind: "code", redirectTo: "/programmes" });
    const step = (await findSignInStep({ db, token }))!;
    expect(step.user.email).toBe("theo@securite.fr");
    expect(await findSignInStep({ db, token, now: new Date(Date.now() + 11 * 60_000) })).toBeNull();
    expect(await finishSignInStep({ db, id: step.id })).toBe(true);
    expect(await finishSignInStep({ db, id: step.id })).toBe(false);
    expect(await findSignInStep({ db, token })).toBeNull();
  });
});

describe("sessions par appareil", () => {
  it("la liste montre l'appareil et l'adresse, jamais l'identifiant ; une session terminée n'ouvre plus rien", async () => {
    const here = await createSession({ db, userId: teacherId, schoolId: admin.schoolId, device: { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", address: "192.0.2.7" } });
    const there = await createSession({ db, userId: teacherId, schoolId: admin.schoolId, device: { userAgent: "curl/8", address: "198.51.100.9" } });
    const thereId = (await findSession({ db, token: there }))!.id;
    const sessions = await listSessions({ db, userId: teacherId });
    expect(sessions.find((s) => s.address === "192.0.2.7")?.userAgent).toContain("Firefox");
    expect(sessions.map((s) => s.handle)).not.toContain(thereId);
    expect(await endSession({ db, userId: admin.userId, handle: sessionHandle(thereId), actor: admin })).toBe(false);
    expect(await endSession({ db, userId: teacherId, handle: sessionHandle(thereId), actor: { userId: teacherId, schoolId: admin.schoolId } })).toBe(true);
    expect(await getCurrentUser(new Request("http://localhost/", { headers: { Cookie: `maquette_session=${there}` } }))).toBeNull();
    expect(await getCurrentUser(new Request("http://localhost/", { headers: { Cookie: `maquette_session=${here}` } }))).not.toBeNull();
  });
});

describe("lien de nouveau mot de passe", () => {
  it("une fois, 24 heures, il ferme toutes les sessions du membre ; jamais pour soi-même ni pour un membre d'un autre établissement", async () => {
    const membership = await db.membership.findFirstOrThrow({ where: { userId: teacherId, schoolId: admin.schoolId } });
    const session = await createSession({ db, userId: teacherId, schoolId: admin.schoolId });
    const created = await createPasswordReset({ db, schoolId: admin.schoolId, membershipId: membership.id, actor: admin });
    if (created.outcome !== "ok") throw new Error(created.outcome);
    expect(await findPasswordReset({ db, token: created.token, now: new Date(Date.now() + 25 * 60 * 60_000) })).toBeNull();
    expect((await findPasswordReset({ db, token: created.token }))!.user.email).toBe("theo@securite.fr");
    expect(await applyPasswordReset({ db, token: created.token, password: "un tout nouveau mot de passe" })).toBe(true);
    expect(await applyPasswordReset({ db, token: created.token, password: "encore un autre mot de passe" })).toBe(false);
    expect(await verifyLogin({ db, email: "theo@securite.fr", password: "un tout nouveau mot de passe" })).not.toBeNull();
    expect((await findSession({ db, token: session }))!.revokedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: { in: ["create_password_reset", "use_password_reset"] } } })).toBe(2);

    const own = await db.membership.findFirstOrThrow({ where: { userId: admin.userId } });
    expect((await createPasswordReset({ db, schoolId: admin.schoolId, membershipId: own.id, actor: admin })).outcome).toBe("yourself");
    const other = await signUpSchool({ db, schoolName: "Autre lycée", name: "Béa Autre", email: "bea@autre.fr", password: "le mot de passe de béa" });
    const { token } = await createInvitation({ db, schoolId: other.school.id, email: "theo@securite.fr", role: "teacher", actor: { userId: other.user.id, schoolId: other.school.id } });
    await acceptInvitation({ db, token, userId: teacherId });
    expect((await createPasswordReset({ db, schoolId: admin.schoolId, membershipId: membership.id, actor: admin })).outcome).toBe("other_school");
  });
});

describe("confirmer son identité avant un changement sensible", () => {
  it("après 10 minutes, le formulaire (fichier compris) est gardé, puis rendu tel quel au retour ; dans les 10 minutes, rien n'est demandé", async () => {
    const token = await createSession({ db, userId: admin.userId, schoolId: admin.schoolId, now: new Date(Date.now() - 11 * 60_000) });
    const found = (await findSession({ db, token }))!;
    const session = { sessionId: found.id, authenticatedAt: found.authenticatedAt };
    const form = new FormData();
    form.append("intent", "change-role");
    form.append("role", "reviewer");
    form.append("file", new File([new TextEncoder().encode("{\"é\": 1}")], "fiche.json", { type: "application/json" }));
    const request = new Request("http://localhost/etablissement/membres", { method: "POST" });
    const thrown = await requireRecentAuthentication(request, session, form).catch((e: unknown) => e);
    expect((thrown as Response).headers.get("Location")).toBe("/confirmer");

    const pending = await db.pendingConfirmation.findUniqueOrThrow({ where: { sessionId: session.sessionId } });
    const back = new Request(`http://localhost${resumeAddress(pending.path, String(pending.createdAt.getTime()))}`, { method: "POST", body: new URLSearchParams() });
    const kept = await sensitiveForm(back, session);
    expect(kept.get("role")).toBe("reviewer");
    expect(await (kept.get("file") as File).text()).toBe("{\"é\": 1}");
    expect((kept.get("file") as File).name).toBe("fiche.json");
    // Taken once: the same address again reads the request's own form.
    const again = await sensitiveForm(new Request(back.url, { method: "POST", body: new URLSearchParams({ intent: "invite" }) }), session);
    expect(again.get("intent")).toBe("invite");

    await expect(requireRecentAuthentication(request, { ...session, authenticatedAt: new Date(Date.now() - 9 * 60_000) }, form)).resolves.toBeUndefined();
  });

  it("importer un référentiel RNCP : après 10 minutes, envoyé confirmer avant que le fichier soit lu, puis renvoyé à la page d'import", async () => {
    const token = await createSession({ db, userId: admin.userId, schoolId: admin.schoolId });
    const request = () => new Request("http://localhost/referentiels/importer/rncp", { method: "POST", headers: { Cookie: `maquette_session=${token}` } });
    await expect(requireSheetImporter(request())).resolves.toMatchObject({ role: "admin" });
    const found = (await findSession({ db, token }))!;
    await db.session.update({ where: { id: found.id }, data: { authenticatedAt: new Date(Date.now() - 11 * 60_000) } });
    const thrown = await requireSheetImporter(request()).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/confirmer?redirectTo=%2Freferentiels%2Fimporter");
    // The page's own sheet file is kept while the person confirms: its action checks later.
    await expect(requireSheetImporter(request(), { keepsForm: true })).resolves.toMatchObject({ role: "admin" });
  });
});
