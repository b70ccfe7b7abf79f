/**
 * /reinitialisation/:token: a member sets a new password with the one-time link an administrator
 * gave them (valid 24 hours). The password policy applies; every session of theirs ends; they then
 * sign in as usual, with their second factor if they have one (docs/decisions/046).
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, inputClass, Notice, SubmitButton } from "~/components/forms";
import { acceptInvitationSchema } from "~/domain/account-forms";
import { passwordProblem } from "~/domain/password-policy";
import { fill, translator } from "~/i18n";
import { findPasswordReset, applyPasswordReset } from "~/models/security.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";
import { getLocale } from "~/utils/locale.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("sec.title.reset")} · Maquette` }, { name: "referrer", content: "no-referrer" }];

const resetSchema = acceptInvitationSchema.pick({ password: true });

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findPasswordReset({ db, token: params.token ?? "" });
  if (!reset) return { valid: false as const };
  return { valid: true as const, email: reset.user.email, school: reset.school.name };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = translator(await getLocale(request));
  const token = params.token ?? "";
  const reset = await findPasswordReset({ db, token });
  if (!reset) return Response.json({ error: t("sec.reset.invalid") }, { status: 400 });
  const submission = parseWithZod(await readForm(request), {
    schema: resetSchema.superRefine((value, ctx) => {
      const problem = passwordProblem(value.password, { email: reset.user.email, name: reset.user.name });
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    }),
  });
  if (submission.status !== "success") return Response.json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  if (!(await applyPasswordReset({ db, token, password: submission.value.password }))) return Response.json({ error: t("sec.reset.invalid") }, { status: 400 });
  return Response.json({ done: true });
}

export default function PasswordReset() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { error?: string; done?: boolean; result?: import("@conform-to/react").SubmissionResult<string[]> } | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "reset",
    lastResult: actionData?.result,
    constraint: getZodConstraint(resetSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetSchema }),
  });
  return (
    <section className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{t("sec.title.reset")}</h1>
      {actionData?.done ? (
        <>
          <Notice tone="success">{t("sec.reset.done")}</Notice>
          <Link to="/connexion" className="text-brand-700 underline">
            {t("nav.signIn")}
          </Link>
        </>
      ) : !data.valid || actionData?.error ? (
        <Notice tone="error">{actionData?.error ?? t("sec.reset.invalid")}</Notice>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <p className="text-sm text-slate-700">{fill(t("sec.reset.intro"), { email: data.email, school: data.school })}</p>
          <Field label={t("sec.reset.newPassword")} htmlFor={fields.password.id} errorId={fields.password.errorId} errors={fields.password.errors} hint={t("auth.passwordHint")}>
            <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" className={inputClass} />
          </Field>
          <SubmitButton pending={navigation.state === "submitting"}>{t("sec.reset.submit")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
