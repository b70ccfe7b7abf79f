/**
 * Review rules: who may do what, and what a comment must hold. Pure.
 */
import { z } from "zod";
import type { Role } from "~/domain/roles";
import { frenchText as say } from "./sentences";

export const COMMENT_SUBJECTS = ["programme", "module", "requirement"] as const;
export type CommentSubject = (typeof COMMENT_SUBJECTS)[number];
export const COMMENT_MAX = 5000;

const bodySchema = z
  .string({ error: say("review.body_required") })
  .trim()
  .min(1, say("review.body_required"))
  .max(COMMENT_MAX, say("review.body_too_long", { max: COMMENT_MAX }))
  .refine((text) => !text.includes("\u0000"), say("review.forbidden_character"));

export const commentSchema = z
  .object({
    subject: z.enum(COMMENT_SUBJECTS, { error: say("review.subject_required") }),
    moduleCode: z.string().trim().max(32).optional(),
    itemRef: z.string().trim().max(200).optional(),
    parentId: z.string().trim().max(64).optional(),
    body: bodySchema,
  })
  .superRefine((value, ctx) => {
    if (value.parentId) return;
    if (value.subject === "module" && !value.moduleCode) ctx.addIssue({ code: "custom", path: ["moduleCode"], message: say("review.module_required") });
    if (value.subject === "requirement" && !value.itemRef) ctx.addIssue({ code: "custom", path: ["itemRef"], message: say("review.item_required") });
  });
export type CommentForm = z.infer<typeof commentSchema>;

export const editCommentSchema = z.object({
  commentId: z.string().trim().min(1).max(64),
  body: bodySchema,
});

/** Reviewers, managers and admins write comments and answers; teachers read them. */
export function canComment(role: Role) {
  return role === "reviewer" || role === "manager" || role === "admin";
}

/** Managers (and admins) publish, submit and withdraw. */
export function canSubmitForReview(role: Role) {
  return role === "manager" || role === "admin";
}

/** Only the invited reviewer requests changes or approves. */
export function canDecideReview(role: Role) {
  return role === "reviewer";
}
