/**
 * The semesters a module runs in, and the credits each semester carries. A module runs in its
 * `semester`, or over a year: `semesterSpan` 2 is `semester` and the next, as BTS modules run.
 * A module over two semesters counts half of its ECTS in each for the credit checks
 * (docs/decisions/039). Pure: no I/O.
 */

/** Where a module sits: its first semester, and 1 or 2 semesters (1 when not said). */
export type SemesterPlacement = { semester: number; semesterSpan?: number };

/** The longest a module runs: a year. */
export const MAX_SEMESTER_SPAN = 2;

/** The semesters a module runs in, first to last. */
export function semestersOf(module: SemesterPlacement): number[] {
  const span = Math.max(1, Math.min(MAX_SEMESTER_SPAN, module.semesterSpan ?? 1));
  return Array.from({ length: span }, (_, i) => module.semester + i);
}

/** The module's last semester. */
export function lastSemesterOf(module: SemesterPlacement): number {
  return semestersOf(module).at(-1)!;
}

/** How a module's semesters are shown: "S1", or "S1–S2" for a module over a year. */
export function semesterLabel(module: SemesterPlacement): string {
  return semestersOf(module)
    .map((semester) => `S${semester}`)
    .join("–");
}

/**
 * The credits of each semester, in order: every semester of the programme (1 to `semesters`,
 * 0 when empty), and any later one a module runs in. A module's ECTS are shared equally
 * between the semesters it runs in.
 */
export function creditsPerSemester(modules: readonly (SemesterPlacement & { ects: number })[], semesters: number): { semester: number; ects: number }[] {
  const bySemester = new Map<number, number>();
  for (let semester = 1; semester <= semesters; semester++) bySemester.set(semester, 0);
  for (const module of modules) {
    const runs = semestersOf(module);
    for (const semester of runs) bySemester.set(semester, (bySemester.get(semester) ?? 0) + module.ects / runs.length);
  }
  return [...bySemester].sort((a, b) => a[0] - b[0]).map(([semester, ects]) => ({ semester, ects }));
}
