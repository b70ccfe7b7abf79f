import { describe, expect, it } from "vitest";
import {
  afterRedo,
  afterSave,
  afterUndo,
  ectsInSemester,
  EMPTY_CELL,
  EMPTY_HISTORY,
  formatBlock,
  inverse,
  isStale,
  keyIntent,
  MAX_SAVE_ATTEMPTS,
  parseBlock,
  planFillDown,
  planPaste,
  recordChange,
  semesterLabel,
  type CellValue,
} from "./matrix";

const size = { rows: 5, columns: 8 };
const at = { row: 2, column: 3 };
const key = (code: string, k: string, extra: { ctrl?: boolean; shift?: boolean } = {}) => ({ code, key: k, ...extra });

describe("clavier de la matrice", () => {
  it("les flèches déplacent la cellule active sans sortir de la grille ; Maj+flèche étend la plage", () => {
    expect(keyIntent(key("ArrowRight", "ArrowRight"), at, size, EMPTY_CELL)).toEqual({ type: "move", cursor: { row: 2, column: 4 }, extend: false });
    expect(keyIntent(key("ArrowUp", "ArrowUp"), { row: 0, column: 0 }, size, EMPTY_CELL)).toEqual({ type: "move", cursor: { row: 0, column: 0 }, extend: false });
    expect(keyIntent(key("End", "End"), at, size, EMPTY_CELL)).toEqual({ type: "move", cursor: { row: 2, column: 7 }, extend: false });
    expect(keyIntent(key("Home", "Home", { ctrl: true }), at, size, EMPTY_CELL)).toEqual({ type: "move", cursor: { row: 0, column: 0 }, extend: false });
    expect(keyIntent(key("ArrowDown", "ArrowDown", { shift: true }), at, size, EMPTY_CELL)).toEqual({ type: "move", cursor: { row: 3, column: 3 }, extend: true });
  });

  it("sur un clavier AZERTY, la rangée des chiffres fixe la profondeur par la position de la touche (é est la touche 2, & la touche 1)", () => {
    expect(keyIntent(key("Digit2", "é"), at, size, EMPTY_CELL)).toEqual({ type: "set", value: { depth: 2, assessed: false } });
    expect(keyIntent(key("Digit1", "&"), at, size, { depth: 3, assessed: true })).toEqual({ type: "set", value: { depth: 1, assessed: true } });
    expect(keyIntent(key("Digit3", '"'), at, size, EMPTY_CELL)).toEqual({ type: "set", value: { depth: 3, assessed: false } });
    expect(keyIntent(key("Digit4", "'"), at, size, EMPTY_CELL)).toEqual({ type: "set", value: { depth: 4, assessed: false } });
    expect(keyIntent(key("Digit0", "à"), at, size, { depth: 3, assessed: true })).toEqual({ type: "set", value: EMPTY_CELL });
    expect(keyIntent(key("Numpad3", "3"), at, size, EMPTY_CELL)).toEqual({ type: "set", value: { depth: 3, assessed: false } });
    expect(keyIntent(key("Digit5", "("), at, size, EMPTY_CELL)).toEqual({ type: "none" });
    expect(keyIntent(key("Digit3", '"'), at, size, { depth: 3, assessed: true })).toEqual({ type: "none" });
  });

  it("« évaluée » bascule sur la position de la touche E ou sur l'espace, jamais sur le caractère é", () => {
    expect(keyIntent(key("KeyE", "e"), at, size, { depth: 2, assessed: false })).toEqual({ type: "toggleAssessed" });
    expect(keyIntent(key("Space", " "), at, size, { depth: 2, assessed: true })).toEqual({ type: "toggleAssessed" });
    expect(keyIntent(key("KeyE", "e"), at, size, EMPTY_CELL)).toEqual({ type: "none" });
    // The "é" character of AZERTY's 2 key, or a layout where another key types "e", sets no "assessed".
    expect(keyIntent(key("Digit2", "é"), at, size, { depth: 2, assessed: false })).toEqual({ type: "none" });
    expect(keyIntent(key("KeyA", "a"), at, size, { depth: 1, assessed: false })).toEqual({ type: "none" });
  });

  it("Suppr vide, Ctrl+D recopie vers le bas, Ctrl+Z / Ctrl+Y annulent et rétablissent (selon la lettre de la touche)", () => {
    expect(keyIntent(key("Delete", "Delete"), at, size, EMPTY_CELL)).toEqual({ type: "clear" });
    expect(keyIntent(key("KeyD", "d", { ctrl: true }), at, size, EMPTY_CELL)).toEqual({ type: "fillDown" });
    // AZERTY's Z is where QWERTY has W: Ctrl+Z is the key marked Z.
    expect(keyIntent(key("KeyW", "z", { ctrl: true }), at, size, EMPTY_CELL)).toEqual({ type: "undo" });
    expect(keyIntent(key("KeyY", "y", { ctrl: true }), at, size, EMPTY_CELL)).toEqual({ type: "redo" });
    expect(keyIntent(key("KeyW", "Z", { ctrl: true, shift: true }), at, size, EMPTY_CELL)).toEqual({ type: "redo" });
  });
});

