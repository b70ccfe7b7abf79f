/**
 * The national framework's sheets `cncp-niveau-5`, `-6` and `-7`, built from the quoted texts
 * (seed/sources/cncp-*.txt, cec-eqf-*.txt): each level's D. 6113-19 sentence split into its
 * capacities (app/domain/cncp-levels.ts), each capacity a requirement quoting the whole
 * sentence, with the EQF lines and the arrêté's column definitions beside them as context.
 * `npm run data:frameworks` writes them to seed/reference-sheets/; a test checks that the files
 * are what this builds.
 */
import { levelCapacities, levelFrameworkSlug } from "../app/domain/cncp-levels";
import type { CncpLevel } from "../app/domain/coverage";
import type { ContextBlock, ReferenceSheetData, Requirement } from "../app/domain/reference-data";

export const CODE_FILE = "cncp-code-du-travail-d6113.txt";
export const LHEO_FILE = "cncp-lheo-niveau-7.txt";
export const ARRETE_FILE = "cncp-arrete-2019-01-08-annexe.txt";
export const EQF_FILE = "cec-eqf-2017-annexe-ii.txt";

/** Each level's sentence, word for word, and the file it is quoted from. */
export const LEVEL_SENTENCES: Record<CncpLevel, { file: string; sentence: string }> = {
  5: {
    file: CODE_FILE,
    sentence:
      "4° Le niveau 5 atteste la capacité à maitriser des savoir-faire dans un champ d'activité, à élaborer des solutions à des problèmes nouveaux, à analyser et interpréter des informations, en mobilisant des concepts, à transmettre le savoir-faire et des méthodes ;",
  },
  6: {
    file: CODE_FILE,
    sentence:
      "5° Le niveau 6 atteste la capacité à analyser et résoudre des problèmes complexes imprévus dans un domaine spécifique, à formaliser des savoir-faire et des méthodes et à les capitaliser.",
  },
  7: {
    file: LHEO_FILE,
    sentence:
      "Capacité à élaborer et mettre en œuvre des stratégies alternatives pour le développement de l’activité professionnelle dans des contextes professionnels complexes, ainsi qu’à évaluer les risques et les conséquences de son activité.",
  },
};

const LABEL_REASON = "Libellé court rédigé pour Maquette à partir de la capacité citée (extrait) ; la source est la phrase entière de l'article D. 6113-19.";
const SPLIT_REASON =
  " « élaborer et mettre en œuvre » donne deux capacités : concevoir une stratégie et la conduire s'enseignent et s'évaluent à des endroits différents.";
const LHEO_REASON =
  "Formulation de la table des niveaux Lhéo, qui reprend l'article D. 6113-19 caractère pour caractère pour les niveaux 5 et 6 ; la phrase du décret pour le niveau 7 reste à vérifier sur Légifrance (code.travail.gouv.fr, art. D6113-19).";

const EQF_LINES: Record<CncpLevel, [string, string, string]> = {
  5: [
    "knowledge: comprehensive, specialised, factual and theoretical knowledge within a field of work or study and an awareness of the boundaries of that knowledge;",
    "skills: a comprehensive range of cognitive and practical skills required to develop creative solutions to abstract problems;",
    "responsibility and autonomy: exercise management and supervision in contexts of work or study activities where there is unpredictable change; review and develop performance of self and others.",
  ],
  6: [
    "knowledge: advanced knowledge of a field of work or study, involving a critical understanding of theories and principles;",
    "skills: advanced skills, demonstrating mastery and innovation, required to solve complex and unpredictable problems in a specialised field of work or study;",
    "responsibility and autonomy: manage complex technical or professional activities or projects, taking responsibility for decision-making in unpredictable work or study contexts; take responsibility for managing professional development of individuals and groups.",
  ],
  7: [
    "knowledge: Highly specialised knowledge, some of which is at the forefront of knowledge in a field of work or study, as the basis for original thinking and/or research; Critical awareness of knowledge issues in a field and at the interface between different fields",
    "skills: Specialised problem-solving skills required in research and/or innovation in order to develop new knowledge and procedures and to integrate knowledge from different fields",
    "responsibility and autonomy: Manage and transform work or study contexts that are complex, unpredictable and require new strategic approaches; take responsibility for contributing to professional knowledge and practice and/or for reviewing the strategic performance of teams",
  ],
};

