/**
 * The requirements a module's own words point to ("exigences suggérées par le descriptif"):
 * the requirements of the programme's targets it does not map yet, ranked by how well its
 * code, title and description match them, each with the depth to propose; the ones dismissed
 * for this module are not proposed again. One function serves the module's page, the API and
 * the matrix row.
 */
import type { CncpLevel, ItemCoverage } from "~/domain/coverage";
import { proposedDepth, suggestRequirements, type DepthReason, type RequirementMatch } from "~/domain/suggestions";
import { renderSentence } from "~/domain/sentences";
import type { Db } from "~/utils/create-db.server";
import { audit } from "./audit.server";
import { programmeCoverage, programmeInput } from "./coverage.server";
import type { NamedActor } from "./expected-depths.server";
import type { ProgrammeDetail } from "./programme.server";

export type ModuleSuggestion = RequirementMatch & { toDepth: number; depthReason: DepthReason };

/** The module's suggested requirements, best first; null when the module is not the programme's. */
export async function moduleSuggestions({ db, schoolId, programme, moduleId }: { db: Db; schoolId: string; programme: ProgrammeDetail; moduleId: string }): Promise<ModuleSuggestion[] | null> {
  const input = programmeInput(programme);
  const module = input.modules.find((m) => m.id === moduleId);
  if (!module) return null;
  const [found, dismissed] = await Promise.all([
    programmeCoverage({ db, schoolId, programmeId: programme.id, loaded: programme }),
    db.dismissedSuggestion.findMany({ where: { moduleId, schoolId }, select: { itemRef: true } }),
  ]);
  if (!found) return null;
  // Every required item of the targets, once (a shared item is required by several sheets).
  const items = new Map<string, ItemCoverage>();
  for (const { result } of found.coverages) for (const item of result.items) if (item.required && !items.has(item.ref)) items.set(item.ref, item);
  const pool = [...items.values()].map((item) => found.texts.get(item.ref) ?? { ref: item.ref, kind: item.kind, label: item.label, text: item.label });
  const ranked = suggestRequirements(module, pool, new Set(dismissed.map((d) => d.itemRef)));
  return ranked.map((match) => {
    const depthReason = proposedDepth(items.get(match.ref)!, module, programme.level as CncpLevel);
    return { ...match, toDepth: depthReason.depth, depthReason };
  });
}

/** Records that this requirement is not to be proposed for this module again; false when the module is not the programme's. */
export async function dismissModuleSuggestion({ db, schoolId, programmeId, moduleId, itemRef, actor }: { db: Db; schoolId: string; programmeId: string; moduleId: string; itemRef: string; actor: NamedActor }) {
  return db.$transaction(async (tx) => {
    const module = await tx.module.findFirst({ where: { id: moduleId, programmeId, schoolId }, select: { code: true } });
    if (!module) return false;
    await tx.dismissedSuggestion.upsert({
      where: { moduleId_itemRef: { moduleId, itemRef } },
      create: { moduleId, itemRef, schoolId, dismissedById: actor.userId, dismissedByName: actor.name },
      update: {},
    });
    await audit(tx, actor, { action: "dismiss_suggestion", entity: "module", entityId: moduleId, programmeId, after: { module: module.code, itemRef } });
    return true;
  });
}

/** The suggestions as a page shows them: the depth's reason written in the reader's language. */
export function shownModuleSuggestions(list: readonly ModuleSuggestion[], language: "fr" | "en") {
  return list.map((s) => ({ ref: s.ref, label: s.label, score: s.score, matchedWords: s.matchedWords, toDepth: s.toDepth, depthReason: renderSentence(s.depthReason.sentence, language) }));
}
