/**
 * RNCP fiches imported from real extracts of France compétences' exports (tests/fixtures/rncp,
 * README there): the bloc and competence counts are those of the files, every quote is found
 * in its file, and a fiche of each bad kind is refused with nothing stored.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Requirement } from "~/domain/reference-data";
import { importRncpFiche } from "~/models/certification.server";
import { createProgramme, getProgramme } from "~/models/programme.server";
import { findSheetVersion } from "~/models/reference-sheet.server";
import { pendingUpgrades } from "~/models/sheet-upgrade.server";
import { createDb } from "~/utils/create-db.server";
import { scanRncpExport, type ExportFile } from "~/utils/rncp-export.server";
import { zipOf } from "../support/zip";
import { runSeed } from "../../seed/run";

const db = createDb();
const FIXTURES = "tests/fixtures/rncp";
const XML = "export_fiches_RNCP_V4_1_2026-08-16.xml";
const RS = "export_fiches_RS_V4_1_2026-08-16.xml";
const HTML = "rncp34826-format-v2-html.xml";
const CSV = "export-fiches-csv-2024-02-22.zip";
const scratch = mkdtempSync(join(tmpdir(), "rncp-test-"));

const fixture = (name: string): ExportFile => ({ path: join(FIXTURES, name), name, size: statSync(join(FIXTURES, name)).size });
/** A file made for a test, under the name given (the export's date is read from it). */
function made(name: string, bytes: Buffer | string): ExportFile {
  const path = join(scratch, `${Math.random().toString(36).slice(2)}-${name}`);
  writeFileSync(path, bytes);
  return { path, name, size: statSync(path).size };
}

/** The five XML entities decoded: the text of an element as any XML reader gives it. */
const xmlText = (raw: string) => raw.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** A fiche's own part of an XML file, found without the app's reader: from its NUMERO_FICHE to the end of its FICHE. */
function ficheXml(file: string, number: string): string {
  const raw = readFileSync(join(FIXTURES, file), "utf8");
  const start = raw.lastIndexOf("<FICHE>", raw.indexOf(`<NUMERO_FICHE>${number}</NUMERO_FICHE>`));
  return raw.slice(start, raw.indexOf("</FICHE>", start));
}
/** The fiche's blocs, as element texts: only those of BLOCS_COMPETENCES, not of CORRESPONDANCES. */
function blocElements(fiche: string): { code: string; list: string | null }[] {
  const blocs = fiche.slice(fiche.indexOf("<BLOCS_COMPETENCES>"), fiche.indexOf("</BLOCS_COMPETENCES>"));
  return [...blocs.matchAll(/<BLOC_COMPETENCES>([\s\S]*?)<\/BLOC_COMPETENCES>/g)].map(([, body]) => ({
    code: /<CODE>([^<]*)<\/CODE>/.exec(body)![1],
    list: /<LISTE_COMPETENCES>([\s\S]*?)<\/LISTE_COMPETENCES>/.exec(body)?.[1] ?? null,
  }));
}

async function rowCounts() {
  const [sheets, versions, requirements, audit] = await Promise.all([db.referenceSheet.count(), db.referenceSheetVersion.count(), db.sheetRequirement.count(), db.auditLog.count()]);
  return { sheets, versions, requirements, audit };
}

let schoolId: string;
const actor = () => ({ userId: null, schoolId });
beforeAll(async () => {
  await runSeed(db, { demo: false });
  schoolId = (await db.school.create({ data: { slug: "ecole-rncp", name: "École RNCP" } })).id;
});
afterAll(() => db.$disconnect());

async function imported(file: ExportFile, fiche: string, exportDate?: string) {
  const result = await importRncpFiche({ db, file, fiche, exportDate, actor: actor() });
  expect(result.status, JSON.stringify(result)).toBe("created");
  return (await findSheetVersion({ db, slug: `rncp-${fiche.slice(4)}` }))!;
}

