import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, inputClass, Notice, safeRedirect, SubmitButton } from "~/components/forms";
import { signInSchema } from "~/domain/account-forms";
import { demoAccountEmails, listMemberships, normaliseEmail, verifyLogin } from "~/models/account.server";
import { takeAttempt } from "~/models/rate-limit.server";
import { getCurrentUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { clientKey } from "~/utils/session-response.server";
import { continueSignIn } from "~/utils/sign-in.server";
import { metaTranslator, useT } from "~/utils/use-t";
import { readForm } from "~/utils/form-data.server";
import { replyToRefusal } from "~/utils/form-reply";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.signIn")} · Maquette` }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/"));
  return { demoAccounts: await demoAccountEmails({ db }) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = translator(await getLocale(request));
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") return Response.json({ result: replyToRefusal(submission, ["email", "password"], { hideFields: ["password"] }) }, { status: 400 });
  const { email, password, redirectTo } = submission.value;
  const keys = [clientKey(context), `account:${normaliseEmail(email)}`];
  // One place taken before the password is checked, atomically (docs/decisions/044).
  const attempt = await takeAttempt({ db, keys });
  if (!attempt) {
    return Response.json({ result: submission.reply({ formErrors: [t("act.auth.tooManyAttempts")], hideFields: ["password"] }) }, { status: 429 });
  }
  const user = await verifyLogin({ db, email, password });
  if (!user) {
    // The same answer for an unknown account and a wrong password.
    return Response.json({ result: submission.reply({ formErrors: [t("act.auth.wrongCredentials")], hideFields: ["password"] }) }, { status: 400 });
  }
  await attempt.refund();
  const memberships = await listMemberships({ db, userId: user.id });
  // The second factor, when the person has one or must set one up, is a step of its own.
  return continueSignIn({ request, context, userId: user.id, schoolId: memberships[0]?.school.id ?? null, redirectTo: safeRedirect(redirectTo, "/") });
}

export default function SignIn() {
  const t = useT();
  const data = useActionData<typeof action>();
  const { demoAccounts } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult: data?.result,
    constraint: getZodConstraint(signInSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
  });
  return (
    <section className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("auth.signIn.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        {form.errors?.length ? <Notice tone="error">{form.errors.join(" ")}</Notice> : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label={t("auth.email")} htmlFor={fields.email.id} errorId={fields.email.errorId} errors={fields.email.errors}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" className={inputClass} />
        </Field>
        <Field label={t("auth.password")} htmlFor={fields.password.id} errorId={fields.password.errorId} errors={fields.password.errors}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" className={inputClass} />
        </Field>
        <SubmitButton pending={navigation.state === "submitting"}>{t("auth.signIn.submit")}</SubmitButton>
      </Form>
      <p className="text-sm">
        {t("auth.signIn.noAccount")}{" "}
        <Link to="/inscription" className="text-brand-700 underline">
          {t("nav.signUp")}
        </Link>
      </p>
      {demoAccounts.length ? (
        <div className="rounded-md bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-200">
          <p>{t("auth.signIn.demo")}</p>
          <ul className="mt-1 list-inside list-disc font-mono">
            {demoAccounts.map((email) => (
              <li key={email}>{email}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
