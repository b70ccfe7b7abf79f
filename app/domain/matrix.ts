/**
 * The module × requirement matrix as the browser edits it and as the server judges a save:
 * keys (by their position on the keyboard), ranges, the text a spreadsheet copies and pastes,
 * the undo history, the totals, the state of each save, and whether a save made on an older
 * version of a module touches a cell changed since. Pure, so that the grid's behaviour is
 * tested without a browser, and the server and the browser share one rule.
 */

/** A cell's value. `note` is left out of a save that does not change it. */
export type CellValue = { depth: number; assessed: boolean; note?: string };
export const EMPTY_CELL: CellValue = { depth: 0, assessed: false };
export const NOTE_MAX = 500;

export type Cursor = { row: number; column: number };
export type Size = { rows: number; columns: number };
/** A rectangle of cells, both corners included. */
export type Range = { top: number; left: number; bottom: number; right: number };

/** Two values are the same cell (an absent note is the empty note). */
export function sameCell(a: CellValue, b: CellValue) {
  return a.depth === b.depth && a.assessed === b.assessed && (a.note ?? "") === (b.note ?? "");
}

/** A value as it is stored: no mapping at depth 0 (assessed and note go with it). */
export function normaliseCell(value: CellValue): CellValue {
  if (value.depth === 0) return value.note === undefined ? EMPTY_CELL : { ...EMPTY_CELL, note: "" };
  return value;
}

// ---------------------------------------------------------------------------------------------
// Keys

/**
 * The depth a key sets, by the key's position (`KeyboardEvent.code`), whatever the layout: the
 * unshifted top row types "&é\"'(" on AZERTY, "1234" on QWERTY, and is the same keys.
 */
export function depthOfKey(code: string): number | null {
  const match = /^(?:Digit|Numpad)([0-4])$/.exec(code);
  return match ? Number(match[1]) : null;
}

/** "Assessed" toggles on the E key's position or the space bar; never on a character. */
export function togglesAssessed(code: string) {
  return code === "KeyE" || code === "Space";
}

export type KeyPress = { code: string; key: string; ctrl?: boolean; shift?: boolean; alt?: boolean };

export type KeyIntent =
  | { type: "move"; cursor: Cursor; extend: boolean }
  | { type: "set"; value: CellValue }
  | { type: "toggleAssessed" }
  | { type: "clear" }
  | { type: "fillDown" }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "selectAll" }
  | { type: "none" };

/**
 * What a key press means at `cursor` in a grid of `size` whose current value is `value`.
 * Arrows, Home/End and PageUp/PageDown move (with Shift, they extend the range); the keys of the
 * digits 0–4 set the depth (0 clears), by position; KeyE or Space toggles "assessed"; Delete
 * and Backspace clear; Ctrl+D fills down, Ctrl+Z undoes, Ctrl+Y (or Ctrl+Shift+Z) redoes,
 * Ctrl+A selects everything. The shortcuts with Ctrl follow the letter printed on the key
 * (`key`), as every program does; copy and paste come as the browser's own events.
 */
export function keyIntent(press: KeyPress, cursor: Cursor, size: Size, value: CellValue): KeyIntent {
  const { code, key, ctrl = false, shift = false, alt = false } = press;
  const clamp = (row: number, column: number): KeyIntent => ({
    type: "move",
    cursor: { row: Math.max(0, Math.min(size.rows - 1, row)), column: Math.max(0, Math.min(size.columns - 1, column)) },
    extend: shift,
  });
  switch (key) {
    case "ArrowUp":
      return ctrl ? clamp(0, cursor.column) : clamp(cursor.row - 1, cursor.column);
    case "ArrowDown":
      return ctrl ? clamp(size.rows - 1, cursor.column) : clamp(cursor.row + 1, cursor.column);
    case "ArrowLeft":
      return ctrl ? clamp(cursor.row, 0) : clamp(cursor.row, cursor.column - 1);
    case "ArrowRight":
      return ctrl ? clamp(cursor.row, size.columns - 1) : clamp(cursor.row, cursor.column + 1);
    case "Home":
      return ctrl ? clamp(0, 0) : clamp(cursor.row, 0);
    case "End":
      return ctrl ? clamp(size.rows - 1, size.columns - 1) : clamp(cursor.row, size.columns - 1);
    case "PageUp":
      return clamp(cursor.row - 10, cursor.column);
    case "PageDown":
      return clamp(cursor.row + 10, cursor.column);
    case "Delete":
    case "Backspace":
      return { type: "clear" };
  }
  if (alt) return { type: "none" };
  if (ctrl) {
    switch (key.toLowerCase()) {
      case "d":
        return { type: "fillDown" };
      case "z":
        return shift ? { type: "redo" } : { type: "undo" };
      case "y":
        return { type: "redo" };
      case "a":
        return { type: "selectAll" };
    }
    return { type: "none" };
  }
  const depth = depthOfKey(code);
  if (depth !== null) {
    if (depth === value.depth) return { type: "none" };
    return { type: "set", value: depth === 0 ? EMPTY_CELL : { depth, assessed: value.assessed } };
  }
  if (togglesAssessed(code)) return value.depth === 0 ? { type: "none" } : { type: "toggleAssessed" };
  return { type: "none" };
}

