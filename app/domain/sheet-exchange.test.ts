import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readReferenceSheets, readTransversalFramework, SHEETS_DIR } from "../../seed/reference-data";
import { canonicalJson } from "./reference-data";
import {
  exportSheetCase,
  exportSheetJson,
  exportSheetMoodle,
  MOODLE_SCALE_VALUES,
  parseSheetFile,
  uuidV5,
} from "./sheet-exchange";
import { neutraliseFormula, parseCsv, restoreNeutralised, toCsv } from "./csv";

const sheets = readReferenceSheets();
const transversal = readTransversalFramework();
const sheet003 = sheets.find((sheet) => sheet.slug === "charge-e-commerce")!;
const meta = { version: 3, changedAt: "2026-11-22T10:00:00.000Z" };
const MOODLE_HEADER_LINE =
  '"Parent id number","Id number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy';

const parse = (text: string, fileName = "import.json") => parseSheetFile({ text, fileName, transversal });

describe("l'export et l'import JSON", () => {
  it("l'export JSON est exactement le fichier de données", () => {
    for (const sheet of sheets) {
      const file = JSON.parse(readFileSync(join(SHEETS_DIR, `${sheet.slug}.json`), "utf8"));
      expect(JSON.parse(exportSheetJson(sheet))).toEqual(file);
    }
  });

  it("réimporter l'export JSON redonne la même fiche", () => {
    for (const sheet of sheets) {
      const result = parse(exportSheetJson(sheet));
      expect(result).toMatchObject({ ok: true, format: "maquette" });
      if (result.ok) expect(canonicalJson(result.data)).toBe(canonicalJson(sheet));
    }
  });

  it("une erreur de syntaxe donne la ligne et la colonne", () => {
    const text = exportSheetJson(sheet003).replace('"slug": "charge-e-commerce",', '"slug": "charge-e-commerce"');
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^JSON invalide, ligne \d+, colonne \d+ : « , » ou « } » attendu\.$/);
  });

  it("un champ invalide est nommé par son chemin", () => {
    const broken = JSON.parse(exportSheetJson(sheet003));
    broken.requirements[2].requiredDepth = 9;
    delete broken.title;
    const result = parse(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.some((message) => message.startsWith("title : "))).toBe(true);
      expect(result.errors.some((message) => message.startsWith("requirements[2].requiredDepth : "))).toBe(true);
    }
    expect(parse("   ")).toEqual({ ok: false, errors: ["Le fichier est vide."] });
  });
});

