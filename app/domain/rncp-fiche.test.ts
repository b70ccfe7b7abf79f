import { describe, expect, it } from "vitest";
import { exportDateFromName, ficheRefusals, levelFromCode, normaliseFicheNumber, searchCatalogue, type RncpFiche } from "./rncp-fiche";

describe("reading an export's names and codes", () => {
  it("takes the export's date from France compétences' file names", () => {
    expect(exportDateFromName("export_fiches_RNCP_V4_1_2026-08-16.xml")).toBe("2026-08-16");
    expect(exportDateFromName("export-fiches-rncp-v4-1-2026-08-16.zip")).toBe("2026-08-16");
    expect(exportDateFromName("export_fiches_CSV_Standard_2024_02_22.csv")).toBe("2024-02-22");
    expect(exportDateFromName("rncp.xml")).toBeNull();
    expect(exportDateFromName("export_2026-13-40.xml")).toBeNull();
  });

  it("reads a fiche number however it is typed, and the CNCP level of NIVx", () => {
    expect(normaliseFicheNumber(" rncp 037873 ")).toBe("RNCP37873");
    expect(normaliseFicheNumber("37873")).toBe("RNCP37873");
    expect(normaliseFicheNumber("RS5568")).toBe("RS5568");
    expect(normaliseFicheNumber("Concepteur")).toBeNull();
    expect([levelFromCode("NIV6"), levelFromCode("REPRISE"), levelFromCode(null)]).toEqual([6, null, null]);
  });
});

const fiche = (changes: Partial<RncpFiche>): RncpFiche => ({
  number: "RNCP37873",
  title: "Concepteur développeur d'applications",
  abbreviation: null,
  level: { code: "NIV6", label: "Niveau 6" },
  certifiers: [{ name: "MINISTERE DU TRAVAIL", siret: null }],
  nsf: [],
  formacodes: [],
  romes: [],
  activities: null,
  capacities: null,
  blocs: [{ code: "RNCP37873BC01", label: "Développer une application sécurisée", competences: null, assessment: null }],
  ...changes,
});

describe("the fiches that cannot become a certification to cover", () => {
  it("names each fault", () => {
    expect(ficheRefusals(fiche({}))).toEqual([]);
    expect(ficheRefusals(fiche({ number: "RS5568", blocs: [] })).map((e) => e.key)).toEqual(["rncp.rs_fiche"]);
    expect(ficheRefusals(fiche({ level: { code: "REPRISE", label: "Sans niveau" }, blocs: [] })).map((e) => e.key)).toEqual(["rncp.no_level", "rncp.no_blocs"]);
  });
});

it("finds fiches by words of their title or certifier, accents and case aside, or by number", () => {
  const entries = [
    { number: "RNCP37873", title: "Concepteur développeur d'applications", level: 6, certifiers: ["MINISTERE DU TRAVAIL"], blocs: 3 },
    { number: "RNCP35959", title: "Développeur web", level: 5, certifiers: ["CESI"], blocs: 5 },
  ];
  expect(searchCatalogue(entries, "developpeur").map((e) => e.number)).toEqual(["RNCP37873", "RNCP35959"]);
  expect(searchCatalogue(entries, "développeur cesi").map((e) => e.number)).toEqual(["RNCP35959"]);
  expect(searchCatalogue(entries, "rncp 37873").map((e) => e.number)).toEqual(["RNCP37873"]);
  expect(searchCatalogue(entries, "  ")).toEqual([]);
});
