import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, parseCsv, toCsv } from "./csv";
import {
  NOTE_MAX_LENGTH,
  PROGRAMME_CSV_HEADER,
  pickProgrammeSheets,
  programmeFactsRows,
  programmeRows,
  readHeader,
  readProgrammeFacts,
  readProgrammeRows,
  requirementCodes,
  type KnownItems,
} from "./programme-import";

const known: KnownItems = {
  refs: new Set(["charge-e-commerce/C1", "charge-e-commerce/C3", "directeur-e-commerce/C1", "directeur-e-commerce/C2", "T06", "T17", "K-34093"]),
  sheets: new Set(["charge-e-commerce", "directeur-e-commerce"]),
};
const header = PROGRAMME_CSV_HEADER.join(",");

function read(csv: string, options?: Parameters<typeof readProgrammeRows>[2]) {
  return readProgrammeRows(parseCsv(csv), known, options);
}

describe("readProgrammeRows", () => {
  it("regroupe les lignes par module, avec ses correspondances", () => {
    const result = read(
      [
        header,
        "UE1,Marketing digital,1,6,20/10/0/6,K-34093,2,oui",
        "UE1,Marketing digital,1,6,20/10/0/6,charge-e-commerce/C3,1,non",
        'UE2,"Projet, tutoré",2,"4,5",30,,,',
      ].join("\n"),
    );
    expect(result.problems).toEqual([]);
    expect(result.modules).toEqual([
      {
        code: "UE1",
        title: "Marketing digital",
        semester: 1,
        ects: 6,
        hours: { lectures: 20, tutorials: 10, practical: 0, projects: 6 },
        mappings: [
          { itemRef: "K-34093", depth: 2, assessed: true },
          { itemRef: "charge-e-commerce/C3", depth: 1, assessed: false },
        ],
      },
      { code: "UE2", title: "Projet, tutoré", semester: 2, ects: 4.5, hours: { lectures: 30, tutorials: 0, practical: 0, projects: 0 }, mappings: [] },
    ]);
    expect(result.sheetsNamed).toEqual(["charge-e-commerce"]);
    expect(result.rowCount).toBe(3);
  });

  it("liste chaque problème avec sa ligne et sa colonne", () => {
    const result = read(
      [
        header,
        "UE1,Marketing,1,6,20,K-99999,2,oui",
        "UE1,Marketing,1,6,20,T06,5,peut-être",
        ",Sans code,1,3,10,,,",
        "UE2,Vente,0,3,10,,,",
        "UE3,Droit,2,abc,10,,,",
        "UE4,Gestion,2,3,dix,,,",
        "UE5,Web,2,3,10,inconnue-fiche/C1,2,oui",
        "UE1,Marketing bis,1,6,20,T17,1,non",
        "UE6,Anglais,3,3,10,T06,2,oui",
        "UE6,Anglais,3,3,10,T06,3,oui",
      ].join("\n"),
    );
    expect(result.problems.map((p) => `${p.line}:${p.column}`)).toEqual([
      "2:item_ref",
      "3:depth",
      "3:assessed",
      "4:module_code",
      "5:semester",
      "6:ects",
      "7:hours",
      "8:item_ref",
      "9:module_code",
      "11:item_ref",
    ]);
    expect(result.problems[0].message).toBe("Exigence inconnue « K-99999 ».");
    expect(result.problems[7].message).toBe("Référentiel inconnu « inconnue-fiche ».");
    expect(result.problems[8].message).toContain("ligne 2");
  });

  it("refuse un en-tête inattendu et un fichier vide", () => {
    expect(read("code,titre\nUE1,x").problems[0]).toMatchObject({ line: 1 });
    expect(read(header).problems[0].message).toBe("Le fichier ne contient aucune ligne de module.");
    expect(read("\nUE1,x").problems[0].message).toBe(
      "La première ligne doit nommer les colonnes : code_module, intitulé_module, semestre, ects, heures, exigence, profondeur, évaluée, note (ou en anglais : module_code, module_title, semester, ects, hours, item_ref, depth, assessed, note).",
    );
  });

  it("refuse une compétence d'un métier que la formation ne vise pas", () => {
    const result = read(`${header}\nUE1,Stratégie,3,6,20,directeur-e-commerce/C2,3,oui`, { targets: ["charge-e-commerce"] });
    expect(result.problems).toEqual([
      {
        line: 2,
        column: "item_ref",
        message: "« directeur-e-commerce » n'est pas un métier visé par la formation.",
        sentence: { key: "import.sheet_not_targeted", params: { sheet: "directeur-e-commerce" } },
      },
    ]);
  });

  it("accepte le point-virgule, la virgule décimale et oui/non des tableurs français", () => {
    const rows = parseCsv(`${PROGRAMME_CSV_HEADER.slice(0, 8).join(";")}\nUE1;Web;1;2,5;10;T06;2;OUI`, ";");
    const result = readProgrammeRows(rows, known);
    expect(result.problems).toEqual([]);
    expect(result.modules[0]).toMatchObject({ ects: 2.5, mappings: [{ itemRef: "T06", depth: 2, assessed: true }] });
  });
});

