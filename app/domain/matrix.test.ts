import { describe, expect, it } from "vitest";
import { afterSave, EMPTY_CELL, keyIntent, MAX_SAVE_ATTEMPTS } from "./matrix";

const size = { rows: 5, columns: 8 };
const at = { row: 2, column: 3 };

describe("clavier de la matrice", () => {
  it("les flèches déplacent la cellule active sans sortir de la grille", () => {
    expect(keyIntent("ArrowRight", at, size, EMPTY_CELL)).toEqual({ type: "move", cursor: { row: 2, column: 4 } });
    expect(keyIntent("ArrowUp", { row: 0, column: 0 }, size, EMPTY_CELL)).toEqual({ type: "move", cursor: { row: 0, column: 0 } });
    expect(keyIntent("End", at, size, EMPTY_CELL)).toEqual({ type: "move", cursor: { row: 2, column: 7 } });
    expect(keyIntent("Home", at, size, EMPTY_CELL, true)).toEqual({ type: "move", cursor: { row: 0, column: 0 } });
    expect(keyIntent("PageDown", at, size, EMPTY_CELL)).toEqual({ type: "move", cursor: { row: 4, column: 3 } });
  });

  it("les chiffres 0 à 4 fixent la profondeur ; 0 vide la cellule", () => {
    expect(keyIntent("3", at, size, EMPTY_CELL)).toEqual({ type: "set", value: { depth: 3, assessed: false } });
    expect(keyIntent("2", at, size, { depth: 3, assessed: true })).toEqual({ type: "set", value: { depth: 2, assessed: true } });
    expect(keyIntent("0", at, size, { depth: 3, assessed: true })).toEqual({ type: "set", value: EMPTY_CELL });
    expect(keyIntent("3", at, size, { depth: 3, assessed: true })).toEqual({ type: "none" });
    expect(keyIntent("5", at, size, EMPTY_CELL)).toEqual({ type: "none" });
  });

  it("la touche É (ou espace) bascule « évalué » sur une cellule reliée seulement", () => {
    expect(keyIntent("e", at, size, { depth: 2, assessed: false })).toEqual({ type: "set", value: { depth: 2, assessed: true } });
    expect(keyIntent(" ", at, size, { depth: 2, assessed: true })).toEqual({ type: "set", value: { depth: 2, assessed: false } });
    expect(keyIntent("e", at, size, EMPTY_CELL)).toEqual({ type: "none" });
  });

  it("en anglais, la touche A (assessed) fait de même", () => {
    expect(keyIntent("a", at, size, { depth: 1, assessed: false })).toEqual({ type: "set", value: { depth: 1, assessed: true } });
    expect(keyIntent("A", at, size, EMPTY_CELL)).toEqual({ type: "none" });
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
    expect(afterSave({ kind: "conflict", current: { depth: 1, assessed: false } }, 1, mine, 0).state).toEqual({
      status: "conflict",
      current: { depth: 1, assessed: false },
      mine,
    });
  });

  it("un refus n'est pas retenté", () => {
    expect(afterSave({ kind: "refused", message: "Module d'un autre enseignant." }, 1, mine, 0)).toEqual({
      state: { status: "failed", message: "Module d'un autre enseignant.", attempt: 1 },
      retry: false,
    });
  });
});
