/**
 * French-aware text matching for the suggestions (docs/suggestions.md): the words of a text as
 * comparable terms (elisions taken off, stop words dropped, Snowball's French stemmer, accents
 * folded), and a small search index over them (MiniSearch, BM25). Maintained libraries do the
 * language work: `snowball-stemmers` (the Snowball French algorithm), `stopword` (its French
 * list) and `minisearch`. Pure: no I/O.
 */
import MiniSearch from "minisearch";
import snowball from "snowball-stemmers";
import { fra } from "stopword";

const stemmer = snowball.newStemmer("french");

/** Elided articles and pronouns: l'entreprise, d'activité, qu'à, jusqu'au (straight or curly apostrophe). */
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/;

function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
}

/**
 * Words that say nothing of a subject in a programme or a requirement: the French stop words,
 * and the few words of curriculum vocabulary that name the form of an item rather than its
 * subject ("Techniques de reporting", "Capacité à analyser", "UE", "module").
 */
const STOP_WORDS = new Set(
  [...fra, "ainsi", "afin", "cadre", "etc", "module", "ue", "ec", "cours", "technique", "techniques", "connaissance", "connaissances", "capacité", "capacités", "notion", "notions"].map((word) =>
    fold(word.toLowerCase()),
  ),
);

/** Splits at anything that is not a letter, a digit or an apostrophe (elisions are taken off per word). */
const WORDS = /[^\p{L}\p{N}'’]+/u;

/** Terms already computed (the stemmer is the costly part; the same words come back all the time). */
const TERMS = new Map<string, string | null>();
const TERMS_MAX = 50_000;

/** The comparable term of one word, or null when it says nothing (a stop word, a number, one letter). */
export function termOf(word: string): string | null {
  const known = TERMS.get(word);
  if (known !== undefined) return known;
  const lower = word.toLowerCase().replace(ELISION, "").replace(/['’]+/g, "");
  const term = lower.length < 2 || /^\d+$/.test(lower) || STOP_WORDS.has(fold(lower)) ? null : fold(stemmer.stem(lower));
  if (TERMS.size >= TERMS_MAX) TERMS.clear();
  TERMS.set(word, term);
  return term;
}

/** The terms of a text, in order (repeated terms kept). */
export function termsOf(text: string): string[] {
  return text.split(WORDS).flatMap((word) => {
    const term = word ? termOf(word) : null;
    return term ? [term] : [];
  });
}

/** The words of `text` whose term is one of `terms`, as written, each once, in the text's order. */
export function wordsMatching(text: string, terms: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  for (const word of text.split(WORDS)) {
    const term = word ? termOf(word) : null;
    if (!term || !terms.has(term) || seen.has(term)) continue;
    seen.add(term);
    found.push(word.replace(ELISION, "").toLowerCase());
  }
  return found;
}

export type IndexedDocument = { id: string; fields: Record<string, string> };
export type Match = { id: string; score: number; terms: string[] };

/**
 * A search index over documents with named text fields, each field weighted by `boost`; a
 * search ranks the documents by BM25 on the query's terms (any of them), best first.
 */
export function searchIndex(documents: readonly IndexedDocument[], boost: Record<string, number>) {
  const fields = Object.keys(boost);
  const index = new MiniSearch<{ id: string } & Record<string, string>>({
    fields,
    idField: "id",
    tokenize: (text) => text.split(WORDS),
    processTerm: (word) => (word ? termOf(word) : null) ?? false,
    searchOptions: { boost, combineWith: "OR", prefix: false, fuzzy: false },
  });
  index.addAll(documents.map((document) => ({ id: document.id, ...Object.fromEntries(fields.map((field) => [field, document.fields[field] ?? ""])) })));
  return {
    /**
     * The documents sharing terms with `text`, best first. Each distinct term is looked up once,
     * weighted by how often the text says it (a query of a hundred words stays cheap).
     */
    search(text: string): Match[] {
      const counts = new Map<string, number>();
      for (const term of termsOf(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
      if (counts.size === 0) return [];
      return index
        .search([...counts.keys()].join(" "), { tokenize: (query) => query.split(" "), processTerm: (term) => term, boostTerm: (term) => counts.get(term) ?? 1 })
        .map((result) => ({ id: String(result.id), score: result.score, terms: result.terms }));
    },
  };
}
