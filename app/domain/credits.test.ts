import { describe, expect, it } from "vitest";
import { programmeWarnings, type ModuleInput, type ProgrammeInput } from "./coverage";
import { creditsPerSemester, semesterLabel, semestersOf } from "./credits";

describe("creditsPerSemester", () => {
  it("compte un module semestriel dans son semestre, un module annuel pour moitié dans chacun des deux", () => {
    const modules = [
      { semester: 1, ects: 6 },
      { semester: 1, semesterSpan: 2, ects: 9 },
      { semester: 2, semesterSpan: 1, ects: 4 },
    ];
    expect(creditsPerSemester(modules, 4)).toEqual([
      { semester: 1, ects: 10.5 },
      { semester: 2, ects: 8.5 },
      { semester: 3, ects: 0 },
      { semester: 4, ects: 0 },
    ]);
  });

  it("nomme aussi un semestre au-delà de la formation où court un module", () => {
    expect(creditsPerSemester([{ semester: 2, semesterSpan: 2, ects: 10 }], 2)).toEqual([
      { semester: 1, ects: 0 },
      { semester: 2, ects: 5 },
      { semester: 3, ects: 5 },
    ]);
  });
});

describe("semesterLabel", () => {
  it("S1 pour un semestre, S1–S2 pour une année", () => {
    expect(semesterLabel({ semester: 1 })).toBe("S1");
    expect(semesterLabel({ semester: 3, semesterSpan: 2 })).toBe("S3–S4");
    expect(semestersOf({ semester: 3, semesterSpan: 2 })).toEqual([3, 4]);
  });
});

describe("les avertissements de crédits d'un BTS organisé en années", () => {
  const module = (code: string, semester: number, ects: number, semesterSpan = 1): ModuleInput => ({
    id: code,
    code,
    title: code,
    semester,
    semesterSpan,
    ects,
    mappings: [{ itemRef: "T06", depth: 1, assessed: true }],
  });
  const target = { level: 5 as const, cncpMin: 5, cncpMax: 6, title: "Chargé(e) du e-commerce" };
  const creditWarnings = (programme: ProgrammeInput) => programmeWarnings(programme, target).filter((w) => w.code === "semester_ects" || w.code === "credits_total_mismatch");

  it("des modules d'un an posés en S1 et S3 à 60 ECTS donnent quatre avertissements ; annuels, aucun", () => {
    const pretended: ProgrammeInput = { level: 5, entryEcts: 0, semesters: 4, modules: [module("A1", 1, 36), module("A2", 1, 24), module("B1", 3, 60)] };
    expect(creditWarnings(pretended).map((w) => w.message)).toEqual([
      "Le semestre 1 porte 60 ECTS au lieu de 30.",
      "Le semestre 2 porte 0 ECTS au lieu de 30.",
      "Le semestre 3 porte 60 ECTS au lieu de 30.",
      "Le semestre 4 porte 0 ECTS au lieu de 30.",
    ]);
    const annual: ProgrammeInput = { ...pretended, modules: [module("A1", 1, 36, 2), module("A2", 1, 24, 2), module("B1", 3, 60, 2)] };
    expect(creditWarnings(annual)).toEqual([]);
  });

  it("un semestre qu'un module annuel laisse à moins de 30 dit combien il porte, demi-crédits compris", () => {
    const programme: ProgrammeInput = { level: 5, entryEcts: 60, semesters: 2, modules: [module("A", 1, 55, 2), module("B", 2, 5)] };
    expect(creditWarnings(programme).map((w) => w.message)).toEqual(["Le semestre 1 porte 27.5 ECTS au lieu de 30.", "Le semestre 2 porte 32.5 ECTS au lieu de 30."]);
  });
});
