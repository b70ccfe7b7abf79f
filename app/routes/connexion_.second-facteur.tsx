/**
 * /connexion/second-facteur: the sign-in step after a right password, for a person with a second
 * factor (a code of their app or a recovery code) or one who must set one up (the QR code, a
 * first code, then the recovery codes). Only then is the session opened (docs/decisions/045).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Notice, SubmitButton } from "~/components/forms";
import { CodeField, EnrolmentPanel, RecoveryCodes } from "~/components/second-factor";
import { translator } from "~/i18n";
import { createSession, listMemberships, normaliseEmail } from "~/models/account.server";
import { takeAttempt } from "~/models/rate-limit.server";
import { checkSecondFactor, confirmEnrolment, finishSignInStep, pendingEnrolment } from "~/models/second-factor.server";
import { serializeSessionCookie } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";
import { getLocale } from "~/utils/locale.server";
import { qrCodeImage } from "~/utils/qr-code.server";
import { clientKey, signInAndRedirect } from "~/utils/session-response.server";
import { clearStepCookie, currentSignInStep } from "~/utils/sign-in.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("sec.title.secondFactor")} · Maquette` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const step = await currentSignInStep(request);
  if (!step) return { expired: true as const };
  if (step.kind === "code") return { expired: false as const, kind: "code" as const };
  const enrolment = await pendingEnrolment({ db, userId: step.user.id, email: step.user.email });
  if (!enrolment) return { expired: true as const };
  return { expired: false as const, kind: "enrol" as const, email: step.user.email, secret: enrolment.secret, qr: await qrCodeImage(enrolment.uri) };
}

type ActionData = { error?: string; codes?: string[]; next?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const t = translator(await getLocale(request));
  const step = await currentSignInStep(request);
  if (!step) return Response.json({ error: t("sec.step.expired") } satisfies ActionData, { status: 400 });
  const code = String((await readForm(request)).get("code") ?? "").trim();
  if (!code) return Response.json({ error: t("sec.code.required") } satisfies ActionData, { status: 400 });
  // Codes are guessed like passwords: the same limit, per address and per account.
  const attempt = await takeAttempt({ db, keys: [clientKey(context), `account:${normaliseEmail(step.user.email)}`] });
  if (!attempt) return Response.json({ error: t("sec.limited") } satisfies ActionData, { status: 429 });
  const actor = { userId: step.user.id, schoolId: null };
  const schoolId = (await listMemberships({ db, userId: step.user.id }))[0]?.school.id ?? null;
  if (step.kind === "code") {
    if (!(await checkSecondFactor({ db, userId: step.user.id, code, actor }))) return Response.json({ error: t("sec.code.wrong") } satisfies ActionData, { status: 400 });
    await attempt.refund();
    if (!(await finishSignInStep({ db, id: step.id }))) return Response.json({ error: t("sec.step.expired") } satisfies ActionData, { status: 400 });
    return signInAndRedirect({ request, context, userId: step.user.id, schoolId, redirectTo: step.redirectTo || "/programmes", headers: { "Set-Cookie": clearStepCookie(request) } });
  }
  const codes = await confirmEnrolment({ db, userId: step.user.id, code, actor });
  if (!codes) return Response.json({ error: t("sec.enrol.wrongCode") } satisfies ActionData, { status: 400 });
  await attempt.refund();
  if (!(await finishSignInStep({ db, id: step.id }))) throw redirect("/connexion");
  // Signed in now; the recovery codes are shown once, then the person goes on.
  const token = await createSession({ db, userId: step.user.id, schoolId, device: { userAgent: request.headers.get("User-Agent") ?? "", address: context.clientIp ?? "" } });
  const headers = new Headers();
  headers.append("Set-Cookie", clearStepCookie(request));
  headers.append("Set-Cookie", serializeSessionCookie(request, token));
  return Response.json({ codes, next: step.redirectTo || "/programmes" } satisfies ActionData, { headers });
}

export default function SecondFactorStep() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  return (
    <section className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t("sec.title.secondFactor")}</h1>
      {result?.codes ? (
        <>
          <Notice tone="success">{t("sec.account.enabled")}</Notice>
          <RecoveryCodes codes={result.codes} />
          <a href={result.next} className="inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
            {t("sec.recovery.continue")}
          </a>
        </>
      ) : data.expired ? (
        <>
          <Notice tone="error">{t("sec.step.expired")}</Notice>
          <Link to="/connexion" className="text-brand-700 underline">
            {t("sec.step.backToSignIn")}
          </Link>
        </>
      ) : data.kind === "code" ? (
        <Form method="post" className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <p className="text-sm text-slate-700">{t("sec.step.codeIntro")}</p>
          <CodeField id="code" label={t("sec.code.label")} hint={t("sec.code.hint")} error={result?.error} />
          <SubmitButton pending={navigation.state === "submitting"}>{t("sec.code.submit")}</SubmitButton>
        </Form>
      ) : (
        <div className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <Notice>{t("sec.step.enrolIntro")}</Notice>
          <EnrolmentPanel qr={data.qr} secret={data.secret} email={data.email} error={result?.error} pending={navigation.state === "submitting"} />
        </div>
      )}
    </section>
  );
}
