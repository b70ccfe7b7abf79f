/**
 * The words of the requirements a programme is checked against (label, quoted words, keywords,
 * sub-items, activity), read from the stored sheet versions for the suggestions. A stored
 * version never changes (decision 015): each is read and parsed once per process.
 */
import { referenceSheetSchema } from "~/domain/reference-data";
import { mergeRequirementTexts, requirementText, type RequirementText } from "~/domain/suggestions";
import type { Db } from "~/utils/create-db.server";
import { Recent } from "~/utils/recent.server";
import type { Tx } from "./programme.server";

const PARSED = new Recent<RequirementText[]>(64);

/** The texts of these sheet versions' requirements, one per reference (shared items gather each sheet's words). */
export async function requirementTexts(db: Db | Tx, versions: readonly { sheetSlug: string; version: number; contentHash: string }[]): Promise<Map<string, RequirementText>> {
  const lists = await Promise.all(
    versions.map(({ sheetSlug, version, contentHash }) =>
      PARSED.getOrCompute(`${sheetSlug}|${version}|${contentHash}`, async () => {
        const row = await db.referenceSheetVersion.findFirst({ where: { sheet: { slug: sheetSlug }, version, contentHash }, select: { content: true } });
        if (!row) return [];
        const data = referenceSheetSchema.parse(JSON.parse(row.content));
        return data.requirements.map((item) => requirementText(data.slug, item));
      }),
    ),
  );
  return mergeRequirementTexts(lists.flat());
}
