import { readFileSync } from "node:fs";
import { rawStatement } from "../setup/test-database";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~/utils/create-db.server";
import type { ProgrammeForm } from "~/domain/programme";
import { moduleForm } from "./programme-fixtures";
import type { ReferenceSheetData } from "~/domain/reference-data";
import { createModule, createProgramme, getProgramme, setMapping, updateModule } from "~/models/programme.server";
import { compareVersions, duplicateProgramme, getVersion, listVersions, publishVersion, restoreVersion } from "~/models/programme-version.server";
import { addComment, editComment, listComments, moveReview, pendingReviews } from "~/models/review.server";
import { saveSheetVersion } from "~/models/reference-sheet.server";
import { listProgrammeHistory } from "~/models/audit.server";
import { actionsOfKind } from "~/domain/history";

const db = createDb();
let schoolId: string;
let managerId: string;
let reviewerId: string;
const manager = () => ({ userId: managerId, schoolId });
const reviewer = () => ({ userId: reviewerId, schoolId });

const sheet = JSON.parse(readFileSync("seed/reference-sheets/charge-e-commerce.json", "utf8")) as ReferenceSheetData;
const form: ProgrammeForm = { title: "BTS versionné", diplomaType: "bts", level: 5, entryEcts: 0, semesters: 4, targets: ["charge-e-commerce"], description: "" };
const secondCompetence = () => `charge-e-commerce/${sheet.requirements.filter((r) => r.kind === "competence" && r.required)[1].code}`;
const firstCompetence = () => `charge-e-commerce/${sheet.requirements.find((r) => r.kind === "competence")!.code}`;

async function programmeWithModule() {
  const { id } = await createProgramme({ db, schoolId, form, actor: manager() });
  const created = await createModule({ db, schoolId, programmeId: id, form: moduleForm("UE1"), actor: manager() });
  if (!created.ok) throw new Error("module");
  await setMapping({ db, schoolId, programmeId: id, moduleId: created.id, expectedVersion: created.version, itemRef: firstCompetence(), value: { depth: 2, assessed: true }, actor: manager() });
  return { id, moduleId: created.id };
}

beforeAll(async () => {
  await saveSheetVersion(db, sheet);
  schoolId = (await db.school.create({ data: { slug: "ecole-versions", name: "École des versions" } })).id;
  managerId = (await db.user.create({ data: { email: "resp@versions.test", name: "Claire Responsable", passwordHash: "x" } })).id;
  reviewerId = (await db.user.create({ data: { email: "eval@versions.test", name: "Paul Évaluateur", passwordHash: "x" } })).id;
});
afterAll(() => db.$disconnect());

