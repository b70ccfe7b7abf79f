import { describe, expect, it } from "vitest";
import { capacityClauses, levelCapacities, levelFrameworkSlug, levelOfFrameworkSlug, withLevelFramework } from "./cncp-levels";

const LEVEL_5 =
  "4° Le niveau 5 atteste la capacité à maitriser des savoir-faire dans un champ d'activité, à élaborer des solutions à des problèmes nouveaux, à analyser et interpréter des informations, en mobilisant des concepts, à transmettre le savoir-faire et des méthodes ;";
const LEVEL_6 =
  "5° Le niveau 6 atteste la capacité à analyser et résoudre des problèmes complexes imprévus dans un domaine spécifique, à formaliser des savoir-faire et des méthodes et à les capitaliser. Les diplômes conférant le grade de licence so[…]";
const LEVEL_7 =
  "Capacité à élaborer et mettre en œuvre des stratégies alternatives pour le développement de l’activité professionnelle dans des contextes professionnels complexes, ainsi qu’à évaluer les risques et les conséquences de son activité.";

describe("le découpage des phrases de l'article D. 6113-19", () => {
  it("niveau 5 : quatre capacités, « en mobilisant des concepts » reste avec l'analyse", () => {
    expect(capacityClauses(LEVEL_5)).toEqual([
      "maitriser des savoir-faire dans un champ d'activité",
      "élaborer des solutions à des problèmes nouveaux",
      "analyser et interpréter des informations, en mobilisant des concepts",
      "transmettre le savoir-faire et des méthodes",
    ]);
  });

  it("niveau 6 : trois capacités, « et à les capitaliser » en est une, la phrase suivante n'en est pas", () => {
    expect(capacityClauses(LEVEL_6)).toEqual([
      "analyser et résoudre des problèmes complexes imprévus dans un domaine spécifique",
      "formaliser des savoir-faire et des méthodes",
      "les capitaliser",
    ]);
  });

  it("niveau 7 (Lhéo) : « ainsi qu'à » ouvre une capacité, apostrophe droite ou courbe", () => {
    const clauses = capacityClauses(LEVEL_7);
    expect(clauses).toHaveLength(2);
    expect(clauses[1]).toBe("évaluer les risques et les conséquences de son activité");
    expect(capacityClauses(LEVEL_7.replace("qu’à", "qu'à"))).toEqual(clauses);
  });

  it("une phrase sans « capacité à » ne donne rien", () => {
    expect(capacityClauses("Le niveau 8 atteste autre chose.")).toEqual([]);
  });

  it("chaque capacité porte un code stable, son extrait mot pour mot et un libellé court ; le niveau 7 en compte trois", () => {
    const seven = levelCapacities(7, LEVEL_7);
    expect(seven.map((c) => c.code)).toEqual(["C1", "C2", "C3"]);
    expect(seven[0].excerpt).toBe(seven[1].excerpt);
    expect(seven[0].label).toMatch(/^Élaborer/);
    expect(seven[1].label).toMatch(/^Mettre en œuvre/);
    expect(levelCapacities(5, LEVEL_5).map((c) => c.code)).toEqual(["C1", "C2", "C3", "C4"]);
    expect(levelCapacities(6, LEVEL_6)).toHaveLength(3);
    for (const capacity of [...seven, ...levelCapacities(5, LEVEL_5)]) expect(LEVEL_7 + LEVEL_5).toContain(capacity.excerpt);
  });

  it("une phrase qui a changé est refusée plutôt que mal étiquetée", () => {
    expect(() => levelCapacities(6, LEVEL_5)).toThrow(/4 propositions/);
  });
});

describe("le cadre du niveau, cible de toute formation", () => {
  it("nomme le cadre de chaque niveau et reconnaît ses slugs", () => {
    expect(levelFrameworkSlug(7)).toBe("cncp-niveau-7");
    expect(levelOfFrameworkSlug("cncp-niveau-6")).toBe(6);
    expect(levelOfFrameworkSlug("charge-e-commerce")).toBeNull();
  });

  it("ajoute le cadre du niveau en dernier et retire celui d'un autre niveau", () => {
    expect(withLevelFramework(["charge-e-commerce"], 5)).toEqual(["charge-e-commerce", "cncp-niveau-5"]);
    expect(withLevelFramework(["cncp-niveau-5", "charge-e-commerce", "cncp-niveau-7"], 6)).toEqual(["charge-e-commerce", "cncp-niveau-6"]);
    expect(withLevelFramework(["a", "cncp-niveau-7"], 7)).toEqual(["a", "cncp-niveau-7"]);
  });
});
