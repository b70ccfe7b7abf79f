import { type SubmissionResult, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { confirmFirst, Field, inputClass, Notice, SubmitButton } from "~/components/forms";
import { changePasswordSchema, tokenSchema } from "~/domain/account-forms";
import { passwordProblem } from "~/domain/password-policy";
import { changePassword, createApiToken, listApiTokens, normaliseEmail, revokeApiToken, revokeOtherSessions, verifyLogin } from "~/models/account.server";
import { takeAttempt } from "~/models/rate-limit.server";
import { confirmEnrolment, disableSecondFactor, pendingEnrolment, replaceRecoveryCodes, secondFactorState, startEnrolment } from "~/models/second-factor.server";
import { endSession, listSessions, sessionHandle } from "~/models/security.server";
import { describeUserAgent } from "~/domain/user-agent";
import { EnrolmentPanel, RecoveryCodes } from "~/components/second-factor";
import { clearSessionCookie, requireMembership, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fill, translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { metaTranslator, useDateFormat, useT } from "~/utils/use-t";
import { requireRecentAuthentication, sensitiveForm } from "~/utils/reauthentication.server";
import { qrCodeImage } from "~/utils/qr-code.server";
import { clientKey } from "~/utils/session-response.server";
import { redirect } from "@remix-run/node";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.account")} · Maquette` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const [tokens, sessions, secondFactor, enrolment] = await Promise.all([
    current.current ? listApiTokens({ db, userId: current.user.id, schoolId: current.current.school.id }) : [],
    listSessions({ db, userId: current.user.id }),
    secondFactorState({ db, userId: current.user.id }),
    pendingEnrolment({ db, userId: current.user.id, email: current.user.email }),
  ]);
  return {
    user: current.user,
    school: current.current?.school.name ?? null,
    tokens: tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null })),
    // Each session by its handle, never its id (the id is as good as the cookie).
    sessions: sessions.map((s) => ({ handle: s.handle, current: s.id === current.sessionId, device: describeUserAgent(s.userAgent), address: s.address, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() })),
    secondFactor: { ...secondFactor, enabledAt: secondFactor.enabledAt?.toISOString() ?? null },
    enrolment: enrolment ? { secret: enrolment.secret, qr: await qrCodeImage(enrolment.uri) } : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const actor = { userId: current.user.id, schoolId: current.current?.school.id ?? null };
  const t = translator(await getLocale(request));
  const formData = await sensitiveForm(request, current);
  const intent = formData.get("intent");
  if (intent === "password") {
    // The current password is guessed like a sign-in: the same limit (docs/decisions/044).
    const attempt = await takeAttempt({ db, keys: [clientKey(context), `account:${normaliseEmail(current.user.email)}`] });
    if (!attempt) return Response.json({ intent, result: parseWithZod(formData, { schema: changePasswordSchema }).reply({ formErrors: [t("sec.limited")], hideFields: ["currentPassword", "newPassword"] }) }, { status: 429 });
    const submission = await parseWithZod(formData, {
      async: true,
      schema: changePasswordSchema.superRefine(async (value, ctx) => {
        const problem = passwordProblem(value.newPassword, { email: current.user.email });
        if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
        if (!(await verifyLogin({ db, email: current.user.email, password: value.currentPassword }))) {
          ctx.addIssue({ code: "custom", path: ["currentPassword"], message: "Le mot de passe actuel est incorrect." });
        }
      }),
    });
    if (submission.status !== "success") {
      if (!submission.error?.currentPassword?.length) await attempt.refund();
      return Response.json({ intent, result: submission.reply({ hideFields: ["currentPassword", "newPassword"] }) }, { status: 400 });
    }
    await attempt.refund();
    await changePassword({ db, userId: current.user.id, newPassword: submission.value.newPassword, keepSessionId: current.sessionId, actor });
    return Response.json({ intent, done: true, result: submission.reply({ resetForm: true }) });
  }
  if (intent === "sign-out-others") {
    const count = await revokeOtherSessions({ db, userId: current.user.id, keepId: current.sessionId, actor });
    return Response.json({ intent, count });
  }
  if (intent === "end-session") {
    const handle = String(formData.get("session") ?? "");
    if (handle === sessionHandle(current.sessionId)) {
      // Ending this very session is signing out.
      if (!(await endSession({ db, userId: current.user.id, handle, actor }))) throw new Response(t("sec.sessions.notFound"), { status: 404 });
      throw redirect("/connexion", { headers: { "Set-Cookie": clearSessionCookie(request) } });
    }
    await requireRecentAuthentication(request, current, formData);
    if (!(await endSession({ db, userId: current.user.id, handle, actor }))) return Response.json({ intent, error: t("sec.sessions.notFound") }, { status: 404 });
    return Response.json({ intent, message: t("sec.sessions.ended") });
  }
  if (intent === "2fa-start") {
    if (!(await startEnrolment({ db, userId: current.user.id }))) return Response.json({ intent, error: t("sec.account.alreadyOn") }, { status: 400 });
    return Response.json({ intent });
  }
  if (intent === "2fa-confirm") {
    const codes = await confirmEnrolment({ db, userId: current.user.id, code: String(formData.get("code") ?? ""), actor });
    if (!codes) return Response.json({ intent, error: t("sec.enrol.wrongCode") }, { status: 400 });
    return Response.json({ intent, codes, message: t("sec.account.enabled") });
  }
  if (intent === "2fa-disable") {
    await requireRecentAuthentication(request, current, formData);
    if ((await secondFactorState({ db, userId: current.user.id })).required) return Response.json({ intent, error: t("sec.account.cannotDisable") }, { status: 400 });
    await disableSecondFactor({ db, userId: current.user.id, actor });
    return Response.json({ intent, message: t("sec.account.disabled") });
  }
  if (intent === "2fa-codes") {
    await requireRecentAuthentication(request, current, formData);
    const codes = await replaceRecoveryCodes({ db, userId: current.user.id, actor });
    if (!codes) return Response.json({ intent, error: t("sec.account.off") }, { status: 400 });
    return Response.json({ intent, codes });
  }
  if (intent === "create-token") {
    const { school } = await requireMembership(request);
    const submission = parseWithZod(formData, { schema: tokenSchema });
    if (submission.status !== "success") return Response.json({ intent, result: submission.reply() }, { status: 400 });
    await requireRecentAuthentication(request, current, formData);
    const { token } = await createApiToken({ db, userId: current.user.id, schoolId: school.id, name: submission.value.name, actor });
    return Response.json({ intent, token, result: submission.reply({ resetForm: true }) });
  }
  if (intent === "revoke-token") {
    const ok = await revokeApiToken({ db, userId: current.user.id, id: String(formData.get("id") ?? ""), actor });
    if (!ok) throw new Response("Jeton introuvable.", { status: 404 });
    return Response.json({ intent, revoked: true });
  }
  throw new Response("Action inconnue.", { status: 400 });
}