describe("versions publiées", () => {
  it("une version garde son contenu et son empreinte après des modifications du brouillon", async () => {
    const { id, moduleId } = await programmeWithModule();
    const published = await publishVersion({ db, schoolId, programmeId: id, label: "Dossier 2027", actor: manager() });
    expect(published?.number).toBe(1);
    const before = await getVersion({ db, schoolId, programmeId: id, number: 1 });

    const draft = (await getProgramme({ db, schoolId, id }))!;
    await updateModule({ db, schoolId, programmeId: id, moduleId, expectedVersion: draft.modules[0].version, form: { ...moduleForm("UE1"), title: "Titre changé" }, actor: manager() });
    await createModule({ db, schoolId, programmeId: id, form: moduleForm("UE2", 2), actor: manager() });

    const after = await getVersion({ db, schoolId, programmeId: id, number: 1 });
    expect(after!.snapshotText).toBe(before!.snapshotText);
    expect(after!.hashMatches).toBe(true);
    expect(after!.snapshot.modules.map((m) => m.title)).toEqual(["Module UE1"]);
    // Every stored snapshot's hash, recomputed independently.
    for (const row of await db.programmeVersion.findMany({ select: { snapshot: true, snapshotHash: true } })) {
      expect(createHash("sha256").update(row.snapshot, "utf8").digest("hex")).toBe(row.snapshotHash);
    }
    expect(after!.snapshot.targets).toEqual([expect.objectContaining({ sheetSlug: "charge-e-commerce", sheetVersion: 1 })]);
    expect(after!.snapshot.coverage[0].items.find((i) => i.ref === firstCompetence())).toMatchObject({ achievedDepth: 2, assessed: true });
  });

  it("la base refuse de modifier la photographie ou l'empreinte d'une version", async () => {
    const { id } = await programmeWithModule();
    await publishVersion({ db, schoolId, programmeId: id, label: "", actor: manager() });
    await expect(db.programmeVersion.updateMany({ where: { programmeId: id }, data: { snapshot: "{}" } })).rejects.toThrow();
    await expect(db.programmeVersion.updateMany({ where: { programmeId: id }, data: { snapshotHash: "0" } })).rejects.toThrow();
    // The same through SQL, around the app, with the trigger's own words.
    await expect(rawStatement(`UPDATE "ProgrammeVersion" SET "snapshot" = '{}'`)).rejects.toThrow(/version publiée ne change pas/);
    expect((await getVersion({ db, schoolId, programmeId: id, number: 1 }))!.hashMatches).toBe(true);
  });

  it("la comparaison liste modules ajoutés, modifiés champ par champ, correspondances et couverture", async () => {
    const { id, moduleId } = await programmeWithModule();
    await publishVersion({ db, schoolId, programmeId: id, label: "", actor: manager() });
    const draft = (await getProgramme({ db, schoolId, id }))!;
    const moved = await updateModule({ db, schoolId, programmeId: id, moduleId, expectedVersion: draft.modules[0].version, form: { ...moduleForm("UE1"), ects: 9 }, actor: manager() });
    if (!moved.ok) throw new Error("update");
    await setMapping({ db, schoolId, programmeId: id, moduleId, expectedVersion: moved.version, itemRef: firstCompetence(), value: { depth: 4, assessed: true }, actor: manager() });
    const added = await createModule({ db, schoolId, programmeId: id, form: moduleForm("UE9", 3), actor: manager() });
    if (!added.ok) throw new Error("create");
    await setMapping({ db, schoolId, programmeId: id, moduleId: added.id, expectedVersion: added.version, itemRef: secondCompetence(), value: { depth: 4, assessed: true }, actor: manager() });

    const diff = await compareVersions({ db, schoolId, programmeId: id, from: 1, to: "draft" });
    expect(diff!.modulesAdded.map((m) => m.code)).toEqual(["UE9"]);
    expect(diff!.modulesChanged).toEqual([{ code: "UE1", title: "Module UE1", changes: [{ field: "ects", from: 6, to: 9 }] }]);
    expect(diff!.mappingsChanged).toEqual([
      { moduleCode: "UE1", itemRef: firstCompetence(), from: { itemRef: firstCompetence(), depth: 2, assessed: true }, to: { itemRef: firstCompetence(), depth: 4, assessed: true } },
      { moduleCode: "UE9", itemRef: secondCompetence(), from: null, to: { itemRef: secondCompetence(), depth: 4, assessed: true } },
    ]);
    expect(diff!.coverage[0].sheetSlug).toBe("charge-e-commerce");
    expect(diff!.coverage[0].to!.covered).toBe(diff!.coverage[0].from!.covered + 1);
    expect(diff!.coverage[0].items).toContainEqual(expect.objectContaining({ ref: secondCompetence(), from: "missing", to: "covered", direction: "rose" }));
    expect(await compareVersions({ db, schoolId, programmeId: id, from: 1, to: 7 })).toBeNull();
  });

  it("repartir d'une version conserve d'abord le brouillon modifié comme version", async () => {
    const { id } = await programmeWithModule();
    await publishVersion({ db, schoolId, programmeId: id, label: "", actor: manager() });
    await createModule({ db, schoolId, programmeId: id, form: moduleForm("UE-NOUVEAU", 2), actor: manager() });

    const result = await restoreVersion({ db, schoolId, programmeId: id, number: 1, actor: manager() });
    expect(result).toEqual({ ok: true, keptDraftAs: 2 });
    const restored = (await getProgramme({ db, schoolId, id }))!;
    expect(restored.modules.map((m) => m.code)).toEqual(["UE1"]);
    expect(restored.modules[0].mappings).toEqual([{ itemRef: firstCompetence(), depth: 2, assessed: true, note: "" }]);
    const kept = await getVersion({ db, schoolId, programmeId: id, number: 2 });
    expect(kept!.snapshot.modules.map((m) => m.code)).toContain("UE-NOUVEAU");
    // The draft now equals version 1: restoring again keeps nothing new.
    expect(await restoreVersion({ db, schoolId, programmeId: id, number: 1, actor: manager() })).toEqual({ ok: true, keptDraftAs: null });
  });

  it("dupliquer une formation copie modules, correspondances et versions de référentiel, pas les versions publiées", async () => {
    const { id } = await programmeWithModule();
    await publishVersion({ db, schoolId, programmeId: id, label: "", actor: manager() });
    const copy = await duplicateProgramme({ db, schoolId, programmeId: id, title: "Copie", actor: manager() });
    const copied = (await getProgramme({ db, schoolId, id: copy!.id }))!;
    expect(copied.title).toBe("Copie");
    expect(copied.targets).toEqual([{ sheetSlug: "charge-e-commerce", sheetVersion: 1 }]);
    expect(copied.modules[0].mappings).toEqual([{ itemRef: firstCompetence(), depth: 2, assessed: true, note: "" }]);
    expect(await listVersions({ db, schoolId, programmeId: copy!.id })).toEqual([]);
    expect(await duplicateProgramme({ db, schoolId: "autre", programmeId: id, title: "X", actor: manager() })).toBeNull();
  });
});

