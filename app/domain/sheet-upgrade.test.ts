import { describe, expect, it } from "vitest";
import type { CellValue } from "./matrix";
import { applyChoices, decisionKey, planUpgrade, type UpgradeItem, type UpgradeMapping } from "./sheet-upgrade";

const from: UpgradeItem[] = [
  { ref: "s/C1", kind: "competence", label: "Vendre" },
  { ref: "s/C2", kind: "competence", label: "Piloter" },
  { ref: "T06", kind: "transversal", label: "Anglais" },
];
const to: UpgradeItem[] = [
  { ref: "s/C1", kind: "competence", label: "Vendre en ligne" },
  { ref: "s/C3", kind: "competence", label: "Animer" },
];
const mappings: UpgradeMapping[] = [
  { moduleId: "m1", moduleCode: "UE1", itemRef: "s/C1", depth: 2, assessed: true },
  { moduleId: "m1", moduleCode: "UE1", itemRef: "s/C2", depth: 3, assessed: false },
  { moduleId: "m2", moduleCode: "UE2", itemRef: "T06", depth: 1, assessed: true },
  { moduleId: "m2", moduleCode: "UE2", itemRef: "autre/C9", depth: 4, assessed: true },
];
const current = new Map<string, Map<string, CellValue>>([
  ["m1", new Map([["s/C1", { depth: 2, assessed: true }], ["s/C2", { depth: 3, assessed: false }]])],
  ["m2", new Map([["T06", { depth: 1, assessed: true }], ["autre/C9", { depth: 4, assessed: true }]])],
]);

describe("mise à jour d'un référentiel", () => {
  const plan = planUpgrade({ from, to, mappings });

  it("garde les correspondances dont le code existe encore, liste les autres ; ignore celles d'autres référentiels", () => {
    expect(plan.kept.map((m) => m.itemRef)).toEqual(["s/C1"]);
    expect(plan.decisions.map((d) => [d.itemRef, d.shared])).toEqual([
      ["s/C2", false],
      ["T06", true],
    ]);
  });

  it("sans décision, ou avec une décision impossible, chaque ligne dit pourquoi", () => {
    const result = applyChoices({ plan, choices: { [decisionKey(plan.decisions[0])]: "keep" }, to, current });
    expect(result).toEqual({
      ok: false,
      errors: {
        "m1|s/C2": "Une compétence retirée du référentiel ne peut pas être gardée telle quelle.",
        "m2|T06": "Choisissez ce que devient cette correspondance.",
      },
    });
    const badMove = applyChoices({ plan, choices: { "m1|s/C2": "move:s/C2", "m2|T06": "keep" }, to, current });
    expect(badMove.ok ? null : badMove.errors["m1|s/C2"]).toBe("Choisissez une exigence de la nouvelle version.");
  });

  it("reporter une correspondance garde la plus grande profondeur, et « évaluée » si l'une l'était", () => {
    const result = applyChoices({ plan, choices: { "m1|s/C2": "move:s/C1", "m2|T06": "remove" }, to, current });
    expect(result).toEqual({
      ok: true,
      writes: {
        deletes: [
          { moduleId: "m1", itemRef: "s/C2" },
          { moduleId: "m2", itemRef: "T06" },
        ],
        upserts: [{ moduleId: "m1", itemRef: "s/C1", value: { depth: 3, assessed: true } }],
      },
    });
  });
});
