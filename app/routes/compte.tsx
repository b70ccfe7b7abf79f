import { type SubmissionResult, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { confirmFirst, Field, inputClass, Notice, SubmitButton } from "~/components/forms";
import { changePasswordSchema, tokenSchema } from "~/domain/account-forms";
import { passwordProblem } from "~/domain/password-policy";
import { changePassword, createApiToken, listApiTokens, revokeApiToken, revokeOtherSessions, verifyLogin } from "~/models/account.server";
import { requireMembership, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fill } from "~/i18n";
import { metaTranslator, useDateFormat, useT } from "~/utils/use-t";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.account")} · Maquette` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const tokens = current.current ? await listApiTokens({ db, userId: current.user.id, schoolId: current.current.school.id }) : [];
  return {
    user: current.user,
    school: current.current?.school.name ?? null,
    tokens: tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const actor = { userId: current.user.id, schoolId: current.current?.school.id ?? null };
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "password") {
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
    if (submission.status !== "success") return Response.json({ intent, result: submission.reply({ hideFields: ["currentPassword", "newPassword"] }) }, { status: 400 });
    await changePassword({ db, userId: current.user.id, newPassword: submission.value.newPassword, keepSessionId: current.sessionId, actor });
    return Response.json({ intent, done: true, result: submission.reply({ resetForm: true }) });
  }
  if (intent === "sign-out-others") {
    const count = await revokeOtherSessions({ db, userId: current.user.id, keepId: current.sessionId, actor });
    return Response.json({ intent, count });
  }
  if (intent === "create-token") {
    const { school } = await requireMembership(request);
    const submission = parseWithZod(formData, { schema: tokenSchema });
    if (submission.status !== "success") return Response.json({ intent, result: submission.reply() }, { status: 400 });
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

type ActionData = { intent: string; result?: SubmissionResult<string[]>; done?: boolean; count?: number; token?: string };

export default function Account() {
  const t = useT();
  const { user, school, tokens } = useLoaderData<typeof loader>();
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

      <section className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 className="text-lg font-semibold">{t("auth.account.sessions")}</h2>
        {data?.intent === "sign-out-others" ? <Notice tone="success">{fill(t("auth.account.othersSignedOut"), { count: data.count ?? 0 })}</Notice> : null}
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
