/**
 * The matrix's edits and their saves, for the grid and the side panel alike: every change (a
 * key, a paste, a fill, Delete, a note, an undo) goes through `edit`, is shown at once, and is
 * saved through the one save endpoint, one request after the other. A cell is sent with the
 * newest version of its module that this page has seen that cell at (decision 035): the
 * module's version at load, moved on only by saves that found the module as the page had last
 * seen it, or the version of the page's own last save of that cell.
 */
import { useCallback, useRef, useState } from "react";
import {
  afterRedo,
  afterSave,
  afterUndo,
  EMPTY_HISTORY,
  inverse,
  recordChange,
  retryDelayMs,
  sameCell,
  type CellValue,
  type Change,
  type History,
  type SaveOutcome,
  type SaveState,
} from "~/domain/matrix";
import type { MatrixCells, MatrixRowData, RowLock } from "~/domain/matrix-data";
import { fill, type MessageKey } from "~/i18n";

export type CellEdit = { row: MatrixRowData; ref: string; value: CellValue };

type SentCell = { moduleId: string; version: number; itemRef: string; depth: number; assessed: boolean; note?: string };
type RefusedCell = { moduleId: string; itemRef: string; reason: "outside" | "notAllowed" | "stale"; current?: CellValue; version?: number };
type Answer =
  | { kind: "ok"; versions: Record<string, number>; version?: number }
  | { kind: "conflict"; current: CellValue; version: number }
  | { kind: "refusedCells"; cells: RefusedCell[]; message: string }
  | { kind: "refused"; message: string }
  | { kind: "network"; message: string };

export const LOCK_MESSAGES: Record<RowLock, MessageKey> = { review: "mx.lock.review", notMine: "mx.lock.notMine", role: "mx.lock.role" };

const cellKey = (moduleId: string, ref: string) => `${moduleId}|${ref}`;

async function post(url: string, body: unknown, t: (key: MessageKey) => string): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch (error) {
    return { kind: "network", message: error instanceof Error ? error.message : t("mat.connectionLost") };
  }
  const answer = (await response.json().catch(() => ({}))) as { version?: number; versions?: Record<string, number>; current?: CellValue; error?: string; cells?: RefusedCell[] };
  if (response.ok) return { kind: "ok", versions: answer.versions ?? {}, version: answer.version };
  if (response.status >= 500) return { kind: "network", message: answer.error ?? fill(t("mat.serverError"), { status: response.status }) };
  if (response.status === 409 && answer.current && typeof answer.version === "number") return { kind: "conflict", current: answer.current, version: answer.version };
  if (answer.cells) return { kind: "refusedCells", cells: answer.cells, message: answer.error ?? "" };
  return { kind: "refused", message: answer.error ?? fill(t("mat.refused"), { status: response.status }) };
}

