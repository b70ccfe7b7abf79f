import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { computeCoverage, type CncpLevel } from "../app/domain/coverage";
import { detectDelimiter, parseCsv } from "../app/domain/csv";
import { readProgrammeRows } from "../app/domain/programme-import";
import { readReferenceData } from "./reference-data";
import { knownItems, targetOf } from "./targets";

const dir = join(import.meta.dirname, "demo");
const manifest = JSON.parse(readFileSync(join(dir, "programmes.json"), "utf8")) as {
  file: string;
  title: string;
  level: CncpLevel;
  entryEcts: number;
  semesters: number;
  targets: string[];
  teacherModules: string[];
}[];
const data = readReferenceData();

describe("programmes de démonstration", () => {
  it("un programme complet par niveau CNCP 5, 6 et 7", () => {
    expect(manifest.map((p) => p.level).sort()).toEqual([5, 6, 7]);
  });

  for (const programme of manifest) {
    it(`${programme.file} se lit sans problème et donne une couverture parlante pour chaque métier visé`, () => {
      const text = readFileSync(join(dir, programme.file), "utf8");
      const result = readProgrammeRows(parseCsv(text, detectDelimiter(text)), knownItems(data), {
        targets: programme.targets,
        semesters: programme.semesters,
      });
      expect(result.problems).toEqual([]);
      const codes = result.modules.map((m) => m.code);
      for (const code of programme.teacherModules) expect(codes).toContain(code);
      const input = {
        level: programme.level,
        entryEcts: programme.entryEcts,
        semesters: programme.semesters,
        modules: result.modules.map((m) => ({ ...m, id: m.code })),
      };
      for (const slug of programme.targets) {
        const coverage = computeCoverage(input, targetOf(data, slug, programme.level));
        // Meaningful: most required items covered, and something left for a reviewer to ask about.
        expect(coverage.summary.overall.ratioCovered).toBeGreaterThan(0.6);
        expect(coverage.summary.overall.ratioCovered < 1 || coverage.summary.coveredNotAssessed > 0).toBe(true);
        expect(coverage.warnings.filter((w) => w.code === "credits_total_mismatch" || w.code === "semester_ects")).toEqual([]);
      }
    });
  }
});