describe("en-têtes et valeurs des tableurs français", () => {
  it("lit les en-têtes français, avec les accents et majuscules d'un tableur, dans n'importe quel ordre", () => {
    const rows = parseCsv(
      ["Code module;Intitulé module;SEMESTRE;ECTS;Heures;Évaluée;Profondeur;Exigence;Note", "UE1;Marketing digital;1;4,5;20/10/0/6;Oui;2;K-34093;Étude de cas « Saint-Malo »", "UE2;Projet;2;3;30;;;;"].join("\r\n"),
      ";",
    );
    const result = readProgrammeRows(rows, known);
    expect(result.problems).toEqual([]);
    expect(result.modules).toEqual([
      {
        code: "UE1",
        title: "Marketing digital",
        semester: 1,
        ects: 4.5,
        hours: { lectures: 20, tutorials: 10, practical: 0, projects: 6 },
        mappings: [{ itemRef: "K-34093", depth: 2, assessed: true, note: "Étude de cas « Saint-Malo »" }],
      },
      { code: "UE2", title: "Projet", semester: 2, ects: 3, hours: { lectures: 30, tutorials: 0, practical: 0, projects: 0 }, mappings: [] },
    ]);
  });

  it("reconnaît chaque nom de colonne, anglais ou français, sans accent ni casse", () => {
    const header = readHeader(["MODULE_CODE", "intitule_module", "Semestre", "ects", "HEURES", "exigence", "Profondeur", "evaluee", "NOTE"]);
    expect(header.problems).toEqual([]);
    expect(header.index).toEqual({ module_code: 0, module_title: 1, semester: 2, ects: 3, hours: 4, item_ref: 5, depth: 6, assessed: 7, note: 8 });
  });

  it("un ancien fichier sans colonne note s'importe encore", () => {
    const result = read([PROGRAMME_CSV_HEADER.slice(0, 8).join(","), "UE1,Web,1,6,20,T06,2,non"].join("\n"));
    expect(result.problems).toEqual([]);
    expect(result.modules[0].mappings).toEqual([{ itemRef: "T06", depth: 2, assessed: false }]);
  });

  it("nomme la colonne inconnue, celle qui manque et celle en double", () => {
    const unknown = read("code_module,intitulé_module,semestre,ects,heures,exigence,profondeur,évaluée,remarque\nUE1,Web,1,6,20,T06,2,non,x");
    expect(unknown.problems.map((p) => p.message)).toEqual([expect.stringContaining("Colonne inconnue « remarque »")]);
    const missing = read("code_module,intitulé_module,semestre,ects,exigence,profondeur\nUE1,Web,1,6,T06,2");
    expect(missing.problems[0].message).toMatch(/^Colonnes manquantes : heures \(hours\), évaluée \(assessed\)\./);
    const twice = read("code_module,module_code,intitulé_module,semestre,ects,heures,exigence,profondeur,évaluée\nUE1,UE1,Web,1,6,20,T06,2,non");
    expect(twice.problems[0].message).toBe("La colonne « module_code » figure deux fois.");
  });

  it("donne dans chaque problème la colonne telle que le fichier la nomme", () => {
    const result = read("code_module;intitulé_module;semestre;ects;heures;exigence;profondeur;évaluée".replaceAll(";", ",") + "\nUE1,Web,1,6,20,T06,2,peut-être");
    expect(result.problems).toMatchObject([{ line: 2, column: "assessed", header: "évaluée", message: "« évaluée » (assessed) vaut oui ou non (lu : « peut-être »)." }]);
  });

  it("accepte les codes que l'on voit : C3 pour un seul métier visé, CEC-C3 pour plusieurs, t6 pour T06", () => {
    const one = read(`${header}\nUE1,Web,1,6,20,C3,2,oui,\nUE1,Web,1,6,20,t6,1,non,`, { targets: ["charge-e-commerce"] });
    expect(one.problems).toEqual([]);
    expect(one.modules[0].mappings.map((m) => m.itemRef)).toEqual(["charge-e-commerce/C3", "T06"]);
    const two = read(`${header}\nUE1,Web,1,6,20,CEC-C3,2,oui,\nUE1,Web,1,6,20,dec·c2,1,non,\nUE1,Web,1,6,20,charge-e-commerce C1,1,non,`, {
      targets: ["charge-e-commerce", "directeur-e-commerce"],
    });
    expect(two.problems).toEqual([]);
    expect(two.modules[0].mappings.map((m) => m.itemRef)).toEqual(["charge-e-commerce/C3", "directeur-e-commerce/C2", "charge-e-commerce/C1"]);
    const ambiguous = read(`${header}\nUE1,Web,1,6,20,C1,2,oui,`, { targets: ["charge-e-commerce", "directeur-e-commerce"] });
    expect(ambiguous.problems.map((p) => p.message)).toEqual([
      "« C1 » peut désigner plusieurs exigences (charge-e-commerce/C1, directeur-e-commerce/C1) : écrivez l'une de ces références.",
    ]);
  });

  it("lit un module sur l'année, 1-2 (ou S1–S2), et refuse deux semestres qui ne se suivent pas ou dépassent la formation", () => {
    const result = read(`${header}\nUE1,Anglais,1-2,8,60,T06,2,oui,\nUE2,Projet,S3–S4,10,30,,,,`, { semesters: 4 });
    expect(result.problems).toEqual([]);
    expect(result.modules.map((m) => [m.code, m.semester, m.semesterSpan])).toEqual([
      ["UE1", 1, 2],
      ["UE2", 3, 2],
    ]);
    const wrong = read(`${header}\nUE1,Anglais,1-3,8,60,,,,\nUE2,Projet,4-5,10,30,,,,\nUE3,Droit,1-2,4,20,,,,\nUE3,Droit,1,4,20,T06,1,oui,`, { semesters: 4 });
    expect(wrong.problems.map((p) => `${p.line}:${p.column}`)).toEqual(["2:semester", "3:semester", "5:module_code"]);
    expect(wrong.problems[0].message).toBe("Un module sur deux semestres s'écrit « 1-2 » : deux semestres qui se suivent, de 1 à 4 (lu : « 1-3 »).");
  });

  it("refuse une note sans exigence ou trop longue", () => {
    const result = read(`${header}\nUE1,Web,1,6,20,,,,à revoir\nUE2,Web,1,6,20,T06,1,oui,${"x".repeat(NOTE_MAX_LENGTH + 1)}`);
    expect(result.problems.map((p) => `${p.line}:${p.column}:${p.message}`)).toEqual([
      "2:note:Une note sans exigence : indiquez l'exigence de la ligne.",
      `3:note:Une note compte au plus ${NOTE_MAX_LENGTH} caractères.`,
    ]);
  });
});

