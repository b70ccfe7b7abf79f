/**
 * An RNCP fiche, as read from France compétences' open-data exports (the XML export, v4.1 or
 * older, or the CSV export's zip), becomes a reference sheet of kind "certification"
 * (decision 051): slug `rncp-<number>`, its level, certifiers and codes, each bloc a group
 * of requirements under its own code, each listed competence a requirement `<bloc>.<n>`
 * (the bloc itself when the export gives no list, as the CSV export never does). Every item
 * keeps the file, the fiche number, the export's date, the element and the exact text it was
 * cut from. Pure: the readers (app/utils/rncp-export.server.ts) hand a fiche in, a sheet or
 * the reasons for refusing it come out.
 */
import type { CertificationData, ReferenceSheetData, Requirement, Source } from "./reference-data";
import { splitCompetences, type GuessReason } from "./rncp-text";
import { renderSentence, sentence, type Language, type Sentence } from "./sentences";

export type CodeLabel = { code: string; label: string | null };

/** A fiche as both exports give it; a field the export omits is null or empty. */
export type RncpFiche = {
  number: string;
  title: string | null;
  abbreviation: CodeLabel | null;
  level: { code: string | null; label: string | null };
  certifiers: { name: string; siret: string | null }[];
  nsf: CodeLabel[];
  formacodes: CodeLabel[];
  romes: CodeLabel[];
  activities: string | null;
  capacities: string | null;
  blocs: { code: string; label: string; competences: string | null; assessment: string | null }[];
};

/** The parts of a fiche, each read from one file of the export (one XML file, or one CSV file each). */
export type FichePart = "standard" | "blocs" | "certifiers" | "nsf" | "formacodes" | "romes";

export type ExportInfo = {
  format: "xml" | "csv";
  /** VERSION_FLUX of an XML export. */
  formatVersion: string | null;
  /** YYYY-MM-DD. */
  exportDate: string;
  /** What the sheet names as its source file: the XML file, or the CSV export's zip. */
  sourceFile: string;
  /** The file each part of the fiche was read from. */
  files: Record<FichePart, string>;
};

/** Where each text sits in the export: element paths in the XML, column names in the CSV. */
const FIELDS = {
  xml: {
    title: "INTITULE",
    level: "NOMENCLATURE_EUROPE/NIVEAU",
    certifier: "CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR",
    nsf: "CODES_NSF/NSF",
    formacode: "FORMACODES/FORMACODE",
    rome: "CODES_ROME/ROME",
    activities: "ACTIVITES_VISEES",
    capacities: "CAPACITES_ATTESTEES",
    bloc: (code: string, child: string) => `BLOCS_COMPETENCES/BLOC_COMPETENCES[CODE=${code}]/${child}`,
  },
  csv: {
    title: "Intitule",
    level: "Nomenclature_Europe_Niveau",
    certifier: "Nom_Certificateur",
    nsf: "Nsf_Code",
    formacode: "Formacode_Code",
    rome: "Codes_Rome_Code",
    activities: "",
    capacities: "",
    bloc: (_code: string, child: string) => (child === "CODE" ? "Bloc_Competences_Code" : "Bloc_Competences_Libelle"),
  },
} as const;

/** The editorial reasons of the cuts that had to guess (data, in French like every sheet's). */
export const GUESS_REASONS: Record<GuessReason, string> = {
  joined_fragment:
    "Deux morceaux séparés par un blanc dans l'export ont été réunis : le second commence par une minuscule et le premier ne termine pas une phrase.",
  heading_colon: "Ligne terminée par « : » avant d'autres lignes : lue comme un intertitre de la liste, gardée pour mémoire et non requise.",
  heading_bold: "Ligne entièrement en gras dans l'export : lue comme un intertitre de la liste, gardée pour mémoire et non requise.",
  heading_numbering: "Numéro repris par les lignes suivantes (1.1 avant 1.1.1) : lu comme un intertitre de la liste, gardé pour mémoire et non requis.",
  unbulleted: "Ligne sans puce dans une liste à puces : gardée comme compétence, à vérifier (ce peut être une remarque).",
};

/** CNCP level of an export's NIVx; null for REPRISE, AUCUN or nothing. */
export function levelFromCode(code: string | null): number | null {
  const match = /^NIV([1-8])$/i.exec(code?.trim() ?? "");
  return match ? Number(match[1]) : null;
}

