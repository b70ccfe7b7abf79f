/**
 * Reading France compétences' RNCP exports from a file on disk, as a stream: the XML export
 * (v4.1 or older, bare or in its zip; the national file is about 0.5 GB) with saxes, and the
 * CSV export's zip with yauzl (docs/decisions/052). Only one fiche is held in memory at a time,
 * so memory stays bounded whatever the file's size; the whole file is always read, so that a
 * truncated file is refused even when the fiche sits before the cut.
 * The fiche read here is turned into a sheet by the pure app/domain/rncp-fiche.ts.
 */
import { createReadStream } from "node:fs";
import { open as openFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { SaxesParser } from "saxes";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { parseCsv } from "~/domain/csv";
import { exportDateFromName, levelFromCode, type CatalogueEntry, type ExportInfo, type FichePart, type RncpFiche } from "~/domain/rncp-fiche";
import { sentence, type Sentence } from "~/domain/sentences";

/** An uploaded export, written to disk: its path, the name it was sent under and its size. */
export type ExportFile = { path: string; name: string; size: number };
/** Bytes of the export read so far, out of its total (the XML's uncompressed size in a zip). */
export type Progress = (read: number, total: number) => void;
export type Outcome<T> = ({ ok: true } & T) | { ok: false; errors: Sentence[] };

/** Stops the reading with a message for the person (not a fault of the app). */
class ExportError extends Error {
  constructor(readonly said: Sentence) {
    super(said.key);
  }
}
const notExport = (reason: string) => new ExportError(sentence("rncp.not_export", { reason }));

/* --------------------------------------------------------------------------- the file */

type Opened =
  | { kind: "xml"; name: string; total: number; stream: () => Promise<Readable>; close: () => void }
  | { kind: "csv"; name: string; zip: ZipFile; entries: Map<FichePart, { entry: Entry; name: string }>; close: () => void };

async function firstBytes(path: string, count: number): Promise<Buffer> {
  const handle = await openFile(path, "r");
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A zip entry's name: UTF-8 (flagged or not, as France compétences' CSV zip leaves it), in NFC. */
function entryName(entry: Entry): string {
  const raw = entry.fileNameRaw ?? Buffer.from(String(entry.fileName));
  let name: string;
  try {
    name = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    name = raw.toString("latin1");
  }
  return name.normalize("NFC");
}

/** A name folded for matching: no accents, lower case. */
const fold = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

const CSV_PARTS: { part: FichePart; prefix: string }[] = [
  { part: "standard", prefix: "export_fiches_csv_standard" },
  { part: "blocs", prefix: "export_fiches_csv_blocs_de_comp" },
  { part: "certifiers", prefix: "export_fiches_csv_certificateurs" },
  { part: "nsf", prefix: "export_fiches_csv_nsf" },
  { part: "formacodes", prefix: "export_fiches_csv_formacode" },
  { part: "romes", prefix: "export_fiches_csv_rome" },
];

async function openExport(file: ExportFile): Promise<Opened> {
  const head = await firstBytes(file.path, 512);
  if (head.length === 0) throw notExport("le fichier est vide");
  if (head[0] === 0x50 && head[1] === 0x4b) return openZip(file);
  const text = head.toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (!text.startsWith("<")) throw notExport("ni XML ni zip");
  return { kind: "xml", name: file.name, total: file.size, stream: async () => createReadStream(file.path), close: () => {} };
}

async function openZip(file: ExportFile): Promise<Opened> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(file.path, { lazyEntries: true, decodeStrings: false, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    // A zip cut short loses its central directory, at its very end.
    throw new ExportError(sentence("rncp.truncated", { reason: `zip illisible : ${(error as Error).message}` }));
  }
  const close = () => zip.close();
  try {
    let xml: { entry: Entry; name: string } | null = null;
    const csv = new Map<FichePart, { entry: Entry; name: string }>();
    for await (const entry of zip.eachEntry()) {
      const name = entryName(entry);
      const folded = fold(name.split("/").pop() ?? name);
      if (!xml && folded.endsWith(".xml")) xml = { entry, name: name.split("/").pop()! };
      for (const { part, prefix } of CSV_PARTS) if (folded.startsWith(prefix) && folded.endsWith(".csv") && !csv.has(part)) csv.set(part, { entry, name: name.split("/").pop()! });
    }
    if (xml) {
      const found = xml;
      return {
        kind: "xml",
        name: found.name,
        total: found.entry.uncompressedSize,
        stream: () => zip.openReadStreamPromise(found.entry),
        close,
      };
    }
    if (csv.has("standard") && csv.has("blocs")) return { kind: "csv", name: file.name, zip, entries: csv, close };
    throw notExport("le zip ne contient ni fichier XML ni les fichiers CSV « Standard » et « Blocs_De_Compétences »");
  } catch (error) {
    close();
    if (error instanceof ExportError) throw error;
    throw new ExportError(sentence("rncp.truncated", { reason: `zip illisible : ${(error as Error).message}` }));
  }
}

/* ------------------------------------------------------------------------------- XML */

type XmlHandlers = {
  /** Only these fiches are read in full; null: every fiche, its number, title, level and certifiers only (the list to search). */
  wanted: string | null;
  onFiche: (fiche: RncpFiche, blocs: number) => void;
};

const LABELS = new Set(["LIBELLE", "INTITULE"]);
/** The elements a list entry needs, by their path under FICHE. */
const LISTED = new Set(["NUMERO_FICHE", "INTITULE", "NOMENCLATURE_EUROPE/NIVEAU", "CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR"]);
/** The elements a sheet needs, by their path under FICHE (labels as LIBELLE, or INTITULE in older exports). */
const READ = new Set([
  ...LISTED,
  "ACTIVITES_VISEES",
  "CAPACITES_ATTESTEES",
  ...["ABREGE", "NOMENCLATURE_EUROPE", "CODES_NSF/NSF", "FORMACODES/FORMACODE", "CODES_ROME/ROME"].flatMap((parent) => ["CODE", "LIBELLE", "INTITULE"].map((child) => `${parent}/${child}`)),
  "CERTIFICATEURS/CERTIFICATEUR/SIRET_CERTIFICATEUR",
  ...["CODE", "LIBELLE", "LISTE_COMPETENCES", "MODALITES_EVALUATION"].map((child) => `BLOCS_COMPETENCES/BLOC_COMPETENCES/${child}`),
]);

/** A fresh fiche record, filled as its elements close. */
function emptyFiche(): RncpFiche {
  return { number: "", title: null, abbreviation: null, level: { code: null, label: null }, certifiers: [], nsf: [], formacodes: [], romes: [], activities: null, capacities: null, blocs: [] };
}

/**
 * A string of its own: the parser's texts are slices of the chunk they were read in, and a
 * slice kept keeps its whole chunk alive (the list of 25,000 fiches would hold the file).
 */
const own = (text: string) => Buffer.from(text, "utf8").toString("utf8");

/**
 * Streams the XML export: every FICHE is handed over as it closes, with the texts it needs
 * only (the others are not even gathered). Refuses a file whose root is not FICHES (not an
 * export) and one that ends inside an element (truncated).
 */
async function readXml(opened: Extract<Opened, { kind: "xml" }>, handlers: XmlHandlers, onProgress?: Progress): Promise<{ formatVersion: string | null }> {
  const parser = new SaxesParser({ position: false });
  const names: string[] = [];
  /** The path of each open element under FICHE ("" above it). */
  const paths: string[] = [];
  let text = "";
  let capturing = false;
  let fiche: RncpFiche | null = null;
  let skipping = false;
  let blocCount = 0;
  let formatVersion: string | null = null;
  let failure: Error | null = null;
  let sawRoot = false;
  const needed = handlers.wanted === null ? LISTED : READ;
  const last = <T>(list: T[]) => list[list.length - 1];

  parser.on("error", (error) => {
    failure ??= error;
  });
  parser.on("opentag", (tag) => {
    const name = tag.name;
    if (!sawRoot) {
      sawRoot = true;
      if (name !== "FICHES") throw notExport(`l'élément racine est <${name}>, pas <FICHES>`);
    }
    const depth = names.push(name);
    const parent = paths.length ? paths[paths.length - 1] : "";
    const path = depth <= 2 ? "" : parent ? `${parent}/${name}` : name;
    paths.push(path);
    text = "";
    if (depth === 2 && name === "FICHE") {
      fiche = emptyFiche();
      skipping = false;
      blocCount = 0;
      capturing = false;
      return;
    }
    capturing = depth === 2 ? name === "VERSION_FLUX" : fiche !== null && !skipping && needed.has(path);
    if (!fiche || skipping) {
      if (fiche && path === "BLOCS_COMPETENCES/BLOC_COMPETENCES") blocCount++;
      return;
    }
    if (path === "CERTIFICATEURS/CERTIFICATEUR") fiche.certifiers.push({ name: "", siret: null });
    else if (path === "CODES_NSF/NSF") fiche.nsf.push({ code: "", label: null });
    else if (path === "FORMACODES/FORMACODE") fiche.formacodes.push({ code: "", label: null });
    else if (path === "CODES_ROME/ROME") fiche.romes.push({ code: "", label: null });
    else if (path === "ABREGE") fiche.abbreviation = { code: "", label: null };
    else if (path === "BLOCS_COMPETENCES/BLOC_COMPETENCES") {
      fiche.blocs.push({ code: "", label: "", competences: null, assessment: null });
      blocCount++;
    }
  });
  const addText = (chunk: string) => {
    if (capturing) text += chunk;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", (tag) => {
    const path = paths.pop()!;
    names.pop();
    const value = capturing ? own(text) : "";
    capturing = false;
    text = "";
    if (names.length === 1 && tag.name === "VERSION_FLUX") formatVersion = value.trim() || null;
    if (!fiche) return;
    if (names.length === 1 && tag.name === "FICHE") {
      if (!skipping) handlers.onFiche(fiche, blocCount);
      else handlers.onFiche({ ...emptyFiche(), number: fiche.number }, blocCount);
      fiche = null;
      return;
    }
    if (skipping || !needed.has(path)) return;
    const [first, second, third] = path.split("/");
    if (path === "NUMERO_FICHE") {
      fiche.number = value.trim().toUpperCase();
      // Another fiche than the one wanted: its texts are not gathered.
      skipping = handlers.wanted !== null && fiche.number !== handlers.wanted;
    } else if (path === "INTITULE") fiche.title = value.trim();
    else if (path === "ACTIVITES_VISEES") fiche.activities = value;
    else if (path === "CAPACITES_ATTESTEES") fiche.capacities = value;
    else if (first === "ABREGE" && fiche.abbreviation && second === "CODE") fiche.abbreviation.code = value.trim();
    else if (first === "ABREGE" && fiche.abbreviation && LABELS.has(second)) fiche.abbreviation.label = value.trim();
    else if (first === "NOMENCLATURE_EUROPE" && second === "NIVEAU") fiche.level.code = value.trim();
    else if (first === "NOMENCLATURE_EUROPE" && LABELS.has(second)) fiche.level.label = value.trim();
    else if (path === "CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR") last(fiche.certifiers).name = value.trim();
    else if (path === "CERTIFICATEURS/CERTIFICATEUR/SIRET_CERTIFICATEUR") last(fiche.certifiers).siret = value.trim();
    else if (first === "CODES_NSF" || first === "FORMACODES" || first === "CODES_ROME") {
      const list = first === "CODES_NSF" ? fiche.nsf : first === "FORMACODES" ? fiche.formacodes : fiche.romes;
      if (third === "CODE") last(list).code = value.trim();
      else if (LABELS.has(third)) last(list).label = value.trim();
    } else if (first === "BLOCS_COMPETENCES") {
      const bloc = last(fiche.blocs);
      if (third === "CODE") bloc.code = value.trim();
      else if (third === "LIBELLE") bloc.label = value.trim();
      else if (third === "LISTE_COMPETENCES") bloc.competences = value;
      else if (third === "MODALITES_EVALUATION") bloc.assessment = value;
    }
  });

  const decoder = new TextDecoder("utf-8");
  const stream = await opened.stream();
  let read = 0;
  let reported = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      parser.write(decoder.decode(chunk, { stream: true }));
      if (failure) break;
      if (onProgress && read - reported >= opened.total / 200) {
        reported = read;
        onProgress(read, opened.total);
      }
    }
    if (!failure) {
      parser.write(decoder.decode());
      parser.close();
    }
  } catch (error) {
    if (error instanceof ExportError) throw error;
    failure ??= error as Error;
  } finally {
    stream.destroy();
  }
  if (failure) {
    if (!sawRoot) throw notExport("ce n'est pas un document XML");
    const inside = names.length ? ` à l'intérieur de <${names[names.length - 1]}>` : "";
    throw new ExportError(sentence("rncp.truncated", { reason: `XML interrompu après ${read} octets lus${inside}` }));
  }
  if (!sawRoot) throw notExport("ce n'est pas un document XML");
  onProgress?.(opened.total, opened.total);
  return { formatVersion };
}

