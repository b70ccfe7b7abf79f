/**
 * Beside the matrix: the focused column's requirement in full (label, the depth each sheet
 * requires with its descriptor, the source sentence word for word, the editorial mark and its
 * reason) and the focused cell's note, which is saved through the matrix's one save.
 */
import { useEffect, useState } from "react";
import { NOTE_MAX, type CellValue, type SaveState } from "~/domain/matrix";
import type { MatrixColumn, MatrixRowData, MatrixSheet } from "~/domain/matrix-data";
import { fill, type MessageKey } from "~/i18n";
import { useT } from "~/utils/use-t";
import type { CellEdit } from "./matrix-editor";

const DEPTH_KEYS: Record<number, MessageKey> = { 1: "ref.depth.1", 2: "ref.depth.2", 3: "ref.depth.3", 4: "ref.depth.4" };

export function RequirementPanel({
  focused,
  sheets,
  level,
  value,
  state,
  edit,
  takeCurrent,
}: {
  focused: { row: MatrixRowData; column: MatrixColumn } | null;
  sheets: readonly MatrixSheet[];
  /** The programme's CNCP level (where an expected depth is said to apply). */
  level: number;
  value: CellValue | undefined;
  /** The focused cell's save: a conflict or a failure is shown here, with what can be done. */
  state: SaveState | undefined;
  edit: (list: readonly CellEdit[]) => boolean;
  takeCurrent: (moduleId: string, ref: string, current: CellValue) => void;
}) {
  const t = useT();
  const [note, setNote] = useState(value?.note ?? "");
  const cellId = focused ? `${focused.row.id}|${focused.column.ref}` : "";
  useEffect(() => setNote(value?.note ?? ""), [cellId, value?.note]);
  if (!focused) return <aside className="xl:w-80" />;
  const { row, column } = focused;
  const requirement = column.requirement;
  const mapped = (value?.depth ?? 0) > 0;
  const editable = row.lock === null;
  return (
    <aside className="space-y-3 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 xl:w-80 xl:flex-none" aria-label={t("mx.panel.title")} data-testid="matrix-panel">
      <div>
        <p className="text-xs uppercase tracking-wide text-slate-500">{t("mx.panel.title")}</p>
        <h2 className="font-semibold text-brand-900">
          <span className="font-mono">{column.ref}</span> — {requirement.label}
        </h2>
      </div>
      {column.requiredDepth !== null && (column.depthOrigin === "school" || column.depthOrigin === "programme") ? (
        <p className="rounded bg-sky-50 p-2 text-xs text-sky-900" data-testid="matrix-panel-expected">
          {fill(t(`mx.panel.expected.${column.depthOrigin}`), { depth: column.requiredDepth, label: t(DEPTH_KEYS[column.requiredDepth]), level })}
        </p>
      ) : null}
      <ul className="space-y-2">
        {requirement.sheets.map(([s, required, depth, file, quote, editorial]) => (
          <li key={s} className="rounded bg-slate-50 p-2">
            <p>
              <b>{sheets[s]?.mark}</b> {sheets[s]?.title} :{" "}
              {required ? (depth ? fill(t("mx.panel.required"), { depth, label: t(DEPTH_KEYS[depth]) }) : t("mx.panel.anyDepth")) : t("mx.panel.notRequired")}
            </p>
            {quote ? (
              <blockquote className="mt-1 border-l-2 border-slate-300 pl-2 text-xs text-slate-700">
                « {quote} » <span className="text-slate-500">({file})</span>
              </blockquote>
            ) : null}
            {editorial !== null ? (
              <p className="mt-1 text-xs">
                <span className="status-badge bg-amber-100 text-amber-900 ring-amber-300">{t("mx.panel.editorial")}</span> {editorial}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="border-t border-slate-200 pt-3">
        <p className="font-medium">
          {fill(t("mx.panel.cell"), { module: row.code, title: row.title })}
        </p>
        {state?.status === "conflict" ? (
          <div role="alert" className="my-2 rounded-md bg-rose-50 p-2 text-xs text-slate-800 ring-1 ring-rose-300">
            <p>
              {fill(t("mat.conflict"), {
                value: state.current.depth === 0 ? t("mat.cell.unmapped") : `${state.current.depth}${state.current.assessed ? t("mat.conflict.assessed") : ""}`,
              })}
            </p>
            <div className="mt-1 flex flex-wrap gap-1">
              <button type="button" className="rounded bg-brand-700 px-2 py-0.5 text-white" onClick={() => edit([{ row, ref: column.ref, value: state.mine }])}>
                {fill(t("mat.conflict.mine"), { depth: state.mine.depth })}
              </button>
              <button type="button" className="rounded bg-white px-2 py-0.5 ring-1 ring-slate-300" onClick={() => takeCurrent(row.id, column.ref, state.current)}>
                {t("mat.conflict.keep")}
              </button>
            </div>
          </div>
        ) : null}
        {state?.status === "failed" ? (
          <div role="alert" className="my-2 rounded-md bg-rose-50 p-2 text-xs text-rose-800 ring-1 ring-rose-300">
            {fill(t("mat.failed"), { message: state.message })}
            <button type="button" className="mt-1 block rounded bg-brand-700 px-2 py-0.5 text-white" onClick={() => edit([{ row, ref: column.ref, value: value ?? { depth: 0, assessed: false } }])}>
              {t("mat.retry")}
            </button>
          </div>
        ) : null}
        {mapped && editable ? (
          <form
            className="mt-1 space-y-1"
            onSubmit={(event) => {
              event.preventDefault();
              edit([{ row, ref: column.ref, value: { depth: value!.depth, assessed: value!.assessed, note: note.trim() } }]);
            }}
          >
            <label className="block text-xs text-slate-600" htmlFor="matrix-note">
              {t("mx.panel.note")}
            </label>
            <textarea id="matrix-note" value={note} maxLength={NOTE_MAX} rows={3} onChange={(e) => setNote(e.target.value)} className="w-full rounded border border-slate-300 px-2 py-1" />
            <button type="submit" className="rounded bg-brand-700 px-3 py-1 text-white">
              {t("mx.panel.noteSave")}
            </button>
          </form>
        ) : (
          <p className="mt-1 text-xs text-slate-600" data-testid="matrix-panel-note">
            {value?.note ? `${t("mx.panel.note")} : ${value.note}` : mapped ? t("mx.panel.noteNone") : t("mx.panel.noteNeedsDepth")}
          </p>
        )}
      </div>
    </aside>
  );
}

/** The marks of the sheets, the depths and the signs of the grid. */
export function Legend({ sheets }: { sheets: readonly { slug: string; title: string; mark: string }[] }) {
  const t = useT();
  return (
    <dl className="grid gap-x-6 gap-y-1 text-xs text-slate-600 sm:grid-cols-2" data-testid="matrix-legend">
      <div>
        <dt className="font-semibold">{t("mx.legend.sheets")}</dt>
        {sheets.map((s) => (
          <dd key={s.slug}>
            <b>{s.mark}</b> — {s.title}
          </dd>
        ))}
      </div>
      <div>
        <dt className="font-semibold">{t("mx.legend.signs")}</dt>
        <dd>{t("mx.legend.depths")}</dd>
        <dd>{t("mx.legend.marks")}</dd>
        <dd>{t("mx.legend.foot")}</dd>
      </div>
    </dl>
  );
}
