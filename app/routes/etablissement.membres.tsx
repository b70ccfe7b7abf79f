import { type SubmissionResult, getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { confirmFirst, Field, inputClass, Notice, SubmitButton } from "~/components/forms";
import { inviteSchema } from "~/domain/account-forms";
import { isRole, ROLE_LABELS, ROLES } from "~/domain/roles";
import { changeRole, createInvitation, listInvitations, listMembers, removeMember, revokeInvitation } from "~/models/account.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fill, translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { metaTranslator, useDateFormat, useLocale, useT } from "~/utils/use-t";
import { isSavedWhat, Toast } from "~/components/toast";
import { requireRecentAuthentication, sensitiveForm } from "~/utils/reauthentication.server";
import { createPasswordReset, membersWithSecondFactor, secondFactorPolicy, setSecondFactorForManagers } from "~/models/security.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.members")} · Maquette` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { school } = await requireMembership(request, ["admin"]);
  const [members, invitations, withSecondFactor, managersNeedSecondFactor] = await Promise.all([
    listMembers({ db, schoolId: school.id }),
    listInvitations({ db, schoolId: school.id }),
    membersWithSecondFactor({ db, schoolId: school.id }),
    secondFactorPolicy({ db, schoolId: school.id }),
  ]);
  return {
    security: { managersNeedSecondFactor, isDemo: school.isDemo, withSecondFactor: members.filter((m) => withSecondFactor.has(m.id)).map((m) => m.id) },
    school: school.name,
    members: members.map((m) => ({ id: m.id, role: m.role, name: m.user.name, email: m.user.email, since: m.createdAt.toISOString() })),
    invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireMembership(request, ["admin"]);
  const { school, user } = ctx;
  const actor = { userId: user.id, schoolId: school.id };
  const t = translator(await getLocale(request));
  const formData = await sensitiveForm(request, ctx);
  const intent = formData.get("intent");
  if (intent === "invite") {
    const submission = parseWithZod(formData, { schema: inviteSchema });
    if (submission.status !== "success") return Response.json({ intent, result: submission.reply() }, { status: 400 });
    const { token, expiresAt } = await createInvitation({ db, schoolId: school.id, email: submission.value.email, role: submission.value.role, actor });
    const link = `${new URL(request.url).origin}/invitation/${token}`;
    // No mail server runs here: the link is shown to the admin and written to the server log.
    console.info(`[invitation] ${submission.value.email} (${submission.value.role}) → ${link}`);
    return Response.json({ intent, link, email: submission.value.email, expiresAt: expiresAt.toISOString(), result: submission.reply({ resetForm: true }) });
  }
  const id = String(formData.get("id") ?? "");
  if (intent === "change-role") {
    const role = formData.get("role");
    if (!isRole(role)) return Response.json({ intent, error: t("act.mem.unknownRole") }, { status: 400 });
    await requireRecentAuthentication(request, ctx, formData);
    const outcome = await changeRole({ db, schoolId: school.id, membershipId: id, role, actor });
    if (outcome === "not_found") throw new Response(t("act.mem.notFound"), { status: 404 });
    if (outcome === "last_admin") return Response.json({ intent, error: t("act.mem.lastAdmin") }, { status: 400 });
    return Response.json({ intent, ok: true, saved: "role-modifie" });
  }
  if (intent === "remove") {
    await requireRecentAuthentication(request, ctx, formData);
    const outcome = await removeMember({ db, schoolId: school.id, membershipId: id, actor });
    if (outcome === "not_found") throw new Response(t("act.mem.notFound"), { status: 404 });
    if (outcome === "last_admin") return Response.json({ intent, error: t("act.mem.lastAdmin") }, { status: 400 });
    return Response.json({ intent, ok: true, saved: "membre-retire" });
  }
  if (intent === "revoke-invitation") {
    if (!(await revokeInvitation({ db, schoolId: school.id, id, actor }))) throw new Response(t("act.mem.invitationNotFound"), { status: 404 });
    return Response.json({ intent, ok: true, saved: "invitation-revoquee" });
  }
  // Account security (docs/decisions/045, 046): a one-time link for a new password, and the rule for managers.
  if (intent === "reset-link") {
    await requireRecentAuthentication(request, ctx, formData);
    const reset = await createPasswordReset({ db, schoolId: school.id, membershipId: id, actor });
    if (reset.outcome === "not_found") throw new Response(t("act.mem.notFound"), { status: 404 });
    if (reset.outcome !== "ok") return Response.json({ intent, error: t(reset.outcome === "yourself" ? "sec.members.resetYourself" : "sec.members.resetOtherSchool") }, { status: 400 });
    const resetLink = `${new URL(request.url).origin}/reinitialisation/${reset.token}`;
    // No mail server runs here: the link is shown once to the administrator, like an invitation.
    return Response.json({ intent, resetLink, email: reset.email });
  }
  if (intent === "second-factor-policy") {
    await requireRecentAuthentication(request, ctx, formData);
    await setSecondFactorForManagers({ db, schoolId: school.id, required: formData.get("managers") === "on", actor });
    return Response.json({ intent, message: t("sec.members.ruleSaved") });
  }
  throw new Response(t("act.unknownAction"), { status: 400 });
}

type ActionData = { intent?: string; link?: string; email?: string; error?: string; saved?: string; result?: SubmissionResult<string[]>; resetLink?: string; message?: string };

export default function Members() {
  const t = useT();
  const locale = useLocale();
  const { school, members, invitations, security } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [form, fields] = useForm({
    id: "invite",
    lastResult: data?.intent === "invite" ? data.result : undefined,
    // Reset after each invitation to these values, so the next one starts with a role chosen.
    defaultValue: { role: "teacher" },
    constraint: getZodConstraint(inviteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  const date = useDateFormat();
  // The link of the last invitation, until the next one is begun: it is never shown above another person's address.
  const [begunAfter, setBegunAfter] = useState<string | null>(null);
  const link = data?.intent === "invite" && data.link && data.link !== begunAfter ? data.link : null;
  return (
    <section className="space-y-8">
      {isSavedWhat(data?.saved) ? <Toast key={data.saved + JSON.stringify(members.map((m) => m.role))} what={data.saved} /> : null}
      <header>
        <h1 className="text-2xl font-bold">{t("auth.members.title")}</h1>
        <p className="text-slate-600">{school}</p>
      </header>
      {data?.error ? <Notice tone="error">{data.error}</Notice> : null}
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th className="px-4 py-2">{t("auth.name")}</th>
              <th className="px-4 py-2">{t("auth.email")}</th>
              <th className="px-4 py-2">{t("auth.members.role")}</th>
              <th className="px-4 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id} className="border-t border-slate-100" data-testid={`member-${member.email}`}>
                <td className="px-4 py-2">{member.name}</td>
                <td className="px-4 py-2">{member.email}</td>
                <td className="px-4 py-2">
                  <Form method="post" className="flex items-center gap-2">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="id" value={member.id} />
                    <label className="sr-only" htmlFor={`role-${member.id}`}>
                      {t("auth.members.role")}
                    </label>
                    <select id={`role-${member.id}`} name="role" defaultValue={member.role} className="rounded border border-slate-300 px-2 py-1">
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role][locale]}
                        </option>
                      ))}
                    </select>
                    <SubmitButton tone="plain">{t("auth.members.change")}</SubmitButton>
                  </Form>
                </td>
                <td className="px-4 py-2 text-right">
                  <Form method="post" onSubmit={confirmFirst(t("auth.members.removeConfirm"))}>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="id" value={member.id} />
                    <SubmitButton tone="danger">{t("auth.members.remove")}</SubmitButton>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 className="text-lg font-semibold">{t("auth.members.invite")}</h2>
        {link ? (
          <Notice tone="success">
            {t("auth.members.inviteLinkFor", { email: data?.email ?? "" })}
            <code data-testid="invitation-link" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900 ring-1 ring-slate-200">
              {link}
            </code>
          </Notice>
        ) : null}
        <Form method="post" {...getFormProps(form)} onInput={() => setBegunAfter(data?.link ?? null)} className="grid gap-4 sm:grid-cols-[1fr_auto_auto] sm:items-end">
          <input type="hidden" name="intent" value="invite" />
          <Field label={t("auth.email")} htmlFor={fields.email.id} errorId={fields.email.errorId} errors={fields.email.errors}>
            <input {...getInputProps(fields.email, { type: "email" })} className={inputClass} />
          </Field>
          <Field label={t("auth.members.role")} htmlFor={fields.role.id} errorId={fields.role.errorId} errors={fields.role.errors}>
            <select {...getSelectProps(fields.role)} className={inputClass}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role][locale]}
                </option>
              ))}
            </select>
          </Field>
          <SubmitButton>{t("auth.members.inviteSubmit")}</SubmitButton>
        </Form>
        {invitations.length ? (
          <div>
            <h3 className="mt-4 font-medium">{t("auth.members.pending")}</h3>
            <ul className="divide-y divide-slate-100 text-sm">
              {invitations.map((invitation) => (
                <li key={invitation.id} className="flex items-center justify-between py-2">
                  <span>
                    {invitation.email} · {isRole(invitation.role) ? ROLE_LABELS[invitation.role][locale] : invitation.role} · {t("auth.members.expires")} {date(invitation.expiresAt)}
                  </span>
                  <Form method="post" onSubmit={confirmFirst(fill(t("auth.members.revokeConfirm"), { email: invitation.email }))}>
                    <input type="hidden" name="intent" value="revoke-invitation" />
                    <input type="hidden" name="id" value={invitation.id} />
                    <SubmitButton tone="plain">{t("auth.account.revoke")}</SubmitButton>
                  </Form>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      <AccountSecurity members={members} security={security} data={data} />
    </section>
  );
}

/** Account security: the rule for managers, who has a second factor, and new password links. */
function AccountSecurity({
  members,
  security,
  data,
}: {
  members: { id: string; name: string; email: string }[];
  security: { managersNeedSecondFactor: boolean; isDemo: boolean; withSecondFactor: string[] };
  data: ActionData | undefined;
}) {
  const t = useT();
  const ours = data?.intent === "reset-link" || data?.intent === "second-factor-policy" ? data : undefined;
  return (
    <section className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" aria-labelledby="account-security-title">
      <h2 id="account-security-title" className="text-lg font-semibold">
        {t("sec.members.title")}
      </h2>
      {ours?.message ? <Notice tone="success">{ours.message}</Notice> : null}
      {ours?.error ? <Notice tone="error">{ours.error}</Notice> : null}
      {ours?.resetLink ? (
        <Notice tone="success">
          {fill(t("sec.members.resetShown"), { email: ours.email ?? "" })}
          <code data-testid="reset-link" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900 ring-1 ring-slate-200">
            {ours.resetLink}
          </code>
        </Notice>
      ) : null}
      <p className="text-sm text-slate-700">{t("sec.members.adminsRule")}</p>
      <Form method="post" className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="intent" value="second-factor-policy" />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="managers" defaultChecked={security.managersNeedSecondFactor} key={String(security.managersNeedSecondFactor)} className="h-4 w-4" />
          {t("sec.members.managersRule")}
        </label>
        <SubmitButton tone="plain">{t("sec.members.save")}</SubmitButton>
      </Form>
      <ul className="divide-y divide-slate-100 text-sm">
        {members.map((member) => (
          <li key={member.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid={`security-${member.email}`}>
            <span>
              {member.name} · {member.email} · {t("sec.members.twoFactor")} : {security.withSecondFactor.includes(member.id) ? t("sec.members.on") : t("sec.members.off")}
            </span>
            <Form method="post">
              <input type="hidden" name="intent" value="reset-link" />
              <input type="hidden" name="id" value={member.id} />
              <SubmitButton tone="plain">{t("sec.members.resetLink")}</SubmitButton>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
