/**
 * Moving reference sheets in and out of Maquette: our own JSON (the data file format of
 * docs/reference-data-format.md), a CASE 1.1 CFPackage (1EdTech Competencies and Academic
 * Standards Exchange) and a Moodle competency-framework CSV; and reading our JSON or a CASE
 * package back into a validated sheet, with messages that name the line, column or field at
 * fault. The CASE mapping is explained in docs/decisions/010-case-mapping.md.
 * Pure: text and data in, text and data out (hashing for name-based UUIDs only).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import {
  canonicalJson,
  DEPTH_LABELS,
  knowledgeCodeFromName,
  referenceSheetSchema,
  type ReferenceSheetData,
  type Requirement,
  type SubItem,
  type TransversalFramework,
} from "~/domain/reference-data";
import { findJsonSyntaxError } from "~/domain/json-syntax";
import { frenchText, renderSentence, translateText, type Language } from "~/domain/sentences";
import { formatZodIssues } from "~/domain/validation";
import { toCsv } from "./csv";

/* ------------------------------------------------------------------ our JSON */

/** The sheet exactly as the data files hold it (keys sorted, as stored), indented. */
export function exportSheetJson(data: ReferenceSheetData): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(data)), null, 2)}\n`;
}

/* ------------------------------------------------------------ name-based UUIDs */

/** Maquette's namespace for name-based (version 5) UUIDs. Never change it: ids would move. */
export const MAQUETTE_UUID_NAMESPACE = "0b7a4d1e-5f62-4c38-9a1d-6e2f8c4b7a90";

/** RFC 4122 version 5 UUID (SHA-1 of namespace + name). */
export function uuidV5(name: string, namespace: string = MAQUETTE_UUID_NAMESPACE): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/* ----------------------------------------------------------------------- CASE */

export const CASE_ITEM_TYPES = {
  group: "Groupe",
  competence: "Compétence",
  knowledge: "Domaine de connaissances",
  transversal: "Ressource transverse",
  activity: "Activité",
  subActivity: "Sous-activité",
  subCompetence: "Sous-compétence",
  keyword: "Mot-clé",
} as const;

type SubRole = "activity" | "subActivity" | "subCompetence" | "keyword";
const SUB_ROLES: { role: SubRole; key: "subActivities" | "subCompetences" | "keywords" | "activity" }[] = [
  { role: "activity", key: "activity" },
  { role: "subActivity", key: "subActivities" },
  { role: "subCompetence", key: "subCompetences" },
  { role: "keyword", key: "keywords" },
];

type NodeRef = { title: string; identifier: string; uri: string };
export type CaseItem = {
  identifier: string;
  uri: string;
  fullStatement: string;
  humanCodingScheme?: string;
  CFItemType: string;
  CFDocumentURI: NodeRef;
  language: string;
  lastChangeDateTime: string;
  notes?: string;
  extensions: { maquette: Record<string, unknown> };
};
export type CaseAssociation = {
  identifier: string;
  uri: string;
  associationType: "isChildOf";
  sequenceNumber: number;
  originNodeURI: NodeRef;
  destinationNodeURI: NodeRef;
  CFDocumentURI: NodeRef;
  lastChangeDateTime: string;
};
export type CasePackage = {
  CFDocument: Record<string, unknown> & { identifier: string; title: string; extensions: { maquette: Record<string, unknown> } };
  CFItems: CaseItem[];
  CFAssociations: CaseAssociation[];
  CFDefinitions: { CFItemTypes: Record<string, unknown>[] };
};

const uri = (identifier: string) => `urn:uuid:${identifier}`;
const ref = (title: string, identifier: string): NodeRef => ({ title, identifier, uri: uri(identifier) });

/**
 * The sheet as a CASE 1.1 CFPackage. Every item is a CFItem linked by `isChildOf` to its
 * parent (the document, a group heading, or the competence of a sub-item); identifiers are
 * version-5 UUIDs of the slug and code, so the same item keeps its identifier from one
 * version to the next. `extensions.maquette` carries every field needed to rebuild the sheet.
 */
export function exportSheetCase(data: ReferenceSheetData, meta: { version: number; changedAt: string }): CasePackage {
  const { slug } = data;
  const at = meta.changedAt;
  const docId = uuidV5(slug);
  const docRef = ref(data.title, docId);
  const items: CaseItem[] = [];
  const associations: CaseAssociation[] = [];
  const sequence = new Map<string, number>();

  const link = (child: NodeRef, parent: NodeRef) => {
    const next = (sequence.get(parent.identifier) ?? 0) + 1;
    sequence.set(parent.identifier, next);
    const identifier = uuidV5(`${slug}|isChildOf|${child.identifier}|${parent.identifier}`);
    associations.push({
      identifier,
      uri: uri(identifier),
      associationType: "isChildOf",
      sequenceNumber: next,
      originNodeURI: child,
      destinationNodeURI: parent,
      CFDocumentURI: docRef,
      lastChangeDateTime: at,
    });
  };
  const addItem = (
    name: string,
    fields: { statement: string; code?: string; type: string; notes?: string; maquette: Record<string, unknown> },
    parent: NodeRef,
  ): NodeRef => {
    const identifier = uuidV5(`${slug}|${name}`);
    items.push({
      identifier,
      uri: uri(identifier),
      fullStatement: fields.statement,
      ...(fields.code ? { humanCodingScheme: fields.code } : {}),
      CFItemType: fields.type,
      CFDocumentURI: docRef,
      language: "fr",
      lastChangeDateTime: at,
      ...(fields.notes ? { notes: fields.notes } : {}),
      extensions: { maquette: fields.maquette },
    });
    const node = ref(fields.statement, identifier);
    link(node, parent);
    return node;
  };

  const groups = new Map<string, NodeRef>();
  data.requirements.forEach((item, position) => {
    let parent = docRef;
    if (item.group) {
      const key = `${item.kind}|${item.group}`;
      if (!groups.has(key)) {
        groups.set(
          key,
          addItem(`groupe|${key}`, { statement: item.group, type: CASE_ITEM_TYPES.group, maquette: { role: "group", kind: item.kind, label: item.group } }, docRef),
        );
      }
      parent = groups.get(key)!;
    }
    const fields: Record<string, unknown> = { ...item };
    if (item.kind === "competence") for (const { key } of SUB_ROLES) delete fields[key];
    const node = addItem(
      item.code,
      {
        statement: item.label,
        code: item.code,
        type: CASE_ITEM_TYPES[item.kind],
        notes: depthNote(item),
        maquette: { role: "requirement", position, ...fields },
      },
      parent,
    );
    if (item.kind !== "competence") return;
    for (const { role, key } of SUB_ROLES) {
      const subs: SubItem[] = key === "activity" ? (item.activity ? [item.activity] : []) : item[key];
      subs.forEach((sub, index) => {
        addItem(sub.code ?? `${item.code}|${role}|${index}`, {
          statement: sub.label,
          code: sub.code,
          type: CASE_ITEM_TYPES[role],
          maquette: { role, position: index, ...sub },
        }, node);
      });
    }
  });

  const { requirements: _requirements, ...header } = data;
  return {
    CFDocument: {
      identifier: docId,
      uri: uri(docId),
      creator: data.publisher.name,
      publisher: data.publisher.name,
      title: data.title,
      lastChangeDateTime: at,
      description: `Référentiel métier « ${data.title} » (${levelText(data)}), exporté de Maquette.`,
      language: "fr",
      version: String(meta.version),
      adoptionStatus: "Implemented",
      notes: `Source : ${data.sourceFile}`,
      CFPackageURI: ref(data.title, docId),
      extensions: { maquette: { format: "maquette-reference-sheet", formatVersion: 1, ...header } },
    },
    CFItems: items,
    CFAssociations: associations,
    CFDefinitions: {
      CFItemTypes: Object.values(CASE_ITEM_TYPES).map((title) => {
        const identifier = uuidV5(`CFItemType|${title}`);
        return { identifier, uri: uri(identifier), title, description: title, hierarchyCode: title, lastChangeDateTime: at };
      }),
    },
  };
}

/**
 * The sheet's CNCP range in words, saying when it is the transcription's inference and why
 * (French, as the exports' other texts): "niveaux CNCP 7 à 7 (choix éditorial : …)".
 */
export function levelText(data: Pick<ReferenceSheetData, "cncp">, lead = "niveaux"): string {
  const range = `${lead} CNCP ${data.cncp.min} à ${data.cncp.max}`;
  return data.cncp.editorial ? `${range} (choix éditorial : ${data.cncp.editorialReason ?? ""})` : range;
}

/** The depth a requirement asks for, in words (French, as on the sheet pages). */
export function depthText(item: Pick<Requirement, "required" | "requiredDepth">): string {
  if (!item.required) return "Non requis";
  if (item.requiredDepth === null) return "Profondeur non précisée";
  return `Profondeur requise : ${item.requiredDepth} (${DEPTH_LABELS[item.requiredDepth].fr})`;
}

function depthNote(item: Requirement): string {
  const parts = [depthText(item)];
  if (item.kind === "transversal" && item.depthDescriptor) parts.push(`Niveau attendu : ${item.depthDescriptor}`);
  if (item.editorial) parts.push(`Choix éditorial : ${item.editorialReason}`);
  return parts.join(". ");
}

/* --------------------------------------------------------------------- Moodle */

export const MOODLE_HEADER = [
  "Parent id number",
  "Id number",
  "Shortname",
  "Description",
  "Description format",
  "Scale values",
  "Scale configuration",
  "Rule type (optional)",
  "Rule outcome (optional)",
  "Rule config (optional)",
  "Cross referenced competency id numbers",
  "Exported id (optional)",
  "Is framework",
  "Taxonomy",
];
export const MOODLE_SCALE_VALUES = "Notions,Application,Maîtrise,Expertise";
/** Moodle's scale configuration: default "Notions", proficient from "Application". */
export const MOODLE_SCALE_CONFIGURATION = JSON.stringify([
  { scaleid: "" },
  { id: 1, scaledefault: 1, proficient: 0 },
  { id: 2, scaledefault: 0, proficient: 1 },
  { id: 3, scaledefault: 0, proficient: 1 },
  { id: 4, scaledefault: 0, proficient: 1 },
]);
const FORMAT_PLAIN = "2";
const SHORTNAME_MAX = 100;

/** Moodle keeps at most 100 characters of a short name; the full label is in the description. */
function shortname(text: string): string {
  return text.length <= SHORTNAME_MAX ? text : `${text.slice(0, SHORTNAME_MAX - 1)}…`;
}

/**
 * The sheet as a Moodle competency framework (Site administration > Competencies > Import
 * competency framework): one framework row, one row per requirement, and each competence's
 * sub-competences as its children. The required depth is stated in the description.
 */
export function exportSheetMoodle(data: ReferenceSheetData, meta: { version: number }): string {
  const row = (cells: Partial<Record<(typeof MOODLE_HEADER)[number], string>>) => MOODLE_HEADER.map((name) => cells[name] ?? "");
  const rows: string[][] = [
    row({
      "Id number": data.slug,
      Shortname: shortname(data.title),
      Description: [
        `${data.title} (version ${meta.version})`,
        `Éditeur : ${data.publisher.name}`,
        levelText(data, "Niveaux"),
        `Source : ${data.sourceFile}`,
      ].join("\n"),
      "Description format": FORMAT_PLAIN,
      "Scale values": MOODLE_SCALE_VALUES,
      "Scale configuration": MOODLE_SCALE_CONFIGURATION,
      "Is framework": "1",
      Taxonomy: "competency,skill",
    }),
  ];
  for (const item of data.requirements) {
    const lines = [item.label, depthText(item)];
    if (item.kind === "transversal" && item.depthDescriptor) lines.push(`Niveau attendu : ${item.depthDescriptor}`);
    if (item.kind === "knowledge" && (item.nsf || item.formacode)) lines.push(`NSF ${item.nsf ?? "-"}, Formacode ${item.formacode ?? "-"}`);
    if (item.editorial) lines.push(`Choix éditorial : ${item.editorialReason}`);
    lines.push(`Source (${item.source.file}) : « ${item.source.quote} »`);
    rows.push(row({ "Id number": item.code, Shortname: shortname(`${item.code} ${item.label}`), Description: lines.join("\n"), "Description format": FORMAT_PLAIN, "Is framework": "0" }));
    if (item.kind !== "competence") continue;
    item.subCompetences.forEach((sub, index) => {
      const code = sub.code ?? `${item.code}.${index + 1}`;
      rows.push(
        row({
          "Parent id number": item.code,
          "Id number": code,
          Shortname: shortname(`${code} ${sub.label}`),
          Description: `${sub.label}\nSource (${sub.source.file}) : « ${sub.source.quote} »`,
          "Description format": FORMAT_PLAIN,
          "Is framework": "0",
        }),
      );
    });
  }
  return toCsv([MOODLE_HEADER], { neutraliseFormulas: false }) + toCsv(rows);
}

/* --------------------------------------------------------------------- import */

export type ImportFormat = "maquette" | "case" | "case-foreign";
export type ParseResult = { ok: true; data: ReferenceSheetData; format: ImportFormat } | { ok: false; errors: string[] };

function validateSheet(value: unknown, format: ImportFormat, language: Language, inExtension = false): ParseResult {
  const result = referenceSheetSchema.safeParse(value);
  if (!result.success) {
    const errors = formatZodIssues(result.error.issues, language);
    return { ok: false, errors: inExtension ? errors.map((error) => renderSentence({ key: "sheet.extension_error", params: { error } }, language)) : errors };
  }
  return { ok: true, data: result.data, format };
}

/**
 * Reads an uploaded file: our JSON, or a CASE CFPackage (recognised by its CFDocument).
 * A foreign CASE package needs the transversal framework, since every sheet lists all 17.
 * Errors are written in `language` (French by default).
 */
export function parseSheetFile(input: { text: string; fileName: string; transversal: TransversalFramework; language?: Language }): ParseResult {
  const language = input.language ?? "fr";
  const text = input.text.replace(/^\uFEFF/, "");
  if (!text.trim()) return { ok: false, errors: [renderSentence({ key: "sheet.file_empty", params: {} }, language)] };
  const syntax = findJsonSyntaxError(text);
  if (syntax) {
    const params = { line: syntax.line, column: syntax.column, reason: translateText(syntax.message, language) };
    return { ok: false, errors: [renderSentence({ key: "sheet.json_invalid", params }, language)] };
  }
  const value: unknown = JSON.parse(text);
  if (value && typeof value === "object" && !Array.isArray(value) && "CFDocument" in value) {
    return parseCasePackage(value, { ...input, language });
  }
  return validateSheet(value, "maquette", language);
}

const nodeRefSchema = z.looseObject({ identifier: z.string().min(1) });
const casePackageSchema = z.looseObject({
  CFDocument: z.looseObject({
    identifier: z.string().min(1),
    title: z.string().trim().min(1, frenchText("sheet.case_title_required")),
    creator: z.string().optional(),
    publisher: z.string().optional(),
    extensions: z.looseObject({ maquette: z.record(z.string(), z.unknown()).optional() }).optional(),
  }),
  CFItems: z
    .array(
      z.looseObject({
        identifier: z.string().min(1),
        fullStatement: z.string().trim().min(1, frenchText("sheet.case_item_statement")),
        CFItemType: z.string().optional(),
        humanCodingScheme: z.string().optional(),
        extensions: z.looseObject({ maquette: z.record(z.string(), z.unknown()).optional() }).optional(),
      }),
    )
    .min(1, frenchText("sheet.case_no_item")),
  CFAssociations: z
    .array(
      z.looseObject({
        associationType: z.string(),
        sequenceNumber: z.number().optional(),
        originNodeURI: nodeRefSchema,
        destinationNodeURI: nodeRefSchema,
      }),
    )
    .default([]),
});
type ParsedCase = z.infer<typeof casePackageSchema>;
type ParsedItem = ParsedCase["CFItems"][number];

/** Reads a CASE CFPackage: rebuilt from our extensions when present, else mapped from the items. */
export function parseCasePackage(value: unknown, input: { fileName: string; transversal: TransversalFramework; language?: Language }): ParseResult {
  const language = input.language ?? "fr";
  const parsed = casePackageSchema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: formatZodIssues(parsed.error.issues, language) };
  const pkg = parsed.data;
  const children = new Map<string, { id: string; sequence: number; order: number }[]>();
  const hasParent = new Set<string>();
  pkg.CFAssociations.forEach((association, order) => {
    if (association.associationType !== "isChildOf") return;
    const parent = association.destinationNodeURI.identifier;
    const list = children.get(parent) ?? [];
    list.push({ id: association.originNodeURI.identifier, sequence: association.sequenceNumber ?? Number.MAX_SAFE_INTEGER, order });
    children.set(parent, list);
    hasParent.add(association.originNodeURI.identifier);
  });
  const childrenOf = (id: string) =>
    (children.get(id) ?? []).sort((a, b) => a.sequence - b.sequence || a.order - b.order).map((child) => child.id);

  const header = pkg.CFDocument.extensions?.maquette;
  if (header) return rebuildFromExtensions(pkg, header, childrenOf, language);
  return mapForeignPackage(pkg, input, childrenOf, hasParent, language);
}

function strip(record: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...record };
  for (const key of keys) delete copy[key];
  return copy;
}

function rebuildFromExtensions(
  pkg: ParsedCase,
  header: Record<string, unknown>,
  childrenOf: (id: string) => string[],
  language: Language,
): ParseResult {
  const byId = new Map(pkg.CFItems.map((item) => [item.identifier, item]));
  const requirements = pkg.CFItems.map((item, index) => ({ item, index, maquette: item.extensions?.maquette }))
    .filter((entry) => entry.maquette?.role === "requirement")
    .sort((a, b) => Number(a.maquette!.position) - Number(b.maquette!.position) || a.index - b.index)
    .map(({ item, maquette }) => {
      const requirement = strip(maquette!, "role", "position");
      if (requirement.kind !== "competence") return requirement;
      const subs = childrenOf(item.identifier)
        .map((id) => byId.get(id)?.extensions?.maquette)
        .filter((sub): sub is Record<string, unknown> => Boolean(sub));
      const byRole = (role: SubRole) =>
        subs
          .filter((sub) => sub.role === role)
          .sort((a, b) => Number(a.position) - Number(b.position))
          .map((sub) => strip(sub, "role", "position"));
      return {
        ...requirement,
        activity: byRole("activity")[0] ?? null,
        subActivities: byRole("subActivity"),
        subCompetences: byRole("subCompetence"),
        keywords: byRole("keyword"),
      };
    });
  const sheet = { ...strip(header, "format", "formatVersion"), requirements };
  return validateSheet(sheet, "case", language, true);
}

const FOREIGN_REASON = "Importé d'un paquet CASE sans extension Maquette : structure reprise de la hiérarchie CASE, profondeur non précisée.";

function slugify(text: string): string {
  return knowledgeCodeFromName(text).slice(2).slice(0, 80).replace(/-$/, "") || "referentiel-importe";
}

function mapForeignPackage(
  pkg: ParsedCase,
  input: { fileName: string; transversal: TransversalFramework },
  childrenOf: (id: string) => string[],
  hasParent: Set<string>,
  language: Language,
): ParseResult {
  const file = input.fileName;
  const doc = pkg.CFDocument;
  const byId = new Map(pkg.CFItems.map((item) => [item.identifier, item]));
  const fromDocument = childrenOf(doc.identifier).filter((id) => byId.has(id));
  const orphans = pkg.CFItems.filter((item) => !hasParent.has(item.identifier)).map((item) => item.identifier);
  const top = [...new Set([...fromDocument, ...orphans])].map((id) => byId.get(id)!);
  const source = (quote: string) => ({ file, quote });
  // Depth first, in the sheet's order, each item once. A loop rather than recursion: a package
  // whose items form a chain thousands long must not exhaust the stack.
  const descendants = (id: string): ParsedItem[] => {
    const found: ParsedItem[] = [];
    const seen = new Set<string>();
    const stack = childrenOf(id).reverse();
    while (stack.length) {
      const childId = stack.pop()!;
      const child = byId.get(childId);
      if (!child || seen.has(childId)) continue;
      seen.add(childId);
      found.push(child);
      const next = childrenOf(childId);
      for (let k = next.length - 1; k >= 0; k--) stack.push(next[k]);
    }
    return found;
  };

  const requirements: Record<string, unknown>[] = [];
  const knowledgeCodes = new Set<string>();
  let competence = 0;
  for (const item of top) {
    const base = {
      label: item.fullStatement,
      required: true,
      requiredDepth: null,
      source: source(item.fullStatement),
      editorial: true,
      editorialReason: FOREIGN_REASON,
    };
    if (/connaissance|knowledge|savoir/i.test(item.CFItemType ?? "")) {
      let code = knowledgeCodeFromName(item.fullStatement);
      for (let n = 2; knowledgeCodes.has(code); n++) code = `${knowledgeCodeFromName(item.fullStatement)}-${n}`;
      knowledgeCodes.add(code);
      requirements.push({ ...base, code, kind: "knowledge", nsf: null, formacode: null });
      continue;
    }
    competence++;
    const code = `C${competence}`;
    requirements.push({
      ...base,
      code,
      kind: "competence",
      activity: null,
      subActivities: [],
      subCompetences: descendants(item.identifier).map((sub, index) => ({
        code: `${code}.${index + 1}`,
        label: sub.fullStatement,
        source: source(sub.fullStatement),
      })),
      keywords: [],
    });
  }
  for (const resource of input.transversal) {
    requirements.push({
      code: resource.code,
      kind: "transversal",
      label: resource.label,
      required: false,
      requiredDepth: null,
      depthDescriptor: null,
      source: source(doc.title),
      editorial: true,
      editorialReason: "Le paquet CASE importé ne mentionne pas cette ressource : considérée comme non requise.",
    });
  }
  const publisher = doc.publisher?.trim() || doc.creator?.trim() || "Éditeur inconnu";
  const sheet = {
    slug: slugify(doc.title),
    title: doc.title,
    titleSource: source(doc.title),
    alternativeTitles: [],
    publisher: {
      name: publisher,
      source: source(publisher === "Éditeur inconnu" ? doc.title : publisher),
      editorial: true,
      editorialReason: "Repris des champs publisher ou creator du document CASE.",
    },
    sourceFile: file,
    romeCodes: [],
    cncp: {
      min: 1,
      max: 8,
      source: source(doc.title),
      editorial: true,
      editorialReason: "Le paquet CASE ne donne pas de niveau CNCP : toute l'échelle (1 à 8) est retenue, à préciser.",
    },
    experience: null,
    requirements,
  };
  return validateSheet(sheet, "case-foreign", language);
}