/* ------------------------------------------------------------------------------- CSV */

/** The CSV parts are read whole, one at a time: the national export's are a few dozen MB. */
const MAX_CSV_PART_BYTES = 256 * 1024 * 1024;

async function readEntryText(zip: ZipFile, entry: Entry): Promise<string> {
  // yauzl checks that the data inflates to the size the zip declares (validateEntrySizes).
  if (entry.uncompressedSize > MAX_CSV_PART_BYTES) throw notExport(`un fichier CSV du zip dépasse ${MAX_CSV_PART_BYTES / 1024 / 1024} Mo`);
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** The rows of one CSV part as records by column name (BOM, TAB before SIRETs and '' cleaned). */
async function csvRecords(opened: Extract<Opened, { kind: "csv" }>, part: FichePart): Promise<Record<string, string>[]> {
  const found = opened.entries.get(part);
  if (!found) return [];
  const rows = parseCsv(await readEntryText(opened.zip, found.entry), ";");
  const header = (rows.shift() ?? []).map((name) => name.trim());
  return rows
    .filter((row) => row.some((cell) => cell !== ""))
    .map((row) => Object.fromEntries(header.map((name, i) => [name, (row[i] ?? "").replace(/^\t+/, "").trim()])));
}

const byFiche = (records: Record<string, string>[], number: string) => records.filter((r) => (r.Numero_Fiche ?? "").toUpperCase() === number);

async function readCsvFiche(opened: Extract<Opened, { kind: "csv" }>, number: string, onProgress?: Progress): Promise<{ fiche: RncpFiche | null; count: number }> {
  const parts: FichePart[] = ["standard", "blocs", "certifiers", "nsf", "formacodes", "romes"];
  const records = new Map<FichePart, Record<string, string>[]>();
  for (const [index, part] of parts.entries()) {
    records.set(part, await csvRecords(opened, part));
    onProgress?.(index + 1, parts.length);
  }
  const standard = records.get("standard")!;
  const rows = byFiche(standard, number);
  if (rows.length > 1) throw new ExportError(sentence("rncp.duplicate", { fiche: number }));
  const row = rows[0];
  if (!row) return { fiche: null, count: standard.length };
  const codes = (part: FichePart, code: string, label: string) =>
    byFiche(records.get(part)!, number).map((r) => ({ code: r[code] ?? "", label: stripCodePrefix(r[code] ?? "", (r[label] ?? "").replace(/''/g, "'")) || null }));
  return {
    count: standard.length,
    fiche: {
      number,
      title: row.Intitule ?? null,
      abbreviation: row.Abrege_Libelle ? { code: row.Abrege_Libelle, label: row.Abrege_Intitule || null } : null,
      level: { code: row.Nomenclature_Europe_Niveau || null, label: row.Nomenclature_Europe_Intitule || null },
      certifiers: byFiche(records.get("certifiers")!, number).map((r) => ({ name: r.Nom_Certificateur ?? "", siret: r.Siret_Certificateur || null })).filter((c) => c.name),
      nsf: codes("nsf", "Nsf_Code", "Nsf_Intitule"),
      formacodes: codes("formacodes", "Formacode_Code", "Formacode_Libelle"),
      romes: codes("romes", "Codes_Rome_Code", "Codes_Rome_Libelle"),
      activities: null,
      capacities: null,
      blocs: byFiche(records.get("blocs")!, number)
        .map((r) => ({ code: r.Bloc_Competences_Code ?? "", label: r.Bloc_Competences_Libelle ?? "", competences: null, assessment: null }))
        .sort((a, b) => a.code.localeCompare(b.code, "fr", { numeric: true })),
    },
  };
}

/** « 326t : Programmation… » → « Programmation… » (the CSV export prefixes some labels with their code). */
function stripCodePrefix(code: string, label: string): string {
  return code && label.startsWith(`${code} : `) ? label.slice(code.length + 3) : label;
}

/* ------------------------------------------------------------------------------ API */

function exportDate(names: string[], given: string | undefined): string | null {
  for (const name of names) {
    const date = exportDateFromName(name);
    if (date) return date;
  }
  return given && /^\d{4}-\d{2}-\d{2}$/.test(given) && !Number.isNaN(Date.parse(given)) ? given : null;
}

async function guarded<T>(run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ExportError) return { ok: false, errors: [error.said] };
    throw error;
  }
}

