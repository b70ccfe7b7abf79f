import { readForm } from "~/utils/form-data.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { confirmFirst, ErrorList, inputClass, Notice, SubmitButton } from "~/components/forms";
import { ProgrammePageHeader, ReviewStatusBadge, useDateFormat } from "~/components/versions";
import { z } from "zod";
import { canComment, canDecideReview, canSubmitForReview, commentSchema, editCommentSchema, type CommentSubject } from "~/domain/review";
import { ROLE_LABELS, isRole } from "~/domain/roles";
import { fill, translator, type Locale, type MessageKey } from "~/i18n";
import { translateText } from "~/domain/sentences";
import { getLocale } from "~/utils/locale.server";
import { listVersions } from "~/models/programme-version.server";
import { createInvitation } from "~/models/account.server";
import { addComment, closeToReviewer, editComment, listComments, listProgrammeReviewers, moveReview, openToReviewer, type CommentView } from "~/models/review.server";
import { programmeTargets } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { requireProgramme, type ProgrammeAccess } from "~/utils/programme-access.server";
import { metaTranslator, useLocale, useT } from "~/utils/use-t";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: `${t("title.review")} · ${data?.programme.title ?? t("title.programme")} · Maquette` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireProgramme(request, params.id);
  const [versions, comments, targets] = await Promise.all([
    listVersions({ db, schoolId: ctx.school.id, programmeId: programme.id }),
    listComments({ db, schoolId: ctx.school.id, programmeId: programme.id }),
    programmeTargets(db, programme),
  ]);
  return {
    programme: { id: programme.id, title: programme.title },
    me: ctx.user.id,
    current: versions.find((v) => v.reviewStatus === "submitted") ?? versions.find((v) => v.reviewStatus !== null) ?? null,
    comments,
    modules: programme.modules.map((m) => ({ code: m.code, title: m.title })),
    requirements: targets.flatMap((t) => t.requirements.filter((r) => r.required).map((r) => ({ ref: r.ref, label: r.label, sheet: t.title }))),
    canComment: canComment(ctx.role),
    canDecide: canDecideReview(ctx.role),
    access: canSubmitForReview(ctx.role) ? await listProgrammeReviewers({ db, schoolId: ctx.school.id, programmeId: programme.id }) : null,
  };
}

type Errors = Partial<Record<"subject" | "moduleCode" | "itemRef" | "body" | "note" | "email" | "until", string[]>>;
type ActionData = { intent?: string; target?: string; message?: string; error?: string; errors?: Errors; link?: string };

type Translate = ReturnType<typeof translator>;

const reviewerSchema = (t: Translate) =>
  z.object({
    email: z.string({ error: t("act.rev.emailExpected") }).trim().toLowerCase().email(t("act.rev.emailInvalid")).max(254),
    until: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, t("act.rev.dateExpected"))
      .optional()
      .or(z.literal("")),
  });

/** Opens the programme to a reviewer member, or invites the person (link shown and logged). */
async function openReviewer(request: Request, form: FormData, access: Pick<ProgrammeAccess, "programme" | "ctx" | "actor">, locale: Locale) {
  const intent = "open_reviewer";
  const t = translator(locale);
  const parsed = reviewerSchema(t).safeParse({ email: form.get("email") ?? "", until: form.get("until") ?? "" });
  if (!parsed.success) return Response.json({ intent, error: fill(t("act.rev.accessNotGiven"), { reason: parsed.error.issues[0].message }), errors: fieldErrors(parsed.error.issues, locale) }, { status: 400 });
  const { email } = parsed.data;
  // The end of the chosen day, Paris time being at most UTC+2: access lasts through that day.
  const until = parsed.data.until ? new Date(`${parsed.data.until}T21:59:59Z`) : null;
  if (until && (Number.isNaN(until.getTime()) || until <= new Date())) return Response.json({ intent, errors: { until: [t("act.rev.futureDate")] } }, { status: 400 });
  const { ctx, actor, programme } = access;
  const result = await openToReviewer({ db, schoolId: ctx.school.id, programmeId: programme.id, email, until, actor });
  if (!result.ok) {
    if (result.reason === "other_role") return Response.json({ intent, errors: { email: [fill(t("act.rev.alreadyMember"), { role: isRole(result.role) ? ROLE_LABELS[result.role][locale] : result.role })] } }, { status: 400 });
    throw new Response(t("act.programmeNotFound"), { status: 404 });
  }
  if (result.added) return { intent, message: parsed.data.until ? fill(t("act.rev.canReadUntil"), { email, until: parsed.data.until }) : fill(t("act.rev.canRead"), { email }) };
  const { token } = await createInvitation({ db, schoolId: ctx.school.id, email, role: "reviewer", actor, programme: { id: programme.id, reviewUntil: until } });
  const link = `${new URL(request.url).origin}/invitation/${token}`;
  // No mail server runs here: the link is shown to the manager and written to the server log.
  console.info(`[invitation] ${email} (reviewer, programme ${programme.id}) → ${link}`);
  return { intent, message: fill(t("act.rev.invited"), { email }), link };
}

