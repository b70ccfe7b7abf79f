import { describe, expect, it } from "vitest";
import { readReferenceSheets } from "../../seed/reference-data";
import { canonicalJson, referenceSheetSchema, sheetKindOf } from "./reference-data";

const sheet003 = readReferenceSheets().find((sheet) => sheet.slug === "charge-e-commerce")!;
const withoutTransversal = { ...sheet003, requirements: sheet003.requirements.filter((item) => item.kind !== "transversal") };

describe("le genre d'une fiche", () => {
  it("une fiche métier sans genre déclaré reste une fiche métier, avec le même contenu canonique", () => {
    const parsed = referenceSheetSchema.parse(sheet003);
    expect(sheetKindOf(parsed)).toBe("job");
    expect(canonicalJson(parsed)).toBe(canonicalJson(sheet003));
  });

  it("une fiche métier doit donner les 17 ressources transverses ; un cadre national n'en donne aucune", () => {
    const job = referenceSheetSchema.safeParse(withoutTransversal);
    expect(job.success).toBe(false);
    expect(JSON.stringify(job.error?.issues)).toContain("T01");
    const framework = referenceSheetSchema.safeParse({ ...withoutTransversal, kind: "framework" });
    expect(framework.success).toBe(true);
  });

  it("refuse un genre inconnu", () => {
    expect(referenceSheetSchema.safeParse({ ...sheet003, kind: "other" }).success).toBe(false);
  });
});
