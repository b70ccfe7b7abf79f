/**
 * The review of a programme: a manager submits a published version, the invited reviewer
 * comments and requests changes or approves; comments are answered and kept as written
 * (an edit keeps the earlier text). Every move is one transaction with its audit row.
 */
import type { Db } from "~/utils/create-db.server";
import { canMove, nextStatus, type ReviewMove, type ReviewStatus } from "~/domain/programme-version";
import type { CommentForm } from "~/domain/review";
import { audit, type Actor } from "./audit.server";

export type ReviewMoveResult = { ok: true; status: ReviewStatus | null } | { ok: false; reason: "not_found" | "not_allowed" | "another_submitted"; current?: ReviewStatus | null };

async function personName(db: Pick<Db, "user">, userId: string | null) {
  if (!userId) return "Système";
  return (await db.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? "Compte supprimé";
}

const AUDIT_ACTION: Record<ReviewMove, string> = { submit: "submit_review", withdraw: "withdraw_review", request_changes: "request_changes", approve: "approve" };

/**
 * Moves a version through the review: submit and withdraw (manager), request changes and
 * approve (reviewer). The state is checked and changed in one conditional update, so two
 * people acting at once cannot both move it.
 */
export async function moveReview({ db, schoolId, programmeId, number, move, note, actor }: { db: Db; schoolId: string; programmeId: string; number: number; move: ReviewMove; note?: string; actor: Actor }): Promise<ReviewMoveResult> {
  return db.$transaction(async (tx) => {
    const version = await tx.programmeVersion.findFirst({ where: { programmeId, schoolId, number }, select: { id: true, reviewStatus: true } });
    if (!version) return { ok: false, reason: "not_found" };
    const current = version.reviewStatus as ReviewStatus | null;
    if (!canMove(current, move)) return { ok: false, reason: "not_allowed", current };
    if (move === "submit") {
      const other = await tx.programmeVersion.findFirst({ where: { programmeId, reviewStatus: "submitted" }, select: { number: true } });
      if (other) return { ok: false, reason: "another_submitted" };
    }
    const status = nextStatus(move);
    const now = new Date();
    const name = await personName(tx, actor.userId);
    const data =
      move === "submit"
        ? { reviewStatus: status, submittedAt: now, submittedByName: name, decidedAt: null, decidedById: null, decidedByName: null, decisionNote: null }
        : move === "withdraw"
          ? { reviewStatus: status }
          : { reviewStatus: status, decidedAt: now, decidedById: actor.userId, decidedByName: name, decisionNote: note?.trim() || null };
    const changed = await tx.programmeVersion.updateMany({ where: { id: version.id, reviewStatus: current }, data });
    if (changed.count === 0) return { ok: false, reason: "not_allowed", current };
    await audit(tx, actor, { action: AUDIT_ACTION[move], entity: "programme", entityId: programmeId, programmeId, before: { number, status: current }, after: { number, status, note: note?.trim() || undefined } });
    return { ok: true, status };
  });
}

export type CommentView = {
  id: string;
  parentId: string | null;
  versionNumber: number | null;
  authorId: string | null;
  authorName: string;
  authorRole: string;
  subject: string;
  moduleCode: string | null;
  itemRef: string | null;
  sheetSlug: string | null;
  body: string;
  createdAt: string;
  editedAt: string | null;
  revisions: { body: string; writtenAt: string }[];
};

/** The programme's comments, oldest first, each with its earlier texts. */
export async function listComments({ db, schoolId, programmeId }: { db: Db; schoolId: string; programmeId: string }): Promise<CommentView[]> {
  const rows = await db.reviewComment.findMany({
    where: { programmeId, schoolId },
    orderBy: { createdAt: "asc" },
    include: { revisions: { orderBy: { id: "asc" }, select: { body: true, writtenAt: true } } },
  });
  return rows.map(({ programmeId: _p, schoolId: _s, createdAt, editedAt, revisions, ...row }) => ({
    ...row,
    createdAt: createdAt.toISOString(),
    editedAt: editedAt?.toISOString() ?? null,
    revisions: revisions.map((r) => ({ body: r.body, writtenAt: r.writtenAt.toISOString() })),
  }));
}

export type CommentResult = { ok: true; id: string } | { ok: false; reason: "not_found" | "not_author" | "parent_not_found" };

/** Adds a comment (or an answer to one). The subject has been checked against the programme by the caller. */
export async function addComment({ db, schoolId, programmeId, form, role, actor }: { db: Db; schoolId: string; programmeId: string; form: CommentForm; role: string; actor: Actor }): Promise<CommentResult> {
  return db.$transaction(async (tx) => {
    const programme = await tx.programme.findFirst({ where: { id: programmeId, schoolId }, select: { id: true } });
    if (!programme) return { ok: false, reason: "not_found" };
    let subject: Pick<CommentForm, "subject" | "moduleCode" | "itemRef"> = form;
    if (form.parentId) {
      const parent = await tx.reviewComment.findFirst({ where: { id: form.parentId, programmeId }, select: { subject: true, moduleCode: true, itemRef: true } });
      if (!parent) return { ok: false, reason: "parent_not_found" };
      // An answer is about what the comment it answers is about.
      subject = { subject: parent.subject as CommentForm["subject"], moduleCode: parent.moduleCode ?? undefined, itemRef: parent.itemRef ?? undefined };
    }
    const underReview = await tx.programmeVersion.findFirst({ where: { programmeId }, orderBy: { number: "desc" }, select: { number: true } });
    const created = await tx.reviewComment.create({
      data: {
        programmeId,
        schoolId,
        versionNumber: underReview?.number ?? null,
        authorId: actor.userId,
        authorName: await personName(tx, actor.userId),
        authorRole: role,
        subject: subject.subject,
        moduleCode: subject.subject === "module" ? (subject.moduleCode ?? null) : null,
        itemRef: subject.subject === "requirement" ? (subject.itemRef ?? null) : null,
        sheetSlug: subject.subject === "requirement" && subject.itemRef?.includes("/") ? subject.itemRef.split("/")[0] : null,
        parentId: form.parentId ?? null,
        body: form.body,
      },
      select: { id: true },
    });
    await audit(tx, actor, { action: form.parentId ? "answer_comment" : "comment", entity: "review_comment", entityId: created.id, programmeId, after: { subject: subject.subject, moduleCode: subject.moduleCode, itemRef: subject.itemRef, body: form.body } });
    return { ok: true, id: created.id };
  });
}

/** Changes the text of one's own comment; the earlier text is kept as a revision. */
export async function editComment({ db, schoolId, programmeId, commentId, body, actor }: { db: Db; schoolId: string; programmeId: string; commentId: string; body: string; actor: Actor }): Promise<CommentResult> {
  return db.$transaction(async (tx) => {
    const comment = await tx.reviewComment.findFirst({ where: { id: commentId, programmeId, schoolId }, select: { id: true, authorId: true, body: true, createdAt: true, editedAt: true } });
    if (!comment) return { ok: false, reason: "not_found" };
    if (!actor.userId || comment.authorId !== actor.userId) return { ok: false, reason: "not_author" };
    if (comment.body === body) return { ok: true, id: comment.id };
    await tx.reviewCommentRevision.create({ data: { commentId, schoolId, body: comment.body, writtenAt: comment.editedAt ?? comment.createdAt } });
    await tx.reviewComment.update({ where: { id: commentId }, data: { body, editedAt: new Date() } });
    await audit(tx, actor, { action: "edit_comment", entity: "review_comment", entityId: commentId, programmeId, before: { body: comment.body }, after: { body } });
    return { ok: true, id: comment.id };
  });
}

/* ------------------------------------------------- reviewers of a programme */

/** The reviewers a programme is open to (with until when), and the invitations not yet accepted. */
export async function listProgrammeReviewers({ db, schoolId, programmeId }: { db: Db; schoolId: string; programmeId: string }) {
  const [reviewers, invitations] = await Promise.all([
    db.programmeReviewer.findMany({
      where: { programmeId, programme: { schoolId } },
      orderBy: { createdAt: "asc" },
      select: { expiresAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    db.invitation.findMany({
      where: { schoolId, programmeId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "asc" },
      select: { id: true, email: true, reviewUntil: true, expiresAt: true },
    }),
  ]);
  return {
    reviewers: reviewers.map((r) => ({ ...r.user, until: r.expiresAt?.toISOString() ?? null, active: r.expiresAt === null || r.expiresAt > new Date() })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, until: i.reviewUntil?.toISOString() ?? null, linkExpiresAt: i.expiresAt.toISOString() })),
  };
}

export type OpenToReviewerResult = { ok: true; added: true } | { ok: true; added: false; needsInvitation: true } | { ok: false; reason: "other_role"; role: string } | { ok: false; reason: "not_found" };

/**
 * Opens a programme to a reviewer who is already a member of the school with the reviewer
 * role. Anyone else needs an invitation (the caller creates it); a member with another role
 * is refused, so that nobody's role changes through a programme invitation.
 */
export async function openToReviewer({ db, schoolId, programmeId, email, until, actor }: { db: Db; schoolId: string; programmeId: string; email: string; until: Date | null; actor: Actor }): Promise<OpenToReviewerResult> {
  return db.$transaction(async (tx) => {
    const programme = await tx.programme.findFirst({ where: { id: programmeId, schoolId }, select: { id: true } });
    if (!programme) return { ok: false, reason: "not_found" };
    const member = await tx.membership.findFirst({ where: { schoolId, user: { email } }, select: { role: true, userId: true } });
    if (!member) return { ok: true, added: false, needsInvitation: true };
    if (member.role !== "reviewer") return { ok: false, reason: "other_role", role: member.role };
    await tx.programmeReviewer.upsert({
      where: { programmeId_userId: { programmeId, userId: member.userId } },
      create: { programmeId, userId: member.userId, expiresAt: until },
      update: { expiresAt: until },
    });
    await audit(tx, actor, { action: "open_to_reviewer", entity: "programme", entityId: programmeId, programmeId, after: { email, until: until?.toISOString() ?? null } });
    return { ok: true, added: true };
  });
}

/** Closes the programme to a reviewer now (their comments stay). */
export async function closeToReviewer({ db, schoolId, programmeId, userId, actor }: { db: Db; schoolId: string; programmeId: string; userId: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const row = await tx.programmeReviewer.findFirst({ where: { programmeId, userId, programme: { schoolId } }, select: { user: { select: { email: true } } } });
    if (!row) return false;
    await tx.programmeReviewer.delete({ where: { programmeId_userId: { programmeId, userId } } });
    await audit(tx, actor, { action: "close_to_reviewer", entity: "programme", entityId: programmeId, programmeId, before: { email: row.user.email } });
    return true;
  });
}

/**
 * What waits for someone on their home page: for a reviewer, the versions submitted in the
 * programmes open to them; for managers and admins, the versions under review or sent back
 * with changes requested (the newest state per programme).
 */
export async function pendingReviews({ db, schoolId, role, userId }: { db: Db; schoolId: string; role: string; userId: string }) {
  const now = new Date();
  const reviewer = role === "reviewer";
  if (!reviewer && role !== "manager" && role !== "admin") return [];
  const rows = await db.programmeVersion.findMany({
    where: {
      schoolId,
      reviewStatus: { not: null },
      ...(reviewer ? { programme: { reviewers: { some: { userId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } } } } : {}),
    },
    orderBy: [{ programmeId: "asc" }, { number: "desc" }],
    select: { number: true, reviewStatus: true, submittedAt: true, decidedAt: true, programme: { select: { id: true, title: true } } },
  });
  // The newest version per programme tells where the review stands.
  const seen = new Set<string>();
  const waiting: ReviewStatus[] = reviewer ? ["submitted"] : ["submitted", "changes_requested"];
  return rows
    .filter((row) => (seen.has(row.programme.id) ? false : (seen.add(row.programme.id), true)))
    .filter((row) => waiting.includes(row.reviewStatus as ReviewStatus))
    .map((row) => ({
      programmeId: row.programme.id,
      title: row.programme.title,
      number: row.number,
      status: row.reviewStatus as ReviewStatus,
      since: (row.decidedAt ?? row.submittedAt ?? now).toISOString(),
    }));
}