function fieldErrors(issues: readonly { path: PropertyKey[]; message: string }[], locale: Locale): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "body") as keyof Errors;
    (errors[key] ??= []).push(translateText(issue.message, locale));
  }
  return errors;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, ctx, actor } = await requireProgramme(request, params.id);
  const locale = await getLocale(request);
  const t = translator(locale);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const schoolId = ctx.school.id;
  if (intent === "comment") {
    if (!canComment(ctx.role)) throw new Response(t("act.rev.cannotComment"), { status: 403 });
    const raw = Object.fromEntries([...form.entries()].filter(([key, value]) => key !== "intent" && value !== "").map(([key, value]) => [key, String(value)]));
    const parsed = commentSchema.safeParse(raw);
    const target = raw.parentId ?? "new";
    if (!parsed.success) return Response.json({ intent, target, error: fill(t("act.rev.commentRefused"), { reason: translateText(parsed.error.issues[0].message, locale) }), errors: fieldErrors(parsed.error.issues, locale) }, { status: 400 });
    const value = parsed.data;
    if (!value.parentId && value.subject === "module" && !programme.modules.some((m) => m.code === value.moduleCode)) {
      return Response.json({ intent, target, errors: { moduleCode: [t("act.rev.moduleNotInProgramme")] } }, { status: 400 });
    }
    if (!value.parentId && value.subject === "requirement") {
      const targets = await programmeTargets(db, programme);
      if (!targets.some((t) => t.requirements.some((r) => r.ref === value.itemRef))) return Response.json({ intent, target, errors: { itemRef: [t("act.rev.itemNotTargeted")] } }, { status: 400 });
    }
    const result = await addComment({ db, schoolId, programmeId: programme.id, form: value, role: ctx.role, actor });
    if (!result.ok) return Response.json({ intent, target, error: t("act.rev.parentGone") }, { status: 404 });
    return { intent, target, message: t(value.parentId ? "act.rev.replyPublished" : "act.rev.commentPublished") };
  }
  if (intent === "edit") {
    const parsed = editCommentSchema.safeParse({ commentId: form.get("commentId") ?? "", body: form.get("body") ?? "" });
    const target = String(form.get("commentId") ?? "");
    if (!parsed.success) return Response.json({ intent, target, error: fill(t("act.rev.editRefused"), { reason: translateText(parsed.error.issues[0].message, locale) }), errors: fieldErrors(parsed.error.issues, locale) }, { status: 400 });
    const result = await editComment({ db, schoolId, programmeId: programme.id, commentId: parsed.data.commentId, body: parsed.data.body, actor });
    if (!result.ok) return Response.json({ intent, target, error: t(result.reason === "not_author" ? "act.rev.notAuthor" : "act.rev.commentNotFound") }, { status: result.reason === "not_author" ? 403 : 404 });
    return { intent, target, message: t("act.rev.commentEdited") };
  }
  if (intent === "open_reviewer" || intent === "close_reviewer") {
    if (!canSubmitForReview(ctx.role)) throw new Response(t("act.rev.onlyManagersInvite"), { status: 403 });
    if (intent === "open_reviewer") return openReviewer(request, form, { programme, ctx, actor }, locale);
    const closed = await closeToReviewer({ db, schoolId, programmeId: programme.id, userId: String(form.get("userId") ?? ""), actor });
    if (!closed) return Response.json({ intent, error: t("act.rev.reviewerHasNoAccess") }, { status: 404 });
    return { intent, message: t("act.rev.accessWithdrawn") };
  }
  if (intent === "request_changes" || intent === "approve") {
    if (!canDecideReview(ctx.role)) throw new Response(t("act.rev.onlyReviewerDecides"), { status: 403 });
    const number = Number(form.get("number"));
    const note = String(form.get("note") ?? "").trim();
    if (note.length > 5000 || note.includes("\u0000")) return Response.json({ intent, errors: { note: [t("act.rev.noteTooLong")] } }, { status: 400 });
    if (intent === "request_changes" && !note) return Response.json({ intent, errors: { note: [t("act.rev.noteRequired")] } }, { status: 400 });
    const result = await moveReview({ db, schoolId, programmeId: programme.id, number, move: intent, note, actor });
    if (!result.ok) return Response.json({ intent, error: t("act.rev.noLongerSubmitted") }, { status: 409 });
    return { intent, message: fill(t(intent === "approve" ? "act.rev.approved" : "act.rev.changesRequested"), { number }) };
  }
  return Response.json({ error: t("act.unknownAction") }, { status: 400 });
}