export function useMatrixEditor({
  url,
  rows,
  initialCells,
  t,
  describeCell,
}: {
  url: string;
  rows: readonly MatrixRowData[];
  initialCells: MatrixCells;
  t: (key: MessageKey) => string;
  /** A cell named for a person: "UE1 × C3". */
  describeCell: (moduleId: string, ref: string) => string;
}) {
  const [cells, setCells] = useState<MatrixCells>(initialCells);
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [history, setHistory] = useState<History>(EMPTY_HISTORY);
  const cellsRef = useRef(cells);
  cellsRef.current = cells;
  const historyRef = useRef(history);
  historyRef.current = history;
  // Versions as the server gave them: refs written by the answers only (decision 007).
  const seen = useRef<Map<string, number> | null>(null);
  seen.current ??= new Map(rows.map((row) => [row.id, row.version]));
  const seenCell = useRef(new Map<string, number>());
  const queue = useRef<Promise<void>>(Promise.resolve());

  const valueOf = (moduleId: string, ref: string) => cellsRef.current[moduleId]?.[ref] ?? { depth: 0, assessed: false };
  const versionOf = (moduleId: string, ref: string) => Math.max(seen.current!.get(moduleId) ?? 1, seenCell.current.get(cellKey(moduleId, ref)) ?? 0);

  const put = useCallback((list: readonly { moduleId: string; ref: string; value: CellValue }[]) => {
    setCells((current) => {
      const next = { ...current };
      for (const { moduleId, ref, value } of list) next[moduleId] = { ...next[moduleId], [ref]: value };
      return next;
    });
  }, []);
  const mark = useCallback((keys: readonly string[], state: SaveState) => setStates((s) => Object.fromEntries([...Object.entries(s), ...keys.map((k) => [k, state])])), []);

  /** After a save: each cell was seen at its module's new version; a module the page had seen whole moves on. */
  const learn = (sent: readonly SentCell[], versions: Record<string, number>) => {
    for (const [moduleId, version] of Object.entries(versions)) {
      const ofModule = sent.filter((cell) => cell.moduleId === moduleId);
      for (const cell of ofModule) seenCell.current.set(cellKey(moduleId, cell.itemRef), version);
      const before = seen.current!.get(moduleId);
      if (ofModule.every((cell) => cell.version === before) && version === (before ?? 0) + 1) seen.current!.set(moduleId, version);
    }
  };

  /**
   * Shows and saves a change. `record` says what the history does once it is saved: a new
   * change (which can be undone), an undo, or a redo. Refused whole, before any request, when a
   * cell is on a row this person cannot edit.
   */
  const edit = useCallback(
    (list: readonly CellEdit[], record: "change" | "undo" | "redo" = "change"): boolean => {
      if (list.length === 0) return false;
      const locked = list.filter((cell) => cell.row.lock !== null);
      if (locked.length) {
        const lock = locked[0].row.lock!;
        setMessage(
          list.length === 1
            ? fill(t(LOCK_MESSAGES[lock]), { module: locked[0].row.code })
            : fill(t("mx.refused.locked"), { cells: namedCells(locked.map((c) => describeCell(c.row.id, c.ref)), t), reason: fill(t(LOCK_MESSAGES[lock]), { module: locked[0].row.code }) }),
        );
        return false;
      }
      const change: Change = { cells: list.map(({ row, ref, value }) => ({ moduleId: row.id, itemRef: ref, before: valueOf(row.id, ref), after: value })) };
      const keys = change.cells.map((c) => cellKey(c.moduleId, c.itemRef));
      setMessage(null);
      put(change.cells.map((c) => ({ moduleId: c.moduleId, ref: c.itemRef, value: c.after })));
      mark(keys, { status: "saving", attempt: 1 });
      const single = list.length === 1 && record === "change";
      const send = async (attempt: number): Promise<void> => {
        const sent: SentCell[] = change.cells.map((c) => ({
          moduleId: c.moduleId,
          version: versionOf(c.moduleId, c.itemRef),
          itemRef: c.itemRef,
          depth: c.after.depth,
          assessed: c.after.depth > 0 && c.after.assessed,
          ...(c.after.note !== undefined ? { note: c.after.note } : {}),
        }));
        const answer = await post(url, single ? sent[0] : { cells: sent }, t);
        if (answer.kind === "ok") {
          const versions = single && answer.version !== undefined ? { [sent[0].moduleId]: answer.version } : answer.versions;
          learn(sent, versions);
          mark(keys, { status: "saved", at: Date.now() });
          setHistory((h) => (record === "undo" ? afterUndo(h) : record === "redo" ? afterRedo(h) : recordChange(h, change)));
          return;
        }
        if (answer.kind === "network" && attempt < 3) {
          mark(keys, { status: "saving", attempt: attempt + 1 });
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt + 1)));
          return send(attempt + 1);
        }
        if (single) {
          const [c] = change.cells;
          const outcome: SaveOutcome =
            answer.kind === "conflict" ? { kind: "conflict", current: answer.current } : { kind: answer.kind === "network" ? "network" : "refused", message: "message" in answer ? answer.message : "" };
          if (answer.kind === "conflict") seenCell.current.set(keys[0], answer.version);
          mark(keys, afterSave(outcome, attempt, c.after, Date.now()).state);
          return;
        }
        // A range is all or nothing: its cells go back to what they were, a changed one to its value now.
        put(change.cells.map((c) => ({ moduleId: c.moduleId, ref: c.itemRef, value: c.before })));
        mark(keys, { status: "idle" });
        if (answer.kind === "refusedCells") {
          const stale = answer.cells.filter((c) => c.reason === "stale" && c.current);
          for (const c of stale) seenCell.current.set(cellKey(c.moduleId, c.itemRef), c.version ?? 0);
          put(stale.map((c) => ({ moduleId: c.moduleId, ref: c.itemRef, value: c.current! })));
          const reasons = answer.cells.map((c) => `${describeCell(c.moduleId, c.itemRef)} (${t(`mx.reason.${c.reason}`)})`);
          setMessage(fill(t("mx.refused.cells"), { cells: namedCells(reasons, t) }));
        } else setMessage(fill(t("mx.refused.all"), { message: "message" in answer ? answer.message : "" }));
      };
      queue.current = queue.current.then(() => send(1)).catch(() => undefined);
      return true;
    },
    [url, t, describeCell, put, mark],
  );

  const rowById = new Map(rows.map((row) => [row.id, row]));
  const replay = (change: Change | undefined, record: "undo" | "redo") => {
    if (!change) {
      setMessage(t(record === "undo" ? "mx.undo.nothing" : "mx.redo.nothing"));
      return;
    }
    const list = change.cells.flatMap((c) => {
      const row = rowById.get(c.moduleId);
      return row ? [{ row, ref: c.itemRef, value: c.after }] : [];
    });
    edit(list, record);
  };
  const undo = () => replay(historyRef.current.done.at(-1) && inverse(historyRef.current.done.at(-1)!), "undo");
  const redo = () => replay(historyRef.current.undone.at(-1), "redo");

  /** Keeps the value another person saved (after a conflict). */
  const takeCurrent = useCallback(
    (moduleId: string, ref: string, current: CellValue) => {
      put([{ moduleId, ref, value: current }]);
      setStates((s) => ({ ...s, [cellKey(moduleId, ref)]: { status: "idle" } }));
    },
    [put],
  );

  return { cells, states, message, setMessage, edit, undo, redo, takeCurrent, canUndo: history.done.length > 0, same: sameCell };
}

/** At most eight cells named, then how many more. */
export function namedCells(names: readonly string[], t: (key: MessageKey) => string) {
  const shown = names.slice(0, 8).join(", ");
  return names.length > 8 ? `${shown} ${fill(t("mx.andMore"), { count: names.length - 8 })}` : shown;
}
