import { describe, expect, it } from "vitest";
import type { ItemCoverage } from "./coverage";
import { progression } from "./progression";

const base = { kind: "knowledge" as const, label: "x", required: true, assessed: true, firstSemesterReached: null };
const module = (semester: number, depth: number) => ({ id: `m${semester}`, code: `M${semester}`, title: "", semester, depth, assessed: true });

describe("progression", () => {
  it("la profondeur à la fin de chaque semestre ne redescend pas, et les non requis sont écartés", () => {
    const items: ItemCoverage[] = [
      { ...base, ref: "K-1", requiredDepth: 3, targetDepth: 3, depthOrigin: "sheet", achievedDepth: 3, status: "covered", modules: [module(2, 1), module(3, 3), module(4, 2)] },
      { ...base, ref: "K-2", requiredDepth: 2, targetDepth: 2, depthOrigin: "sheet", achievedDepth: 0, status: "missing", modules: [] },
      { ...base, ref: "T17", required: false, requiredDepth: null, targetDepth: null, depthOrigin: null, achievedDepth: 0, status: "not_required", modules: [] },
    ];
    expect(progression(items, 4).map((row) => [row.ref, row.byEndOf])).toEqual([
      ["K-1", [0, 1, 3, 3]],
      ["K-2", [0, 0, 0, 0]],
    ]);
  });
});
