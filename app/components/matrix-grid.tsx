/**
 * The module × requirement matrix. Keyboard first: arrows move (Shift+arrows extend a range),
 * the digit keys 0–4 set the depth by their position whatever the layout, E or the space bar
 * toggles "assessed", Delete clears, Ctrl+C / Ctrl+V copy and paste tab-separated text (from
 * and to spreadsheets), Ctrl+D fills down, Ctrl+Z / Ctrl+Y undo and redo; the mouse selects too.
 * Only what is on screen is rendered (rows and columns virtualised); the ARIA grid keeps every
 * cell's place (`aria-rowindex`, `aria-colindex`) for screen readers. Each cell shows whether it
 * is saving, saved, failed or in conflict; the side panel shows a conflict's current value with a
 * button to apply one's own again (app/components/matrix-panel.tsx).
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  EMPTY_CELL,
  formatBlock,
  keyIntent,
  parseBlock,
  planClear,
  planFillDown,
  planPaste,
  rangeOf,
  rowTotals,
  semesterLabel,
  type CellValue,
  type Cursor,
  type PlannedCell,
  type Range,
  type SaveState,
} from "~/domain/matrix";
import type { CoverageStatus } from "~/domain/coverage";
import { requiredDepthMark, type MatrixCells, type MatrixColumn, type MatrixRowData, type MatrixSheet } from "~/domain/matrix-data";
import { fill, type MessageKey } from "~/i18n";
import { useNumberFormat, useT } from "~/utils/use-t";
import { LOCK_MESSAGES, namedCells, type CellEdit } from "./matrix-editor";

export const ROW_HEADER_W = 300;
export const COLUMN_W = 44;
const TOTAL_W = 48;
const TOTALS_W = 3 * TOTAL_W;
const HEADER_H = 176;
const GROUP_H = 22;
const FOOTER_ROW_H = 24;
/** What the server renders before the browser measures the screen: a small first window, so the page stays light. */
const FIRST_WINDOW = { width: 720, height: 300 };
/**
 * Up to this many cells, the browser renders them all once the page is running (a few hundred
 * milliseconds of work at most, and a find-in-page or a screen reader's table navigation sees
 * every cell); above it, only what is on screen.
 */
const RENDER_ALL_UP_TO = 1000;

/** What a column's footer shows, from the live coverage. */
export type ColumnStatus = { modules: number; reached: number; required: number | null; assessed: boolean; status: CoverageStatus };

export type GridRow = { type: "module"; row: MatrixRowData; index: number } | { type: "semester"; semester: number; ects: number; modules: number };

const KIND_LABELS: Record<MatrixColumn["kind"], MessageKey> = { competence: "ref.kind.competence", knowledge: "ref.kind.knowledge", transversal: "ref.kind.transversal" };
const STATUS_CLASS: Record<CoverageStatus, string> = { covered: "mx-covered", partial: "mx-partial", missing: "mx-missing", not_required: "mx-notreq" };

/** A module row's height, from its title's length: the whole title shows, over up to four lines. */
function rowHeight(row: MatrixRowData, locked: boolean) {
  const lines = Math.min(4, Math.max(1, Math.ceil((row.code.length + row.title.length + 8) / 38)));
  return 10 + lines * 16 + (locked ? 14 : 0);
}