describe("la feuille « Formation » et les codes des exigences", () => {
  const programme = {
    title: "BTS NDRC",
    diplomaType: "bts",
    level: 5,
    entryEcts: 0,
    semesters: 4,
    description: "Deux années",
    targets: [{ slug: "charge-e-commerce", title: "Chargé(e) du e-commerce" }],
  };

  it("relit ce qu'elle écrit, en français comme en anglais", () => {
    for (const language of ["fr", "en"] as const) {
      expect(readProgrammeFacts(programmeFactsRows(programme, language))).toEqual({
        title: "BTS NDRC",
        diplomaType: "bts",
        level: "5",
        entryEcts: "0",
        semesters: "4",
        targets: ["charge-e-commerce"],
        description: "Deux années",
      });
    }
  });

  it("lit les libellés et valeurs d'une feuille écrite à la main", () => {
    const facts = readProgrammeFacts([
      ["Intitulé de la formation", "Licence pro"],
      ["Type de diplôme", "Licence professionnelle"],
      ["niveau", "Niveau 6"],
      ["Crédits d'entrée", "120 ECTS"],
      ["Métiers visés", "charge-e-commerce ; chef-de-projet-e-commerce"],
      ["Exporté le", "2026-12-01"],
    ]);
    expect(facts).toEqual({ title: "Licence pro", diplomaType: "licence_pro", level: "6", entryEcts: "120", targets: ["charge-e-commerce", "chef-de-projet-e-commerce"] });
    expect(readProgrammeFacts([["Comment remplir ce modèle"], ["Une ligne par correspondance."]])).toBeNull();
  });

  it("trouve la feuille des lignes et celle de la formation, où qu'elles soient dans le classeur", () => {
    const data = programmeRows([{ code: "UE1", title: "Web", semester: 1, ects: 6, hours: { lectures: 20, tutorials: 0, practical: 0, projects: 0 }, mappings: [] }], { header: "fr" });
    const picked = pickProgrammeSheets([
      { name: "Instructions", rows: [["Comment remplir ce modèle"]] },
      { name: "Formation", rows: programmeFactsRows(programme, "fr") },
      { name: "Modules", rows: data },
      { name: "Exigences", rows: [["Code à saisir", "Référence", "Libellé"], ["C1", "charge-e-commerce/C1", "Analyser"]] },
    ]);
    expect(picked.rows).toBe(data);
    expect(picked.facts).toMatchObject({ title: "BTS NDRC", targets: ["charge-e-commerce"] });
    // An export of earlier versions: the rows in a sheet named "Formation", and no other sheet.
    const legacy = pickProgrammeSheets([{ name: "Formation", rows: programmeRows([]) }]);
    expect(legacy).toEqual({ rows: programmeRows([]), facts: null });
  });

  it("donne les codes courts des compétences visées, et la référence entière quand deux exigences partageraient un code", () => {
    const refs = ["charge-e-commerce/C1", "directeur-e-commerce/C1", "T06"];
    expect([...requirementCodes(refs, ["charge-e-commerce"])]).toEqual([
      ["charge-e-commerce/C1", "C1"],
      ["directeur-e-commerce/C1", "directeur-e-commerce/C1"],
      ["T06", "T06"],
    ]);
    expect([...requirementCodes(refs, ["charge-e-commerce", "directeur-e-commerce"]).values()]).toEqual(["CEC-C1", "DEC-C1", "T06"]);
    expect([...requirementCodes(["a-b/C1", "a-bb/C1"], ["a-b", "a-bb"]).values()]).toEqual(["a-b/C1", "a-bb/C1"]);
  });

  it("donne le code nu aux compétences des cibles choisies ; celles du cadre national du niveau gardent ses initiales", () => {
    const refs = ["charge-e-commerce/C1", "charge-e-commerce/C5", "cncp-niveau-5/C1", "cncp-niveau-5/C4", "rncp-37873/RNCP37873BC01.2", "T06"];
    expect([...requirementCodes(refs, ["charge-e-commerce", "rncp-37873", "cncp-niveau-5"]).values()]).toEqual(["C1", "C5", "CN5-C1", "CN5-C4", "RNCP37873BC01.2", "T06"]);
    // The framework alone: its own codes.
    expect([...requirementCodes(["cncp-niveau-5/C1"], ["cncp-niveau-5"]).values()]).toEqual(["C1"]);
  });

  it("lit les exigences d'une certification RNCP et d'une liste de l'établissement, par leur référence ou leur code court", () => {
    const withLists: KnownItems = {
      refs: new Set(["rncp-37873/RNCP37873BC01", "rncp-37873/RNCP37873BC01.2", "demo~acquis-master/C12", "cncp-niveau-7/C1", "cncp-niveau-7/C12", "T06"]),
      sheets: new Set(["rncp-37873", "demo~acquis-master", "cncp-niveau-7"]),
    };
    const rows = parseCsv(
      [
        "code_module;intitulé_module;semestre;ects;heures;exigence;profondeur;évaluée",
        "UE1;Sécurité;1;6;20;rncp-37873/RNCP37873BC01;2;oui",
        "UE1;Sécurité;1;6;20;RNCP37873BC01.2;1;non",
        "UE1;Sécurité;1;6;20;C12;3;oui",
        "UE2;Projet;2;6;20;CN7·C12;2;oui",
        "UE1;Sécurité;1;6;20;cn7-c1;1;non",
      ].join("\n"),
      ";",
    );
    const result = readProgrammeRows(rows, withLists, { targets: ["rncp-37873", "demo~acquis-master", "cncp-niveau-7"] });
    expect(result.problems).toEqual([]);
    // C12 is the school list's, though the framework has a C12 too: a bare code names the chosen targets.
    expect(result.modules[0].mappings.map((m) => m.itemRef)).toEqual(["rncp-37873/RNCP37873BC01", "rncp-37873/RNCP37873BC01.2", "demo~acquis-master/C12", "cncp-niveau-7/C1"]);
    expect(result.modules[1].mappings.map((m) => m.itemRef)).toEqual(["cncp-niveau-7/C12"]);
  });
});

