import { describe, expect, it } from "vitest";
import { decodeEntities, splitCompetences, textLines } from "./rncp-text";

// The texts below are quoted from real fiches: RNCP37873BC01 and RNCP35419BC01 of the v4.1
// export of 2026-08-16 and RNCP35340's CAPACITES_ATTESTEES of the export of 2026-09-29;
// RNCP34826BC04 and BC02 as an older export wrote them (HTML); the oldest export's
// double-escaped HTML as qcam/saxy#73 shows it, once XML-decoded (tests/fixtures/rncp/README.md).

describe("plain text of the v4.1 export", () => {
  it("cuts on runs of spaces, one competence each, quoted exactly", () => {
    const raw = "Installer et configurer son environnement de travail en fonction du projet.    Développer des interfaces utilisateur    Développer des composants métier    Contribuer à la gestion d'un projet informatique";
    const { mode, items } = splitCompetences(raw);
    expect(mode).toBe("plain");
    expect(items.map((i) => i.label)).toEqual([
      "Installer et configurer son environnement de travail en fonction du projet.",
      "Développer des interfaces utilisateur",
      "Développer des composants métier",
      "Contribuer à la gestion d'un projet informatique",
    ]);
    for (const item of items) expect(raw).toContain(item.quote);
    expect(items.every((i) => !i.heading && !i.guess)).toBe(true);
  });

  it("keeps the certifier's numbering, drops bullets, attaches a number set apart by spacing", () => {
    const { items } = splitCompetences("C.1. Organiser et conduire une réunion      C.2. Analyser les besoins du client.");
    expect(items.map((i) => i.label)).toEqual(["C.1. Organiser et conduire une réunion", "C.2. Analyser les besoins du client."]);
    expect(splitCompetences("    - Gérer le patrimoine informatique    - Répondre aux incidents").items.map((i) => i.label)).toEqual([
      "Gérer le patrimoine informatique",
      "Répondre aux incidents",
    ]);
    const attached = splitCompetences("3.1  Organiser le déploiement    3.1.1 Concevoir un plan de déploiement").items;
    expect(attached[0]).toMatchObject({ label: "3.1 Organiser le déploiement", quote: "3.1  Organiser le déploiement", heading: true, guess: "heading_numbering" });
  });

  it("marks what it guessed: a broken line joined, a heading before its items", () => {
    const joined = splitCompetences(
      "    - analyser des situations économiques, juridiques et managériales auxquelles un prestataire de    services informatiques est confrontée ;    - exploiter une base documentaire économique, juridique ou managériale ;",
    );
    expect(joined.items.map((i) => i.label)).toEqual([
      "analyser des situations économiques, juridiques et managériales auxquelles un prestataire de services informatiques est confrontée ;",
      "exploiter une base documentaire économique, juridique ou managériale ;",
    ]);
    expect(joined.items[0]).toMatchObject({ guess: "joined_fragment", quote: "- analyser des situations économiques, juridiques et managériales auxquelles un prestataire de    services informatiques est confrontée ;" });
    const heading = splitCompetences("Communiquer par écrit :    - appréhender et réaliser un message écrit ;    - respecter les contraintes de la langue écrite ;").items;
    expect(heading[0]).toMatchObject({ heading: true, guess: "heading_colon" });
    expect(heading.slice(1).every((i) => !i.heading)).toBe(true);
  });

  it("a text without markers stays one competence, not a guess", () => {
    expect(splitCompetences("Concevoir une solution applicative").items).toEqual([{ label: "Concevoir une solution applicative", quote: "Concevoir une solution applicative", heading: false }]);
  });
});

describe("HTML of the older exports", () => {
  it("paragraphs and line breaks end a competence; spaces inside a paragraph are spacing", () => {
    const raw = "<p>C2.B1 Analyser les besoins d’un public   </p><p>   <br>C2.4 Mettre en œuvre un accompagnement éducatif budgétaire      </p>";
    const { mode, items } = splitCompetences(raw);
    expect(mode).toBe("html");
    expect(items.map((i) => i.label)).toEqual(["C2.B1 Analyser les besoins d’un public", "C2.4 Mettre en œuvre un accompagnement éducatif budgétaire"]);
    for (const item of items) expect(raw).toContain(item.quote);
  });

  it("a paragraph in bold is a heading kept for the record", () => {
    const { items } = splitCompetences("<p>C1.3B Conseiller les personnes      </p><p><br></p><p><strong>Compétences validées en brevet de technicien supérieur « économie sociale familiale  </strong></p><p>C1.4 Réaliser une étude technique</p>");
    expect(items.map((i) => [i.label, i.heading])).toEqual([
      ["C1.3B Conseiller les personnes", false],
      ["Compétences validées en brevet de technicien supérieur « économie sociale familiale", true],
      ["C1.4 Réaliser une étude technique", false],
    ]);
    expect(items[1].guess).toBe("heading_bold");
  });

  it("the oldest export's entities are decoded, its bullets dropped, a line without a bullet marked", () => {
    const raw = [
      "<p>- Diagnostiquer une anomalie</p>",
      "<p>- Traiter l'eau</p>",
      "<p>- Param&eacute;trer et r&eacute;gler les &eacute;quipements de traitement</p>",
      "<p>- Contr&ocirc;ler l'ouvrage et mesurer ses param&egrave;tres</p>",
      "<p>- Ex&eacute;cuter les op&eacute;rations d'entretien courant et p&eacute;riodique</p>",
      "<p>- Pr&eacute;parer l'ouvrage et ses &eacute;quipements</p>",
      "<p>- Diagnostiquer un dysfonctionnement ou un d&eacute;sordre</p>",
      "<p>- R&eacute;parer un &eacute;l&eacute;ment ou une partie de l'ouvrage</p>",
      "<p>Les modalit&eacute;s d'&eacute;valuation sont d&eacute;crites dans les annexes de l'arr&ecirc;t&eacute; d&eacute;finissant le dipl&ocirc;me relatives &agrave; l'&eacute;valuation (voir notamment le r&egrave;glement d'examen et les d&eacute;finitions d'&eacute;preuves).</p>",
    ].join("\r\n");
    const { items } = splitCompetences(raw);
    expect(items).toHaveLength(9);
    expect(items.map((i) => i.label).slice(2, 4)).toEqual(["Paramétrer et régler les équipements de traitement", "Contrôler l'ouvrage et mesurer ses paramètres"]);
    expect(items[8].label).toMatch(/^Les modalités d'évaluation sont décrites dans les annexes de l'arrêté/);
    expect(items[2].quote).toBe("- Param&eacute;trer et r&eacute;gler les &eacute;quipements de traitement");
    expect(items.map((i) => i.guess)).toEqual([...Array(8).fill(undefined), "unbulleted"]);
  });

  it("decodes entities escaped twice", () => {
    expect(decodeEntities("Param&amp;eacute;trer &#233;")).toBe("Paramétrer é");
  });
});

it("long texts read as the lines the export flattened", () => {
  expect(textLines("Cas pratiques    Mise en situation professionnelle simulée")).toEqual(["Cas pratiques", "Mise en situation professionnelle simulée"]);
  expect(textLines("<p>Coefficient: <br>Ecrit: 1     <br></p>")).toEqual(["Coefficient:", "Ecrit: 1"]);
});
