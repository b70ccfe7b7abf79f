/**
 * The texts of an RNCP fiche (France compétences' open data) as Maquette reads them: a bloc's
 * LISTE_COMPETENCES cut into competences, and the long texts (MODALITES_EVALUATION,
 * ACTIVITES_VISEES, CAPACITES_ATTESTEES) cut into the lines the export flattened. Pure.
 *
 * Why and how the list is cut is docs/decisions/051-rncp-blocs-and-competences.md. In short:
 * - the v4.1 export writes plain text whose line breaks became runs of spaces: a run of two or
 *   more blanks (or a line break) ends an item; a leading bullet (-, *, •, o…) is dropped from the
 *   label, a numbering (« C.1. », « 1.2 ») is kept, being the certifier's own reference;
 * - older exports (2020–2023, and the one before) wrote HTML: paragraphs, line breaks and list
 *   items end an item, runs of blanks inside a paragraph are plain spacing, entities are decoded;
 * - every item keeps, as its quote, the exact text it was cut from (the field as the XML
 *   parser gives it); what had to be guessed is marked, with the reason, and never dropped.
 */

/** How a cut item came out: a competence, or a heading kept for the record (not required). */
export type CompetenceSegment = {
  label: string;
  /** The exact text of the field the item was cut from (HTML included in an HTML export). */
  quote: string;
  /** Not a competence of its own but a heading of the ones that follow. */
  heading: boolean;
  /** Why the cut had to guess; absent when it followed the export's own markers. */
  guess?: GuessReason;
};

export type GuessReason = "joined_fragment" | "heading_colon" | "heading_bold" | "heading_numbering" | "unbulleted";

export type SplitResult = { mode: "plain" | "html"; items: CompetenceSegment[] };

const HTML_TAG = /<\/?(?:p|br|li|ul|ol|div|span|strong|b|em|i|u|h[1-6]|font|table|tr|td)\b[^>]*>/i;
const BOUNDARY_TAG = /<\/?(?:p|br|li|ul|ol|div|h[1-6]|tr|td|table)\b[^>]*>/gi;
const BOLD_ONLY = /^(?:<(strong|b)\b[^>]*>)([\s\S]*)<\/\1>$/i;
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ",
  eacute: "é", egrave: "è", ecirc: "ê", euml: "ë", Eacute: "É", Egrave: "È", Ecirc: "Ê",
  agrave: "à", acirc: "â", auml: "ä", Agrave: "À", Acirc: "Â",
  icirc: "î", iuml: "ï", Icirc: "Î", ocirc: "ô", ouml: "ö", Ocirc: "Ô",
  ugrave: "ù", ucirc: "û", uuml: "ü", Ugrave: "Ù", Ucirc: "Û", ccedil: "ç", Ccedil: "Ç",
  oelig: "œ", OElig: "Œ", aelig: "æ", laquo: "«", raquo: "»", rsquo: "’", lsquo: "‘",
  rdquo: "”", ldquo: "“", hellip: "…", ndash: "–", mdash: "—", bull: "•", middot: "·", deg: "°", euro: "€",
};

/** True when the field is HTML (older exports), escaped once more or not. */
export function isHtml(text: string): boolean {
  return HTML_TAG.test(text);
}

/** HTML entities decoded, twice when the export escaped them twice (&amp;eacute;). */
export function decodeEntities(text: string): string {
  const once = (value: string) =>
    value.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 ? String.fromCodePoint(code) : entity;
      }
      return NAMED_ENTITIES[name] ?? entity;
    });
  const first = once(text);
  return /&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(first) ? once(first) : first;
}

const collapse = (text: string) => text.replace(/[\s\u00a0]+/g, " ").trim();
const BULLET = /^(?:[-–—•●▪◦■□➢➤►>*·]|o(?=\s))\s*/;
const NUMBERING = /^(\d+(?:\.\d+)*)\.?\s/;

function stripBullet(label: string): { label: string; bullet: string | null } {
  const match = BULLET.exec(label);
  if (!match || match[0].length === label.length) return { label, bullet: null };
  return { label: label.slice(match[0].length).trim(), bullet: match[0].trim() };
}

type Piece = { quote: string; text: string; bold: boolean };

