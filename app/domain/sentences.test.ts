import { describe, expect, it } from "vitest";
import { computeCoverage, type ProgrammeInput, type TargetInput } from "./coverage";
import { moduleSchema, programmeSchema } from "./programme";
import { readProgrammeRows } from "./programme-import";
import { languageFromAcceptLanguage, renderSentence, sentenceKeys, sentenceTemplate, translateText } from "./sentences";
import { suggestChanges } from "./suggestions";
import { formatZodIssues } from "./validation";

const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("sentences", () => {
  it("has the same slots in French and in English for every key", () => {
    for (const key of sentenceKeys()) expect(slots(sentenceTemplate(key, "en")), key).toEqual(slots(sentenceTemplate(key, "fr")));
  });

  it("gives one English text to each French text", () => {
    const english = new Map<string, string>();
    for (const key of sentenceKeys()) {
      const french = sentenceTemplate(key, "fr");
      const seen = english.get(french);
      if (seen !== undefined) expect(sentenceTemplate(key, "en"), key).toBe(seen);
      english.set(french, sentenceTemplate(key, "en"));
    }
  });

  it("writes a sentence in either language", () => {
    const said = { key: "coverage.semester_ects", params: { semester: 2, ects: 27, expected: 30 } } as const;
    expect(renderSentence(said, "fr")).toBe("Le semestre 2 porte 27 ECTS au lieu de 30.");
    expect(renderSentence(said, "en")).toBe("Semester 2 carries 27 ECTS instead of 30.");
  });

  it("translates a French text of the catalogue and leaves any other text as it is", () => {
    expect(translateText("Le titre doit compter au moins 3 caractères.", "en")).toBe("The title must have at least 3 characters.");
    expect(translateText("Les crédits d'entrée doivent être inférieurs aux 300 ECTS du niveau 7.", "en")).toBe("Entry credits must be lower than the 300 ECTS of level 7.");
    expect(translateText("Les heures de travaux dirigés ne peuvent être négatives.", "en")).toBe("The hours of tutorials cannot be negative.");
    expect(translateText("Le titre doit compter au moins 3 caractères.", "fr")).toBe("Le titre doit compter au moins 3 caractères.");
    expect(translateText("Un texte venu d'ailleurs.", "en")).toBe("Un texte venu d'ailleurs.");
  });

  it("writes the refusals of a reference sheet upgrade and of an unreadable workbook in English", () => {
    expect(translateText("Choisissez ce que devient cette correspondance.", "en")).toBe("Choose what becomes of this mapping.");
    expect(translateText("Une compétence retirée du référentiel ne peut pas être gardée telle quelle.", "en")).toBe(
      "A competence removed from the reference sheet cannot be kept as it is.",
    );
    expect(translateText("Choisissez une exigence de la nouvelle version.", "en")).toBe("Choose a requirement of the new version.");
    expect(renderSentence({ key: "spreadsheet.no_sheet", params: {} }, "en")).toBe("The workbook has no sheet.");
    expect(renderSentence({ key: "spreadsheet.no_sheet", params: {} }, "fr")).toBe("Le classeur ne contient aucune feuille.");
  });
});

const programme: ProgrammeInput = {
  level: 6,
  entryEcts: 120,
  semesters: 2,
  modules: [
    { id: "m1", code: "UE1", title: "Web", semester: 1, ects: 30, mappings: [{ itemRef: "dev/C1", depth: 1, assessed: false }] },
    { id: "m2", code: "UE2", title: "Stage", semester: 2, ects: 27, mappings: [] },
  ],
};
const target: TargetInput = {
  sheetSlug: "dev",
  title: "Développeur",
  cncpMin: 6,
  cncpMax: 6,
  level: 6,
  requirements: [
    { ref: "dev/C1", kind: "competence", label: "Coder", required: true, requiredDepth: 3 },
    { ref: "dev/C2", kind: "competence", label: "Tester", required: true, requiredDepth: 2 },
  ],
};

