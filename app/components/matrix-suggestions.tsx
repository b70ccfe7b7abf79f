/**
 * The focused row's "exigences suggérées par le descriptif" beside the matrix (the same ranking
 * as the module page's, read from /programmes/:id/matrice/suggestions for a row the person may
 * edit), each accepted into the grid through the grid's own save (shown at once, undoable) or
 * dismissed (not proposed again for this module).
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { ShownModuleSuggestion } from "~/components/module-suggestions";
import type { CellValue } from "~/domain/matrix";
import type { MatrixRowData } from "~/domain/matrix-data";
import { fill } from "~/i18n";
import { useT } from "~/utils/use-t";

const SHOWN = 5;

export function MatrixRowSuggestions({
  programmeId,
  row,
  rowCells,
  columnRefs,
  accept,
}: {
  programmeId: string;
  row: MatrixRowData;
  /** The row's cells as the grid shows them: an item mapped meanwhile is no longer suggested. */
  rowCells: Record<string, CellValue> | undefined;
  columnRefs: { has(ref: string): boolean };
  accept: (ref: string, depth: number) => void;
}) {
  const t = useT();
  const found = useFetcher<{ suggestions: ShownModuleSuggestion[]; error?: string }>();
  const dismiss = useFetcher();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const href = `/programmes/${programmeId}/matrice/suggestions?module=${encodeURIComponent(row.id)}`;
  // Loaded once per row (the fetcher object changes on every state; its `load` does not).
  const { load } = found;
  useEffect(() => {
    void load(href);
  }, [href, load]);
  const shown = (found.data?.suggestions ?? []).filter((s) => columnRefs.has(s.ref) && !dismissed.has(s.ref) && !((rowCells?.[s.ref]?.depth ?? 0) > 0)).slice(0, SHOWN);
  return (
    <section className="space-y-2 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200" aria-labelledby="row-suggestions" data-testid="matrix-row-suggestions">
      <h2 id="row-suggestions" className="font-semibold text-brand-900">
        {fill(t("mx.suggest.title"), { module: row.code })}
      </h2>
      {found.state === "loading" && !found.data ? (
        <p className="text-slate-600">{t("mx.suggest.loading")}</p>
      ) : found.data?.error ? (
        <p className="text-slate-600">{found.data.error}</p>
      ) : shown.length === 0 ? (
        <p className="text-slate-600">{t("lvl.module.none")}</p>
      ) : (
        <ol className="space-y-2">
          {shown.map((s) => (
            <li key={s.ref} className="rounded bg-slate-50 p-2" data-ref={s.ref}>
              <p>
                <code className="text-xs text-slate-500">{s.ref.split("/").pop()}</code> {s.label}
              </p>
              <p className="text-xs text-slate-600">{fill(t("lvl.module.words"), { words: s.matchedWords.join(", ") })}</p>
              <p className="text-xs text-slate-600">{s.depthReason}</p>
              <div className="mt-1 flex gap-2">
                <button type="button" className="rounded bg-emerald-700 px-2 py-0.5 text-white hover:bg-emerald-600" aria-label={fill(t("mx.suggest.accept.name"), { ref: s.ref, depth: s.toDepth })} onClick={() => accept(s.ref, s.toDepth)}>
                  {fill(t("mx.suggest.accept"), { depth: s.toDepth })}
                </button>
                <button
                  type="button"
                  className="rounded px-2 py-0.5 ring-1 ring-slate-300 hover:bg-white"
                  aria-label={fill(t("lvl.module.dismiss.name"), { ref: s.ref })}
                  onClick={() => {
                    setDismissed((d) => new Set([...d, s.ref]));
                    dismiss.submit({ intent: "dismiss", itemRef: s.ref }, { method: "post", action: href });
                  }}
                >
                  {t("lvl.module.dismiss")}
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