/** Plain text: a line break or a run of two blanks or more ends a piece; so does a bullet • inside a line. */
function plainPieces(text: string): Piece[] {
  return text
    .split(/[ \t\u00a0]*[\r\n]+[ \t\u00a0\r\n]*|[ \t\u00a0]{2,}|\s+(?=[•●▪]\s)/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== "")
    .map((piece) => ({ quote: piece, text: collapse(decodeEntities(piece)), bold: false }));
}

/** HTML: paragraphs, line breaks, list items and divisions end a piece; the rest is spacing. */
function htmlPieces(text: string): Piece[] {
  return text
    .split(BOUNDARY_TAG)
    .map((piece) => piece.trim())
    .filter((piece) => collapse(decodeEntities(piece.replace(/<[^>]*>/g, ""))) !== "")
    .map((piece) => ({
      quote: piece,
      text: collapse(decodeEntities(piece.replace(/<[^>]*>/g, " "))),
      bold: BOLD_ONLY.test(piece),
    }));
}

/**
 * A bloc's LISTE_COMPETENCES cut into competences. Headings (a line ending with « : » before
 * others, a line wholly in bold, « 1.1 » before « 1.1.1 ») are kept as items that are not
 * required; two pieces are joined when the second one starts in lower case after a piece that
 * does not end a sentence (a line the export broke in the middle); both are guesses, marked so.
 */
export function splitCompetences(raw: string): SplitResult {
  const mode = isHtml(raw) ? "html" : "plain";
  const pieces = withNumbersAttached(raw, mode === "html" ? htmlPieces(raw) : plainPieces(raw));
  const items: (CompetenceSegment & { bullet: string | null; number: string | null })[] = [];
  for (const piece of pieces) {
    const { label, bullet } = stripBullet(piece.text);
    const previous = items[items.length - 1];
    const continues =
      previous && !bullet && /^[a-zàâäéèêëîïôöùûüç]/.test(label) && !/[.;:!?»)]$/.test(previous.label) && !previous.heading && !NUMBERING.test(label);
    if (continues) {
      previous.label = `${previous.label} ${label}`;
      previous.quote = joinQuotes(raw, previous.quote, piece.quote);
      previous.guess = "joined_fragment";
      continue;
    }
    items.push({ label, quote: piece.quote, heading: piece.bold, guess: piece.bold ? "heading_bold" : undefined, bullet, number: NUMBERING.exec(label)?.[1] ?? null });
  }
  items.forEach((item, index) => {
    const next = items[index + 1];
    if (!next || item.heading) return;
    if (item.label.endsWith(":")) Object.assign(item, { heading: true, guess: "heading_colon" });
    else if (item.number && next.number?.startsWith(`${item.number}.`)) Object.assign(item, { heading: true, guess: "heading_numbering" });
  });
  // A list whose items carry a bullet: a line without one (a remark, a note) is kept, but marked.
  const bulleted = items.filter((item) => item.bullet).length;
  if (bulleted >= 2 && bulleted >= (items.length * 2) / 3) {
    for (const item of items) if (!item.bullet && !item.heading && !item.guess) item.guess = "unbulleted";
  }
  return { mode, items: items.map(({ bullet: _bullet, number: _number, ...item }) => item) };
}

/** A piece that is only a number (« 3.1 », « C.2. ») is the start of the next one, set apart by spacing. */
function withNumbersAttached(raw: string, pieces: Piece[]): Piece[] {
  const result: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const next = pieces[i + 1];
    if (next && /^(?:[A-Z]\.?)?\d+(?:\.\d+)*[.)]?$/.test(piece.text)) {
      result.push({ quote: joinQuotes(raw, piece.quote, next.quote), text: `${piece.text} ${next.text}`, bold: next.bold });
      i++;
    } else result.push(piece);
  }
  return result;
}

/** The exact text from the start of one quote to the end of the next, as the field holds it. */
function joinQuotes(raw: string, first: string, second: string): string {
  const start = raw.indexOf(first);
  const end = start < 0 ? -1 : raw.indexOf(second, start + first.length);
  return start >= 0 && end >= 0 ? raw.slice(start, end + second.length) : `${first} ${second}`;
}

/** A long text (assessment methods, activities) as the lines the export flattened, for display. */
export function textLines(raw: string): string[] {
  return (isHtml(raw) ? htmlPieces(raw) : plainPieces(raw)).map((piece) => piece.text);
}