describe("évaluation", () => {
  it("soumettre verrouille la matrice ; demander des modifications la rouvre ; approuver enregistre qui et quand", async () => {
    const { id, moduleId } = await programmeWithModule();
    await publishVersion({ db, schoolId, programmeId: id, label: "", actor: manager() });
    expect(await moveReview({ db, schoolId, programmeId: id, number: 1, move: "approve", actor: reviewer() })).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(await moveReview({ db, schoolId, programmeId: id, number: 1, move: "submit", actor: manager() })).toEqual({ ok: true, status: "submitted" });

    const module = (await getProgramme({ db, schoolId, id }))!.modules[0];
    const refused = await setMapping({ db, schoolId, programmeId: id, moduleId, expectedVersion: module.version, itemRef: firstCompetence(), value: { depth: 3, assessed: true }, actor: manager() });
    expect(refused).toEqual({ ok: false, reason: "locked", lockedBy: 1 });

    expect(await moveReview({ db, schoolId, programmeId: id, number: 1, move: "request_changes", note: "Évaluer C1", actor: reviewer() })).toEqual({ ok: true, status: "changes_requested" });
    const saved = await setMapping({ db, schoolId, programmeId: id, moduleId, expectedVersion: module.version, itemRef: firstCompetence(), value: { depth: 3, assessed: true }, actor: manager() });
    expect(saved.ok).toBe(true);

    await publishVersion({ db, schoolId, programmeId: id, label: "Corrigée", actor: manager() });
    await moveReview({ db, schoolId, programmeId: id, number: 2, move: "submit", actor: manager() });
    expect(await moveReview({ db, schoolId, programmeId: id, number: 1, move: "submit", actor: manager() })).toMatchObject({ ok: false });
    expect(await moveReview({ db, schoolId, programmeId: id, number: 2, move: "approve", note: "", actor: reviewer() })).toEqual({ ok: true, status: "approved" });
    const [v2, v1] = await listVersions({ db, schoolId, programmeId: id });
    expect(v2).toMatchObject({ number: 2, reviewStatus: "approved", decidedByName: "Paul Évaluateur" });
    expect(v2.decidedAt).not.toBeNull();
    expect(v1).toMatchObject({ number: 1, reviewStatus: "changes_requested", decisionNote: "Évaluer C1" });
    const actions = (await db.auditLog.findMany({ where: { programmeId: id }, orderBy: { id: "asc" }, select: { action: true } })).map((a) => a.action);
    expect(actions.filter((a) => a !== "set_mapping" && a !== "create")).toEqual(["publish_version", "submit_review", "request_changes", "publish_version", "submit_review", "approve"]);
  });

  it("un commentaire modifié garde son texte d'origine ; seul son auteur le modifie", async () => {
    const { id } = await programmeWithModule();
    const added = await addComment({ db, schoolId, programmeId: id, form: { subject: "requirement", itemRef: firstCompetence(), body: "Profondeur insuffisante." }, role: "reviewer", actor: reviewer() });
    if (!added.ok) throw new Error("comment");
    const answer = await addComment({ db, schoolId, programmeId: id, form: { subject: "programme", parentId: added.id, body: "Corrigé en S3." }, role: "manager", actor: manager() });
    expect(answer.ok).toBe(true);
    expect(await editComment({ db, schoolId, programmeId: id, commentId: added.id, body: "Réécrit", actor: manager() })).toEqual({ ok: false, reason: "not_author" });
    expect(await editComment({ db, schoolId, programmeId: id, commentId: added.id, body: "Profondeur 2 insuffisante : 3 attendu.", actor: reviewer() })).toEqual({ ok: true, id: added.id });

    const [comment, reply] = await listComments({ db, schoolId, programmeId: id });
    expect(comment).toMatchObject({ body: "Profondeur 2 insuffisante : 3 attendu.", subject: "requirement", itemRef: firstCompetence(), sheetSlug: "charge-e-commerce" });
    expect(comment.revisions.map((r) => r.body)).toEqual(["Profondeur insuffisante."]);
    expect(comment.editedAt).not.toBeNull();
    // An answer is about what it answers.
    expect(reply).toMatchObject({ parentId: added.id, subject: "requirement", itemRef: firstCompetence(), authorName: "Claire Responsable" });
    await expect(db.reviewCommentRevision.updateMany({ where: { commentId: added.id }, data: { body: "falsifié" } })).rejects.toThrow();
    expect((await listComments({ db, schoolId, programmeId: id }))[0].revisions.map((r) => r.body)).toEqual(["Profondeur insuffisante."]);
  });
});