// ---------------------------------------------------------------------------------------------
// Ranges

export function rangeOf(anchor: Cursor, cursor: Cursor): Range {
  return {
    top: Math.min(anchor.row, cursor.row),
    bottom: Math.max(anchor.row, cursor.row),
    left: Math.min(anchor.column, cursor.column),
    right: Math.max(anchor.column, cursor.column),
  };
}

export function inRange(range: Range, row: number, column: number) {
  return row >= range.top && row <= range.bottom && column >= range.left && column <= range.right;
}

export function rangeSize(range: Range) {
  return (range.bottom - range.top + 1) * (range.right - range.left + 1);
}

/** A cell to write: its position in the grid as shown, and the value. */
export type PlannedCell = { row: number; column: number; value: CellValue };

// ---------------------------------------------------------------------------------------------
// The text a spreadsheet copies: rows on lines, cells separated by tabs

/** The mark written after the depth of an assessed cell ("3 ✓"). */
export const ASSESSED_MARK = "✓";

/** One cell as text: its depth, then the mark when assessed; nothing for an empty cell. */
export function cellText(value: CellValue) {
  return value.depth === 0 ? "" : value.assessed ? `${value.depth} ${ASSESSED_MARK}` : String(value.depth);
}

/** A block of values as tab-separated text, one line per row (what Ctrl+C puts on the clipboard). */
export function formatBlock(block: readonly (readonly CellValue[])[]): string {
  return block.map((row) => row.map(cellText).join("\t")).join("\n");
}

const ASSESSED_WORDS = new Set(["✓", "✔", "☑", "x", "*", "e", "é", "a", "v", "o", "oui", "yes", "évalué", "évaluée", "evalue", "evaluee", "assessed"]);

/** One cell read from a spreadsheet's text; null when it is not a depth 0–4 with an optional mark. */
export function parseCellText(text: string): CellValue | null {
  // Spreadsheets quote a cell that holds a tab, a newline or a quote; a depth never does.
  const trimmed = text.replace(/^"(.*)"$/s, "$1").trim();
  if (trimmed === "" || trimmed === "-") return EMPTY_CELL;
  const match = /^([0-4])(?:[.,]0+)?\s*(.*)$/su.exec(trimmed);
  if (!match) return null;
  const depth = Number(match[1]);
  const mark = match[2].trim().toLowerCase();
  if (mark !== "" && !ASSESSED_WORDS.has(mark)) return null;
  if (depth === 0) return EMPTY_CELL;
  return { depth, assessed: mark !== "" };
}

export type ParsedBlock = { ok: true; block: CellValue[][] } | { ok: false; row: number; column: number; text: string };

/**
 * Tab-separated text as a block of values. Excel and LibreOffice end the text with a line
 * break, Windows ends lines with CR LF, Google Sheets may leave out the last one: all are read.
 * A cell that is not a depth is refused with its place (1-based).
 */
export function parseBlock(text: string): ParsedBlock {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  const block: CellValue[][] = [];
  for (const [r, line] of lines.entries()) {
    const row: CellValue[] = [];
    for (const [c, cell] of line.split("\t").entries()) {
      const value = parseCellText(cell);
      if (!value) return { ok: false, row: r + 1, column: c + 1, text: cell };
      row.push(value);
    }
    block.push(row);
  }
  const width = Math.max(...block.map((row) => row.length));
  // A short line (a trailing empty cell dropped by some programs) is filled with empty cells.
  return { ok: true, block: block.map((row) => [...row, ...Array.from({ length: width - row.length }, () => EMPTY_CELL)]) };
}