/** RNCP38596 from « RNCP38596 », « rncp 38596 » or « 38596 »; null when it is not a fiche number. */
export function normaliseFicheNumber(input: string): string | null {
  const match = /^\s*(RNCP|RS)?\s*(\d{1,6})\s*$/i.exec(input);
  if (!match) return null;
  return `${(match[1] ?? "RNCP").toUpperCase()}${Number(match[2])}`;
}

/**
 * The export's date from France compétences' file names: export_fiches_RNCP_V4_1_2026-08-16.xml,
 * export-fiches-rncp-v4-1-2026-08-16.zip, export_fiches_CSV_Standard_2024_02_22.csv; null when
 * the name carries none.
 */
export function exportDateFromName(name: string): string | null {
  const match = /(?:^|[^\d])(20\d\d)[-_](\d\d)[-_](\d\d)(?:[^\d]|$)/.exec(name);
  if (!match) return null;
  const [, year, month, day] = match;
  const date = `${year}-${month}-${day}`;
  return Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || Number(month) > 12 || Number(day) > 31 ? null : date;
}

export type FicheRefusal = Sentence;
export type FicheToSheet = { ok: true; data: ReferenceSheetData } | { ok: false; errors: Sentence[] };

/** Why a fiche cannot become a certification to cover, or nothing when it can. */
export function ficheRefusals(fiche: RncpFiche): Sentence[] {
  if (/^RS/i.test(fiche.number)) return [sentence("rncp.rs_fiche", { fiche: fiche.number })];
  const errors: Sentence[] = [];
  if (levelFromCode(fiche.level.code) === null) errors.push(sentence("rncp.no_level", { fiche: fiche.number, level: fiche.level.label ?? fiche.level.code ?? "—" }));
  if (fiche.blocs.length === 0) errors.push(sentence("rncp.no_blocs", { fiche: fiche.number }));
  if (!fiche.title?.trim()) errors.push(sentence("rncp.no_title", { fiche: fiche.number }));
  if (fiche.certifiers.length === 0) errors.push(sentence("rncp.no_certifier", { fiche: fiche.number }));
  return errors;
}

