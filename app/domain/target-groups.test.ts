import { describe, expect, it } from "vitest";
import { sheetKinds } from "./reference-data";
import { groupByKind } from "./target-groups";

describe("les cibles groupées par genre", () => {
  it("dans l'ordre des genres, chaque cible dans son groupe, sans groupe vide", () => {
    const targets = [
      { slug: "demo~acquis", kind: "school" as const },
      { slug: "charge-e-commerce", kind: "job" as const },
      { slug: "rncp-38596", kind: "certification" as const },
      { slug: "directeur-e-commerce", kind: "job" as const },
    ];
    expect(groupByKind(targets).map((g) => [g.kind, g.items.map((t) => t.slug)])).toEqual([
      ["job", ["charge-e-commerce", "directeur-e-commerce"]],
      ["certification", ["rncp-38596"]],
      ["school", ["demo~acquis"]],
    ]);
    expect(groupByKind([])).toEqual([]);
  });

  it("tout genre connu a son groupe", () => {
    const one = sheetKinds.map((kind) => ({ kind }));
    expect(groupByKind(one).map((g) => g.kind)).toEqual([...sheetKinds]);
  });
});
