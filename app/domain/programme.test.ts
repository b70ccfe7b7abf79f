import { describe, expect, it } from "vitest";
import { programmeSchema } from "./programme";

const form = { title: "Licence pro e-commerce", diplomaType: "licence_pro", level: 6, entryEcts: 120, semesters: 2, description: "" };

describe("le formulaire d'une formation", () => {
  it("refuse un métier visé choisi deux fois, avec une phrase sur le champ", () => {
    const result = programmeSchema.safeParse({ ...form, targets: ["charge-e-commerce", "charge-e-commerce"] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["targets", "Chaque métier visé ne peut être choisi qu'une fois."]]);
  });

  it("accepte des métiers visés distincts", () => {
    expect(programmeSchema.safeParse({ ...form, targets: ["charge-e-commerce", "directeur-e-commerce"] }).success).toBe(true);
  });
});