describe("un brouillon identique", () => {
  it("n'est pas publié une seconde fois : la dernière version est rendue, rien n'est écrit", async () => {
    const { id, moduleId } = await programmeWithModule();
    const first = await publishVersion({ db, schoolId, programmeId: id, label: "Dossier", actor: manager() });
    expect(first).toMatchObject({ unchanged: false, number: 1 });
    const audited = await db.auditLog.count({ where: { programmeId: id } });
    const again = await publishVersion({ db, schoolId, programmeId: id, label: "Encore", actor: manager() });
    expect(again).toEqual({ unchanged: true, number: 1, snapshotHash: first!.snapshotHash });
    expect((await listVersions({ db, schoolId, programmeId: id })).map((v) => v.number)).toEqual([1]);
    expect(await db.auditLog.count({ where: { programmeId: id } })).toBe(audited);
    // Any change of the draft makes it publishable again.
    const module = (await getProgramme({ db, schoolId, id }))!.modules.find((m) => m.id === moduleId)!;
    await setMapping({ db, schoolId, programmeId: id, moduleId, expectedVersion: module.version, itemRef: secondCompetence(), value: { depth: 1, assessed: false }, actor: manager() });
    expect(await publishVersion({ db, schoolId, programmeId: id, label: "", actor: manager() })).toMatchObject({ unchanged: false, number: 2 });
  });
});