export type PastePlan = { cells: PlannedCell[]; outside: Cursor[] };

/**
 * Where a block goes: from the range's top-left corner. A single value fills the whole range
 * (as spreadsheets do); a block whose size divides the range's is repeated over it. Cells that
 * would fall outside the grid are listed, so that the whole paste can be refused.
 */
export function planPaste(block: readonly (readonly CellValue[])[], range: Range, size: Size): PastePlan {
  const height = block.length;
  const width = block[0]?.length ?? 0;
  const rangeHeight = range.bottom - range.top + 1;
  const rangeWidth = range.right - range.left + 1;
  const repeatRows = rangeHeight % height === 0 && rangeHeight > height ? rangeHeight / height : 1;
  const repeatColumns = rangeWidth % width === 0 && rangeWidth > width ? rangeWidth / width : 1;
  const cells: PlannedCell[] = [];
  const outside: Cursor[] = [];
  for (let r = 0; r < height * repeatRows; r++) {
    for (let c = 0; c < width * repeatColumns; c++) {
      const row = range.top + r;
      const column = range.left + c;
      if (row >= size.rows || column >= size.columns) outside.push({ row, column });
      else cells.push({ row, column, value: block[r % height][c % width] });
    }
  }
  return { cells, outside };
}

/**
 * Ctrl+D: the range's top row copied into the rows below it; on a range of one row, the row
 * above copied into it (as spreadsheets do). Notes stay where they are.
 */
export function planFillDown(range: Range, valueAt: (row: number, column: number) => CellValue): PlannedCell[] {
  const source = range.top === range.bottom ? range.top - 1 : range.top;
  if (source < 0) return [];
  const cells: PlannedCell[] = [];
  for (let row = source + 1; row <= range.bottom; row++) {
    if (row < range.top) continue;
    for (let column = range.left; column <= range.right; column++) {
      const { depth, assessed } = valueAt(source, column);
      cells.push({ row, column, value: { depth, assessed } });
    }
  }
  return cells;
}

/** Delete: every cell of the range emptied. */
export function planClear(range: Range): PlannedCell[] {
  const cells: PlannedCell[] = [];
  for (let row = range.top; row <= range.bottom; row++) for (let column = range.left; column <= range.right; column++) cells.push({ row, column, value: EMPTY_CELL });
  return cells;
}

// ---------------------------------------------------------------------------------------------
// Undo and redo of the person's own changes

/** A change as saved: each cell by module and requirement, with its value before and after. */
export type Change = { cells: { moduleId: string; itemRef: string; before: CellValue; after: CellValue }[] };
export type History = { done: Change[]; undone: Change[] };
export const EMPTY_HISTORY: History = { done: [], undone: [] };
const HISTORY_MAX = 100;

/** A change saved: it can be undone; what had been undone can no longer be redone. */
export function recordChange(history: History, change: Change): History {
  return { done: [...history.done, change].slice(-HISTORY_MAX), undone: [] };
}

/** The change that undoes the last one (its cells back to their values before). */
export function inverse(change: Change): Change {
  return { cells: change.cells.map((cell) => ({ ...cell, before: cell.after, after: cell.before })) };
}

/** After the last change was undone (and saved). */
export function afterUndo(history: History): History {
  const last = history.done[history.done.length - 1];
  return last ? { done: history.done.slice(0, -1), undone: [...history.undone, last] } : history;
}

/** After the last undone change was made again (and saved). */
export function afterRedo(history: History): History {
  const last = history.undone[history.undone.length - 1];
  return last ? { done: [...history.done, last], undone: history.undone.slice(0, -1) } : history;
}

// ---------------------------------------------------------------------------------------------
// Saves

/** The save state of one cell, shown beside it. */
export type SaveState =
  | { status: "idle" }
  | { status: "saving"; attempt: number }
  | { status: "saved"; at: number }
  | { status: "failed"; message: string; attempt: number }
  | { status: "conflict"; current: CellValue; mine: CellValue };

export const MAX_SAVE_ATTEMPTS = 3;