describe("copier et coller avec un tableur", () => {
  it("une plage se copie en texte séparé par des tabulations : la profondeur, puis ✓ si évaluée", () => {
    expect(formatBlock([[{ depth: 3, assessed: true }, EMPTY_CELL], [{ depth: 1, assessed: false }, { depth: 4, assessed: false }]])).toBe("3 ✓\t\n1\t4");
  });

  it("lit le texte d'Excel (CR LF, ligne finale), de LibreOffice et de Google Sheets, et ce qu'il copie lui-même", () => {
    const block = [[{ depth: 3, assessed: true }, EMPTY_CELL], [{ depth: 1, assessed: false }, { depth: 4, assessed: false }]];
    expect(parseBlock("3 ✓\t\r\n1\t4\r\n")).toEqual({ ok: true, block });
    expect(parseBlock("3✓\t\n1\t4\n")).toEqual({ ok: true, block });
    expect(parseBlock("3 x\t0\n1,0\t4")).toEqual({ ok: true, block });
    expect(parseBlock(formatBlock(block))).toEqual({ ok: true, block });
    expect(parseBlock('"3 évaluée"\t\n1\t4')).toEqual({ ok: true, block });
  });

  it("un texte qui n'est pas une profondeur est refusé avec sa place", () => {
    expect(parseBlock("1\t2\n3\tsept")).toEqual({ ok: false, row: 2, column: 2, text: "sept" });
    expect(parseBlock("5")).toEqual({ ok: false, row: 1, column: 1, text: "5" });
  });

  it("un bloc se colle au coin de la sélection ; ce qui déborde est nommé ; une valeur seule remplit la sélection", () => {
    const two = [[{ depth: 1, assessed: false }, { depth: 2, assessed: false }]];
    expect(planPaste(two, { top: 1, left: 6, bottom: 1, right: 6 }, size)).toEqual({ cells: [{ row: 1, column: 6, value: two[0][0] }, { row: 1, column: 7, value: two[0][1] }], outside: [] });
    expect(planPaste(two, { top: 1, left: 7, bottom: 1, right: 7 }, size).outside).toEqual([{ row: 1, column: 8 }]);
    expect(planPaste([[{ depth: 3, assessed: true }]], { top: 0, left: 0, bottom: 1, right: 1 }, size).cells).toHaveLength(4);
  });

  it("Ctrl+D recopie la première ligne de la plage dans les suivantes, ou la ligne du dessus dans une seule ligne", () => {
    const values: Record<string, CellValue> = { "0|0": { depth: 2, assessed: true, note: "garde" }, "0|1": EMPTY_CELL };
    const valueAt = (row: number, column: number) => values[`${row}|${column}`] ?? EMPTY_CELL;
    expect(planFillDown({ top: 0, left: 0, bottom: 2, right: 0 }, valueAt)).toEqual([
      { row: 1, column: 0, value: { depth: 2, assessed: true } },
      { row: 2, column: 0, value: { depth: 2, assessed: true } },
    ]);
    expect(planFillDown({ top: 1, left: 0, bottom: 1, right: 1 }, valueAt)).toEqual([
      { row: 1, column: 0, value: { depth: 2, assessed: true } },
      { row: 1, column: 1, value: EMPTY_CELL },
    ]);
    expect(planFillDown({ top: 0, left: 0, bottom: 0, right: 0 }, valueAt)).toEqual([]);
  });
});

