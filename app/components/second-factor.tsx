/**
 * The pieces of the second factor that two pages share (the sign-in step and "My account"):
 * the code field, the enrolment panel (QR code, key, first code) and the recovery codes shown once.
 */
import { Form } from "@remix-run/react";
import { fill } from "~/i18n";
import { formatRecoveryCode } from "~/domain/second-factor";
import { Field, inputClass, SubmitButton } from "~/components/forms";
import { useT } from "~/utils/use-t";

/** A field for a code: one-time-code autocompletion, digits on phones, its error beside it. */
export function CodeField({ id, label, hint, error }: { id: string; label: string; hint?: string; error?: string | null }) {
  return (
    <Field label={label} htmlFor={id} errorId={`${id}-error`} errors={error ? [error] : null} hint={hint}>
      <input
        id={id}
        name="code"
        type="text"
        inputMode="text"
        autoComplete="one-time-code"
        required
        maxLength={64}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${inputClass} font-mono tracking-widest`}
      />
    </Field>
  );
}

/** Setting up a second factor: the QR code, the key to type by hand, and the first code. */
export function EnrolmentPanel({ qr, secret, email, error, intent, pending }: { qr: string; secret: string; email: string; error?: string | null; intent?: string; pending?: boolean }) {
  const t = useT();
  return (
    <div className="space-y-4" data-testid="enrolment">
      <p className="text-sm text-slate-700">{t("sec.enrol.scan")}</p>
      <img src={qr} alt={fill(t("sec.enrol.qrAlt"), { email })} width={200} height={200} className="h-48 w-48 rounded bg-white ring-1 ring-slate-200" />
      <div>
        <p className="text-sm font-medium text-slate-800">{t("sec.enrol.key")}</p>
        <code data-testid="totp-secret" className="mt-1 block break-all rounded bg-slate-50 px-2 py-1 font-mono text-slate-900 ring-1 ring-slate-200">
          {secret.match(/.{1,4}/g)!.join(" ")}
        </code>
      </div>
      <Form method="post" className="space-y-4">
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        <CodeField id="enrol-code" label={t("sec.enrol.codeLabel")} error={error} />
        <SubmitButton pending={pending}>{t("sec.enrol.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

/** The ten recovery codes, shown once. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useT();
  return (
    <div className="space-y-2 rounded-md bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-200" role="status">
      <h2 className="font-semibold">{t("sec.recovery.title")}</h2>
      <p>{t("sec.recovery.intro")}</p>
      <ol data-testid="recovery-codes" className="grid gap-1 font-mono sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>{formatRecoveryCode(code)}</li>
        ))}
      </ol>
    </div>
  );
}