export function MatrixGrid({
  columns,
  gridRows,
  cells,
  states,
  sheets,
  columnStatus,
  edit,
  undo,
  redo,
  setMessage,
  onFocusCell,
}: {
  columns: readonly MatrixColumn[];
  gridRows: readonly GridRow[];
  cells: MatrixCells;
  states: Record<string, SaveState>;
  sheets: readonly MatrixSheet[];
  columnStatus: ReadonlyMap<string, ColumnStatus>;
  edit: (list: readonly CellEdit[]) => boolean;
  undo: () => void;
  redo: () => void;
  setMessage: (message: string | null) => void;
  onFocusCell: (cell: { row: MatrixRowData; column: MatrixColumn } | null) => void;
}) {
  const t = useT();
  const format = useNumberFormat();
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const moduleRows = useMemo(() => gridRows.flatMap((r) => (r.type === "module" ? [r.row] : [])), [gridRows]);
  /** Grid row (virtual) index of each module row. */
  const rowPlace = useMemo(() => gridRows.flatMap((r, i) => (r.type === "module" ? [i] : [])), [gridRows]);
  const [cursor, setCursor] = useState<Cursor>({ row: 0, column: 0 });
  const [anchor, setAnchor] = useState<Cursor>({ row: 0, column: 0 });
  const [hydrated, setHydrated] = useState(false);
  const dragging = useRef(false);
  const size = { rows: moduleRows.length, columns: columns.length };
  const at = { row: Math.min(cursor.row, size.rows - 1), column: Math.min(cursor.column, size.columns - 1) };
  const range = rangeOf({ row: Math.min(anchor.row, size.rows - 1), column: Math.min(anchor.column, size.columns - 1) }, at);
  const renderAll = hydrated && size.rows * size.columns <= RENDER_ALL_UP_TO;

  useEffect(() => setHydrated(true), []);

  const rowVirtualizer = useVirtualizer({
    count: gridRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => {
      const r = gridRows[i];
      return r.type === "module" ? rowHeight(r.row, r.row.lock !== null) : 28;
    },
    overscan: renderAll ? gridRows.length : hydrated ? 6 : 0,
    initialRect: FIRST_WINDOW,
    scrollPaddingStart: GROUP_H + HEADER_H,
    scrollPaddingEnd: 3 * FOOTER_ROW_H,
    // The active cell's row stays rendered, so that it keeps the focus while the grid scrolls.
    rangeExtractor: (r) => withIndex(r, rowPlace[at.row]),
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => COLUMN_W,
    overscan: renderAll ? columns.length : hydrated ? 4 : 0,
    initialRect: FIRST_WINDOW,
    scrollPaddingStart: ROW_HEADER_W,
    scrollPaddingEnd: TOTALS_W,
    rangeExtractor: (r) => withIndex(r, at.column),
  });
  const virtualRows = rowVirtualizer.getVirtualItems();
  const virtualColumns = columnVirtualizer.getVirtualItems();
  const totalWidth = ROW_HEADER_W + columns.length * COLUMN_W + TOTALS_W;

  const valueAt = useCallback((row: number, column: number) => cells[moduleRows[row]?.id]?.[columns[column]?.ref] ?? EMPTY_CELL, [cells, moduleRows, columns]);
  const describe = useCallback((row: number, column: number) => `${moduleRows[row].code} × ${columns[column].code}`, [moduleRows, columns]);

  useEffect(() => {
    const row = moduleRows[at.row];
    const column = columns[at.column];
    onFocusCell(row && column ? { row, column } : null);
  }, [at.row, at.column, moduleRows, columns, onFocusCell]);

  // The active cell scrolled into view and focused, when the focus is in the grid.
  const focusActive = useRef(false);
  useEffect(() => {
    if (!focusActive.current) return;
    focusActive.current = false;
    rowVirtualizer.scrollToIndex(rowPlace[at.row] ?? 0, { align: "auto" });
    columnVirtualizer.scrollToIndex(at.column, { align: "auto" });
    requestAnimationFrame(() => gridRef.current?.querySelector<HTMLElement>(`[data-row="${at.row}"][data-column="${at.column}"]`)?.focus({ preventScroll: true }));
  }, [at.row, at.column, rowPlace, rowVirtualizer, columnVirtualizer]);

  /** Keyboard moves scroll the active cell into view and focus it; a click has done both already. */
  const moveTo = (next: Cursor, extend: boolean, scroll = true) => {
    focusActive.current = scroll;
    setCursor(next);
    if (!extend) setAnchor(next);
  };

  const toEdits = (planned: readonly PlannedCell[]): CellEdit[] => planned.map((p) => ({ row: moduleRows[p.row], ref: columns[p.column].ref, value: p.value }));

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (size.rows === 0 || size.columns === 0) return;
    if ((event.target as HTMLElement).closest("button, textarea, input")) return;
    const value = valueAt(at.row, at.column);
    const intent = keyIntent({ code: event.code, key: event.key, ctrl: event.ctrlKey || event.metaKey, shift: event.shiftKey, alt: event.altKey }, at, size, value);
    if (intent.type === "none") return;
    event.preventDefault();
    const single = range.top === range.bottom && range.left === range.right;
    switch (intent.type) {
      case "move":
        return moveTo(intent.cursor, intent.extend);
      case "selectAll":
        setAnchor({ row: 0, column: 0 });
        return moveTo({ row: size.rows - 1, column: size.columns - 1 }, true);
      case "set":
        // A depth typed over a range sets the whole range.
        return void edit(single ? toEdits([{ ...at, value: intent.value }]) : toEdits(planPaste([[intent.value]], range, size).cells));
      case "toggleAssessed":
        return void edit(toEdits([{ ...at, value: { depth: value.depth, assessed: !value.assessed } }]));
      case "clear": {
        const planned = planClear(range).filter((p) => valueAt(p.row, p.column).depth > 0 || single);
        if (planned.length === 0) return setMessage(t("mx.clear.nothing"));
        return void edit(toEdits(planned));
      }
      case "fillDown": {
        const planned = planFillDown(range, valueAt);
        if (planned.length === 0) return setMessage(t("mx.fill.nothing"));
        return void edit(toEdits(planned));
      }
      case "undo":
        return undo();
      case "redo":
        return redo();
    }
  };

  // Copy and paste: the browser's own events (Ctrl+C, Ctrl+V, and its menus), while the focus is in the grid.
  const rangeRef = useRef(range);
  rangeRef.current = range;
  const valueAtRef = useRef(valueAt);
  valueAtRef.current = valueAt;
  const pasteRef = useRef<(text: string) => void>(() => undefined);
  pasteRef.current = (text: string) => {
    const parsed = parseBlock(text);
    if (!parsed.ok) return setMessage(fill(t("mx.paste.unreadable"), { row: parsed.row, column: parsed.column, text: parsed.text.slice(0, 40) }));
    const plan = planPaste(parsed.block, rangeRef.current, size);
    if (plan.outside.length) {
      return setMessage(t("mx.paste.outside", { rows: parsed.block.length, columns: parsed.block[0].length, count: plan.outside.length }));
    }
    edit(toEdits(plan.cells));
  };
  useEffect(() => {
    const inGrid = () => gridRef.current?.contains(document.activeElement) && !(document.activeElement as HTMLElement).closest("button, textarea, input");
    const onCopy = (event: ClipboardEvent) => {
      if (!inGrid()) return;
      const r = rangeRef.current;
      const block: CellValue[][] = [];
      for (let row = r.top; row <= r.bottom; row++) block.push(Array.from({ length: r.right - r.left + 1 }, (_, c) => valueAtRef.current(row, r.left + c)));
      event.clipboardData?.setData("text/plain", formatBlock(block));
      event.preventDefault();
      setMessage(t("mx.copied", { count: block.length * (r.right - r.left + 1) }));
    };
    const onPaste = (event: ClipboardEvent) => {
      if (!inGrid()) return;
      event.preventDefault();
      pasteRef.current(event.clipboardData?.getData("text/plain") ?? "");
    };
    document.addEventListener("copy", onCopy);
    document.addEventListener("paste", onPaste);
    return () => {
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("paste", onPaste);
    };
  }, [setMessage, t]);

  useEffect(() => {
    const stop = () => (dragging.current = false);
    window.addEventListener("mouseup", stop);
    return () => window.removeEventListener("mouseup", stop);
  }, []);

  const groups = useMemo(() => {
    const result: { kind: MatrixColumn["kind"]; start: number; count: number }[] = [];
    for (const [i, column] of columns.entries()) {
      const last = result[result.length - 1];
      if (last?.kind === column.kind) last.count++;
      else result.push({ kind: column.kind, start: i, count: 1 });
    }
    return result;
  }, [columns]);
  const refs = useMemo(() => columns.map((c) => c.ref), [columns]);

  const rowCount = 2 + gridRows.length + 3;
  const colCount = 1 + columns.length + 3;
  const headerCell = (column: MatrixColumn, start: number, index: number) => {
    const marks = column.sheets.map((s) => sheets[s]?.mark ?? "");
    const label = column.label.length > 60 ? `${column.label.slice(0, 59)}…` : column.label;
    const title = `${column.ref} — ${column.label}${column.requiredDepth ? fill(t("mat.column.requiredDepth"), { depth: column.requiredDepth }) : ""} · ${column.sheets.map((s) => sheets[s]?.title).join(", ")}`;
    return (
      <div key={column.ref} role="columnheader" aria-colindex={index + 2} title={title} className="mx-head" style={{ left: ROW_HEADER_W + start }} data-testid={`head-${column.ref}`}>
        <span className="mx-marks">{marks.length > 2 ? `${marks[0]}+${marks.length - 1}` : marks.join("·")}</span>
        <span className="mx-label">
          <b>{column.code}</b> {label}
        </span>
        <span
          className="mx-req"
          aria-label={
            column.requiredDepth ? fill(t(column.depthOrigin === "sheet" ? "mx.head.required" : "mx.head.expected"), { depth: column.requiredDepth }) : t("mx.head.anyDepth")
          }
        >
          {requiredDepthMark(column)}
        </span>
      </div>
    );
  };

  // Stable handlers and per-row save states, so that a key press re-renders only the rows it changes.
  const latest = useRef({ moveTo, valueAt, edit, toEdits, moduleRows });
  latest.current = { moveTo, valueAt, edit, toEdits, moduleRows };
  const onCell = useCallback((rowIndex: number, column: number, event: CellEvent) => {
    const { moveTo: move, valueAt: value, edit: save, toEdits: plan } = latest.current;
    if (event.type === "mousedown") {
      dragging.current = true;
      move({ row: rowIndex, column }, event.shiftKey, false);
    } else if (event.type === "mouseenter" && dragging.current && event.buttons === 1) {
      setCursor({ row: rowIndex, column });
    } else if (event.type === "dblclick") {
      const v = value(rowIndex, column);
      save(plan([{ row: rowIndex, column, value: v.depth >= 4 ? EMPTY_CELL : { depth: v.depth + 1, assessed: v.assessed } }]));
    }
  }, []);
  const previousStates = useRef(new Map<string, Record<string, SaveState>>());
  const rowStates = useMemo(() => {
    const grouped = new Map<string, Record<string, SaveState>>();
    for (const [key, state] of Object.entries(states)) {
      const moduleId = key.slice(0, key.indexOf("|"));
      grouped.set(moduleId, { ...grouped.get(moduleId), [key]: state });
    }
    // A row whose states did not change keeps the same object (its memo holds).
    for (const [moduleId, group] of grouped) {
      const before = previousStates.current.get(moduleId);
      if (before && Object.keys(before).length === Object.keys(group).length && Object.entries(group).every(([k, v]) => before[k] === v)) grouped.set(moduleId, before);
    }
    previousStates.current = grouped;
    return grouped;
  }, [states]);

  return (
    <div className="space-y-2">
      <div ref={scrollRef} className="mx-scroll" data-testid="matrix-scroll">
        <div
          ref={gridRef}
          role="grid"
          aria-label={t("mat.grid")}
          aria-rowcount={rowCount}
          aria-colcount={colCount}
          aria-multiselectable="true"
          data-ready={hydrated ? "yes" : "no"}
          className="relative"
          style={{ width: totalWidth }}
          onKeyDown={onKeyDown}
        >
          <div role="rowgroup" className="mx-header" style={{ width: totalWidth }}>
            <div role="row" aria-rowindex={1} className="mx-row" style={{ height: GROUP_H, width: totalWidth }}>
              <div role="columnheader" aria-colindex={1} className="mx-corner mx-corner-top" style={{ width: ROW_HEADER_W }}>
                <span className="sr-only">{t("mat.filter.kind")}</span>
              </div>
              {groups.map((g) => (
                <div key={g.kind} role="columnheader" aria-colindex={g.start + 2} aria-colspan={g.count} className="mx-group" style={{ left: ROW_HEADER_W + g.start * COLUMN_W, width: g.count * COLUMN_W }}>
                  <span className="mx-group-name">{t(KIND_LABELS[g.kind])}</span>
                </div>
              ))}
              <div className="flex-1" aria-hidden="true" />
              <div className="mx-totals mx-totals-head" aria-hidden="true" />
            </div>
            <div role="row" aria-rowindex={2} className="mx-row" style={{ height: HEADER_H, width: totalWidth }}>
              <div role="columnheader" aria-colindex={1} className="mx-corner" style={{ width: ROW_HEADER_W }}>
                {t("mat.module")}
              </div>
              {virtualColumns.map((vc) => headerCell(columns[vc.index], vc.start, vc.index))}
              <div className="flex-1" aria-hidden="true" />
              <div className="mx-totals mx-totals-head">
                <div role="columnheader" aria-colindex={columns.length + 2} title={t("mx.total.mappedHint")}>{t("mx.total.mapped")}</div>
                <div role="columnheader" aria-colindex={columns.length + 3}>{t("mx.total.assessed")}</div>
                <div role="columnheader" aria-colindex={columns.length + 4}>{t("mx.total.ects")}</div>
              </div>
            </div>
          </div>
          <div role="rowgroup" className="relative" style={{ height: rowVirtualizer.getTotalSize(), width: totalWidth }}>
            {virtualRows.map((vr) => {
              const gridRow = gridRows[vr.index];
              const style = { transform: `translateY(${vr.start}px)`, height: vr.size, width: totalWidth };
              if (gridRow.type === "semester") {
                return (
                  <div key={`s${gridRow.semester}`} role="row" aria-rowindex={vr.index + 3} className="mx-row mx-subtotal" style={style} data-testid={`subtotal-S${gridRow.semester}`}>
                    <div role="rowheader" aria-colindex={1} className="mx-rowhead" style={{ width: ROW_HEADER_W }}>
                      {t("mx.subtotal", { semester: gridRow.semester, ects: format.number(gridRow.ects), modules: gridRow.modules })}
                    </div>
                    <div className="flex-1" aria-hidden="true" />
                    <div className="mx-totals">
                      <div role="gridcell" aria-colindex={columns.length + 4} className="col-start-3">
                        {format.number(gridRow.ects)}
                      </div>
                    </div>
                  </div>
                );
              }
              return (
                <ModuleRow
                  key={gridRow.row.id}
                  row={gridRow.row}
                  index={gridRow.index}
                  ariaRow={vr.index + 3}
                  top={vr.start}
                  height={vr.size}
                  width={totalWidth}
                  columns={columns}
                  virtualColumns={virtualColumns}
                  values={cells[gridRow.row.id]}
                  states={rowStates.get(gridRow.row.id) ?? NO_STATES}
                  refs={refs}
                  activeColumn={at.row === gridRow.index ? at.column : -1}
                  selectedFrom={gridRow.index >= range.top && gridRow.index <= range.bottom ? range.left : -1}
                  selectedTo={gridRow.index >= range.top && gridRow.index <= range.bottom ? range.right : -1}
                  onCell={onCell}
                />
              );
            })}
          </div>
          <div role="rowgroup" className="mx-footer" style={{ width: totalWidth }}>
            {(["modules", "depth", "assessed"] as const).map((line, n) => (
              <div key={line} role="row" aria-rowindex={gridRows.length + 3 + n} className="mx-row" style={{ height: FOOTER_ROW_H, width: totalWidth }}>
                <div role="rowheader" aria-colindex={1} className="mx-rowhead mx-foothead" style={{ width: ROW_HEADER_W }}>
                  {t(`mx.foot.${line}`)}
                </div>
                {virtualColumns.map((vc) => {
                  const column = columns[vc.index];
                  const status = columnStatus.get(column.ref);
                  const text =
                    line === "modules"
                      ? String(status?.modules ?? 0)
                      : line === "depth"
                        ? `${status?.reached ?? 0}/${column.requiredDepth ?? "·"}`
                        : status?.reached
                          ? status.assessed
                            ? "✓"
                            : "✗"
                          : "";
                  const label =
                    line === "modules"
                      ? t("mx.foot.modulesLabel", { ref: column.code, count: status?.modules ?? 0 })
                      : line === "depth"
                        ? fill(t("mx.foot.depthLabel"), { ref: column.code, reached: status?.reached ?? 0, required: column.requiredDepth ?? "—", status: t(`mx.status.${status?.status ?? "missing"}`) })
                        : fill(t(status?.assessed ? "mx.foot.assessedYes" : "mx.foot.assessedNo"), { ref: column.code });
                  return (
                    <div
                      key={column.ref}
                      role="gridcell"
                      aria-colindex={vc.index + 2}
                      aria-label={label}
                      className={`mx-foot ${line === "depth" && status ? STATUS_CLASS[status.status] : ""}`}
                      style={{ left: ROW_HEADER_W + vc.start }}
                      data-testid={`foot-${line}-${column.ref}`}
                    >
                      {text}
                    </div>
                  );
                })}
                <div className="flex-1" aria-hidden="true" />
                <div className="mx-totals" aria-hidden="true" />
              </div>
            ))}
          </div>
        </div>
      </div>
      <p className="text-xs text-slate-500">{t("mat.help")}</p>
      <p className="sr-only">{fill(t("mx.selection"), { cells: namedCells([describeRange(range, describe)], t) })}</p>
    </div>
  );
}

