/**
 * "Exigences suggérées par le descriptif": the requirements a module's own words point to,
 * best first, each accepted (mapped at the depth shown, which the person may change) or
 * dismissed (not proposed again for this module), one by one.
 */
import { Form } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { fill } from "~/i18n";
import { useT } from "~/utils/use-t";

export type ShownModuleSuggestion = { ref: string; label: string; score: number; matchedWords: string[]; toDepth: number; depthReason: string };

export function ModuleSuggestions({ suggestions, message, error }: { suggestions: ShownModuleSuggestion[]; message?: string; error?: string }) {
  const t = useT();
  return (
    <section className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" aria-labelledby="module-suggestions">
      <h2 id="module-suggestions" className="text-lg font-semibold">
        {t("lvl.module.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("lvl.module.intro")}</p>
      {message ? <Notice tone="success">{message}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      {suggestions.length === 0 ? (
        <p className="text-sm text-slate-600">{t("lvl.module.none")}</p>
      ) : (
        <ol className="space-y-2" data-testid="module-suggestions">
          {suggestions.map((s) => (
            <li key={s.ref} className="rounded-md p-3 ring-1 ring-slate-200" data-ref={s.ref}>
              <p>
                <code className="text-xs text-slate-500">{s.ref}</code> <span className="font-medium">{s.label}</span>{" "}
                <span className="text-xs text-slate-600">({fill(t("lvl.module.words"), { words: s.matchedWords.join(", ") })})</span>
              </p>
              <p className="text-xs text-slate-600">{s.depthReason}</p>
              <div className="mt-2 flex flex-wrap items-end gap-3">
                <Form method="post" preventScrollReset className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="itemRef" value={s.ref} />
                  <label className="flex flex-col text-xs">
                    {t("lvl.module.depth")}
                    <select name="depth" defaultValue={s.toDepth} className="rounded border border-slate-300 px-2 py-1 text-sm">
                      {[1, 2, 3, 4].map((d) => (
                        <option key={d} value={d}>
                          {d}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="flex items-center gap-1 text-xs">
                    <input type="checkbox" name="assessed" value="true" />
                    {t("lvl.module.assessed")}
                  </label>
                  <button type="submit" className="rounded-md bg-emerald-700 px-3 py-1 text-sm text-white hover:bg-emerald-600" aria-label={fill(t("lvl.module.accept.name"), { ref: s.ref })}>
                    {t("lvl.module.accept")}
                  </button>
                </Form>
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="intent" value="dismiss" />
                  <input type="hidden" name="itemRef" value={s.ref} />
                  <button type="submit" className="rounded-md px-3 py-1 text-sm text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50" aria-label={fill(t("lvl.module.dismiss.name"), { ref: s.ref })}>
                    {t("lvl.module.dismiss")}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