type ActionData = { intent: string; result?: SubmissionResult<string[]>; done?: boolean; count?: number; token?: string; error?: string; message?: string; codes?: string[] };

export default function Account() {
  const t = useT();
  const { user, school, tokens, sessions, secondFactor, enrolment } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as (ActionData & { result?: SubmissionResult<string[]> }) | undefined;
  const navigation = useNavigation();
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: data?.intent === "password" ? data.result : undefined,
    constraint: getZodConstraint(changePasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  const [tokenForm, tokenFields] = useForm({
    id: "token",
    lastResult: data?.intent === "create-token" ? data.result : undefined,
    constraint: getZodConstraint(tokenSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: tokenSchema }),
  });
  const dates = useDateFormat();
  const date = (iso: string | null) => (iso ? dates(iso) : t("auth.account.never"));
  return (
    <section className="mx-auto max-w-2xl space-y-8">
      <header>
        <h1 className="text-2xl font-bold">{t("auth.account.title")}</h1>
        <p className="text-slate-600">
          {user.name} · {user.email}
          {school ? ` · ${school}` : ""}
        </p>
      </header>

      <section className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 className="text-lg font-semibold">{t("auth.account.password")}</h2>
        {data?.intent === "password" && data.done ? <Notice tone="success">{t("auth.account.passwordChanged")}</Notice> : null}
        <Form method="post" {...getFormProps(passwordForm)} className="space-y-4">
          {passwordForm.errors?.length ? <Notice tone="error">{passwordForm.errors.join(" ")}</Notice> : null}
          <input type="hidden" name="intent" value="password" />
          <Field label={t("auth.account.currentPassword")} htmlFor={passwordFields.currentPassword.id} errorId={passwordFields.currentPassword.errorId} errors={passwordFields.currentPassword.errors}>
            <input {...getInputProps(passwordFields.currentPassword, { type: "password" })} autoComplete="current-password" className={inputClass} />
          </Field>
          <Field label={t("auth.account.newPassword")} htmlFor={passwordFields.newPassword.id} errorId={passwordFields.newPassword.errorId} errors={passwordFields.newPassword.errors} hint={t("auth.passwordHint")}>
            <input {...getInputProps(passwordFields.newPassword, { type: "password" })} autoComplete="new-password" className={inputClass} />
          </Field>
          <SubmitButton pending={navigation.state === "submitting"}>{t("auth.account.password")}</SubmitButton>
        </Form>
      </section>

      <SecondFactorSection state={secondFactor} enrolment={enrolment} email={user.email} data={data} pending={navigation.state === "submitting"} />

      <section className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="text-lg font-semibold">
          {t("auth.account.sessions")}
        </h2>
        {data?.intent === "sign-out-others" ? <Notice tone="success">{fill(t("auth.account.othersSignedOut"), { count: data.count ?? 0 })}</Notice> : null}
        {data?.intent === "end-session" ? <Notice tone={data.error ? "error" : "success"}>{data.error ?? data.message}</Notice> : null}
        <p className="text-sm text-slate-600">{t("sec.sessions.intro")}</p>
        <ul className="divide-y divide-slate-100" data-testid="sessions">
          {sessions.map((session) => {
            const device = fill(t("sec.sessions.device"), { browser: session.device.browser ?? t("sec.sessions.unknownBrowser"), system: session.device.system ?? t("sec.sessions.unknownSystem") });
            return (
              <li key={session.handle} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm" data-testid="session">
                <span>
                  <strong>{device}</strong>
                  {session.current ? <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800 ring-1 ring-emerald-200">{t("sec.sessions.thisOne")}</span> : null}
                  <br />
                  <span className="text-slate-600">{fill(t("sec.sessions.details"), { date: date(session.createdAt), address: session.address || t("sec.sessions.unknownAddress"), last: date(session.lastSeenAt) })}</span>
                </span>
                <Form method="post" onSubmit={confirmFirst(fill(t("sec.sessions.endConfirm"), { device }))}>
                  <input type="hidden" name="intent" value="end-session" />
                  <input type="hidden" name="session" value={session.handle} />
                  <SubmitButton tone="plain">{t("sec.sessions.end")}</SubmitButton>
                </Form>
              </li>
            );
          })}
        </ul>
        <Form method="post">
          <input type="hidden" name="intent" value="sign-out-others" />
          <SubmitButton tone="plain">{t("auth.account.signOutOthers")}</SubmitButton>
        </Form>
      </section>

      {school ? (
        <section className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-lg font-semibold">{t("auth.account.tokens")}</h2>
          <p className="text-sm text-slate-600">{t("auth.account.tokensIntro")}</p>
          {data?.intent === "create-token" && data.token ? (
            <Notice tone="success">
              {t("auth.account.tokenShownOnce")}
              <code data-testid="new-token" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900 ring-1 ring-slate-200">
                {data.token}
              </code>
            </Notice>
          ) : null}
          <Form method="post" {...getFormProps(tokenForm)} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="create-token" />
            <div className="flex-1">
              <Field label={t("auth.account.tokenName")} htmlFor={tokenFields.name.id} errorId={tokenFields.name.errorId} errors={tokenFields.name.errors}>
                <input {...getInputProps(tokenFields.name, { type: "text" })} className={inputClass} />
              </Field>
            </div>
            <SubmitButton>{t("auth.account.createToken")}</SubmitButton>
          </Form>
          {tokens.length === 0 ? (
            <p className="text-sm text-slate-500">{t("auth.account.noTokens")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {tokens.map((token) => (
                <li key={token.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                  <span>
                    <strong>{token.name}</strong> <code className="text-slate-500">{token.prefix}…</code> · {t("auth.account.lastUsed")} : {date(token.lastUsedAt)}
                  </span>
                  <Form method="post" onSubmit={confirmFirst(fill(t("auth.account.revokeConfirm"), { name: token.name }))}>
                    <input type="hidden" name="intent" value="revoke-token" />
                    <input type="hidden" name="id" value={token.id} />
                    <SubmitButton tone="danger">{t("auth.account.revoke")}</SubmitButton>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </section>
  );
}

type SecondFactorView = { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number; required: boolean };

/** "My account": the second factor, on or off, its enrolment, its recovery codes. */
function SecondFactorSection({ state, enrolment, email, data, pending }: { state: SecondFactorView; enrolment: { secret: string; qr: string } | null; email: string; data: ActionData | undefined; pending: boolean }) {
  const t = useT();
  const dates = useDateFormat();
  const ours = data?.intent?.startsWith("2fa-") ? data : undefined;
  // A day in the school's time zone (decision 050).
  const day = (iso: string) => dates.day(iso);
  return (
    <section className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" aria-labelledby="second-factor-title">
      <h2 id="second-factor-title" className="text-lg font-semibold">
        {t("sec.account.title")}
      </h2>
      {ours?.message ? <Notice tone="success">{ours.message}</Notice> : null}
      {/* A wrong first code is shown beside its field, in the enrolment panel. */}
      {ours?.error && !(ours.intent === "2fa-confirm" && enrolment) ? <Notice tone="error">{ours.error}</Notice> : null}
      {ours?.codes ? <RecoveryCodes codes={ours.codes} /> : null}
      {state.enabled ? (
        <>
          <p className="text-sm text-slate-700" data-testid="second-factor-state">
            {fill(t("sec.account.on"), { date: state.enabledAt ? day(state.enabledAt) : "", count: state.recoveryCodesLeft })}
          </p>
          <div className="flex flex-wrap gap-2">
            <Form method="post" onSubmit={confirmFirst(t("sec.account.newCodesConfirm"))}>
              <input type="hidden" name="intent" value="2fa-codes" />
              <SubmitButton tone="plain">{t("sec.account.newCodes")}</SubmitButton>
            </Form>
            {state.required ? null : (
              <Form method="post" onSubmit={confirmFirst(t("sec.account.disableConfirm"))}>
                <input type="hidden" name="intent" value="2fa-disable" />
                <SubmitButton tone="danger">{t("sec.account.disable")}</SubmitButton>
              </Form>
            )}
          </div>
        </>
      ) : enrolment ? (
        <EnrolmentPanel qr={enrolment.qr} secret={enrolment.secret} email={email} intent="2fa-confirm" error={ours?.intent === "2fa-confirm" ? ours.error : null} pending={pending} />
      ) : (
        <>
          <p className="text-sm text-slate-700" data-testid="second-factor-state">
            {t("sec.account.off")} {state.required ? t("sec.account.required") : null}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="2fa-start" />
            <SubmitButton>{t("sec.account.start")}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}
