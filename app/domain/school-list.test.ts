import { describe, expect, it } from "vitest";
import { referenceSheetSchema } from "./reference-data";
import { assignCodes, listCodes, readDraft, draftText, schoolListSchema, schoolListSheetData, type SchoolListForm } from "./school-list";

const QUOTED = "Conduire un projet numérique de bout en bout.";
const SOURCE = "Établir le budget d'un projet et en suivre l'exécution.";
const valid = {
  title: "Acquis d'apprentissage du master",
  slug: "acquis-master",
  level: "7",
  sourceName: "Dossier d'accréditation 2026, annexe 2",
  groups: [
    {
      label: "Piloter un projet",
      items: [
        { label: "Conduire un projet numérique", requiredDepth: "3", source: QUOTED },
        { label: "Chiffrer un budget", source: SOURCE },
      ],
    },
    { label: "Communiquer", items: [{ label: "Présenter un projet à un comité" }] },
  ],
};

function parse(value: unknown) {
  return schoolListSchema.safeParse(value);
}

function messages(value: unknown) {
  const result = parse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("le schéma d'une liste d'établissement", () => {
  it("accepte une liste complète, avec ou sans profondeur, texte source ou niveau", () => {
    const result = parse(valid);
    expect(result.success).toBe(true);
    expect(result.data!.level).toBe(7);
    expect(result.data!.groups[0].items[0].requiredDepth).toBe(3);
    expect(parse({ title: "Référentiel interne", slug: "interne", groups: [{ label: "Tout", items: [{ label: "Savoir faire" }] }] }).success).toBe(true);
  });

  it("dit ce qui manque ou déborde, à la place du champ fautif", () => {
    expect(messages({ ...valid, title: " " })).toEqual(["title: Le titre doit compter au moins 3 caractères."]);
    expect(messages({ ...valid, slug: "Acquis Master" })).toEqual([expect.stringMatching(/^slug: L'identifiant ne contient que des minuscules/)]);
    expect(messages({ ...valid, slug: "demo~acquis" })).toEqual([expect.stringMatching(/^slug: /)]);
    expect(messages({ ...valid, level: "4" })).toEqual(["level: Le niveau CNCP est 5, 6 ou 7, ou non précisé."]);
    expect(messages({ ...valid, groups: [] })).toEqual(["groups: La liste compte au moins un groupe."]);
    expect(messages({ ...valid, groups: [{ label: "Vide", items: [] }] })).toEqual(["groups.0.items: Un groupe compte au moins une exigence."]);
    expect(messages({ ...valid, groups: [{ label: "  ", items: [{ label: "Savoir faire" }] }] })).toEqual(["groups.0.label: Le titre du groupe est obligatoire."]);
    expect(messages({ ...valid, groups: [{ label: "G", items: [{ label: "Savoir faire", requiredDepth: "5" }] }] })).toEqual([
      "groups.0.items.0.requiredDepth: La profondeur requise va de 1 à 4, ou n'est pas précisée.",
    ]);
    expect(messages({ ...valid, groups: [{ label: "G", items: [{ label: "x".repeat(1001) }] }] })).toEqual([
      "groups.0.items.0.label: Le texte de l'exigence ne peut dépasser 1 000 caractères.",
    ]);
  });

  it("refuse deux exigences du même code, et plus de 300 exigences", () => {
    const twice = { ...valid, groups: [{ label: "G", items: [{ code: "C1", label: "Un savoir" }, { code: "C1", label: "Un autre savoir" }] }] };
    expect(messages(twice)).toEqual(["groups.0.items.1.code: Le code C1 est donné à deux exigences."]);
    const many = { ...valid, groups: [0, 1].map((g) => ({ label: `G${g}`, items: Array.from({ length: 151 }, (_, i) => ({ label: `Savoir ${g}-${i}` })) })) };
    expect(messages(many)).toEqual(["groups: Au plus 300 exigences dans une liste."]);
  });
});

describe("les codes des exigences", () => {
  const list = () => schoolListSchema.parse(valid);

  it("une nouvelle exigence prend le numéro suivant ; une exigence garde le sien quand on la déplace", () => {
    const first = assignCodes(list(), []);
    expect(listCodes(first)).toEqual(["C1", "C2", "C3"]);
    // Moved to the top, with a new item added at the end of the first group.
    const moved: SchoolListForm = {
      ...first,
      groups: [first.groups[1], { ...first.groups[0], items: [...first.groups[0].items, { label: "Nouvelle exigence" }] }],
    };
    expect(listCodes(assignCodes(moved, []))).toEqual(["C3", "C1", "C2", "C4"]);
  });

  it("le code d'une exigence retirée d'une version publiée n'est jamais redonné", () => {
    const first = assignCodes(list(), []);
    const withoutLast: SchoolListForm = { ...first, groups: [first.groups[0], { label: "Communiquer", items: [{ label: "Animer une réunion" }] }] };
    expect(listCodes(assignCodes(withoutLast, ["C1", "C2", "C3"]))).toEqual(["C1", "C2", "C4"]);
  });

  it("le brouillon enregistré se relit à l'identique", () => {
    const coded = assignCodes(list(), []);
    expect(readDraft(draftText(coded))).toEqual(coded);
  });
});

describe("la fiche d'une version publiée", () => {
  const data = schoolListSheetData(assignCodes(schoolListSchema.parse(valid), []), { slug: "demo~acquis-master", schoolName: "École de démonstration" });

  it("est une fiche valide, de genre « school », avec ses groupes, ses exigences et leurs profondeurs", () => {
    expect(referenceSheetSchema.safeParse(data).success).toBe(true);
    expect(data.kind).toBe("school");
    expect(data.cncp).toMatchObject({ min: 7, max: 7 });
    expect(data.requirements.map((r) => [r.code, r.group, r.requiredDepth])).toEqual([
      ["C1", "Piloter un projet", 3],
      ["C2", "Piloter un projet", null],
      ["C3", "Communiquer", null],
    ]);
    expect(data.sourceFile).toBe("Dossier d'accréditation 2026, annexe 2");
  });

  it("marque honnêtement la provenance : le texte source cité, le libellé de l'établissement signalé comme tel", () => {
    const [quoted, reworded, own] = data.requirements;
    // The label is taken word for word from the school's source text: a transcription.
    expect(quoted).toMatchObject({ editorial: false, source: { file: "Dossier d'accréditation 2026, annexe 2", quote: QUOTED } });
    expect(quoted.editorialReason).toBeUndefined();
    // The label is the school's wording of its source text.
    expect(reworded).toMatchObject({ editorial: true, source: { quote: SOURCE } });
    expect(reworded.editorialReason).toMatch(/rédigé par l'établissement/);
    // No source text: the school's own text, said so.
    expect(own).toMatchObject({ editorial: true, source: { quote: "Présenter un projet à un comité" } });
    expect(own.editorialReason).toMatch(/sans texte source/);
  });

  it("sans niveau ni document source : tous les niveaux, et la liste saisie dans Maquette comme source, signalés comme choix", () => {
    const bare = schoolListSheetData(assignCodes(schoolListSchema.parse({ ...valid, level: undefined, sourceName: "" }), []), { slug: "demo~x", schoolName: "Lycée Alpha" });
    expect(bare.cncp).toMatchObject({ min: 1, max: 8, editorial: true });
    expect(bare.sourceFile).toBe("Liste saisie dans Maquette par l'établissement « Lycée Alpha »");
    expect(referenceSheetSchema.safeParse(bare).success).toBe(true);
  });

  it("une fiche publique ne peut pas prendre la forme d'une liste d'établissement, ni l'inverse", () => {
    expect(referenceSheetSchema.safeParse({ ...data, slug: "acquis-master" }).success).toBe(false);
    expect(referenceSheetSchema.safeParse({ ...data, kind: "framework" }).success).toBe(false);
  });
});