describe("évaluations en attente", () => {
  it("l'évaluateur voit les versions soumises des formations qui lui sont ouvertes ; le responsable, celles à reprendre", async () => {
    const { id } = await programmeWithModule();
    await db.membership.create({ data: { userId: reviewerId, schoolId, role: "reviewer" } });
    await publishVersion({ db, schoolId, programmeId: id, label: "", actor: manager() });
    await moveReview({ db, schoolId, programmeId: id, number: 1, move: "submit", actor: manager() });
    expect(await pendingReviews({ db, schoolId, role: "reviewer", userId: reviewerId })).toEqual([]);
    await db.programmeReviewer.create({ data: { programmeId: id, userId: reviewerId } });
    expect(await pendingReviews({ db, schoolId, role: "reviewer", userId: reviewerId })).toEqual([expect.objectContaining({ programmeId: id, number: 1, status: "submitted" })]);
    expect(await pendingReviews({ db, schoolId, role: "manager", userId: managerId })).toContainEqual(expect.objectContaining({ programmeId: id, status: "submitted" }));

    await moveReview({ db, schoolId, programmeId: id, number: 1, move: "request_changes", note: "À revoir", actor: reviewer() });
    expect(await pendingReviews({ db, schoolId, role: "reviewer", userId: reviewerId })).toEqual([]);
    expect(await pendingReviews({ db, schoolId, role: "manager", userId: managerId })).toContainEqual(expect.objectContaining({ programmeId: id, status: "changes_requested" }));

    // The changes asked for, then the draft published again.
    const module = (await getProgramme({ db, schoolId, id }))!.modules[0];
    await setMapping({ db, schoolId, programmeId: id, moduleId: module.id, expectedVersion: module.version, itemRef: secondCompetence(), value: { depth: 1, assessed: true }, actor: manager() });
    await publishVersion({ db, schoolId, programmeId: id, label: "", actor: manager() });
    await moveReview({ db, schoolId, programmeId: id, number: 2, move: "submit", actor: manager() });
    await moveReview({ db, schoolId, programmeId: id, number: 2, move: "approve", actor: reviewer() });
    // Approved: nothing waits any more, though version 1 still says "changes requested".
    expect((await pendingReviews({ db, schoolId, role: "manager", userId: managerId })).filter((p) => p.programmeId === id)).toEqual([]);
    expect(await pendingReviews({ db, schoolId, role: "teacher", userId: managerId })).toEqual([]);
  });
});

describe("historique d'une formation", () => {
  it("liste les changements de la formation seule, filtrés par personne, type et date, paginés", async () => {
    const { id, moduleId } = await programmeWithModule();
    await programmeWithModule(); // another programme of the same school: not in this history
    const module = (await getProgramme({ db, schoolId, id }))!.modules[0];
    await setMapping({ db, schoolId, programmeId: id, moduleId, expectedVersion: module.version, itemRef: secondCompetence(), value: { depth: 1, assessed: false }, actor: reviewer() });
    await publishVersion({ db, schoolId, programmeId: id, label: "", actor: manager() });

    const all = await listProgrammeHistory({ db, schoolId, programmeId: id, filters: {} });
    expect(all.rows.map((r) => r.action)).toEqual(["publish_version", "set_mapping", "set_mapping", "create", "create"]);
    expect(all.people.map((p) => p.name)).toEqual(["Claire Responsable", "Paul Évaluateur"]);

    const mine = await listProgrammeHistory({ db, schoolId, programmeId: id, filters: { userId: reviewerId } });
    expect(mine.rows.map((r) => r.action)).toEqual(["set_mapping"]);
    const mappings = await listProgrammeHistory({ db, schoolId, programmeId: id, filters: { actions: actionsOfKind("mapping") } });
    expect(mappings.total).toBe(2);
    const future = await listProgrammeHistory({ db, schoolId, programmeId: id, filters: { from: new Date(Date.now() + 86_400_000) } });
    expect(future.total).toBe(0);
    const page2 = await listProgrammeHistory({ db, schoolId, programmeId: id, filters: {}, page: 2, pageSize: 2 });
    expect(page2.rows.map((r) => r.action)).toEqual(["set_mapping", "create"]);
    expect((await listProgrammeHistory({ db, schoolId: "autre-ecole", programmeId: id, filters: {} })).total).toBe(0);
  });
});
