/**
 * UI strings, French first. Every user-visible string goes through `t` so that the English
 * version stays complete: a key missing in English is a type error.
 */
export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];

const fr = {
  "app.name": "Maquette",
  "app.tagline": "Concevoir des formations alignées sur les référentiels métiers",
  "nav.home": "Accueil",
  "nav.referenceSheets": "Référentiels",
  "nav.programmes": "Formations",
  "nav.main": "Navigation principale",
  "footer.text": "Maquette : couverture des référentiels métiers par niveau CNCP (5, 6, 7).",
  "footer.health": "État du service",
  "lang.switch": "English",
  "lang.switchLabel": "Switch to English",
  "home.title": "Bienvenue dans Maquette",
  "home.intro":
    "Maquette aide les responsables de formation à construire une maquette pédagogique (BTS, licence, bachelor, master), à relier chaque module aux exigences des métiers visés et à vérifier, par métier et par niveau CNCP, ce qui est couvert, partiellement couvert, manquant ou jamais évalué.",
  "home.referenceSheets": "Référentiels métiers chargés",
  "home.schools": "Établissements",
  "home.browse": "Parcourir les référentiels",
  "error.title": "Une erreur est survenue",
  "error.body": "Nous n'avons pas pu afficher cette page. L'incident a été enregistré.",
  "error.reference": "Référence de l'incident",
  "error.notFoundTitle": "Page introuvable",
  "error.notFoundBody": "Cette page n'existe pas ou vous n'y avez pas accès.",
  "error.backHome": "Retour à l'accueil",
} as const;

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  "app.name": "Maquette",
  "app.tagline": "Design programmes aligned with job reference sheets",
  "nav.home": "Home",
  "nav.referenceSheets": "Reference sheets",
  "nav.programmes": "Programmes",
  "nav.main": "Main navigation",
  "footer.text": "Maquette: coverage of job reference sheets per CNCP level (5, 6, 7).",
  "footer.health": "Service status",
  "lang.switch": "Français",
  "lang.switchLabel": "Passer en français",
  "home.title": "Welcome to Maquette",
  "home.intro":
    "Maquette helps programme managers build a programme (BTS, licence, bachelor, master), map each module onto the requirements of the target jobs and check, per job and per CNCP level, what is covered, partly covered, missing or never assessed.",
  "home.referenceSheets": "Reference sheets loaded",
  "home.schools": "Schools",
  "home.browse": "Browse the reference sheets",
  "error.title": "Something went wrong",
  "error.body": "We could not display this page. The incident has been logged.",
  "error.reference": "Incident reference",
  "error.notFoundTitle": "Page not found",
  "error.notFoundBody": "This page does not exist or you do not have access to it.",
  "error.backHome": "Back to the home page",
};

const dictionaries: Record<Locale, Record<MessageKey, string>> = { fr, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function translator(locale: Locale) {
  const dictionary = dictionaries[locale];
  return (key: MessageKey) => dictionary[key];
}
