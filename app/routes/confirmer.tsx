/**
 * /confirmer: the person confirms who they are (password, or a code of their second factor)
 * before a sensitive change, then the change they had sent goes on as they sent it
 * (docs/decisions/046, app/utils/reauthentication.server.ts).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Field, inputClass, Notice, safeRedirect, SubmitButton } from "~/components/forms";
import { CodeField } from "~/components/second-factor";
import { fill, translator } from "~/i18n";
import { normaliseEmail, verifyLogin } from "~/models/account.server";
import { takeAttempt } from "~/models/rate-limit.server";
import { checkSecondFactor, hasSecondFactor } from "~/models/second-factor.server";
import { markAuthenticated, pendingConfirmation } from "~/models/security.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";
import { getLocale } from "~/utils/locale.server";
import { PENDING_MS, resumeAddress } from "~/utils/reauthentication.server";
import { clientKey } from "~/utils/session-response.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("sec.title.confirm")} · Maquette` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const [pending, secondFactor] = await Promise.all([pendingConfirmation({ db, sessionId: current.sessionId, maxAgeMs: PENDING_MS }), hasSecondFactor({ db, userId: current.user.id })]);
  return { pendingPath: pending ? pending.path.replace(/\?.*$/, "") : null, secondFactor };
}

type ActionData = { field?: "password" | "code"; error?: string; resume?: string; done?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const t = translator(await getLocale(request));
  const formData = await readForm(request);
  const how = formData.get("intent") === "code" ? "code" : "password";
  const value = String(formData.get(how) ?? "");
  if (!value.trim()) return Response.json({ field: how, error: t(how === "code" ? "sec.code.required" : "sec.confirm.passwordRequired") } satisfies ActionData, { status: 400 });
  // Guessed like a sign-in: the same limit, per address and per account.
  const attempt = await takeAttempt({ db, keys: [clientKey(context), `account:${normaliseEmail(current.user.email)}`] });
  if (!attempt) return Response.json({ field: how, error: t("sec.limited") } satisfies ActionData, { status: 429 });
  const actor = { userId: current.user.id, schoolId: current.current?.school.id ?? null };
  const proof =
    how === "code"
      ? await checkSecondFactor({ db, userId: current.user.id, code: value, actor })
      : (await verifyLogin({ db, email: current.user.email, password: value.slice(0, 1024) }))
        ? ("password" as const)
        : null;
  if (!proof) return Response.json({ field: how, error: t(how === "code" ? "sec.code.wrong" : "sec.confirm.wrongPassword") } satisfies ActionData, { status: 400 });
  await attempt.refund();
  await markAuthenticated({ db, sessionId: current.sessionId, actor, how: proof });
  const pending = await pendingConfirmation({ db, sessionId: current.sessionId, maxAgeMs: PENDING_MS });
  if (pending) return Response.json({ resume: resumeAddress(pending.path, pending.mark) } satisfies ActionData);
  const back = new URL(request.url).searchParams.get("redirectTo");
  if (back) throw redirect(safeRedirect(back, "/compte"));
  return Response.json({ done: true } satisfies ActionData);
}

export default function Confirm() {
  const t = useT();
  const { pendingPath, secondFactor } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const submit = useSubmit();
  const resumeForm = useRef<HTMLFormElement>(null);
  // Confirmed: the change that was waiting goes on at once (without JavaScript, with the button).
  useEffect(() => {
    if (data?.resume && resumeForm.current) submit(resumeForm.current);
  }, [data?.resume, submit]);
  const pending = navigation.state === "submitting";
  return (
    <section className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("sec.title.confirm")}</h1>
      {data?.resume ? (
        <Form method="post" action={data.resume} ref={resumeForm} className="space-y-3">
          <Notice tone="success">{t("sec.confirm.resuming")}</Notice>
          <SubmitButton pending={pending}>{t("sec.confirm.resume")}</SubmitButton>
        </Form>
      ) : data?.done ? (
        <Notice tone="success">{t("sec.confirm.done")}</Notice>
      ) : (
        <>
          <p className="text-slate-700">{t("sec.confirm.intro")}</p>
          {/* A refusal of a form this page does not show (a code, without a second factor) is said here. */}
          {data?.error && data.field === "code" && !secondFactor ? <Notice tone="error">{data.error}</Notice> : null}
          {pendingPath ? <Notice>{fill(t("sec.confirm.pending"), { path: pendingPath })}</Notice> : null}
          <Form method="post" className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
            <input type="hidden" name="intent" value="password" />
            <Field label={t("sec.confirm.password")} htmlFor="confirm-password" errorId="confirm-password-error" errors={data?.field === "password" && data.error ? [data.error] : null}>
              <input
                id="confirm-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                aria-invalid={data?.field === "password" && data.error ? true : undefined}
                aria-describedby={data?.field === "password" && data.error ? "confirm-password-error" : undefined}
                className={inputClass}
              />
            </Field>
            <SubmitButton pending={pending}>{t("sec.confirm.submitPassword")}</SubmitButton>
          </Form>
          {secondFactor ? (
            <Form method="post" className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
              <h2 className="font-semibold">{t("sec.confirm.orCode")}</h2>
              <input type="hidden" name="intent" value="code" />
              <CodeField id="confirm-code" label={t("sec.code.label")} hint={t("sec.code.hint")} error={data?.field === "code" ? data.error : null} />
              <SubmitButton pending={pending}>{t("sec.confirm.submitCode")}</SubmitButton>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}
