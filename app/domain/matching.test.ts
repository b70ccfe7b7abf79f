import { describe, expect, it } from "vitest";
import { searchIndex, termsOf, wordsMatching } from "./matching";

describe("les mots comparables d'un texte français", () => {
  it("accents, majuscules, pluriels et élisions se rejoignent ; mots vides et nombres tombent", () => {
    expect(termsOf("L'entreprise")).toEqual(termsOf("entreprises"));
    expect(termsOf("NUMÉRIQUE")).toEqual(termsOf("numériques"));
    expect(termsOf("Stratégie")).toEqual(termsOf("strategies"));
    expect(termsOf("d'activité, qu’à")).toEqual(termsOf("activités"));
    expect(termsOf("le de la des et 2 UE module")).toEqual([]);
  });

  it("donne les mots du texte tels qu'écrits qui ont rencontré la requête", () => {
    const terms = new Set(termsOf("contrats et droit"));
    expect(wordsMatching("UE Droit du numérique : le contrat, l'entreprise", terms)).toEqual(["droit", "contrat"]);
  });

  it("classe les documents par leurs mots communs avec la requête, champs pondérés", () => {
    const index = searchIndex(
      [
        { id: "droit", fields: { title: "Droit du numérique", description: "Contrats du commerce électronique" } },
        { id: "mkt", fields: { title: "Marketing digital", description: "Acquisition de trafic" } },
      ],
      { title: 2, description: 1 },
    );
    expect(index.search("Cadre juridique des contrats électroniques").map((m) => m.id)).toEqual(["droit"]);
    expect(index.search("les des")).toEqual([]);
  });
});