describe("l'export CASE 1.1", () => {
  const pkg = exportSheetCase(sheet003, meta);

  it("relie chaque élément à un parent par isChildOf, le document ou son élément parent", () => {
    const ids = new Set([pkg.CFDocument.identifier, ...pkg.CFItems.map((item) => item.identifier)]);
    expect(ids.size).toBe(pkg.CFItems.length + 1);
    for (const item of pkg.CFItems) {
      const parents = pkg.CFAssociations.filter((a) => a.associationType === "isChildOf" && a.originNodeURI.identifier === item.identifier);
      expect(parents, item.fullStatement).toHaveLength(1);
      expect(ids.has(parents[0].destinationNodeURI.identifier)).toBe(true);
    }
    const c1 = pkg.CFItems.find((item) => item.humanCodingScheme === "C1")!;
    const c11 = pkg.CFItems.find((item) => item.humanCodingScheme === "C1.1")!;
    expect(c11.CFItemType).toBe("Sous-compétence");
    expect(pkg.CFAssociations.find((a) => a.originNodeURI.identifier === c11.identifier)!.destinationNodeURI.identifier).toBe(c1.identifier);
  });

  it("porte la profondeur requise et les champs de la fiche dans les extensions", () => {
    const marketing = pkg.CFItems.find((item) => item.humanCodingScheme === "K-34093")!;
    expect(marketing.CFItemType).toBe("Domaine de connaissances");
    expect(marketing.extensions.maquette).toMatchObject({ kind: "knowledge", code: "K-34093", required: true, requiredDepth: 2, editorial: false });
    expect(marketing.notes).toContain("Profondeur requise : 2 (Application)");
    expect(pkg.CFDocument.extensions.maquette).toMatchObject({ slug: "charge-e-commerce", cncp: { min: 5, max: 6 } });
    expect(pkg.CFDocument.version).toBe("3");
  });

  it("donne des identifiants UUID v5 stables, dérivés de la fiche et du code", () => {
    // RFC 4122 appendix example: "www.example.com" in the DNS namespace.
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    const again = exportSheetCase(sheet003, { version: 4, changedAt: "2027-01-01T00:00:00.000Z" });
    expect(again.CFItems.map((item) => item.identifier)).toEqual(pkg.CFItems.map((item) => item.identifier));
    expect(pkg.CFDocument.identifier).toBe(uuidV5("charge-e-commerce"));
    expect(pkg.CFItems[0].identifier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("réimporter l'export CASE redonne la même fiche, pour chaque fiche", () => {
    for (const sheet of sheets) {
      const result = parse(JSON.stringify(exportSheetCase(sheet, meta)), `${sheet.slug}.case.json`);
      expect(result.ok ? result.format : result.errors).toBe("case");
      if (result.ok) expect(canonicalJson(result.data)).toBe(canonicalJson(sheet));
    }
  });

  it("un paquet CASE étranger devient une fiche marquée choix éditorial, citant le fichier importé", () => {
    const foreign = {
      CFDocument: { identifier: "doc-1", title: "Développeur web", creator: "Ministère" },
      CFItems: [
        { identifier: "a", fullStatement: "Concevoir une application", CFItemType: "Competency" },
        { identifier: "a1", fullStatement: "Maquetter les écrans", CFItemType: "Skill" },
        { identifier: "k", fullStatement: "Bases de données", CFItemType: "Knowledge" },
      ],
      CFAssociations: [
        { associationType: "isChildOf", sequenceNumber: 2, originNodeURI: { identifier: "k" }, destinationNodeURI: { identifier: "doc-1" } },
        { associationType: "isChildOf", sequenceNumber: 1, originNodeURI: { identifier: "a" }, destinationNodeURI: { identifier: "doc-1" } },
        { associationType: "isChildOf", sequenceNumber: 1, originNodeURI: { identifier: "a1" }, destinationNodeURI: { identifier: "a" } },
      ],
    };
    const result = parse(JSON.stringify(foreign), "dev-web.json");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { data } = result;
    expect(result.format).toBe("case-foreign");
    expect(data).toMatchObject({ slug: "developpeur-web", title: "Développeur web", sourceFile: "dev-web.json", publisher: { name: "Ministère", editorial: true } });
    const c1 = data.requirements.find((item) => item.code === "C1")!;
    expect(c1).toMatchObject({ label: "Concevoir une application", editorial: true, source: { file: "dev-web.json", quote: "Concevoir une application" } });
    if (c1.kind === "competence") expect(c1.subCompetences.map((sub) => [sub.code, sub.label])).toEqual([["C1.1", "Maquetter les écrans"]]);
    expect(data.requirements.find((item) => item.kind === "knowledge")).toMatchObject({ code: "K-bases-de-donnees", requiredDepth: null });
    expect(data.requirements.filter((item) => item.kind === "transversal")).toHaveLength(17);
    expect(data.requirements.every((item) => item.editorial && item.editorialReason)).toBe(true);
  });

  it("un paquet CASE étranger en chaîne de 20 000 éléments, ou en boucle, se lit sans épuiser la pile", () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => ({ identifier: `i${i}`, fullStatement: `Élément ${i}` }));
    const links = chain.map((item, i) => ({ associationType: "isChildOf", originNodeURI: { identifier: item.identifier }, destinationNodeURI: { identifier: i === 0 ? "doc" : `i${i - 1}` } }));
    const result = parse(JSON.stringify({ CFDocument: { identifier: "doc", title: "Chaîne" }, CFItems: chain, CFAssociations: links }));
    expect(result.ok).toBe(true);
    const c1 = result.ok ? result.data.requirements.find((item) => item.code === "C1") : undefined;
    expect(c1?.kind === "competence" ? c1.subCompetences.map((sub) => sub.label).slice(0, 3) : null).toEqual(["Élément 1", "Élément 2", "Élément 3"]);
    if (c1?.kind === "competence") expect(c1.subCompetences).toHaveLength(19_999);
    // a → b → a: each item once.
    const loop = parse(
      JSON.stringify({
        CFDocument: { identifier: "doc", title: "Boucle" },
        CFItems: [
          { identifier: "a", fullStatement: "A" },
          { identifier: "b", fullStatement: "B" },
        ],
        CFAssociations: [
          { associationType: "isChildOf", originNodeURI: { identifier: "a" }, destinationNodeURI: { identifier: "doc" } },
          { associationType: "isChildOf", originNodeURI: { identifier: "b" }, destinationNodeURI: { identifier: "a" } },
          { associationType: "isChildOf", originNodeURI: { identifier: "a" }, destinationNodeURI: { identifier: "b" } },
        ],
      }),
    );
    expect(loop.ok ? loop.data.requirements.filter((item) => item.kind === "competence").map((item) => item.label) : loop.errors).toEqual(["A"]);
  });

  it("un paquet CASE incomplet est refusé avec le champ fautif", () => {
    const result = parse(JSON.stringify({ CFDocument: { identifier: "x" }, CFItems: [] }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toContain("CFDocument.title : Invalid input: expected string, received undefined");
      expect(result.errors).toContain("CFItems : Le paquet CASE ne contient aucun CFItem.");
    }
  });
});

describe("l'export Moodle (CSV)", () => {
  const csv = exportSheetMoodle(sheet003, meta);
  const rows = parseCsv(csv);

  it("commence par l'en-tête exact de l'import de référentiels de Moodle", () => {
    expect(csv.split("\r\n")[0]).toBe(MOODLE_HEADER_LINE);
  });

  it("a une ligne de référentiel avec l'échelle, puis une ligne par exigence et par sous-compétence", () => {
    const [header, framework, ...competencies] = rows;
    const column = (name: string) => header.indexOf(name);
    expect(framework[column("Is framework")]).toBe("1");
    expect(framework[column("Scale values")]).toBe(MOODLE_SCALE_VALUES);
    expect(JSON.parse(framework[column("Scale configuration")])).toHaveLength(5);
    expect(framework[column("Id number")]).toBe("charge-e-commerce");
    const subCount = sheet003.requirements.reduce((n, item) => n + (item.kind === "competence" ? item.subCompetences.length : 0), 0);
    expect(competencies).toHaveLength(sheet003.requirements.length + subCount);
    const marketing = competencies.find((row) => row[column("Id number")] === "K-34093")!;
    expect(marketing[column("Description")]).toContain("Profondeur requise : 2 (Application)");
    const c11 = competencies.find((row) => row[column("Id number")] === "C1.1")!;
    expect(c11[column("Parent id number")]).toBe("C1");
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    for (const row of competencies) expect(row[column("Shortname")].length).toBeLessThanOrEqual(100);
  });

  it("neutralise les formules de tableur", () => {
    expect(["=SUM(A1)", "+1", "-2", "@cmd", "ok"].map(neutraliseFormula)).toEqual(["'=SUM(A1)", "'+1", "'-2", "'@cmd", "ok"]);
    const evil = structuredClone(sheet003);
    evil.requirements[0].label = '=HYPERLINK("http://x")';
    const line = parseCsv(exportSheetMoodle(evil, meta))[2];
    expect(line[3].startsWith(`'=HYPERLINK("http://x")`)).toBe(true);
  });

  it("écrit et relit n'importe quel tableau de cellules (RFC 4180), formules neutralisées puis restituées", () => {
    const cell = fc.string();
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (table) => {
        const rows = table.map((row) => (row.length === 1 && row[0] === "" ? ["", ""] : row));
        expect(parseCsv(toCsv(rows)).map((row) => row.map(restoreNeutralised))).toEqual(rows);
      }),
    );
    expect(toCsv([["a b", 'dit "oui"', "x,y", "ligne\nsuite", "simple"]])).toBe('"a b","dit ""oui""","x,y","ligne\nsuite",simple\r\n');
  });
});