/** The sheet of a fiche, or the reasons it is refused (nothing is half made). */
export function ficheToSheet(fiche: RncpFiche, info: ExportInfo): FicheToSheet {
  const refusals = ficheRefusals(fiche);
  if (refusals.length) return { ok: false, errors: refusals };
  const fields = FIELDS[info.format];
  const source = (part: FichePart, quote: string, field: string): Source => ({
    file: info.files[part],
    quote,
    fiche: fiche.number,
    exportDate: info.exportDate,
    ...(field ? { field } : {}),
  });
  const level = levelFromCode(fiche.level.code)!;
  const title = fiche.title!.trim();
  const blocs: CertificationData["blocs"] = [];
  const requirements: Requirement[] = [];
  const errors: Sentence[] = [];
  // Blocs in the order of their codes: the exports do not sort them (the CSV export never does).
  const sorted = [...fiche.blocs].sort((a, b) => a.code.localeCompare(b.code, "fr", { numeric: true }));
  for (const raw of sorted) {
    const code = blocCode(fiche.number, raw.code);
    if (!code) {
      errors.push(sentence("rncp.bloc_code", { fiche: fiche.number, code: raw.code }));
      continue;
    }
    const renamed = code !== raw.code.trim();
    const label = raw.label.trim() || code;
    const group = `${code} · ${label}`;
    blocs.push({
      code,
      label,
      source: source("blocs", raw.label.trim() || raw.code, fields.bloc(raw.code, "LIBELLE")),
      competences: raw.competences?.trim() ? { text: raw.competences, source: source("blocs", raw.competences, fields.bloc(raw.code, "LISTE_COMPETENCES")) } : null,
      assessment: raw.assessment?.trim() ? { text: raw.assessment, source: source("blocs", raw.assessment, fields.bloc(raw.code, "MODALITES_EVALUATION")) } : null,
      ...(renamed ? { editorial: true, editorialReason: `Code « ${raw.code} » de l'export complété en ${code} (numéro de la fiche + BC + rang).` } : {}),
    });
    const cut = raw.competences?.trim() ? splitCompetences(raw.competences).items : [];
    if (cut.length === 0) {
      requirements.push(competence({ code, label, group, source: source("blocs", raw.label.trim() || raw.code, fields.bloc(raw.code, "LIBELLE")), required: true }));
      continue;
    }
    cut.forEach((item, index) => {
      requirements.push(
        competence({
          code: `${code}.${index + 1}`,
          label: item.label,
          group,
          required: !item.heading,
          source: source("blocs", item.quote, fields.bloc(raw.code, "LISTE_COMPETENCES")),
          editorialReason: item.guess ? GUESS_REASONS[item.guess] : undefined,
        }),
      );
    });
  }
  if (errors.length) return { ok: false, errors };

  const certifiers = fiche.certifiers.map((c) => ({ name: c.name.trim(), siret: c.siret?.trim() || null, source: source("certifiers", c.name.trim(), fields.certifier) }));
  const certifierNames = [...new Set(certifiers.map((c) => c.name))];
  const codes = (part: FichePart, list: CodeLabel[], field: string) =>
    list.map((entry) => ({ code: entry.code.trim(), label: entry.label?.trim() || null, source: source(part, entry.label?.trim() || entry.code.trim(), field) }));
  const longText = (text: string | null, field: string) => (text?.trim() ? { text, source: source("standard", text, field) } : null);

  const data: ReferenceSheetData = {
    slug: `rncp-${fiche.number.slice(4)}`,
    kind: "certification",
    title,
    titleSource: source("standard", title, fields.title),
    alternativeTitles: [],
    publisher: {
      name: certifierNames.join(" ; "),
      source: certifiers[0].source,
      ...(certifierNames.length > 1 ? { editorial: true, editorialReason: "Plusieurs certificateurs : leurs noms sont réunis ici, chacun est cité à part dans la fiche." } : {}),
    },
    sourceFile: info.sourceFile,
    romeCodes: fiche.romes
      .filter((rome) => /^[A-N]\d{4}$/.test(rome.code.trim()))
      .map((rome) => ({ code: rome.code.trim(), ...(rome.label ? { label: rome.label.trim() } : {}), source: source("romes", rome.label?.trim() || rome.code.trim(), fields.rome) })),
    cncp: { min: level, max: level, source: source("standard", fiche.level.code!.trim(), fields.level) },
    experience: null,
    requirements,
    certification: {
      number: fiche.number,
      exportFormat: info.format,
      exportDate: info.exportDate,
      formatVersion: info.formatVersion,
      level: { code: fiche.level.code!.trim(), label: fiche.level.label?.trim() || null, source: source("standard", fiche.level.code!.trim(), fields.level) },
      abbreviation: fiche.abbreviation ? { code: fiche.abbreviation.code.trim(), label: fiche.abbreviation.label?.trim() || null } : null,
      certifiers,
      nsf: codes("nsf", fiche.nsf, fields.nsf),
      formacodes: codes("formacodes", fiche.formacodes, fields.formacode),
      activities: longText(fiche.activities, fields.activities),
      capacities: longText(fiche.capacities, fields.capacities),
      blocs,
    },
  };
  return { ok: true, data };
}

function competence(input: { code: string; label: string; group: string; source: Source; required: boolean; editorialReason?: string }): Requirement {
  return {
    kind: "competence",
    code: input.code,
    label: input.label,
    required: input.required,
    requiredDepth: null,
    source: input.source,
    editorial: Boolean(input.editorialReason),
    ...(input.editorialReason ? { editorialReason: input.editorialReason } : {}),
    group: input.group,
    activity: null,
    subActivities: [],
    subCompetences: [],
    keywords: [],
  };
}

/** A bloc's code as RNCP38596BC02: as written, or completed from a bare rank (« 01 »); null otherwise. */
function blocCode(number: string, raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (/^RNCP\d{2,6}BC\d{2}$/.test(code)) return code;
  const rank = /^(?:BC)?(\d{1,2})$/.exec(code);
  return rank ? `${number}BC${rank[1].padStart(2, "0")}` : null;
}

/** The refusals written in a language. */
export function refusalTexts(errors: readonly Sentence[], language: Language): string[] {
  return errors.map((error) => renderSentence(error, language));
}

/** One line of the list a person picks a fiche from: number, title, level and certifiers. */
export type CatalogueEntry = { number: string; title: string; level: number | null; certifiers: string[]; blocs: number };

/** Catalogue entries matching every word of a search (accents and case aside), or the number. */
export function searchCatalogue<T extends CatalogueEntry>(entries: readonly T[], query: string, limit = 50): T[] {
  const fold = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const number = normaliseFicheNumber(query);
  if (number) {
    const exact = entries.filter((entry) => entry.number === number);
    if (exact.length) return exact.slice(0, limit);
  }
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const found: T[] = [];
  for (const entry of entries) {
    const text = fold(`${entry.number} ${entry.title} ${entry.certifiers.join(" ")}`);
    if (words.every((word) => text.includes(word))) found.push(entry);
    if (found.length >= limit) break;
  }
  return found;
}
