import { describe, expect, it } from "vitest";
import { canMove, diffSnapshots, isEmptySnapshotDiff, normaliseModules, type Comparable, type SnapshotModule } from "./programme-version";
import { commentSchema } from "./review";

const module = (code: string, extra: Partial<SnapshotModule> = {}): SnapshotModule => ({
  code,
  title: `Module ${code}`,
  semester: 1,
  ects: 6,
  hoursLectures: 10,
  hoursTutorials: 0,
  hoursPractical: 0,
  hoursProjects: 0,
  assessmentMethod: "",
  description: "",
  mappings: [],
  ...extra,
});

const base: Comparable = {
  programme: { id: "p", title: "BTS", diplomaType: "bts", level: 5, entryEcts: 0, semesters: 4, description: "" },
  targets: [{ sheetSlug: "s", sheetVersion: 1, title: "Sheet", contentHash: "h1" }],
  modules: [module("A", { mappings: [{ itemRef: "s/C1", depth: 2, assessed: false }] }), module("B")],
  coverage: [
    {
      sheetSlug: "s",
      sheetVersion: 1,
      level: 5,
      overall: { required: 2, covered: 0, partial: 1, missing: 1, ratioCovered: 0 },
      coveredNotAssessed: 0,
      items: [
        { ref: "s/C1", status: "partial", achievedDepth: 2, requiredDepth: 3, assessed: false },
        { ref: "s/C2", status: "missing", achievedDepth: 0, requiredDepth: 2, assessed: false },
      ],
    },
  ],
};

describe("comparaison de versions", () => {
  it("une version comparée à elle-même ne montre aucune différence", () => {
    expect(isEmptySnapshotDiff(diffSnapshots(base, base))).toBe(true);
  });

  it("montre modules ajoutés et retirés, champs modifiés, correspondances et couverture en hausse", () => {
    const after: Comparable = {
      ...base,
      programme: { ...base.programme, title: "BTS rénové" },
      targets: [{ ...base.targets[0], sheetVersion: 2 }],
      modules: [module("A", { ects: 9, mappings: [{ itemRef: "s/C1", depth: 3, assessed: true }] }), module("C")],
      coverage: [
        {
          ...base.coverage[0],
          overall: { required: 2, covered: 1, partial: 0, missing: 1, ratioCovered: 0.5 },
          items: [{ ...base.coverage[0].items[0], status: "covered", achievedDepth: 3 }, base.coverage[0].items[1]],
        },
      ],
    };
    const diff = diffSnapshots(base, after);
    expect(diff.programme).toEqual([{ field: "title", from: "BTS", to: "BTS rénové" }]);
    expect(diff.targets).toEqual([{ sheetSlug: "s", from: 1, to: 2 }]);
    expect(diff.modulesAdded.map((m) => m.code)).toEqual(["C"]);
    expect(diff.modulesRemoved.map((m) => m.code)).toEqual(["B"]);
    expect(diff.modulesChanged).toEqual([{ code: "A", title: "Module A", changes: [{ field: "ects", from: 6, to: 9 }] }]);
    expect(diff.mappingsChanged).toEqual([{ moduleCode: "A", itemRef: "s/C1", from: { itemRef: "s/C1", depth: 2, assessed: false }, to: { itemRef: "s/C1", depth: 3, assessed: true } }]);
    expect(diff.coverage).toEqual([
      { sheetSlug: "s", from: { ratioCovered: 0, covered: 0, required: 2 }, to: { ratioCovered: 0.5, covered: 1, required: 2 }, items: [{ ref: "s/C1", from: "partial", to: "covered", direction: "rose" }] },
    ]);
    // Reading the other way, the same items fell.
    expect(diffSnapshots(after, base).coverage[0].items[0].direction).toBe("fell");
  });

  it("l'ordre des modules et des correspondances ne change pas la photographie", () => {
    const shuffled = normaliseModules([module("B", { semester: 2 }), module("A", { mappings: [{ itemRef: "z", depth: 1, assessed: false }, { itemRef: "a", depth: 1, assessed: false }] })]);
    expect(shuffled.map((m) => m.code)).toEqual(["A", "B"]);
    expect(shuffled[0].mappings.map((m) => m.itemRef)).toEqual(["a", "z"]);
  });
});

describe("états de l'évaluation", () => {
  it("une version publiée se soumet une fois ; seule une version soumise reçoit une décision", () => {
    expect(canMove(null, "submit")).toBe(true);
    expect(canMove("submitted", "submit")).toBe(false);
    expect(canMove("changes_requested", "submit")).toBe(false);
    expect(canMove(null, "approve")).toBe(false);
    expect(canMove("submitted", "approve")).toBe(true);
    expect(canMove("submitted", "request_changes")).toBe(true);
    expect(canMove("approved", "request_changes")).toBe(false);
    expect(canMove("submitted", "withdraw")).toBe(true);
  });

  it("un commentaire vide, trop long ou sans sujet précis est refusé avec un message", () => {
    expect(commentSchema.safeParse({ subject: "programme", body: "   " }).error?.issues[0].message).toBe("Écrivez votre commentaire.");
    expect(commentSchema.safeParse({ subject: "programme", body: "x".repeat(5001) }).success).toBe(false);
    expect(commentSchema.safeParse({ subject: "module", body: "ok" }).error?.issues[0].path).toEqual(["moduleCode"]);
    expect(commentSchema.safeParse({ subject: "requirement", body: "ok" }).error?.issues[0].path).toEqual(["itemRef"]);
    expect(commentSchema.safeParse({ subject: "requirement", parentId: "c1", body: "réponse" }).success).toBe(true);
  });
});