describe("l'export XML v4.1", () => {
  it("liste les fiches du fichier avec leur niveau, leurs certificateurs et leurs blocs", async () => {
    const scanned = await scanRncpExport(fixture(XML));
    expect(scanned.ok).toBe(true);
    if (!scanned.ok) return;
    expect(scanned).toMatchObject({ format: "xml", exportDate: "2026-08-16" });
    expect(scanned.fiches.map((f) => [f.number, f.level, f.blocs])).toEqual(
      ["RNCP37873", "RNCP35419", "RNCP36490", "RNCP35959"].map((n) => [n, Number(/<NIVEAU>NIV(\d)/.exec(ficheXml(XML, n))![1]), blocElements(ficheXml(XML, n)).length]),
    );
  });

  it("chaque fiche devient une certification : blocs et compétences comptés sur le fichier, chaque citation trouvée dans sa fiche", async () => {
    for (const number of ["RNCP37873", "RNCP35419", "RNCP36490", "RNCP35959"]) {
      const sheet = await imported(fixture(XML), number);
      const { data } = sheet;
      const fiche = ficheXml(XML, number);
      const blocs = blocElements(fiche);
      expect(data).toMatchObject({ slug: `rncp-${number.slice(4)}`, kind: "certification", sourceFile: XML });
      expect(data.certification!.blocs.map((b) => b.code)).toEqual(blocs.map((b) => b.code).sort());
      const level = Number(/<NIVEAU>NIV(\d)<\/NIVEAU>/.exec(fiche)![1]);
      expect(data.cncp).toMatchObject({ min: level, max: level });
      expect(data.certification!.certifiers.map((c) => c.name)).toEqual([...fiche.matchAll(/<NOM_CERTIFICATEUR>([^<]*)</g)].map((m) => xmlText(m[1])));
      expect(data.romeCodes.map((r) => r.code)).toEqual([...fiche.slice(fiche.indexOf("<CODES_ROME>"), fiche.indexOf("</CODES_ROME>")).matchAll(/<CODE>([^<]*)</g)].map((m) => m[1]));
      for (const bloc of blocs) {
        const items = data.requirements.filter((r) => r.code.startsWith(`${bloc.code}.`));
        // Every piece the export set apart by a run of spaces is one item (headings included);
        // an item is more than one piece only when the cut joined a broken line, marked so.
        const pieces = xmlText(bloc.list!).split(/\s{2,}/).filter((p) => p.trim() && !/^(?:[A-Z]\.?)?\d+(?:\.\d+)*[.)]?$/.test(p.trim()));
        const joined = items.filter((i) => i.editorialReason?.startsWith("Deux morceaux")).length;
        expect(items.length + joined, `${bloc.code}`).toBe(pieces.length);
      }
      for (const item of data.requirements) {
        expect(xmlText(fiche), `${item.code}`).toContain(item.source.quote);
        expect(item.source).toMatchObject({ file: XML, fiche: number, exportDate: "2026-08-16" });
        expect(item.group).toMatch(new RegExp(`^${item.code.split(".")[0]} · `));
      }
      expect(xmlText(fiche)).toContain(data.titleSource.quote);
      for (const bloc of data.certification!.blocs) if (bloc.assessment) expect(xmlText(fiche)).toContain(bloc.assessment.text);
    }
  });

  it("RNCP37873 : 3 blocs, 11 compétences coupées sur les blancs de l'export, sans choix éditorial", async () => {
    const { data } = (await findSheetVersion({ db, slug: "rncp-37873" }))!;
    expect(data.requirements.map((r) => r.code)).toEqual([
      ...["1", "2", "3", "4"].map((n) => `RNCP37873BC01.${n}`),
      ...["1", "2", "3", "4"].map((n) => `RNCP37873BC02.${n}`),
      ...["1", "2", "3"].map((n) => `RNCP37873BC03.${n}`),
    ]);
    expect(data.requirements.every((r) => r.required && !r.editorial && r.requiredDepth === null)).toBe(true);
    expect(data.requirements[1].label).toBe("Développer des interfaces utilisateur");
    expect(data.certification!.activities!.text).toMatch(/^Le concepteur développeur d'applications/);
  });

  it("RNCP36490 : les intitulés numérotés (1.1 avant 1.1.1) sont gardés pour mémoire, non requis, marqués éditoriaux", async () => {
    const { data } = (await findSheetVersion({ db, slug: "rncp-36490" }))!;
    const headings = data.requirements.filter((r) => !r.required);
    expect(headings.map((r) => r.label.split(" ")[0])).toEqual(["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3"]);
    expect(headings.every((r) => r.editorial && r.editorialReason!.includes("intertitre"))).toBe(true);
  });

  it("le zip de l'export donne la même fiche", async () => {
    const zip = made("export-fiches-rncp-v4-1-2026-08-16.zip", zipOf([{ name: XML, data: readFileSync(join(FIXTURES, XML)) }]));
    const result = await importRncpFiche({ db, file: zip, fiche: "RNCP35419", actor: actor() });
    expect(result).toMatchObject({ status: "unchanged", slug: "rncp-35419", version: 1 });
  });
});