describe("aller-retour export puis import", () => {
  const refList = [...known.refs];
  const moduleArb = fc
    .record({
      code: fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}$/),
      title: fc.string({ minLength: 1, maxLength: 40 }).filter((t) => t.trim() === t && t.length > 0 && !/[\r\n]/.test(t)),
      semester: fc.integer({ min: 1, max: 6 }),
      annual: fc.boolean(),
      ects: fc.integer({ min: 0, max: 120 }).map((n) => n / 2),
      hours: fc.record({ lectures: fc.nat(200), tutorials: fc.nat(200), practical: fc.nat(200), projects: fc.nat(200) }),
      mappings: fc.uniqueArray(
        fc.record(
          {
            itemRef: fc.constantFrom(...refList),
            depth: fc.integer({ min: 1, max: 4 }),
            assessed: fc.boolean(),
            note: fc.string({ minLength: 1, maxLength: 60 }).filter((t) => t.trim() === t && t.length > 0),
          },
          { requiredKeys: ["itemRef", "depth", "assessed"] },
        ),
        { selector: (m) => m.itemRef, maxLength: 4 },
      ),
    })
    .map(({ annual, ...module }) => (annual ? { ...module, semesterSpan: 2 } : module));

  it("redonne les mêmes modules, via le CSV", () => {
    fc.assert(
      fc.property(fc.uniqueArray(moduleArb, { selector: (m) => m.code, minLength: 1, maxLength: 6 }), (modules) => {
        const csv = toCsv(programmeRows(modules));
        const back = readProgrammeRows(parseCsv(csv), known);
        expect(back.problems).toEqual([]);
        expect(back.modules).toEqual(modules);
      }),
    );
  });

  it("redonne les mêmes modules avec l'en-tête français et le point-virgule", () => {
    fc.assert(
      fc.property(fc.uniqueArray(moduleArb, { selector: (m) => m.code, minLength: 1, maxLength: 6 }), (modules) => {
        const csv = programmeRows(modules, { header: "fr" })
          .map((row) => row.map((cell) => `"${neutraliseFormula(cell).replace(/"/g, '""')}"`).join(";"))
          .join("\r\n");
        const back = readProgrammeRows(parseCsv(csv, ";"), known);
        expect(back.problems).toEqual([]);
        expect(back.modules).toEqual(modules);
      }),
    );
  });
});