describe("domain sentences in the reader's language", () => {
  it("coverage warnings keep their French message and read in English", () => {
    const { warnings } = computeCoverage(programme, target);
    const semester = warnings.find((w) => w.code === "semester_ects")!;
    expect(semester.message).toBe("Le semestre 2 porte 27 ECTS au lieu de 30.");
    expect(renderSentence(semester.sentence, "en")).toBe("Semester 2 carries 27 ECTS instead of 30.");
    const unmapped = warnings.find((w) => w.code === "module_maps_nothing")!;
    expect(renderSentence(unmapped.sentence, "fr")).toBe(unmapped.message);
    expect(renderSentence(unmapped.sentence, "en")).toBe("Module UE2 (Stage) is linked to no requirement.");
    for (const warning of warnings) expect(renderSentence(warning.sentence, "fr")).toBe(warning.message);
  });

  it("a level outside the sheet's range says so in both languages", () => {
    const { warnings } = computeCoverage(programme, { ...target, cncpMin: 5, cncpMax: 5 });
    const outside = warnings.find((w) => w.code === "level_outside_range")!;
    expect(outside.message).toBe("Le niveau CNCP 6 est hors de la plage de la fiche « Développeur », qui relève du niveau 5 : la couverture est indicative.");
    expect(renderSentence(outside.sentence, "en")).toBe("CNCP level 6 is outside the range of the sheet “Développeur”, which is at level 5: the coverage is indicative.");
  });

  it("a level the sheet does not state is said to be the transcription's, with its reason, in both languages", () => {
    const reason = "La fiche ne donne pas de niveau : le Bac+5 correspond au niveau 7.";
    const { warnings } = computeCoverage(programme, { ...target, cncpMin: 7, cncpMax: 7, cncpEditorialReason: reason });
    const outside = warnings.find((w) => w.code === "level_outside_range")!;
    expect(outside.message).toBe(
      `Le niveau CNCP 6 est hors de la plage de la fiche « Développeur », que la transcription place au niveau 7 sans que la fiche le dise (choix éditorial : ${reason}) : la couverture est indicative.`,
    );
    expect(renderSentence(outside.sentence, "en")).toBe(
      `CNCP level 6 is outside the range of the sheet “Développeur”, which the transcription places at level 7 where the sheet states no level (editorial choice: ${reason}): the coverage is indicative.`,
    );
    // A level the sheet states keeps the plain sentence.
    expect(computeCoverage(programme, { ...target, cncpMin: 7, cncpMax: 7, cncpEditorialReason: null }).warnings.find((w) => w.code === "level_outside_range")!.message).not.toContain("transcription");
  });

  it("suggestions explain themselves in English", () => {
    const suggestions = suggestChanges(programme, computeCoverage(programme, target));
    const raise = suggestions.find((s) => s.kind === "raise_depth")!;
    expect(raise.explanation).toBe("Porter dev/C1 (Coder) de 1 à 3 dans UE1 et l'y évaluer : c'est le module qui le traite le plus.");
    expect(renderSentence(raise.sentence, "en")).toBe("Raise dev/C1 (Coder) from 1 to 3 in UE1 and assess it there: it is the module that covers it most.");
    // No module's words speak of testing ("Web", "Stage"): a module to create, said in English too.
    const create = suggestions.find((s) => s.kind === "create_module")!;
    expect(renderSentence(create.sentence, "fr")).toBe(create.explanation);
    expect(renderSentence(create.sentence, "en")).toBe("dev/C2 (Tester): no module deals with this subject: create a module?");
    expect(renderSentence(create.depthReason.sentence, "en")).toBe("Depth 2: the one the sheet asks for.");
  });

  it("import problems read in English", () => {
    const known = { refs: new Set(["dev/C1"]), sheets: new Set(["dev"]) };
    const { problems } = readProgrammeRows([["module_code", "module_title", "semester", "ects", "hours", "item_ref", "depth", "assessed"], ["UE1", "Web", "9", "6", "30", "dev/C1", "5", "peut-être"]], known, { semesters: 6 });
    expect(problems.map((p) => p.message)).toEqual([
      "Le semestre doit être un entier de 1 à 6 (lu : « 9 »).",
      "La profondeur doit valoir 1, 2, 3 ou 4 (lue : « 5 »).",
      "« évaluée » (assessed) vaut oui ou non (lu : « peut-être »).",
    ]);
    expect(problems.map((p) => renderSentence(p.sentence, "en"))).toEqual([
      "The semester must be a whole number from 1 to 6 (read: “9”).",
      "The depth must be 1, 2, 3 or 4 (read: “5”).",
      "“assessed” is yes or no (read: “peut-être”).",
    ]);
  });

  it("form errors are French in the schema and English once translated", () => {
    const programmeIssues = programmeSchema.safeParse({ title: "A", diplomaType: "master", level: 7, entryEcts: 300, semesters: 4, targets: ["dev"] });
    expect(programmeIssues.success).toBe(false);
    const messages = programmeIssues.error!.issues.map((issue) => issue.message);
    expect(messages).toContain("Le titre doit compter au moins 3 caractères.");
    expect(messages.map((message) => translateText(message, "en"))).toEqual(
      expect.arrayContaining(["The title must have at least 3 characters.", "Entry credits must be lower than the 300 ECTS of level 7."]),
    );
    const moduleIssues = moduleSchema.safeParse({ code: "UE 1", title: "Web", semester: 1, ects: 2.25, hoursProjects: -1 });
    expect(formatZodIssues(moduleIssues.error!.issues, "en")).toEqual([
      "code: The code has 1 to 32 characters: letters, digits, dots, hyphens or underscores.",
      "ects: ECTS go by half credits (e.g. 2.5).",
      "hoursProjects: The hours of project cannot be negative.",
    ]);
    expect(formatZodIssues(moduleIssues.error!.issues)[0]).toBe("code : Le code compte 1 à 32 caractères : lettres, chiffres, point, tiret ou souligné.");
  });
});

describe("languageFromAcceptLanguage", () => {
  it("answers in English only when English is preferred to French", () => {
    expect(languageFromAcceptLanguage(null)).toBe("fr");
    expect(languageFromAcceptLanguage("en")).toBe("en");
    expect(languageFromAcceptLanguage("en-GB,en;q=0.9")).toBe("en");
    expect(languageFromAcceptLanguage("fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(languageFromAcceptLanguage("de, en;q=0.5")).toBe("en");
    expect(languageFromAcceptLanguage("fr;q=0.4, en;q=0.6")).toBe("en");
    expect(languageFromAcceptLanguage("de")).toBe("fr");
  });
});