const ARRETE_COLUMNS: [string, string][] = [
  [
    "Savoirs",
    "Le descripteur concerne la progression dans les connaissances pour exercer les activités professionnelles du niveau (les processus, les matériaux, la terminologie relative à un ou plusieurs champs ainsi que des connaissances théoriques)",
  ],
  [
    "Savoir-faire",
    "Le descripteur concerne la progression : - de la complexité et de la technicité d'une tâche, d'une activité dans un processus - du niveau de maîtrise de l'activité professionnelle - de la mobilisation d'une gamme d'aptitudes cognitives et pratiques - du savoir-faire dans le domaine de la communication et des relations interpersonnelles, dans le contexte professionnel - de la capacité à transmettre des savoir-faire",
  ],
  [
    "Responsabilité et autonomie",
    "Le descripteur concerne la progression dans les domaines suivants : - l'organisation du travail - la réaction face à l'aléa - l'appréhension de la complexité de l'environnement - la compréhension d'interactions avec des activités d'autres champs professionnels, permettant d'organiser son propre travail, de le corriger ou de donner des indications à du personnel encadré - la participation au travail collectif - le niveau d'encadrement",
  ],
];

function context(level: CncpLevel): ContextBlock[] {
  const eqfLabels = ["Knowledge", "Skills", "Responsibility and autonomy"];
  return [
    {
      title: "Arrêté du 8 janvier 2019, annexe : ce que décrit chaque colonne de la grille",
      language: "fr",
      note: "Seule la ligne d'en-tête de la grille a pu être lue : les descripteurs des niveaux 5 à 7 de l'arrêté ne sont pas disponibles et ne sont pas reproduits.",
      entries: ARRETE_COLUMNS.map(([label, quote]) => ({ label, source: { file: ARRETE_FILE, quote } })),
    },
    {
      title: `Cadre européen des certifications (CEC / EQF), niveau ${level}`,
      language: "en",
      note:
        level === 7
          ? "Recommandation du Conseil 2017/C 189/03, annexe II, dans la formulation Europass (le glossaire du Cedefop écrit « or » là où la Recommandation écrit « and/or ») ; la version française n'était pas disponible. Le niveau CNCP N correspond au niveau N du CEC."
          : "Recommandation du Conseil 2017/C 189/03, annexe II, lue dans le glossaire du Cedefop (« fondé sur » le texte de 2017) ; la version française n'était pas disponible. Le niveau CNCP N correspond au niveau N du CEC.",
      entries: EQF_LINES[level].map((quote, index) => ({ label: eqfLabels[index], source: { file: EQF_FILE, quote } })),
    },
  ];
}

/** The framework sheet of one level, as its data file holds it. */
export function buildLevelFramework(level: CncpLevel): ReferenceSheetData {
  const { file, sentence } = LEVEL_SENTENCES[level];
  const lheo = level === 7;
  const requirements: Requirement[] = levelCapacities(level, sentence).map((capacity, index, all) => {
    const shared = all.filter((other) => other.excerpt === capacity.excerpt).length > 1;
    return {
      code: capacity.code,
      kind: "competence",
      label: capacity.label,
      excerpt: capacity.excerpt,
      activity: null,
      subActivities: [],
      subCompetences: [],
      keywords: [],
      required: true,
      requiredDepth: null,
      source: { file, quote: sentence },
      editorial: true,
      editorialReason: [LABEL_REASON + (shared ? SPLIT_REASON : ""), ...(lheo ? [LHEO_REASON] : [])].join(" "),
    };
  });
  return {
    slug: levelFrameworkSlug(level),
    kind: "framework",
    title: `Cadre national des certifications professionnelles, niveau ${level}`,
    titleSource: { file: CODE_FILE, quote: "Le cadre national des certifications professionnelles" },
    alternativeTitles: [],
    publisher: {
      name: lheo ? "Table des niveaux Lhéo, d'après le Code du travail (art. D. 6113-19)" : "Code du travail, art. D. 6113-19 (décret n° 2019-14 du 8 janvier 2019)",
      source: { file, quote: sentence },
      editorial: true,
      editorialReason: lheo
        ? LHEO_REASON
        : "La source est nommée par Maquette : article D. 6113-19 du Code du travail, créé par le décret n° 2019-14 du 8 janvier 2019.",
    },
    sourceFile: file,
    romeCodes: [],
    cncp: lheo
      ? {
          min: 7,
          max: 7,
          source: { file: LHEO_FILE, quote: "Level 7 attests to the ability to devise and implement alternative strategies" },
          editorial: true,
          editorialReason: "La phrase Lhéo ne nomme pas son niveau : il est lu dans une traduction anglaise non officielle de l'article D. 6113-19, qui concorde avec elle.",
        }
      : { min: level, max: level, source: { file, quote: `Le niveau ${level} atteste` }, editorial: false },
    experience: null,
    requirements,
    context: context(level),
  };
}