/** Every fiche of an export, for the search box: number, title, level, certifiers and how many blocs. */
export type ExportCatalogue = { format: "xml" | "csv"; exportDate: string | null; fileName: string; fiches: CatalogueEntry[] };

export async function scanRncpExport(file: ExportFile, onProgress?: Progress): Promise<Outcome<ExportCatalogue>> {
  return guarded<ExportCatalogue>(async () => {
    const opened = await openExport(file);
    try {
      const fiches: CatalogueEntry[] = [];
      if (opened.kind === "xml") {
        await readXml(opened, { wanted: null, onFiche: (f, blocs) => fiches.push({ number: f.number, title: f.title ?? "", level: levelFromCode(f.level.code), certifiers: f.certifiers.map((c) => c.name), blocs }) }, onProgress);
        return { ok: true, format: "xml" as const, exportDate: exportDate([opened.name, file.name], undefined), fileName: opened.name, fiches };
      }
      const standard = await csvRecords(opened, "standard");
      onProgress?.(1, 3);
      const certifiers = new Map<string, string[]>();
      for (const r of await csvRecords(opened, "certifiers")) certifiers.set(r.Numero_Fiche, [...(certifiers.get(r.Numero_Fiche) ?? []), r.Nom_Certificateur]);
      onProgress?.(2, 3);
      const blocs = new Map<string, number>();
      for (const r of await csvRecords(opened, "blocs")) blocs.set(r.Numero_Fiche, (blocs.get(r.Numero_Fiche) ?? 0) + 1);
      onProgress?.(3, 3);
      for (const r of standard) {
        fiches.push({ number: r.Numero_Fiche.toUpperCase(), title: r.Intitule ?? "", level: levelFromCode(r.Nomenclature_Europe_Niveau || null), certifiers: certifiers.get(r.Numero_Fiche) ?? [], blocs: blocs.get(r.Numero_Fiche) ?? 0 });
      }
      const names = [opened.entries.get("standard")!.name, file.name];
      return { ok: true, format: "csv" as const, exportDate: exportDate(names, undefined), fileName: file.name, fiches };
    } finally {
      opened.close();
    }
  });
}