/** How long to wait before retry number `attempt` (2, 3, ...) after a failed save. */
export function retryDelayMs(attempt: number): number {
  return 500 * 2 ** (attempt - 2);
}

export type SaveOutcome =
  | { kind: "ok" }
  | { kind: "conflict"; current: CellValue }
  | { kind: "refused"; message: string }
  | { kind: "network"; message: string };

/**
 * The next state after a save attempt. A network failure is retried (up to
 * MAX_SAVE_ATTEMPTS); a refusal (4xx) is final and says why; a conflict (409) shows the
 * current value and keeps the person's own so it can be applied again.
 */
export function afterSave(outcome: SaveOutcome, attempt: number, mine: CellValue, now: number): { state: SaveState; retry: boolean } {
  switch (outcome.kind) {
    case "ok":
      return { state: { status: "saved", at: now }, retry: false };
    case "conflict":
      return { state: { status: "conflict", current: outcome.current, mine }, retry: false };
    case "refused":
      return { state: { status: "failed", message: outcome.message, attempt }, retry: false };
    case "network":
      return attempt < MAX_SAVE_ATTEMPTS
        ? { state: { status: "saving", attempt: attempt + 1 }, retry: true }
        : { state: { status: "failed", message: outcome.message, attempt }, retry: false };
  }
}

/**
 * What the database knows of a module when a cell of it is saved (decision 035): its version;
 * the version the cell save last left it at (`cellsVersion`: any other writer raises `version`
 * alone); and from which version on every cell's change is recorded (`cellsKnownFrom`).
 */
export type ModuleCells = { version: number; cellsVersion: number; cellsKnownFrom: number };

/**
 * The first version from which a change of any cell of the module is recorded per cell. When
 * another writer changed the module since the last cell save, its changes are not recorded
 * per cell: only saves made on the module as it left it can be judged cell by cell.
 */
export function knownFrom(module: ModuleCells) {
  return module.cellsVersion === module.version ? module.cellsKnownFrom : module.version;
}

/**
 * Whether a save made on version `sent` of the module would overwrite a change it has not seen:
 * never on the current version; on an older one, when the cell changed after `sent`
 * (`changedAt`: the version the cell was last set or emptied at, 0 if never by a cell save) or
 * when the module was changed by another writer after `sent` (then nothing tells which cells).
 */
export function isStale(sent: number, module: ModuleCells, changedAt: number) {
  if (sent === module.version) return false;
  if (sent > module.version) return true;
  return sent < knownFrom(module) || changedAt > sent;
}

// ---------------------------------------------------------------------------------------------
// Totals

/** ECTS of a module in one semester: a module over two semesters counts half in each. */
export function ectsInSemester(module: { semester: number; semesterSpan?: number; ects: number }, semester: number) {
  const span = Math.max(1, module.semesterSpan ?? 1);
  return semester >= module.semester && semester < module.semester + span ? module.ects / span : 0;
}

/** How a module's semesters are written: "S1", or "S1–S2" for a module over two. */
export function semesterLabel(module: { semester: number; semesterSpan?: number }) {
  const span = Math.max(1, module.semesterSpan ?? 1);
  return span === 1 ? `S${module.semester}` : `S${module.semester}–S${module.semester + span - 1}`;
}

/** Whether a module runs in a semester (a module over two semesters runs in both). */
export function runsIn(module: { semester: number; semesterSpan?: number }, semester: number) {
  return semester >= module.semester && semester < module.semester + Math.max(1, module.semesterSpan ?? 1);
}

/** Per row: how many of the columns are mapped and how many of those are assessed. */
export function rowTotals(values: Readonly<Record<string, CellValue>> | undefined, refs: readonly string[]) {
  let mapped = 0;
  let assessed = 0;
  if (values) {
    for (const ref of refs) {
      const value = values[ref];
      if (value && value.depth > 0) {
        mapped++;
        if (value.assessed) assessed++;
      }
    }
  }
  return { mapped, assessed };
}

/** Per column: how many of the rows map it. */
export function columnModules(cells: Readonly<Record<string, Readonly<Record<string, CellValue>>>>, rowIds: readonly string[], ref: string) {
  let count = 0;
  for (const id of rowIds) if ((cells[id]?.[ref]?.depth ?? 0) > 0) count++;
  return count;
}
