/**
 * Test-only fault injection in multi-row saves.
 *
 * why: "all or nothing" is proved only by a failure half-way through a save, at a place the
 * test chooses. Each multi-row save calls `faultPoint(name)` between its rows; a test arms a
 * point (`armFault(name, { after: n })`) and the n+1-th passage throws inside the save's
 * transaction, as a full disk or a lost connection would. Nothing in the app arms a point; an
 * unarmed point costs one lookup in an empty map.
 *
 * A new multi-row save (publishing a version, for instance) adds its name to FAULT_POINTS and
 * calls `faultPoint` between its writes; its test arms it like the others
 * (tests/integration/fault-injection.sqlite.test.ts).
 */
export const FAULT_POINTS = [
  /** writeProgramme: after each module (import page, API, demo seed). */
  "programme-import:module",
  /** saveSheetVersion: after the version and its requirements, before the audit row. */
  "sheet-version:requirements",
  /** saveFrameworks: after each transversal resource or knowledge domain. */
  "frameworks:row",
  /** seedDemo: after each demo programme. */
  "demo-seed:programme",
  /** updateProgramme: between removing the old targets and writing the new ones. */
  "programme-update:targets",
  /** moveModule: after each position written. */
  "module-move:position",
  /** publishVersion (and the draft kept before a restore): after the snapshot row, before the audit row. */
  "version-publish:snapshot",
  /** importIntoProgramme: after each module changed or added. */
  "programme-import-into:module",
] as const;
export type FaultPointName = (typeof FAULT_POINTS)[number];

export class InjectedFault extends Error {
  constructor(readonly point: FaultPointName) {
    super(`Panne simulée (${point}).`);
  }
}

const armed = new Map<FaultPointName, { after: number; passed: number }>();

/** Arms a point: it lets `after` passages through, then throws once. Returns the disarming function. */
export function armFault(point: FaultPointName, { after = 0 }: { after?: number } = {}) {
  armed.set(point, { after, passed: 0 });
  return () => armed.delete(point);
}

export function disarmFaults() {
  armed.clear();
}

/** Throws an InjectedFault when a test armed this point and its turn has come. */
export function faultPoint(point: FaultPointName) {
  const fault = armed.get(point);
  if (!fault) return;
  if (fault.passed++ < fault.after) return;
  armed.delete(point);
  throw new InjectedFault(point);
}