const SUBJECT_KEYS: Record<CommentSubject, MessageKey> = { programme: "rev.subject.programme", module: "rev.subject.module", requirement: "rev.subject.requirement" };

function SubjectLine({ comment }: { comment: CommentView }) {
  const t = useT();
  const detail = comment.subject === "module" ? comment.moduleCode : comment.subject === "requirement" ? comment.itemRef : null;
  return (
    <span className="text-xs text-slate-600">
      {t(SUBJECT_KEYS[comment.subject as CommentSubject] ?? "rev.subject.programme")}
      {detail ? <span className="font-mono"> {detail}</span> : null}
      {comment.versionNumber ? ` · ${fill(t("ver.name"), { number: comment.versionNumber })}` : ""}
    </span>
  );
}

function CommentCard({ comment, answers, me, canAnswer, result }: { comment: CommentView; answers: CommentView[]; me: string; canAnswer: boolean; result?: ActionData }) {
  const t = useT();
  const locale = useLocale();
  const format = useDateFormat();
  const role = isRole(comment.authorRole) ? ROLE_LABELS[comment.authorRole][locale === "en" ? "en" : "fr"] : comment.authorRole;
  const mine = comment.authorId === me;
  const errorsHere = result?.target === comment.id ? result.errors : undefined;
  return (
    <article className="rounded-md bg-white p-3 ring-1 ring-slate-200" data-testid="comment" aria-label={fill(t("rev.commentBy"), { name: comment.authorName })}>
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <p>
          <span className="font-semibold">{comment.authorName}</span> <span className="text-sm text-slate-500">({role})</span>
        </p>
        <p className="text-xs text-slate-500">
          {format(comment.createdAt)}
          {comment.editedAt ? ` · ${fill(t("rev.edited"), { date: format(comment.editedAt) })}` : ""}
        </p>
      </header>
      {comment.parentId ? null : <SubjectLine comment={comment} />}
      <p className="mt-1 whitespace-pre-wrap break-words" data-testid="comment-body">
        {comment.body}
      </p>
      {comment.revisions.length ? (
        <details className="mt-1 text-sm text-slate-600">
          <summary className="cursor-pointer">{fill(t("rev.revisions"), { count: comment.revisions.length })}</summary>
          <ol className="mt-1 space-y-1">
            {comment.revisions.map((r) => (
              <li key={r.writtenAt} className="rounded bg-slate-50 p-2">
                <span className="block text-xs text-slate-500">{format(r.writtenAt)}</span>
                <span className="whitespace-pre-wrap break-words">{r.body}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {mine ? (
        <details className="mt-2 text-sm" open={Boolean(errorsHere)}>
          <summary className="cursor-pointer text-brand-700">{t("rev.edit")}</summary>
          <Form method="post" className="mt-1 space-y-2">
            <input type="hidden" name="intent" value="edit" />
            <input type="hidden" name="commentId" value={comment.id} />
            <label className="sr-only" htmlFor={`edit-${comment.id}`}>
              {t("rev.editText")}
            </label>
            <textarea id={`edit-${comment.id}`} name="body" defaultValue={comment.body} rows={3} className={inputClass} aria-invalid={errorsHere?.body ? true : undefined} />
            <ErrorList errors={errorsHere?.body} />
            <SubmitButton tone="plain">{t("rev.saveEdit")}</SubmitButton>
          </Form>
        </details>
      ) : null}
      {answers.length ? (
        <ol className="mt-3 space-y-2 border-l-2 border-slate-200 pl-3">
          {answers.map((answer) => (
            <li key={answer.id}>
              <CommentCard comment={answer} answers={[]} me={me} canAnswer={false} result={result} />
            </li>
          ))}
        </ol>
      ) : null}
      {canAnswer ? (
        <Form method="post" className="mt-2 space-y-1">
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="subject" value={comment.subject} />
          <input type="hidden" name="parentId" value={comment.id} />
          <label className="text-sm font-medium" htmlFor={`answer-${comment.id}`}>
            {t("rev.answer")}
          </label>
          <textarea id={`answer-${comment.id}`} name="body" rows={2} className={inputClass} aria-invalid={errorsHere?.body ? true : undefined} />
          <ErrorList errors={errorsHere?.body} />
          <SubmitButton tone="plain">{t("rev.answerSubmit")}</SubmitButton>
        </Form>
      ) : null}
    </article>
  );
}

export default function Review() {
  const t = useT();
  const format = useDateFormat();
  const { programme, me, current, comments, modules, requirements, canComment: mayComment, canDecide, access } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const presetSubject = (search.get("sujet") as CommentSubject | null) ?? (search.get("exigence") ? "requirement" : search.get("module") ? "module" : "programme");
  const newErrors = result?.target === "new" ? result.errors : undefined;
  const threads = comments.filter((c) => !c.parentId);
  const answersOf = (id: string) => comments.filter((c) => c.parentId === id);
  return (
    <section className="space-y-6">
      <ProgrammePageHeader programme={programme} title={t("rev.title")}>
        <p className="max-w-3xl text-slate-600">{t("rev.intro")}</p>
      </ProgrammePageHeader>
      {result?.message ? <Notice tone="success">{result.message}</Notice> : null}
      {result?.error ? <Notice tone="error">{result.error}</Notice> : null}

      <section aria-labelledby="state-title" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="review-state">
        <h2 id="state-title" className="text-lg font-semibold">
          {t("rev.state")}
        </h2>
        {current ? (
          <div className="space-y-2">
            <p>
              <Link to={`/programmes/${programme.id}/versions/${current.number}`} className="font-semibold underline">
                {fill(t("ver.name"), { number: current.number })}
              </Link>{" "}
              <ReviewStatusBadge status={current.reviewStatus} />
              {current.submittedAt ? <span className="ml-2 text-sm text-slate-500">{fill(t("rev.submittedBy"), { name: current.submittedByName ?? "", date: format(current.submittedAt) })}</span> : null}
            </p>
            {current.decidedAt ? (
              <p className="text-sm">
                {fill(t("ver.decidedBy"), { name: current.decidedByName ?? "", date: format(current.decidedAt) })}
                {current.decisionNote ? <span className="block whitespace-pre-wrap text-slate-700">{fill(t("rev.quotedNote"), { note: current.decisionNote })}</span> : null}
              </p>
            ) : null}
            {canDecide && current.reviewStatus === "submitted" ? (
              <Form method="post" className="space-y-2">
                <input type="hidden" name="number" value={current.number} />
                <label htmlFor="decision-note" className="block text-sm font-medium">
                  {t("rev.note")}
                </label>
                <textarea id="decision-note" name="note" rows={3} className={inputClass} aria-invalid={result?.errors?.note ? true : undefined} aria-describedby="decision-note-error" />
                <ErrorList id="decision-note-error" errors={result?.errors?.note} />
                <div className="flex gap-2">
                  <button type="submit" name="intent" value="request_changes" className="rounded-md bg-rose-700 px-4 py-2 font-medium text-white hover:bg-rose-600">
                    {t("rev.requestChanges")}
                  </button>
                  <button type="submit" name="intent" value="approve" className="rounded-md bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-600">
                    {t("rev.approve")}
                  </button>
                </div>
              </Form>
            ) : null}
          </div>
        ) : (
          <p className="text-slate-600">{t("rev.none")}</p>
        )}
      </section>

      {access ? (
        <section aria-labelledby="reviewers-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="reviewers-title" className="text-lg font-semibold">
            {t("rev.reviewers")}
          </h2>
          <p className="text-sm text-slate-600">{t("rev.reviewersIntro")}</p>
          {result?.link ? (
            <p className="break-all rounded bg-sky-50 p-2 text-sm ring-1 ring-sky-200" data-testid="reviewer-invitation-link">
              {result.link}
            </p>
          ) : null}
          {access.reviewers.length === 0 && access.invitations.length === 0 ? <p className="text-sm text-slate-600">{t("rev.noReviewers")}</p> : null}
          <ul className="divide-y divide-slate-100 text-sm">
            {access.reviewers.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="programme-reviewer">
                <span>
                  <span className="font-medium">{r.name}</span> <span className="text-slate-500">{r.email}</span> ·{" "}
                  {r.until ? fill(t(r.active ? "rev.until" : "rev.ended"), { date: format(r.until) }) : t("rev.noEnd")}
                </span>
                <Form method="post" onSubmit={confirmFirst(fill(t("rev.closeConfirm"), { name: r.name }))}>
                  <input type="hidden" name="intent" value="close_reviewer" />
                  <input type="hidden" name="userId" value={r.id} />
                  <SubmitButton tone="plain">{t("rev.close")}</SubmitButton>
                </Form>
              </li>
            ))}
            {access.invitations.map((i) => (
              <li key={i.id} className="py-2 text-slate-600">
                {i.email} · {t("rev.pendingInvitation")}
              </li>
            ))}
          </ul>
          <Form method="post" noValidate className="grid items-end gap-3 md:grid-cols-[2fr_1fr_auto]">
            <input type="hidden" name="intent" value="open_reviewer" />
            <div>
              <label htmlFor="reviewer-email" className="block text-sm font-medium">
                {t("rev.reviewerEmail")}
              </label>
              <input id="reviewer-email" name="email" type="email" required className={inputClass} aria-invalid={result?.errors?.email ? true : undefined} aria-describedby="reviewer-email-error" />
              <ErrorList id="reviewer-email-error" errors={result?.errors?.email} />
            </div>
            <div>
              <label htmlFor="reviewer-until" className="block text-sm font-medium">
                {t("rev.reviewerUntil")}
              </label>
              <input id="reviewer-until" name="until" type="date" className={inputClass} aria-invalid={result?.errors?.until ? true : undefined} aria-describedby="reviewer-until-error" />
              <ErrorList id="reviewer-until-error" errors={result?.errors?.until} />
            </div>
            <SubmitButton tone="plain">{t("rev.open")}</SubmitButton>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="comments-title" className="space-y-3">
        <h2 id="comments-title" className="text-lg font-semibold">
          {fill(t("rev.comments"), { count: comments.length })}
        </h2>
        {threads.length === 0 ? <p className="text-slate-600">{t("rev.noComments")}</p> : null}
        <ol className="space-y-3">
          {threads.map((c) => (
            <li key={c.id}>
              <CommentCard comment={c} answers={answersOf(c.id)} me={me} canAnswer={mayComment} result={result} />
            </li>
          ))}
        </ol>
      </section>

      {mayComment ? (
        <Form method="post" id="nouveau" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-lg font-semibold">{t("rev.new")}</h2>
          <input type="hidden" name="intent" value="comment" />
          <fieldset>
            <legend className="text-sm font-medium">{t("rev.subject")}</legend>
            <div className="mt-1 flex flex-wrap gap-4 text-sm">
              {(["programme", "module", "requirement"] as const).map((subject) => (
                <label key={subject} className="flex items-center gap-1">
                  <input type="radio" name="subject" value={subject} defaultChecked={presetSubject === subject} /> {t(SUBJECT_KEYS[subject])}
                </label>
              ))}
            </div>
            <ErrorList errors={newErrors?.subject} />
          </fieldset>
          <div className="grid gap-3 md:grid-cols-2">
            <div>
              <label htmlFor="comment-module" className="block text-sm font-medium">
                {t("rev.module")}
              </label>
              <select id="comment-module" name="moduleCode" defaultValue={search.get("module") ?? ""} className={inputClass} aria-invalid={newErrors?.moduleCode ? true : undefined}>
                <option value="">—</option>
                {modules.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.code} · {m.title}
                  </option>
                ))}
              </select>
              <ErrorList errors={newErrors?.moduleCode} />
            </div>
            <div>
              <label htmlFor="comment-item" className="block text-sm font-medium">
                {t("rev.requirement")}
              </label>
              <select id="comment-item" name="itemRef" defaultValue={search.get("exigence") ?? ""} className={inputClass} aria-invalid={newErrors?.itemRef ? true : undefined}>
                <option value="">—</option>
                {requirements.map((r) => (
                  <option key={`${r.sheet}|${r.ref}`} value={r.ref}>
                    {r.ref} · {r.label.slice(0, 90)}
                  </option>
                ))}
              </select>
              <ErrorList errors={newErrors?.itemRef} />
            </div>
          </div>
          <div>
            <label htmlFor="comment-body" className="block text-sm font-medium">
              {t("rev.body")}
            </label>
            <textarea id="comment-body" name="body" rows={4} className={inputClass} aria-invalid={newErrors?.body ? true : undefined} aria-describedby="comment-body-error" />
            <ErrorList id="comment-body-error" errors={newErrors?.body} />
          </div>
          <SubmitButton pending={navigation.state === "submitting"}>{t("rev.publish")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
