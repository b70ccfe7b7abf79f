import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, inputClass, Notice, SubmitButton } from "~/components/forms";
import { acceptInvitationSchema } from "~/domain/account-forms";
import { passwordProblem } from "~/domain/password-policy";
import { isRole, ROLE_LABELS } from "~/domain/roles";
import { acceptInvitation, findInvitation } from "~/models/account.server";
import { getCurrentUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { signInAndRedirect } from "~/utils/session-response.server";
import { fill, translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { metaTranslator, useLocale, useT } from "~/utils/use-t";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.invitation")} · Maquette` }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findInvitation({ db, token: params.token ?? "" });
  if (!invitation) return { valid: false as const };
  const current = await getCurrentUser(request);
  return {
    valid: true as const,
    email: invitation.email,
    role: invitation.role,
    school: invitation.school.name,
    hasAccount: invitation.existingUserId !== null,
    /** Where sign-in sends the invitee back to: from the request, so the link is the same on the server and in the browser. */
    signInHref: `/connexion?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`,
    signedInAsInvitee: current?.user.id === invitation.existingUserId && invitation.existingUserId !== null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const t = translator(await getLocale(request));
  const invitation = await findInvitation({ db, token });
  if (!invitation) return Response.json({ error: t("act.inv.expired") }, { status: 400 });
  const formData = await readForm(request);
  if (invitation.existingUserId) {
    // An existing account joins only when its owner is signed in.
    const current = await getCurrentUser(request);
    if (current?.user.id !== invitation.existingUserId) return Response.json({ error: t("act.inv.signInAsInvited") }, { status: 403 });
    const accepted = await acceptInvitation({ db, token, userId: current.user.id });
    if (!accepted) return Response.json({ error: t("act.inv.expired") }, { status: 400 });
    return signInAndRedirect({ request, context, userId: accepted.userId, schoolId: accepted.schoolId, redirectTo: "/programmes" });
  }
  const submission = parseWithZod(formData, {
    schema: acceptInvitationSchema.superRefine((value, ctx) => {
      const problem = passwordProblem(value.password, { email: invitation.email });
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    }),
  });
  if (submission.status !== "success") return Response.json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const accepted = await acceptInvitation({ db, token, name: submission.value.name, password: submission.value.password });
  if (!accepted) return Response.json({ error: t("act.inv.expired") }, { status: 400 });
  return signInAndRedirect({ request, context, userId: accepted.userId, schoolId: accepted.schoolId, redirectTo: "/programmes" });
}

export default function Invitation() {
  const t = useT();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { error?: string; result?: import("@conform-to/react").SubmissionResult<string[]> } | undefined;
  const [form, fields] = useForm({
    id: "accept",
    lastResult: actionData?.result,
    constraint: getZodConstraint(acceptInvitationSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptInvitationSchema }),
  });
  if (!data.valid) {
    return (
      <section className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-bold">{t("auth.invitation.title")}</h1>
        <Notice tone="error">{t("auth.invitation.invalid")}</Notice>
      </section>
    );
  }
  const role = isRole(data.role) ? ROLE_LABELS[data.role][locale] : data.role;
  return (
    <section className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{t("auth.invitation.title")}</h1>
      <p>{fill(t("auth.invitation.join"), { school: data.school, role })}</p>
      {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
      {data.hasAccount ? (
        data.signedInAsInvitee ? (
          <Form method="post">
            <SubmitButton>{t("auth.invitation.accept")}</SubmitButton>
          </Form>
        ) : (
          <Notice>
            {t("auth.invitation.existing")}{" "}
            <Link className="underline" to={data.signInHref}>
              {t("nav.signIn")}
            </Link>
          </Notice>
        )
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <p className="text-sm text-slate-600">{t("auth.invitation.setPassword")}</p>
          <p className="text-sm">
            {t("auth.email")} : <strong>{data.email}</strong>
          </p>
          <Field label={t("auth.name")} htmlFor={fields.name.id} errorId={fields.name.errorId} errors={fields.name.errors}>
            <input {...getInputProps(fields.name, { type: "text" })} autoComplete="name" className={inputClass} />
          </Field>
          <Field label={t("auth.password")} htmlFor={fields.password.id} errorId={fields.password.errorId} errors={fields.password.errors} hint={t("auth.passwordHint")}>
            <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" className={inputClass} />
          </Field>
          <SubmitButton>{t("auth.invitation.accept")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
