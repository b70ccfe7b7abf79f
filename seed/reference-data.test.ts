import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectSources, knowledgeCodeFromName, normaliseWhitespace, quoteAppearsIn, type ReferenceSheetData, sheetKindOf } from "../app/domain/reference-data";
import {
  buildKnowledgeCatalogue,
  FRAMEWORKS_DIR,
  readKnowledgeCatalogue,
  readReferenceData,
  SHEETS_DIR,
  sheetFiles,
} from "./reference-data";

// The published sheets the data files quote, kept with the data so that the evidence can be checked anywhere.
const SEEDS_DIR = join(import.meta.dirname, "sources");
const seedText = new Map<string, string>();
function seed(file: string): string {
  if (!seedText.has(file)) seedText.set(file, readFileSync(join(SEEDS_DIR, file), "utf8"));
  return seedText.get(file)!;
}

const EXPECTED_SLUGS = [
  "charge-e-commerce",
  "chef-de-projet-commerce-electronique",
  "chef-de-projet-e-commerce",
  "directeur-e-commerce",
  "responsable-e-commerce",
];

describe("données de référence", () => {
  const data = readReferenceData();

  it("contient les cinq fiches, chacune valide pour le schéma", () => {
    expect(data.sheets.filter((sheet) => sheetKindOf(sheet) === "job").map((sheet) => sheet.slug).sort()).toEqual(EXPECTED_SLUGS);
  });

  const files = [...sheetFiles(), join(FRAMEWORKS_DIR, "transversal-resources.json"), join(FRAMEWORKS_DIR, "knowledge-domains.json")];
  for (const path of files) {
    it(`chaque citation de ${path.replace(SHEETS_DIR, "reference-sheets").split("/seed/").pop()} figure mot pour mot dans sa fiche source`, () => {
      const sources = collectSources(JSON.parse(readFileSync(path, "utf8")));
      expect(sources.length).toBeGreaterThan(0);
      const wrong = sources.filter(({ source }) => !quoteAppearsIn(source.quote, seed(source.file)));
      expect(wrong.map(({ path: where, source }) => `${where}: « ${source.quote} »`)).toEqual([]);
    });
  }

  it("chaque fiche cite son propre fichier source", () => {
    // A national framework also quotes its context (EQF, arrêté): seed/level-frameworks.test.ts.
    for (const sheet of data.sheets.filter((s) => sheetKindOf(s) === "job")) {
      const files = new Set(collectSources(sheet).map(({ source }) => source.file));
      expect([...files]).toEqual([sheet.sourceFile]);
    }
  });

  it("le catalogue des connaissances est celui que l'on déduit des fiches (npm run data:catalogue)", () => {
    expect(readKnowledgeCatalogue()).toEqual(buildKnowledgeCatalogue(data.sheets));
  });

  it("la fiche 003 est complète : 5 couples, 17 ressources transverses, domaines avec NSF, Formacode et profondeur", () => {
    const sheet = data.sheets.find((s) => s.slug === "charge-e-commerce")!;
    const competences = sheet.requirements.filter((r) => r.kind === "competence");
    expect(competences.map((c) => c.code)).toEqual(["C1", "C2", "C3", "C4", "C5"]);
    for (const competence of competences) {
      if (competence.kind !== "competence") continue;
      expect(competence.activity).not.toBeNull();
      expect(competence.subActivities.length).toBeGreaterThan(0);
      expect(competence.subCompetences.length).toBeGreaterThan(0);
      expect(competence.keywords.length).toBeGreaterThan(0);
    }
    const transversal = sheet.requirements.filter((r) => r.kind === "transversal");
    expect(transversal).toHaveLength(17);
    expect(transversal.filter((r) => r.required)).toHaveLength(16);
    expect(transversal.find((r) => r.code === "T17")!.required).toBe(false);
    const knowledge = sheet.requirements.filter((r) => r.kind === "knowledge");
    expect(knowledge.length).toBeGreaterThanOrEqual(9);
    for (const item of knowledge) {
      if (item.kind !== "knowledge") continue;
      expect(item.nsf).toMatch(/^\d{3}$/);
      expect(item.code).toBe(`K-${item.formacode}`);
      expect(item.requiredDepth).toBeGreaterThanOrEqual(1);
    }
    expect(knowledge.find((k) => k.code === "K-34093")).toMatchObject({ label: "MARKETING DIGITAL", requiredDepth: 2 });
    expect(sheet.cncp).toMatchObject({ min: 5, max: 6 });
  });

  it("la fiche 002 a ses six groupes de compétences et sept groupes de connaissances", () => {
    const sheet = data.sheets.find((s) => s.slug === "chef-de-projet-commerce-electronique")!;
    expect(sheet.requirements.filter((r) => r.kind === "competence")).toHaveLength(6);
    const groups = new Set(sheet.requirements.filter((r) => r.kind === "knowledge").map((r) => r.group));
    expect(groups.size).toBe(7);
  });

  const sheet = (slug: string) => data.sheets.find((s) => s.slug === slug)!;
  const item = (slug: string, code: string) => sheet(slug).requirements.find((r) => r.code === code)!;

  /**
   * The rows of a tab-separated table of sheet 003, tabs kept: `[cells of the header row,
   * ...cells of each row]`, from the header row to the next line of text without a tab.
   */
  function seedTable(title: string, header: RegExp): string[][] {
    const lines = seed("003_04128ebfd6715543.txt").split("\n");
    const start = lines.findIndex((line) => line.trim() === title);
    expect(start, title).toBeGreaterThanOrEqual(0);
    const headerAt = lines.findIndex((line, i) => i > start && header.test(line));
    const rows: string[][] = [];
    for (let i = headerAt; i < lines.length && (lines[i].includes("\t") || lines[i].trim() === ""); i++) {
      if (lines[i].includes("\t")) rows.push(lines[i].split("\t"));
    }
    return rows;
  }

  it("chaque profondeur de connaissance de la fiche 003 est celle de la colonne cochée dans la fiche (tabulations comprises)", () => {
    // The header row numbers the depth columns 1 to 4; each domain row has an X in one of them.
    const rows = seedTable("Domaines de connaissances", /^\t\t\t1\t2\t3\t4/);
    const columns = rows[0].map((cell) => Number(cell) || null);
    const depths = rows.slice(1).map(([nsf, formacode, label, ...marks]) => {
      const ticked = marks.flatMap((mark, i) => (mark.trim() === "X" ? [columns[i + 3]] : []));
      expect(ticked, label).toHaveLength(1);
      return { code: `K-${formacode}`, nsf, label, requiredDepth: ticked[0] };
    });
    expect(depths).toHaveLength(9);
    const knowledge = sheet("charge-e-commerce").requirements.filter((r) => r.kind === "knowledge");
    expect(knowledge.map((k) => ({ code: k.code, nsf: k.kind === "knowledge" ? k.nsf : null, label: k.label, requiredDepth: k.requiredDepth }))).toEqual(depths);
  });

  it("les conditions d'exercice de la fiche 003 sont celles de ses colonnes « Non significatif » / « Significatif »", () => {
    const rows = seedTable("Conditions d'exercice du métier", /^\tNon significatif\tSignificatif/);
    const columns = rows[0];
    const conditions = rows
      .slice(1)
      .filter(([label]) => label && !label.startsWith("--"))
      .map(([label, ...marks]) => ({ label, significant: columns[marks.findIndex((m) => m.trim() === "X") + 1] === "Significatif" }));
    expect(conditions).toHaveLength(15);
    expect(conditions.filter((c) => c.significant).map((c) => c.label)).toEqual(["Travail en équipe", "Télétravail possible"]);
    expect(sheet("charge-e-commerce").workingConditions!.map(({ label, significant }) => ({ label, significant }))).toEqual(conditions);
    expect(sheet("charge-e-commerce").definition?.text).toBe(
      "Développe et suit les ventes des produits de l'entreprise sur Internet ou sur le site marchand de l'entreprise dans le respect de la politique commerciale de l'entreprise.",
    );
  });

  it("la fiche 002 porte ses sept activités professionnelles, citées, rattachées à ses compétences comme choix éditorial", () => {
    const text = seed("002_6d2a555f9236b255.txt");
    const section = text.slice(text.indexOf("Activités professionnelles"), text.indexOf("COMMERCE"));
    const listed = [...section.matchAll(/^- > (.+)$/gm)].map((m) => m[1].trim());
    expect(listed).toHaveLength(7);
    const carried = sheet("chef-de-projet-commerce-electronique").requirements.flatMap((r) => (r.kind === "competence" ? r.subActivities : []));
    expect(carried.map((a) => a.source.quote).sort()).toEqual([...listed].sort());
    for (const activity of carried) expect(activity).toMatchObject({ editorial: true });
    for (const r of sheet("chef-de-projet-commerce-electronique").requirements) expect(r.editorialReason ?? "").not.toMatch(/ni activité/);
  });

  it("chaque compétence technique et chaque aptitude professionnelle de la fiche 000 est reprise par une exigence requise", () => {
    const text = seed("000_ac15bcba6f5c075e.txt");
    const bullets = (from: string, to: string) =>
      [...text.slice(text.indexOf(from), text.indexOf(to)).matchAll(/^\s*• (.+)$/gm)].map((m) => normaliseWhitespace(m[1]));
    const listed = [...bullets("Compétences techniques", "Aptitudes professionnelles"), ...bullets("Aptitudes professionnelles", "Le profil")];
    expect(listed).toHaveLength(20);
    const quoted = sheet("directeur-e-commerce").requirements.filter((r) => r.required).map((r) => normaliseWhitespace(r.source.quote));
    expect(listed.filter((bullet) => !quoted.some((quote) => quote.includes(bullet)))).toEqual([]);
    // The leadership the article 004 asks for is carried too.
    expect(sheet("chef-de-projet-e-commerce").requirements.some((r) => r.required && r.source.quote.includes("leadership exceptionnel"))).toBe(true);
  });

  it("les inférences faibles de ressources transverses ne sont pas retenues (règle de docs/reference-data-format.md)", () => {
    const rejected: [string, string, string][] = [
      ["directeur-e-commerce", "T03", "Très bonne organisation"],
      ["directeur-e-commerce", "T10", "leadership"],
      ["responsable-e-commerce", "T08", "la fibre commerciale"],
      ["responsable-e-commerce", "T12", "ne compte pas ses heures"],
      ["responsable-e-commerce", "T14", "polyvalent"],
      ["chef-de-projet-e-commerce", "T14", "anticipation"],
      ["chef-de-projet-commerce-electronique", "T06", "Communiquer"],
    ];
    for (const [slug, code, words] of rejected) {
      const resource = item(slug, code);
      expect(resource, `${slug}/${code}`).toMatchObject({ required: false, editorial: true });
      // The rejected sentence stays quoted, and the reason says why it was not kept.
      expect(resource.source.quote, `${slug}/${code}`).toContain(words);
      expect(resource.editorialReason, `${slug}/${code}`).toMatch(/^Inférence non retenue/);
    }
    expect(item("directeur-e-commerce", "T08")).toMatchObject({ required: true, editorial: true });
    expect(item("directeur-e-commerce", "T08").source.quote).toContain("des comportements des clients");
    for (const s of data.sheets) {
      for (const r of s.requirements) {
        if (r.kind !== "transversal" || !r.editorial) continue;
        const reason = r.editorialReason ?? "";
        const allowed = r.required ? /^Inférée /.test(reason) : reason === "La fiche ne mentionne pas cette ressource : considérée comme non requise." || /^Inférence non retenue/.test(reason);
        expect(allowed, `${s.slug}/${r.code}: ${reason}`).toBe(true);
      }
    }
  });

  it("les erreurs de la source sont gardées mot pour mot, avec une note éditoriale visible", () => {
    const notes = (s: ReferenceSheetData) =>
      [
        ...s.romeCodes,
        ...s.requirements,
        ...s.requirements.flatMap((r) => (r.kind === "competence" ? [r.activity, ...r.subActivities, ...r.subCompetences, ...r.keywords] : [])),
      ].flatMap((x) => (x && "editorialNote" in x && x.editorialNote ? [{ quote: x.source.quote, note: x.editorialNote }] : []));
    const found = notes(sheet("charge-e-commerce"));
    const expected: [string, RegExp][] = [
      ["dans el souci", /^\[sic\]/],
      ["données relative", /^\[sic\]/],
      ["dans des différentes familles", /^\[sic\]/],
      ["Alerte le responsable", /^\[sic\]/],
      ["Réalisation de comparaison périodiques", /^\[sic\]/],
      ["E1103", /probablement E1101/],
    ];
    for (const [words, note] of expected) {
      const hit = found.find((f) => f.quote.includes(words));
      expect(hit, words).toBeDefined();
      expect(hit!.note, words).toMatch(note);
    }
    expect(found).toHaveLength(expected.length);
    // Every note is listed in the format's documentation.
    const docs = normaliseWhitespace(readFileSync(join(import.meta.dirname, "..", "docs", "reference-data-format.md"), "utf8"));
    for (const { note } of found) expect(docs, note).toContain(normaliseWhitespace(note));
  });

  it("une entrée du catalogue sans Formacode porte les mots dont son code est fait", () => {
    for (const entry of readKnowledgeCatalogue()) {
      if (entry.formacode !== null) continue;
      const namers = data.sheets.flatMap((s) => s.requirements.filter((r) => r.code === entry.code && knowledgeCodeFromName(r.label) === entry.code));
      if (namers.length) expect(knowledgeCodeFromName(entry.label), entry.code).toBe(entry.code);
    }
    expect(readKnowledgeCatalogue().find((k) => k.code === "K-securisation-des-donnees-lors-des-transactions-commerciales")!.label).toBe(
      "Sécurisation des données lors des transactions commerciales",
    );
    expect(item("directeur-e-commerce", "K-gestion").label).toContain("centre de profit : élaboration et suivi d'un budget, analyse du compte d'exploitation");
    expect(item("responsable-e-commerce", "C3").label).toContain("référencement naturel et payant, emailing, affiliation, display");
  });

  it("le niveau CNCP que la fiche ne donne pas est marqué éditorial, avec sa raison", () => {
    for (const slug of ["chef-de-projet-commerce-electronique", "chef-de-projet-e-commerce", "directeur-e-commerce", "responsable-e-commerce"]) {
      expect(sheet(slug).cncp, slug).toMatchObject({ editorial: true });
    }
    expect(sheet("chef-de-projet-commerce-electronique").cncp.editorialReason).toMatch(/ne donne pas de niveau/);
    expect(sheet("chef-de-projet-e-commerce").cncp.editorialReason).toContain("n’ouvrent pas directement les portes");
    expect(sheet("charge-e-commerce").cncp).toMatchObject({ min: 5, max: 6, editorial: false });
  });
});