describe("reference sheet import errors in English", () => {
  const parseIn = (text: string) => parseSheetFile({ text, fileName: "import.json", transversal, language: "en" });

  it("says what is wrong with the file in the reader's language, the French text unchanged", () => {
    expect(parseIn("   ")).toEqual({ ok: false, errors: ["The file is empty."] });
    expect(parseIn('{"a": 1 "b": 2}')).toEqual({ ok: false, errors: ["Invalid JSON, line 1, column 9: “,” or “}” expected."] });
    expect(parse('{"a": 1 "b": 2}')).toEqual({ ok: false, errors: ["JSON invalide, ligne 1, colonne 9 : « , » ou « } » attendu."] });
    expect(parseIn("[1, @]")).toEqual({ ok: false, errors: ["Invalid JSON, line 1, column 5: unexpected character “@”."] });
  });

  it("writes the reference data contract's refusals in English, and keeps them word for word in French", () => {
    const broken = JSON.parse(exportSheetJson(sheet003));
    broken.requirements[1].code = broken.requirements[0].code;
    broken.requirements = broken.requirements.filter((item: { code: string }) => item.code !== "T05");
    broken.slug = "Fiche Importée";
    const english = parseIn(JSON.stringify(broken));
    expect(english.ok).toBe(false);
    if (!english.ok) {
      expect(english.errors).toContain("slug: The slug holds only lower-case letters, digits and hyphens.");
      expect(english.errors).toContain(`requirements[1].code: Duplicate code: ${broken.requirements[1].code}`);
      expect(english.errors).toContain("requirements: All 17 transversal resources must be listed; missing: T05");
    }
    const french = parse(JSON.stringify(broken));
    expect(french.ok).toBe(false);
    if (!french.ok) {
      expect(french.errors).toContain("slug : Le slug ne contient que des minuscules, chiffres et tirets.");
      expect(french.errors).toContain("requirements : Les 17 ressources transverses doivent figurer ; il manque : T05");
    }
  });

  it("writes the errors of a CASE package in English", () => {
    const result = parseIn(JSON.stringify({ CFDocument: { identifier: "d", title: " " }, CFItems: [] }));
    expect(result).toEqual({ ok: false, errors: ["CFDocument.title: The title of the CASE document is required.", "CFItems: The CASE package has no CFItem."] });
    const french = parse(JSON.stringify({ CFDocument: { identifier: "d", title: " " }, CFItems: [] }));
    expect(french).toEqual({ ok: false, errors: ["CFDocument.title : Le titre du document CASE est obligatoire.", "CFItems : Le paquet CASE ne contient aucun CFItem."] });
  });
});
