/**
 * Moving a programme's target to a newer version of its reference sheet. Pure: which mappings
 * carry over unchanged (their requirement still exists under the same code), which need a
 * decision (their requirement is gone), and the mapping set that the decisions produce.
 */
import type { CellValue } from "~/domain/matrix";
import { frenchText } from "~/domain/sentences";

export type UpgradeMapping = { moduleId: string; moduleCode: string; itemRef: string; depth: number; assessed: boolean };
export type UpgradeItem = { ref: string; kind: string; label: string };

export type UpgradeDecisionRow = UpgradeMapping & {
  label: string;
  /** A shared item (transversal resource, knowledge domain) stays a valid mapping elsewhere. */
  shared: boolean;
};

export type UpgradePlan = {
  /** Mappings whose requirement exists in the new version: they stay as they are. */
  kept: UpgradeMapping[];
  /** Mappings whose requirement the new version no longer has. */
  decisions: UpgradeDecisionRow[];
};

/** `remove`, `keep` (shared items only), or `move:<ref>` (a requirement of the new version). */
export type UpgradeChoice = "remove" | "keep" | `move:${string}`;

/**
 * Splits the programme's mappings onto this sheet's old requirements into kept and to-decide.
 * Mappings onto other items (other targets, shared items the old version did not require) are
 * not concerned by this sheet's upgrade.
 */
export function planUpgrade({ from, to, mappings }: { from: readonly UpgradeItem[]; to: readonly UpgradeItem[]; mappings: readonly UpgradeMapping[] }): UpgradePlan {
  const before = new Map(from.map((item) => [item.ref, item]));
  const after = new Set(to.map((item) => item.ref));
  const plan: UpgradePlan = { kept: [], decisions: [] };
  for (const mapping of mappings) {
    const item = before.get(mapping.itemRef);
    if (!item) continue;
    if (after.has(mapping.itemRef)) plan.kept.push(mapping);
    else plan.decisions.push({ ...mapping, label: item.label, shared: item.kind !== "competence" });
  }
  return plan;
}

export function decisionKey(row: Pick<UpgradeMapping, "moduleId" | "itemRef">) {
  return `${row.moduleId}|${row.itemRef}`;
}

export type UpgradeWrites = {
  deletes: { moduleId: string; itemRef: string }[];
  upserts: { moduleId: string; itemRef: string; value: CellValue }[];
};

export type ChoiceErrors = Record<string, string>;

/**
 * The writes that a set of choices makes, or an error per row (missing choice, "keep" on a
 * sheet competence, a move to an item the new version does not have). A move onto an item the
 * module already maps keeps the higher depth, and "assessed" if either was.
 */
export function applyChoices({
  plan,
  choices,
  to,
  current,
}: {
  plan: UpgradePlan;
  choices: Readonly<Record<string, string | undefined>>;
  to: readonly UpgradeItem[];
  /** Every mapping of the programme now: moduleId → itemRef → value. */
  current: ReadonlyMap<string, ReadonlyMap<string, CellValue>>;
}): { ok: true; writes: UpgradeWrites } | { ok: false; errors: ChoiceErrors } {
  const targets = new Set(to.map((item) => item.ref));
  const errors: ChoiceErrors = {};
  const writes: UpgradeWrites = { deletes: [], upserts: [] };
  const merged = new Map<string, { moduleId: string; itemRef: string; value: CellValue }>();
  for (const row of plan.decisions) {
    const key = decisionKey(row);
    const choice = choices[key];
    if (!choice) {
      errors[key] = frenchText("upgrade.choose");
      continue;
    }
    if (choice === "keep") {
      if (!row.shared) errors[key] = frenchText("upgrade.removed_cannot_keep");
      continue;
    }
    if (choice === "remove") {
      writes.deletes.push({ moduleId: row.moduleId, itemRef: row.itemRef });
      continue;
    }
    const ref = choice.startsWith("move:") ? choice.slice(5) : "";
    if (!targets.has(ref)) {
      errors[key] = frenchText("upgrade.choose_requirement");
      continue;
    }
    writes.deletes.push({ moduleId: row.moduleId, itemRef: row.itemRef });
    const mergeKey = `${row.moduleId}|${ref}`;
    const existing = merged.get(mergeKey)?.value ?? current.get(row.moduleId)?.get(ref) ?? { depth: 0, assessed: false };
    merged.set(mergeKey, { moduleId: row.moduleId, itemRef: ref, value: { depth: Math.max(existing.depth, row.depth), assessed: existing.assessed || row.assessed } });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  writes.upserts = [...merged.values()];
  return { ok: true, writes };
}