export type ReadFiche = { fiche: RncpFiche; info: ExportInfo };

/**
 * One fiche of an export, with what its sheet must say of the export (file names, date,
 * format). Refused when the file is not an export, is cut short, lacks the fiche or the date.
 */
export async function readRncpFiche(file: ExportFile, number: string, options: { exportDate?: string; onProgress?: Progress } = {}): Promise<Outcome<ReadFiche>> {
  return guarded<ReadFiche>(async () => {
    const opened = await openExport(file);
    try {
      if (opened.kind === "xml") {
        let found = null as RncpFiche | null;
        let count = 0;
        let twice = false;
        const { formatVersion } = await readXml(
          opened,
          {
            wanted: number,
            onFiche: (fiche) => {
              count++;
              if (fiche.number !== number) return;
              if (found) twice = true;
              found = fiche;
            },
          },
          options.onProgress,
        );
        if (twice) return { ok: false, errors: [sentence("rncp.duplicate", { fiche: number })] };
        if (!found) return { ok: false, errors: [sentence("rncp.not_found", { fiche: number, count })] };
        const date = exportDate([opened.name, file.name], options.exportDate);
        if (!date) return { ok: false, errors: [sentence("rncp.no_date", { file: opened.name })] };
        const files = Object.fromEntries(CSV_PARTS.map(({ part }) => [part, opened.name])) as Record<FichePart, string>;
        return { ok: true, fiche: found as RncpFiche, info: { format: "xml", formatVersion, exportDate: date, sourceFile: opened.name, files } };
      }
      const { fiche, count } = await readCsvFiche(opened, number, options.onProgress);
      if (!fiche) return { ok: false, errors: [sentence("rncp.not_found", { fiche: number, count })] };
      const date = exportDate([opened.entries.get("standard")!.name, file.name], options.exportDate);
      if (!date) return { ok: false, errors: [sentence("rncp.no_date", { file: file.name })] };
      const files = Object.fromEntries(CSV_PARTS.map(({ part }) => [part, opened.entries.get(part)?.name ?? file.name])) as Record<FichePart, string>;
      return { ok: true, fiche, info: { format: "csv", formatVersion: null, exportDate: date, sourceFile: file.name, files } };
    } finally {
      opened.close();
    }
  });
}