describe("annuler et rétablir ses propres modifications", () => {
  it("annuler rejoue les valeurs d'avant ; rétablir, celles d'après ; une nouvelle modification efface ce qui pouvait être rétabli", () => {
    const change = { cells: [{ moduleId: "m", itemRef: "T01", before: EMPTY_CELL, after: { depth: 2, assessed: false } }] };
    let history = recordChange(EMPTY_HISTORY, change);
    expect(inverse(history.done[0]).cells[0].after).toEqual(EMPTY_CELL);
    history = afterUndo(history);
    expect(history).toEqual({ done: [], undone: [change] });
    history = afterRedo(history);
    expect(history).toEqual({ done: [change], undone: [] });
    expect(recordChange(afterUndo(history), change).undone).toEqual([]);
  });
});

describe("conflits par cellule", () => {
  const module = { version: 7, cellsVersion: 7, cellsKnownFrom: 2 };
  it("la version courante passe toujours ; une version plus ancienne passe si la cellule n'a pas changé depuis", () => {
    expect(isStale(7, module, 7)).toBe(false);
    expect(isStale(4, module, 3)).toBe(false);
    expect(isStale(4, module, 4)).toBe(false);
    expect(isStale(4, module, 5)).toBe(true);
    expect(isStale(8, module, 0)).toBe(true);
  });
  it("avant ce que la trace par cellule connaît, ou après l'écriture d'un autre genre, tout est prudent", () => {
    expect(isStale(1, module, 0)).toBe(true);
    // Another writer raised the version to 8 without the record per cell: only 8 passes.
    const written = { version: 8, cellsVersion: 7, cellsKnownFrom: 2 };
    expect(isStale(7, written, 0)).toBe(true);
    expect(isStale(8, written, 0)).toBe(false);
  });
});

describe("crédits et semestres", () => {
  it("un module sur deux semestres compte la moitié de ses ECTS dans chacun et s'écrit S1–S2", () => {
    const annual = { semester: 1, semesterSpan: 2, ects: 12 };
    expect([ectsInSemester(annual, 1), ectsInSemester(annual, 2), ectsInSemester(annual, 3)]).toEqual([6, 6, 0]);
    expect(semesterLabel(annual)).toBe("S1–S2");
    expect(semesterLabel({ semester: 3 })).toBe("S3");
  });
});

describe("enregistrement d'une cellule", () => {
  const mine = { depth: 3, assessed: true };
  it("une coupure réseau est retentée, puis signalée comme un échec", () => {
    expect(afterSave({ kind: "network", message: "hors ligne" }, 1, mine, 0)).toEqual({ state: { status: "saving", attempt: 2 }, retry: true });
    expect(afterSave({ kind: "network", message: "hors ligne" }, MAX_SAVE_ATTEMPTS, mine, 0)).toEqual({
      state: { status: "failed", message: "hors ligne", attempt: MAX_SAVE_ATTEMPTS },
      retry: false,
    });
  });

  it("un conflit garde ma valeur et montre la valeur actuelle", () => {
    expect(afterSave({ kind: "conflict", current: { depth: 1, assessed: false } }, 1, mine, 0).state).toEqual({ status: "conflict", current: { depth: 1, assessed: false }, mine });
  });

  it("un refus n'est pas retenté", () => {
    expect(afterSave({ kind: "refused", message: "Module d'un autre enseignant." }, 1, mine, 0)).toEqual({ state: { status: "failed", message: "Module d'un autre enseignant.", attempt: 1 }, retry: false });
  });
});