describe("une fiche HTML d'un export plus ancien", () => {
  it("coupe sur les paragraphes et les sauts de ligne, une compétence par code de la fiche, citations trouvées", async () => {
    const { data } = await imported(fixture(HTML), "RNCP34826", "2021-05-04");
    const fiche = ficheXml(HTML, "RNCP34826");
    expect(data.certification!.blocs).toHaveLength(blocElements(fiche).length);
    expect(data.certification!.blocs).toHaveLength(8);
    // Each competence of this fiche begins with its own code (C1.1, C2.B1, C4.9…): as many required items as codes.
    const codes = blocElements(fiche).flatMap((b) => [...xmlText(b.list ?? "").matchAll(/(?:^|[>\s])C\d\.[A-D]?\d[AB]?\s/g)]);
    expect(data.requirements.filter((r) => r.required)).toHaveLength(codes.length);
    expect(data.requirements.filter((r) => !r.required).map((r) => r.label)).toEqual(["Compétences validées en brevet de technicien supérieur « économie sociale familiale"]);
    expect(data.cncp).toMatchObject({ min: 6, max: 6 });
    expect(data.certification).toMatchObject({ exportDate: "2021-05-04", formatVersion: null, level: { code: "NIV6", label: "niveau6" } });
    for (const item of data.requirements) {
      expect(xmlText(fiche)).toContain(item.source.quote);
      expect(item.label).not.toMatch(/<|&[a-z]+;/);
    }
  });
});

describe("le zip de l'export CSV", () => {
  it("les blocs sont les exigences, comptés sur le fichier des blocs ; citations trouvées dans leurs fichiers", async () => {
    const { data } = await imported(fixture(CSV), "RNCP509");
    const zip = await yauzl.openPromise(join(FIXTURES, CSV), { decodeStrings: false });
    const texts = new Map<string, string>();
    for await (const entry of zip.eachEntry()) {
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      texts.set((entry.fileNameRaw as Buffer).toString("utf8"), Buffer.concat(chunks).toString("utf8"));
    }
    zip.close();
    const blocsFile = [...texts.keys()].find((name) => name.includes("Blocs_De_Comp"))!;
    expect(data.requirements).toHaveLength(texts.get(blocsFile)!.split("\r\n").filter((line) => line.startsWith('"RNCP509";')).length);
    expect(data.requirements.map((r: Requirement) => r.code)).toEqual(["01", "02", "03", "04", "05", "06"].map((n) => `RNCP509BC${n}`));
    expect(data.certification).toMatchObject({ exportFormat: "csv", exportDate: "2024-02-22", level: { code: "NIV3" } });
    expect(data.certification!.certifiers).toMatchObject([{ name: "MINISTERE DE L'EDUCATION NATIONALE ET DE LA JEUNESSE", siret: "11004301500012" }]);
    for (const item of data.requirements) {
      expect(item.source.file.normalize("NFC")).toBe(blocsFile.normalize("NFC"));
      expect(texts.get(blocsFile)).toContain(item.source.quote);
    }
    expect(data.romeCodes).toEqual([expect.objectContaining({ code: "I1203", label: "Maintenance des bâtiments et des locaux" })]);
  });
});

