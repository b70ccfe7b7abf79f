/**
 * Reference-sheet upgrades of a programme: which targets have a newer sheet version, what
 * changed, what happens to the mappings, and the upgrade itself (one transaction).
 */
import type { Db } from "~/utils/create-db.server";
import type { CellValue } from "~/domain/matrix";
import { diffSheets, type SheetDiff } from "~/domain/sheet-diff";
import { applyChoices, planUpgrade, type ChoiceErrors, type UpgradeItem, type UpgradeMapping, type UpgradePlan } from "~/domain/sheet-upgrade";
import type { CncpLevel } from "~/domain/coverage";
import { audit, type Actor } from "./audit.server";
import { getProgramme, type ProgrammeDetail, type Tx } from "./programme.server";
import { findSheetVersion } from "./reference-sheet.server";
import { loadTargets, newestVersionNumbers } from "./targets.server";

export type PendingUpgrade = {
  sheetSlug: string;
  title: string;
  fromVersion: number;
  toVersion: number;
  diff: SheetDiff;
  plan: UpgradePlan;
  /** The new version's requirements, for "move to". */
  to: UpgradeItem[];
};

function programmeMappings(programme: ProgrammeDetail): UpgradeMapping[] {
  return programme.modules.flatMap((m) => m.mappings.map((x) => ({ moduleId: m.id, moduleCode: m.code, itemRef: x.itemRef, depth: x.depth, assessed: x.assessed })));
}

async function itemsAt(db: Db | Tx, slug: string, version: number, programme: Pick<ProgrammeDetail, "level" | "schoolId">): Promise<UpgradeItem[]> {
  const [target] = await loadTargets({ db, targets: [{ sheetSlug: slug, sheetVersion: version }], level: programme.level as CncpLevel, schoolId: programme.schoolId });
  return (target?.requirements ?? []).map((r) => ({ ref: r.ref, kind: r.kind, label: r.label }));
}

async function upgradeOf(db: Db | Tx, programme: ProgrammeDetail, slug: string, fromVersion: number, toVersion: number) {
  const [from, to] = await Promise.all([itemsAt(db, slug, fromVersion, programme), itemsAt(db, slug, toVersion, programme)]);
  return { from, to, plan: planUpgrade({ from, to, mappings: programmeMappings(programme) }) };
}

/** The programme's targets whose sheet has a newer version than the one they are pinned to. */
export async function pendingUpgrades({ db, programme }: { db: Db; programme: ProgrammeDetail }): Promise<PendingUpgrade[]> {
  const scope = { schoolId: programme.schoolId };
  const newest = await newestVersionNumbers(db, programme.targets.map((t) => t.sheetSlug), scope);
  const pending = programme.targets.filter((t) => (newest.get(t.sheetSlug) ?? 0) > t.sheetVersion);
  return Promise.all(
    pending.map(async (target) => {
      const toVersion = newest.get(target.sheetSlug)!;
      const [before, after, upgrade] = await Promise.all([
        findSheetVersion({ db, slug: target.sheetSlug, version: target.sheetVersion, ...scope }),
        findSheetVersion({ db, slug: target.sheetSlug, version: toVersion, ...scope }),
        upgradeOf(db, programme, target.sheetSlug, target.sheetVersion, toVersion),
      ]);
      return {
        sheetSlug: target.sheetSlug,
        title: after!.data.title,
        fromVersion: target.sheetVersion,
        toVersion,
        diff: diffSheets(before!.data, after!.data),
        plan: upgrade.plan,
        to: upgrade.to,
      };
    }),
  );
}

export type UpgradeResult =
  | { ok: true; kept: number; moved: number; removed: number; keptAsIs: number }
  | { ok: false; reason: "not_found" | "stale" | "locked" }
  | { ok: false; reason: "invalid"; errors: ChoiceErrors };

/**
 * Moves one target to a newer sheet version, all or nothing: the pin must still be `fromVersion`
 * (someone else may have upgraded meanwhile), every decision must be valid, the mappings change
 * as decided, every module whose mappings changed gets a new version (open matrices see a 409),
 * and the audit log records the pins and the decisions.
 */
export async function applyUpgrade({
  db,
  schoolId,
  programmeId,
  sheetSlug,
  fromVersion,
  toVersion,
  choices,
  actor,
}: {
  db: Db;
  schoolId: string;
  programmeId: string;
  sheetSlug: string;
  fromVersion: number;
  toVersion: number;
  choices: Readonly<Record<string, string | undefined>>;
  actor: Actor;
}): Promise<UpgradeResult> {
  return db.$transaction(
    async (tx) => {
      const programme = await getProgramme({ db: tx, schoolId, id: programmeId });
      if (!programme) return { ok: false, reason: "not_found" };
      if (programme.versions.length) return { ok: false, reason: "locked" };
      const target = programme.targets.find((t) => t.sheetSlug === sheetSlug);
      const newest = (await newestVersionNumbers(tx, [sheetSlug], { schoolId })).get(sheetSlug);
      if (!target || !newest || toVersion > newest || toVersion <= fromVersion) return { ok: false, reason: "not_found" };
      if (target.sheetVersion !== fromVersion) return { ok: false, reason: "stale" };
      const { plan, to } = await upgradeOf(tx, programme, sheetSlug, fromVersion, toVersion);
      const current = new Map(programme.modules.map((m) => [m.id, new Map<string, CellValue>(m.mappings.map((x) => [x.itemRef, { depth: x.depth, assessed: x.assessed }]))]));
      const outcome = applyChoices({ plan, choices, to, current });
      if (!outcome.ok) return { ok: false, reason: "invalid", errors: outcome.errors };
      const { deletes, upserts } = outcome.writes;
      for (const d of deletes) await tx.mapping.deleteMany({ where: { moduleId: d.moduleId, itemRef: d.itemRef } });
      for (const u of upserts) {
        await tx.mapping.upsert({
          where: { moduleId_itemRef: { moduleId: u.moduleId, itemRef: u.itemRef } },
          create: { moduleId: u.moduleId, itemRef: u.itemRef, ...u.value },
          update: u.value,
        });
      }
      const touched = [...new Set([...deletes, ...upserts].map((w) => w.moduleId))];
      if (touched.length) await tx.module.updateMany({ where: { id: { in: touched }, programmeId }, data: { version: { increment: 1 } } });
      await tx.programmeTarget.update({ where: { programmeId_sheetSlug: { programmeId, sheetSlug } }, data: { sheetVersion: toVersion } });
      const decisions = plan.decisions.map((row) => ({ module: row.moduleCode, itemRef: row.itemRef, choice: choices[`${row.moduleId}|${row.itemRef}`] }));
      await audit(tx, actor, {
        action: "upgrade_sheet",
        entity: "programme",
        entityId: programmeId,
        programmeId,
        before: { sheetSlug, sheetVersion: fromVersion },
        after: { sheetSlug, sheetVersion: toVersion, kept: plan.kept.length, decisions },
      });
      const chosen = decisions.map((d) => d.choice ?? "");
      return {
        ok: true,
        kept: plan.kept.length,
        moved: chosen.filter((c) => c.startsWith("move:")).length,
        removed: chosen.filter((c) => c === "remove").length,
        keptAsIs: chosen.filter((c) => c === "keep").length,
      };
    },
    { timeout: 60_000 },
  );
}
