/**
 * The module × requirement matrix. Keyboard first (arrows move, 0–4 set the depth, É or the
 * space bar toggles "assessed"), the mouse works too. Every edit saves on its own; each cell
 * shows whether it is saving, saved, failed or in conflict, and a conflict shows the current
 * value with a button to apply one's own again. Rows and column headers stay visible while
 * scrolling (sticky). ARIA grid roles make it usable with a screen reader.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  afterSave,
  EMPTY_CELL,
  keyIntent,
  retryDelayMs,
  type CellValue,
  type Cursor,
  type SaveOutcome,
  type SaveState,
} from "~/domain/matrix";
import { fill, type MessageKey } from "~/i18n";
import { useT } from "~/utils/use-t";

export type MatrixColumn = { ref: string; kind: "competence" | "knowledge" | "transversal"; code: string; label: string; requiredDepth: number | null };
export type MatrixRow = { id: string; code: string; title: string; semester: number; version: number; editable: boolean };
export type MatrixCells = Record<string, Record<string, CellValue>>;
export type SaveCell = (input: { moduleId: string; version: number; itemRef: string; value: CellValue }) => Promise<SaveOutcome & { version?: number }>;

const KIND_LABELS: Record<MatrixColumn["kind"], MessageKey> = {
  competence: "ref.kind.competence",
  knowledge: "ref.kind.knowledge",
  transversal: "ref.kind.transversal",
};
const DEPTH_BG = ["", "bg-sky-100", "bg-sky-300", "bg-sky-700 text-white", "bg-sky-900 text-white"];

function cellKey(moduleId: string, ref: string) {
  return `${moduleId}|${ref}`;
}

export function MatrixGrid({
  columns,
  rows,
  initialCells,
  save,
  onCellsChange,
}: {
  columns: MatrixColumn[];
  rows: MatrixRow[];
  initialCells: MatrixCells;
  save: SaveCell;
  onCellsChange?: (cells: MatrixCells) => void;
}) {
  const t = useT();
  const [cells, setCells] = useState<MatrixCells>(initialCells);
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [cursor, setCursor] = useState<Cursor>({ row: 0, column: 0 });
  const gridRef = useRef<HTMLTableElement>(null);
  // Each module's version as the server last returned it. A ref, never state copied into a ref
  // during render: a render for a key press can run before the update carrying a save's new
  // version, and would put the old version back for the next save (a 409 on quick typing).
  const versionsRef = useRef<Record<string, number> | null>(null);
  versionsRef.current ??= Object.fromEntries(rows.map((r) => [r.id, r.version]));

  useEffect(() => onCellsChange?.(cells), [cells, onCellsChange]);

  const valueAt = useCallback((moduleId: string, ref: string) => cells[moduleId]?.[ref] ?? EMPTY_CELL, [cells]);

  // Saves of one module go one after the other, each with the version the previous one
  // returned: quick edits along a row never conflict with themselves.
  const queues = useRef(new Map<string, Promise<void>>());

  const saveOnce = useCallback(
    async (moduleId: string, ref: string, value: CellValue, attempt = 1): Promise<void> => {
      const key = cellKey(moduleId, ref);
      setStates((s) => ({ ...s, [key]: { status: "saving", attempt } }));
      let outcome: SaveOutcome & { version?: number };
      try {
        outcome = await save({ moduleId, version: versionsRef.current![moduleId], itemRef: ref, value });
      } catch (error) {
        outcome = { kind: "network", message: error instanceof Error ? error.message : t("mat.connectionLost") };
      }
      const next = afterSave(outcome, attempt, value, Date.now());
      if (outcome.version !== undefined) {
        versionsRef.current = { ...versionsRef.current, [moduleId]: outcome.version };
      }
      setStates((s) => ({ ...s, [key]: next.state }));
      if (next.retry) {
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt + 1)));
        return saveOnce(moduleId, ref, value, attempt + 1);
      }
    },
    [save, t],
  );

  const runSave = useCallback(
    (moduleId: string, ref: string, value: CellValue) => {
      const key = cellKey(moduleId, ref);
      setStates((s) => ({ ...s, [key]: { status: "saving", attempt: 1 } }));
      const previous = queues.current.get(moduleId) ?? Promise.resolve();
      const next = previous.then(() => saveOnce(moduleId, ref, value));
      queues.current.set(moduleId, next);
      return next;
    },
    [saveOnce],
  );

  const apply = useCallback(
    (row: MatrixRow, column: MatrixColumn, value: CellValue) => {
      if (!row.editable) return;
      setCells((c) => ({ ...c, [row.id]: { ...c[row.id], [column.ref]: value } }));
      void runSave(row.id, column.ref, value);
    },
    [runSave],
  );

  const takeCurrent = useCallback((row: MatrixRow, column: MatrixColumn, current: CellValue) => {
    setCells((c) => ({ ...c, [row.id]: { ...c[row.id], [column.ref]: current } }));
    setStates((s) => ({ ...s, [cellKey(row.id, column.ref)]: { status: "idle" } }));
  }, []);

  useEffect(() => {
    const cell = gridRef.current?.querySelector<HTMLElement>(`[data-row="${cursor.row}"][data-column="${cursor.column}"]`);
    if (cell && gridRef.current?.contains(document.activeElement)) cell.focus();
  }, [cursor]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const row = rows[cursor.row];
    const column = columns[cursor.column];
    if (!row || !column) return;
    const intent = keyIntent(event.key, cursor, { rows: rows.length, columns: columns.length }, valueAt(row.id, column.ref), event.ctrlKey || event.metaKey);
    if (intent.type === "none") return;
    event.preventDefault();
    if (intent.type === "move") setCursor(intent.cursor);
    else apply(row, column, intent.value);
  };

  const groups = useMemo(() => {
    const result: { kind: MatrixColumn["kind"]; count: number }[] = [];
    for (const column of columns) {
      const last = result[result.length - 1];
      if (last?.kind === column.kind) last.count++;
      else result.push({ kind: column.kind, count: 1 });
    }
    return result;
  }, [columns]);

  const failures = Object.values(states).filter((s) => s.status === "failed" || s.status === "conflict").length;
  const saving = Object.values(states).filter((s) => s.status === "saving").length;

  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600" aria-live="polite" data-testid="matrix-status">
        {saving > 0 ? fill(t("mat.status.saving"), { count: saving }) : failures > 0 ? fill(t("mat.status.failed"), { count: failures }) : t("mat.status.saved")}
      </p>
      <div className="max-h-[70vh] overflow-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table
          ref={gridRef}
          role="grid"
          aria-label={t("mat.grid")}
          aria-rowcount={rows.length + 2}
          aria-colcount={columns.length + 1}
          className="border-separate border-spacing-0 text-sm"
          onKeyDown={onKeyDown}
        >
          <thead>
            <tr role="row">
              <th role="columnheader" className="sticky left-0 top-0 z-30 bg-slate-100 px-2 py-1" rowSpan={2}>
                {t("mat.module")}
              </th>
              {groups.map((group) => (
                <th key={group.kind} role="columnheader" colSpan={group.count} className="sticky top-0 z-20 border-l border-slate-300 bg-slate-100 px-2 py-1 text-left">
                  {t(KIND_LABELS[group.kind])}
                </th>
              ))}
            </tr>
            <tr role="row">
              {columns.map((column) => (
                <th
                  key={column.ref}
                  role="columnheader"
                  scope="col"
                  title={`${column.ref} — ${column.label}${column.requiredDepth ? fill(t("mat.column.requiredDepth"), { depth: column.requiredDepth }) : ""}`}
                  className="sticky top-7 z-20 h-28 w-9 min-w-9 border-b border-slate-300 bg-slate-50 align-bottom"
                >
                  {/* Written upwards within its column: a long code is cut (the title shows it whole), it never widens the column or runs under its neighbours. */}
                  <span className="inline-block max-h-26 overflow-hidden text-ellipsis whitespace-nowrap pb-1 text-xs font-medium [writing-mode:vertical-rl] rotate-180">{column.code}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => {
              const firstOfSemester = rowIndex === 0 || rows[rowIndex - 1].semester !== row.semester;
              return (
                <tr key={row.id} role="row" className={firstOfSemester ? "border-t-2" : ""}>
                  <th
                    role="rowheader"
                    scope="row"
                    className={`sticky left-0 z-10 max-w-72 truncate bg-white px-2 py-1 text-left font-normal ${firstOfSemester ? "border-t-2 border-slate-400" : "border-t border-slate-100"}`}
                    title={row.title}
                  >
                    <span className="mr-1 rounded bg-slate-100 px-1 text-xs text-slate-600">S{row.semester}</span>
                    <span className="font-mono text-xs">{row.code}</span> {row.title}
                    {!row.editable ? <span className="sr-only">{t("mat.row.readOnly")}</span> : null}
                  </th>
                  {columns.map((column, columnIndex) => {
                    const value = valueAt(row.id, column.ref);
                    const state = states[cellKey(row.id, column.ref)] ?? { status: "idle" };
                    const active = cursor.row === rowIndex && cursor.column === columnIndex;
                    const label = fill(t("mat.cell.label"), {
                      module: row.code,
                      ref: column.ref,
                      value: value.depth === 0 ? t("mat.cell.unmapped") : `${fill(t("mat.cell.depth"), { depth: value.depth })}${value.assessed ? t("mat.cell.assessed") : ""}`,
                    });
                    return (
                      <td
                        key={column.ref}
                        role="gridcell"
                        tabIndex={active ? 0 : -1}
                        data-row={rowIndex}
                        data-column={columnIndex}
                        data-testid={`cell-${row.code}-${column.ref}`}
                        data-state={state.status}
                        aria-label={label}
                        aria-readonly={!row.editable}
                        onClick={() => setCursor({ row: rowIndex, column: columnIndex })}
                        onDoubleClick={() => apply(row, column, value.depth >= 4 ? EMPTY_CELL : { depth: value.depth + 1, assessed: value.assessed })}
                        className={`relative h-8 w-9 min-w-9 cursor-pointer border-t border-l border-slate-100 text-center tabular-nums outline-none focus:ring-2 focus:ring-brand-600 focus:ring-inset ${DEPTH_BG[value.depth]} ${row.editable ? "" : "cursor-not-allowed opacity-70"} ${state.status === "failed" || state.status === "conflict" ? "ring-2 ring-rose-600 ring-inset" : ""}`}
                      >
                        {value.depth > 0 ? value.depth : ""}
                        {value.assessed ? <span aria-hidden="true" className="absolute right-0.5 top-0 text-[10px]">{t("mat.cell.assessedMark")}</span> : null}
                        {state.status === "saving" ? <span aria-hidden="true" className="absolute bottom-0 left-0.5 text-[9px]">…</span> : null}
                        {state.status === "saved" ? <span aria-hidden="true" className="absolute bottom-0 left-0.5 text-[9px] text-emerald-700">✓</span> : null}
                        {state.status === "conflict" && active ? (
                          <div role="alert" className="absolute left-full top-0 z-40 w-64 rounded-md bg-white p-2 text-left text-xs text-slate-800 shadow-lg ring-1 ring-rose-300">
                            <p>
                              {fill(t("mat.conflict"), {
                                value: state.current.depth === 0 ? t("mat.cell.unmapped") : `${state.current.depth}${state.current.assessed ? t("mat.conflict.assessed") : ""}`,
                              })}
                            </p>
                            <div className="mt-1 flex gap-1">
                              <button type="button" className="rounded bg-brand-700 px-2 py-0.5 text-white" onClick={() => apply(row, column, state.mine)}>
                                {fill(t("mat.conflict.mine"), { depth: state.mine.depth })}
                              </button>
                              <button type="button" className="rounded px-2 py-0.5 ring-1 ring-slate-300" onClick={() => takeCurrent(row, column, state.current)}>
                                {t("mat.conflict.keep")}
                              </button>
                            </div>
                          </div>
                        ) : null}
                        {state.status === "failed" && active ? (
                          <div role="alert" className="absolute left-full top-0 z-40 w-56 rounded-md bg-white p-2 text-left text-xs text-rose-800 shadow-lg ring-1 ring-rose-300">
                            {fill(t("mat.failed"), { message: state.message })}
                            <button type="button" className="mt-1 block rounded bg-brand-700 px-2 py-0.5 text-white" onClick={() => apply(row, column, value)}>
                              {t("mat.retry")}
                            </button>
                          </div>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        {t("mat.help")}
      </p>
    </div>
  );
}