describe("les fichiers refusés n'enregistrent rien", () => {
  const cases: [string, () => ExportFile, string, RegExp][] = [
    ["pas un export (JSON)", () => made("fiche.json", '{"slug": "x"}'), "RNCP37873", /n'est pas un export RNCP.*ni XML ni zip/],
    ["pas un export (autre XML)", () => made("export_fiches_RNCP_V4_1_2026-08-16.xml", "<?xml version='1.0'?><CFPackage/>"), "RNCP37873", /élément racine est <CFPackage>/],
    ["pas un export (zip sans export)", () => made("export-2026-08-16.zip", zipOf([{ name: "notes.txt", data: Buffer.from("rien") }])), "RNCP37873", /ne contient ni fichier XML ni les fichiers CSV/],
    ["fiche absente", () => fixture(XML), "RNCP99999", /La fiche RNCP99999 n'est pas dans ce fichier \(4 fiches lues\)/],
    ["fiche RS (XML)", () => fixture(RS), "RS5568", /RS5568 est une fiche du Répertoire spécifique/],
    ["fiche RS (CSV)", () => fixture(CSV), "RS5000", /RS5000 est une fiche du Répertoire spécifique/],
    ["fiche sans niveau (CSV : « REPRISE »)", () => fixture(CSV), "RNCP19468", /La fiche RNCP19468 n'a pas de niveau CNCP/],
    [
      "fiche sans niveau (XML, son élément retiré)",
      () => made(XML, readFileSync(join(FIXTURES, XML), "utf8").replace(/<NOMENCLATURE_EUROPE>[\s\S]*?<\/NOMENCLATURE_EUROPE>\n/, "")),
      "RNCP37873",
      /La fiche RNCP37873 n'a pas de niveau CNCP/,
    ],
    ["fichier tronqué (XML)", () => made(XML, readFileSync(join(FIXTURES, XML)).subarray(0, 150_000)), "RNCP37873", /s'arrête avant sa fin.*tronqué/],
    ["fichier tronqué (zip)", () => made("export-fiches-csv-2024-02-22.zip", readFileSync(join(FIXTURES, CSV)).subarray(0, 3000)), "RNCP509", /s'arrête avant sa fin.*zip illisible/],
    ["date d'export absente du nom", () => made("extrait.xml", readFileSync(join(FIXTURES, XML))), "RNCP35959", /La date de l'export ne se lit pas dans le nom du fichier « extrait\.xml »/],
    ["numéro illisible", () => fixture(XML), "38596X", /« 38596X » n'est pas un numéro de fiche/],
  ];
  for (const [name, file, fiche, message] of cases) {
    it(name, async () => {
      const before = await rowCounts();
      const result = await importRncpFiche({ db, file: file(), fiche, actor: actor() });
      expect(result.status).toBe("invalid");
      if (result.status === "invalid") expect(result.errors.join("\n")).toMatch(message);
      expect(await rowCounts()).toEqual(before);
    });
  }
});

describe("un export plus récent de la même fiche", () => {
  it("devient une nouvelle version, que les formations qui la visent sont invitées à adopter ; un export plus ancien est refusé", async () => {
    // RNCP34826 was imported above from its export of 2021-05-04 (version 1).
    const { id } = await createProgramme({ db, schoolId, form: { title: "Conseiller ESF", diplomaType: "licence", level: 6, entryEcts: 120, semesters: 2, targets: ["rncp-34826"], description: "" } });
    const newer = await importRncpFiche({ db, file: fixture(HTML), fiche: "RNCP34826", exportDate: "2021-06-01", actor: actor() });
    expect(newer).toMatchObject({ status: "created", slug: "rncp-34826", version: 2 });
    const [pending] = await pendingUpgrades({ db, programme: (await getProgramme({ db, schoolId, id }))! });
    expect(pending).toMatchObject({ sheetSlug: "rncp-34826", fromVersion: 1, toVersion: 2 });
    expect(pending.diff.removed).toEqual([]);

    const before = await rowCounts();
    const older = await importRncpFiche({ db, file: fixture(HTML), fiche: "RNCP34826", exportDate: "2021-05-01", actor: actor() });
    expect(older).toEqual({ status: "invalid", errors: ["Cet export du 2021-05-01 est plus ancien que celui de la version 2 de la fiche (export du 2021-06-01)."] });
    expect(await rowCounts()).toEqual(before);
  });
});
