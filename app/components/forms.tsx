/**
 * One way to show a form field: its label, the control, a hint, and its errors right beside
 * it (announced to screen readers). Used with Conform's field metadata.
 */
import type { FormEvent, ReactNode } from "react";
import { translateText } from "~/domain/sentences";
import { useLocale } from "~/utils/use-t";

/** Field errors come from the shared zod schemas in French; they are shown in the reader's language. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const locale = useLocale();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-rose-700" role="alert">
      {errors.map((error) => (
        <li key={error}>{translateText(error, locale)}</li>
      ))}
    </ul>
  );
}

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none aria-[invalid=true]:border-rose-600";

export function Field({
  label,
  htmlFor,
  errorId,
  errors,
  hint,
  children,
}: {
  label: string;
  htmlFor: string;
  errorId: string;
  errors?: string[] | null;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function SubmitButton({ children, pending, tone = "primary" }: { children: ReactNode; pending?: boolean; tone?: "primary" | "danger" | "plain" }) {
  const tones = {
    primary: "bg-brand-700 text-white hover:bg-brand-600",
    danger: "bg-rose-700 text-white hover:bg-rose-600",
    plain: "bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50",
  };
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={`rounded-md px-4 py-2 font-medium disabled:opacity-60 ${tones[tone]}`}>
      {children}
    </button>
  );
}

/**
 * The `onSubmit` of a form whose action cannot be undone: the browser asks the question
 * (message in the reader's language) and the form is sent only on OK. Without JavaScript the
 * form is sent directly.
 */
export function confirmFirst(message: string) {
  return (event: FormEvent<HTMLFormElement>) => {
    if (!window.confirm(message)) event.preventDefault();
  };
}

export function Notice({ tone = "info", children }: { tone?: "info" | "success" | "error"; children: ReactNode }) {
  const tones = { info: "bg-sky-50 text-sky-900 ring-sky-200", success: "bg-emerald-50 text-emerald-900 ring-emerald-200", error: "bg-rose-50 text-rose-900 ring-rose-200" };
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md px-4 py-3 text-sm ring-1 ${tones[tone]}`}>
      {children}
    </div>
  );
}

/** A redirect target from a form or query: only a path of this site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  // Same site only; and short: it becomes a Location header, which clients refuse above 16 KB.
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\") || to.length > 2000) return fallback;
  return to;
}
