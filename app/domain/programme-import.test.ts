import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "./csv";
import { PROGRAMME_CSV_HEADER, programmeRows, readProgrammeRows, type KnownItems } from "./programme-import";

const known: KnownItems = {
  refs: new Set(["charge-e-commerce/C1", "charge-e-commerce/C3", "directeur-e-commerce/C2", "T06", "T17", "K-34093"]),
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
    const rows = parseCsv(`${PROGRAMME_CSV_HEADER.join(";")}\nUE1;Web;1;2,5;10;T06;2;OUI`, ";");
    const result = readProgrammeRows(rows, known);
    expect(result.problems).toEqual([]);
    expect(result.modules[0]).toMatchObject({ ects: 2.5, mappings: [{ itemRef: "T06", depth: 2, assessed: true }] });
  });
});

describe("aller-retour export puis import", () => {
  const refList = [...known.refs];
  const moduleArb = fc.record({
    code: fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}$/),
    title: fc.string({ minLength: 1, maxLength: 40 }).filter((t) => t.trim() === t && t.length > 0 && !/[\r\n]/.test(t)),
    semester: fc.integer({ min: 1, max: 6 }),
    ects: fc.integer({ min: 0, max: 120 }).map((n) => n / 2),
    hours: fc.record({ lectures: fc.nat(200), tutorials: fc.nat(200), practical: fc.nat(200), projects: fc.nat(200) }),
    mappings: fc.uniqueArray(
      fc.record({ itemRef: fc.constantFrom(...refList), depth: fc.integer({ min: 1, max: 4 }), assessed: fc.boolean() }),
      { selector: (m) => m.itemRef, maxLength: 4 },
    ),
  });

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
});
