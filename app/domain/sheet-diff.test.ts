import { describe, expect, it } from "vitest";
import { readReferenceSheets } from "../../seed/reference-data";
import type { ReferenceSheetData } from "./reference-data";
import { diffSheets, isEmptyDiff } from "./sheet-diff";

const [sheet] = readReferenceSheets();

function edit(change: (copy: ReferenceSheetData) => void): ReferenceSheetData {
  const copy = structuredClone(sheet);
  change(copy);
  return copy;
}

describe("la comparaison de deux versions d'une fiche", () => {
  it("ne trouve rien entre deux versions identiques", () => {
    expect(isEmptyDiff(diffSheets(sheet, structuredClone(sheet)))).toBe(true);
  });

  it("repère les éléments ajoutés et retirés", () => {
    const [first, ...rest] = sheet.requirements;
    const without = edit((copy) => {
      copy.requirements = rest;
    });
    expect(diffSheets(sheet, without).removed).toEqual([{ code: first.code, kind: first.kind, label: first.label }]);
    expect(diffSheets(without, sheet).added).toEqual([{ code: first.code, kind: first.kind, label: first.label }]);
    expect(diffSheets(without, sheet).removed).toEqual([]);
  });

  it("repère une reformulation, un changement de profondeur, d'exigence et de choix éditorial", () => {
    const target = sheet.requirements.find((item) => item.required && !item.editorial)!;
    const other = sheet.requirements.find((item) => item.code !== target.code && item.required)!;
    const next = edit((copy) => {
      const item = copy.requirements.find((r) => r.code === target.code)!;
      item.label = `${item.label} (reformulé)`;
      item.requiredDepth = item.requiredDepth === 3 ? 4 : 3;
      item.editorial = true;
      item.editorialReason = "Profondeur choisie par l'équipe.";
      const second = copy.requirements.find((r) => r.code === other.code)!;
      second.required = false;
      second.requiredDepth = null;
    });
    const diff = diffSheets(sheet, next);
    expect(diff.reworded).toEqual([expect.objectContaining({ code: target.code, from: target.label, to: `${target.label} (reformulé)` })]);
    expect(diff.depthChanged.map((change) => change.code)).toContain(target.code);
    expect(diff.depthChanged.find((change) => change.code === target.code)).toMatchObject({ from: target.requiredDepth });
    expect(diff.requiredChanged).toEqual([expect.objectContaining({ code: other.code, from: true, to: false })]);
    expect(diff.editorialChanged).toEqual([
      expect.objectContaining({
        code: target.code,
        from: { editorial: false, reason: null },
        to: { editorial: true, reason: "Profondeur choisie par l'équipe." },
      }),
    ]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it("signale les changements d'en-tête (titre, niveaux CNCP)", () => {
    const next = edit((copy) => {
      copy.title = "Nouveau titre";
      copy.cncp = { ...copy.cncp, max: 7 };
    });
    expect(diffSheets(sheet, next).headerChanged).toEqual([
      { field: "title", from: sheet.title, to: "Nouveau titre" },
      { field: "cncp", from: `${sheet.cncp.min}-${sheet.cncp.max}`, to: `${sheet.cncp.min}-7` },
    ]);
  });

  it("signale une note éditoriale, une définition ou des conditions d'exercice nouvelles : une version n'est jamais « sans différence » quand elles changent", () => {
    const next = edit((copy) => {
      delete copy.definition;
      copy.romeCodes = copy.romeCodes.map((rome) => ({ ...rome, editorialNote: undefined }));
    });
    const fields = diffSheets(next, sheet).headerChanged.map((c) => c.field);
    expect(fields).toEqual(["definition", "editorialNotes"]);
    expect(diffSheets(next, sheet).headerChanged.find((c) => c.field === "editorialNotes")!.to).toContain("E1103 : Code ROME probablement E1101");
  });
});
