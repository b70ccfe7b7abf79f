import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Field, inputClass, Notice, SubmitButton } from "~/components/forms";
import { signUpSchema } from "~/domain/account-forms";
import { passwordProblem } from "~/domain/password-policy";
import { emailTaken, signUpSchool } from "~/models/account.server";
import { takeAttempt } from "~/models/rate-limit.server";
import { getCurrentUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { clientKey, signInAndRedirect } from "~/utils/session-response.server";
import { metaTranslator, useT } from "~/utils/use-t";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.signUp")} · Maquette` }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentUser(request)) throw redirect("/programmes");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = translator(await getLocale(request));
  const formData = await readForm(request);
  const keys = [`signup:${clientKey(context)}`];
  const attempt = await takeAttempt({ db, keys });
  if (!attempt) {
    return Response.json({ result: parseWithZod(formData, { schema: signUpSchema }).reply({ formErrors: [t("act.auth.tooManyAttempts")], hideFields: ["password"] }) }, { status: 429 });
  }
  const submission = await parseWithZod(formData, {
    async: true,
    schema: signUpSchema.superRefine(async (value, ctx) => {
      const problem = passwordProblem(value.password, { email: value.email, name: value.name });
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
      if (await emailTaken({ db, email: value.email })) {
        ctx.addIssue({ code: "custom", path: ["email"], message: t("act.auth.accountExists") });
      }
    }),
  });
  if (submission.status !== "success") {
    return Response.json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  await attempt.refund();
  const { school, user } = await signUpSchool({ db, ...submission.value });
  return signInAndRedirect({ request, context, userId: user.id, schoolId: school.id, redirectTo: "/programmes" });
}

export default function SignUp() {
  const t = useT();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "sign-up",
    lastResult: data?.result,
    constraint: getZodConstraint(signUpSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
  });
  return (
    <section className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("auth.signUp.title")}</h1>
      <p className="text-slate-700">{t("auth.signUp.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        {form.errors?.length ? <Notice tone="error">{form.errors.join(" ")}</Notice> : null}
        <Field label={t("auth.signUp.schoolName")} htmlFor={fields.schoolName.id} errorId={fields.schoolName.errorId} errors={fields.schoolName.errors}>
          <input {...getInputProps(fields.schoolName, { type: "text" })} autoComplete="organization" className={inputClass} />
        </Field>
        <Field label={t("auth.name")} htmlFor={fields.name.id} errorId={fields.name.errorId} errors={fields.name.errors}>
          <input {...getInputProps(fields.name, { type: "text" })} autoComplete="name" className={inputClass} />
        </Field>
        <Field label={t("auth.email")} htmlFor={fields.email.id} errorId={fields.email.errorId} errors={fields.email.errors}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" className={inputClass} />
        </Field>
        <Field label={t("auth.password")} htmlFor={fields.password.id} errorId={fields.password.errorId} errors={fields.password.errors} hint={t("auth.passwordHint")}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" className={inputClass} />
        </Field>
        <SubmitButton pending={navigation.state === "submitting"}>{t("auth.signUp.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
