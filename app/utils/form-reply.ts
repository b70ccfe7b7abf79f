import type { Submission, SubmissionResult } from "@conform-to/react";

export const MALFORMED_FORM = "Le formulaire envoyé est incomplet ou mal formé : rechargez la page, puis recommencez.";

/**
 * The reply to a refused form. When a field the page does not show is at fault (a hidden
 * field sent twice or altered, a field the form does not have), a sentence goes at the top of
 * the form: otherwise the page would come back refused, and silent.
 */
export function replyToRefusal<Schema>(submission: Submission<Schema>, visibleFields: readonly string[], options: { hideFields?: string[] } = {}): SubmissionResult {
  const errors = submission.status === "success" ? {} : (submission.error ?? {});
  const unseen = Object.entries(errors).some(([name, messages]) => name !== "" && messages?.length && !visibleFields.includes(name));
  return submission.reply({ ...options, ...(unseen ? { formErrors: [MALFORMED_FORM] } : {}) });
}
