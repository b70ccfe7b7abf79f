/**
 * The module × requirement matrix as the browser edits it: keyboard moves, the edits a key
 * asks for, and the state of each cell's save. Pure, so that the grid's behaviour is tested
 * without a browser and the same rules hold for the mouse and the keyboard.
 */

export type CellValue = { depth: number; assessed: boolean };
export const EMPTY_CELL: CellValue = { depth: 0, assessed: false };

export type Cursor = { row: number; column: number };

export type KeyIntent =
  | { type: "move"; cursor: Cursor }
  | { type: "set"; value: CellValue }
  | { type: "none" };

/** The keys that toggle "assessed" (É for évalué, A for assessed, or the space bar). */
export const ASSESS_KEYS = ["e", "E", "é", "É", "a", "A", " "];

/**
 * What a key press means at `cursor` in a grid of `rows` × `columns` whose current value
 * is `value`. Arrows, Home/End and PageUp/PageDown move; digits 0–4 set the depth (0 clears
 * the cell); the assess key toggles "assessed" (on a mapped cell only).
 */
export function keyIntent(key: string, cursor: Cursor, size: { rows: number; columns: number }, value: CellValue, ctrl = false): KeyIntent {
  const clamp = (row: number, column: number): KeyIntent => ({
    type: "move",
    cursor: { row: Math.max(0, Math.min(size.rows - 1, row)), column: Math.max(0, Math.min(size.columns - 1, column)) },
  });
  switch (key) {
    case "ArrowUp":
      return clamp(cursor.row - 1, cursor.column);
    case "ArrowDown":
      return clamp(cursor.row + 1, cursor.column);
    case "ArrowLeft":
      return clamp(cursor.row, cursor.column - 1);
    case "ArrowRight":
      return clamp(cursor.row, cursor.column + 1);
    case "Home":
      return ctrl ? clamp(0, 0) : clamp(cursor.row, 0);
    case "End":
      return ctrl ? clamp(size.rows - 1, size.columns - 1) : clamp(cursor.row, size.columns - 1);
    case "PageUp":
      return clamp(cursor.row - 10, cursor.column);
    case "PageDown":
      return clamp(cursor.row + 10, cursor.column);
  }
  if (/^[0-4]$/.test(key)) {
    const depth = Number(key);
    if (depth === value.depth) return { type: "none" };
    return { type: "set", value: depth === 0 ? EMPTY_CELL : { depth, assessed: value.assessed } };
  }
  if (ASSESS_KEYS.includes(key)) {
    if (value.depth === 0) return { type: "none" };
    return { type: "set", value: { depth: value.depth, assessed: !value.assessed } };
  }
  return { type: "none" };
}

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