function describeRange(range: Range, describe: (row: number, column: number) => string) {
  const first = describe(range.top, range.left);
  return range.top === range.bottom && range.left === range.right ? first : `${first} → ${describe(range.bottom, range.right)}`;
}

/** The virtualiser's range, with one more index that must stay rendered (the active cell's). */
function withIndex(range: { startIndex: number; endIndex: number; overscan: number; count: number }, keep: number | undefined) {
  const start = Math.max(0, range.startIndex - range.overscan);
  const end = Math.min(range.count - 1, range.endIndex + range.overscan);
  const indexes: number[] = [];
  for (let i = start; i <= end; i++) indexes.push(i);
  if (keep !== undefined && keep >= 0 && keep < range.count && (keep < start || keep > end)) indexes.push(keep);
  return indexes.sort((a, b) => a - b);
}

type CellEvent = { type: string; shiftKey: boolean; buttons: number };

const NO_STATES: Record<string, SaveState> = {};

const ModuleRow = memo(function ModuleRow({
  row,
  index,
  ariaRow,
  top,
  height,
  width,
  columns,
  virtualColumns,
  values,
  states,
  refs,
  activeColumn,
  selectedFrom,
  selectedTo,
  onCell,
}: {
  row: MatrixRowData;
  index: number;
  ariaRow: number;
  top: number;
  height: number;
  width: number;
  columns: readonly MatrixColumn[];
  virtualColumns: readonly { index: number; start: number }[];
  values: Record<string, CellValue> | undefined;
  states: Record<string, SaveState>;
  refs: readonly string[];
  /** The active cell's column when it is in this row, else -1. */
  activeColumn: number;
  /** The selected columns of this row (-1 when the selection does not cross it). */
  selectedFrom: number;
  selectedTo: number;
  onCell: (row: number, column: number, event: CellEvent) => void;
}) {
  const t = useT();
  const format = useNumberFormat();
  const totals = rowTotals(values, refs);
  const locked = row.lock !== null;
  return (
    <div role="row" aria-rowindex={ariaRow} className={`mx-row ${locked ? "mx-locked-row" : ""}`} style={{ transform: `translateY(${top}px)`, height, width }} data-module={row.code}>
      <div role="rowheader" aria-colindex={1} className="mx-rowhead" style={{ width: ROW_HEADER_W }}>
        <span>
          <span className="mx-sem">{semesterLabel({ semester: row.semester, semesterSpan: row.span })}</span> <span className="font-mono text-xs">{row.code}</span> {row.title}
        </span>
        {locked ? (
          <span className="mx-lock" data-testid={`lock-${row.code}`}>
            <span aria-hidden="true">🔒</span> {fill(t(LOCK_MESSAGES[row.lock!]), { module: row.code })}
          </span>
        ) : null}
      </div>
      {virtualColumns.map((vc) => {
        const column = columns[vc.index];
        const value = values?.[column.ref] ?? EMPTY_CELL;
        const state = states[`${row.id}|${column.ref}`] ?? { status: "idle" };
        const active = activeColumn === vc.index;
        const selected = vc.index >= selectedFrom && vc.index <= selectedTo;
        const label = fill(t("mat.cell.label"), {
          module: row.code,
          ref: column.ref,
          value: `${value.depth === 0 ? t("mat.cell.unmapped") : `${fill(t("mat.cell.depth"), { depth: value.depth })}${value.assessed ? t("mat.cell.assessed") : ""}`}${value.note ? t("mx.cell.withNote") : ""}`,
        });
        return (
          <div
            key={column.ref}
            role="gridcell"
            aria-colindex={vc.index + 2}
            aria-selected={selected || undefined}
            aria-readonly={locked || undefined}
            aria-label={label}
            tabIndex={active ? 0 : -1}
            data-row={index}
            data-column={vc.index}
            data-testid={`cell-${row.code}-${column.ref}`}
            data-state={state.status}
            className={`mx-cell mx-d${value.depth}${selected ? " mx-sel" : ""}${state.status === "failed" || state.status === "conflict" ? " mx-bad" : ""}`}
            style={{ left: ROW_HEADER_W + vc.start }}
            onMouseDown={(event) => onCell(index, vc.index, event)}
            onMouseEnter={(event) => onCell(index, vc.index, event)}
            onDoubleClick={(event) => onCell(index, vc.index, event)}
          >
            {value.depth > 0 ? value.depth : ""}
            {value.assessed ? <span aria-hidden="true" className="mx-mark">{t("mat.cell.assessedMark")}</span> : null}
            {value.note ? <span aria-hidden="true" className="mx-note" /> : null}
            {state.status === "saving" ? <span aria-hidden="true" className="mx-st">…</span> : null}
            {state.status === "saved" ? <span aria-hidden="true" className="mx-st text-emerald-700">✓</span> : null}
          </div>
        );
      })}
      <div className="flex-1" aria-hidden="true" />
      <div className="mx-totals">
        <div role="gridcell" aria-colindex={columns.length + 2} aria-label={t("mx.total.mappedLabel", { module: row.code, count: totals.mapped })}>
          {totals.mapped}
        </div>
        <div role="gridcell" aria-colindex={columns.length + 3} aria-label={t("mx.total.assessedLabel", { module: row.code, count: totals.assessed })}>
          {totals.assessed}
        </div>
        <div role="gridcell" aria-colindex={columns.length + 4}>{format.number(row.ects)}</div>
      </div>
    </div>
  );
});
