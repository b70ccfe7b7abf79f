/**
 * Progression across semesters: for each item, the depth reached by the end of each
 * semester (the best depth of any module up to and including it). Pure.
 */
import type { ItemCoverage } from "./coverage";

export type ProgressionRow = { ref: string; label: string; requiredDepth: number | null; byEndOf: number[] };

export function progression(items: readonly ItemCoverage[], semesters: number): ProgressionRow[] {
  return items
    .filter((item) => item.status !== "not_required")
    .map((item) => {
      const best = new Array<number>(semesters).fill(0);
      for (const module of item.modules) {
        const index = Math.min(semesters, Math.max(1, module.semester)) - 1;
        best[index] = Math.max(best[index], module.depth);
      }
      for (let i = 1; i < semesters; i++) best[i] = Math.max(best[i], best[i - 1]);
      return { ref: item.ref, label: item.label, requiredDepth: item.targetDepth, byEndOf: best };
    });
}
