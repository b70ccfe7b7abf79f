/**
 * The national framework's capacities per CNCP level (Code du travail, art. D. 6113-19): each
 * level's sentence lists what the level attests, one capacity per "à …" clause. This module
 * splits a sentence into those clauses, and names the framework sheet of each level. Pure.
 *
 * Texts, sources and how sure we are of them: seed/sources/cncp-*.txt and
 * docs/suggestions.md ("Les cadres nationaux").
 */
import type { CncpLevel } from "./coverage";

/** The slug of a level's framework sheet: `cncp-niveau-7`. */
export function levelFrameworkSlug(level: number): string {
  return `cncp-niveau-${level}`;
}

/** The level of a framework slug (`cncp-niveau-6` → 6), or null for any other sheet. */
export function levelOfFrameworkSlug(slug: string): CncpLevel | null {
  const match = /^cncp-niveau-([567])$/.exec(slug);
  return match ? (Number(match[1]) as CncpLevel) : null;
}

/**
 * The targets of a programme at `level`: its own sheets, without any level framework, then the
 * framework of `level` (last, so that a job sheet stays the first target). A framework is a
 * target of every programme and cannot be removed; a level change swaps it.
 */
export function withLevelFramework(slugs: readonly string[], level: number): string[] {
  return [...slugs.filter((slug) => levelOfFrameworkSlug(slug) === null), levelFrameworkSlug(level)];
}

/** What introduces the list of capacities: "la capacité à" (the decree) or "Capacité à" (Lhéo). */
const LIST_START = /capacit[ée] à /i;
/** What separates two capacities: ", à", " et à", ", ainsi qu'à" (straight or curly apostrophe). */
const CLAUSE_SEPARATOR = /,\s+à\s+|\s+et\s+à\s+|,\s+ainsi\s+qu['’]à\s+/;

/**
 * The capacities a level's sentence lists, word for word: the text after "capacité à", up to the
 * end of the sentence (its first full stop, or the closing semicolon of the decree's item), cut
 * at each clause that starts with "à". "analyser et interpréter des informations, en mobilisant
 * des concepts" stays one capacity: a comma alone does not start one.
 */
export function capacityClauses(sentence: string): string[] {
  const start = LIST_START.exec(sentence);
  if (!start) return [];
  let list = sentence.slice(start.index + start[0].length);
  const end = /\.(\s|$)|\s*;\s*$/.exec(list);
  if (end) list = list.slice(0, end.index);
  return list
    .split(CLAUSE_SEPARATOR)
    .map((clause) => clause.trim())
    .filter(Boolean);
}

/**
 * One capacity of a level framework: its code, the clause of the sentence it stands for (word
 * for word), and its short label, written for Maquette (an editorial choice).
 */
export type LevelCapacity = { code: string; excerpt: string; label: string };

/**
 * The short labels, clause by clause. Level 7's first clause ("élaborer et mettre en œuvre des
 * stratégies alternatives…") gives two capacities: designing a strategy and carrying it out are
 * taught and assessed in different places (a strategy course, a project or placement), where
 * "analyser et interpréter" (5) and "analyser et résoudre" (6) name one activity. An editorial
 * choice, said as such on each item (docs/decisions/040).
 */
export const CAPACITY_LABELS: Record<CncpLevel, string[][]> = {
  5: [
    ["Maîtriser des savoir-faire dans un champ d'activité"],
    ["Élaborer des solutions à des problèmes nouveaux"],
    ["Analyser et interpréter des informations en mobilisant des concepts"],
    ["Transmettre le savoir-faire et des méthodes"],
  ],
  6: [
    ["Analyser et résoudre des problèmes complexes imprévus dans un domaine spécifique"],
    ["Formaliser des savoir-faire et des méthodes"],
    ["Capitaliser les savoir-faire et les méthodes"],
  ],
  7: [
    ["Élaborer des stratégies alternatives pour le développement de l'activité professionnelle", "Mettre en œuvre des stratégies alternatives dans des contextes professionnels complexes"],
    ["Évaluer les risques et les conséquences de son activité"],
  ],
};

/**
 * The capacities of a level from its sentence: each clause with its label(s), coded C1, C2… in
 * the sentence's order. Throws when the sentence does not have the clauses the labels expect
 * (a changed text must be read again, not silently mislabelled).
 */
export function levelCapacities(level: CncpLevel, sentence: string): LevelCapacity[] {
  const clauses = capacityClauses(sentence);
  const labels = CAPACITY_LABELS[level];
  if (clauses.length !== labels.length) {
    throw new Error(`Niveau ${level} : ${clauses.length} propositions dans la phrase, ${labels.length} attendues.`);
  }
  const capacities: LevelCapacity[] = [];
  clauses.forEach((excerpt, index) => {
    for (const label of labels[index]) capacities.push({ code: `C${capacities.length + 1}`, excerpt, label });
  });
  return capacities;
}
