/**
 * The history of a programme in words: one sentence per audit row, in French or English, and
 * the kinds of change the history page filters on. Pure; a new action is one line of ACTIONS.
 */
import type { Locale } from "~/i18n";

export const HISTORY_KINDS = ["programme", "module", "mapping", "version", "review", "sheet"] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const HISTORY_KIND_LABELS: Record<HistoryKind, Record<Locale, string>> = {
  programme: { fr: "Formation", en: "Programme" },
  module: { fr: "Modules", en: "Modules" },
  mapping: { fr: "Matrice", en: "Matrix" },
  version: { fr: "Versions", en: "Versions" },
  review: { fr: "Évaluation", en: "Review" },
  sheet: { fr: "Référentiels", en: "Reference sheets" },
};

type Values = Record<string, unknown>;
type Phrase = { kind: HistoryKind; fr: (before: Values, after: Values) => string; en: (before: Values, after: Values) => string };

const text = (value: unknown) => (value === undefined || value === null || value === "" ? "—" : String(value));
const code = (values: Values) => text(values.code);
const cellFr = (v: Values) => (Number(v.depth) > 0 ? `profondeur ${text(v.depth)}${v.assessed ? ", évaluée" : ""}` : "aucune");
const cellEn = (v: Values) => (Number(v.depth) > 0 ? `depth ${text(v.depth)}${v.assessed ? ", assessed" : ""}` : "none");
const note = (after: Values) => (after.note ? ` : « ${text(after.note)} »` : "");
const noteEn = (after: Values) => (after.note ? `: “${text(after.note)}”` : "");
const subjectFr = (after: Values) => (after.subject === "module" ? ` sur le module ${text(after.moduleCode)}` : after.subject === "requirement" ? ` sur l'exigence ${text(after.itemRef)}` : " sur la formation");
const subjectEn = (after: Values) => (after.subject === "module" ? ` on module ${text(after.moduleCode)}` : after.subject === "requirement" ? ` on requirement ${text(after.itemRef)}` : " on the programme");

/** What an import into a programme changed, as counts (no plural to agree: "modules ajoutés : 2"). */
function importCounts(after: Values, language: Locale) {
  const modules = (after.modules ?? {}) as Record<string, unknown[]>;
  const mappings = (after.mappings ?? {}) as Record<string, number>;
  const n = (list: unknown[] | undefined) => list?.length ?? 0;
  return language === "fr"
    ? `modules ajoutés : ${n(modules.added)}, modifiés : ${n(modules.changed)}, retirés : ${n(modules.removed)} ; correspondances ajoutées : ${text(mappings.added)}, modifiées : ${text(mappings.changed)}, retirées : ${text(mappings.removed)}`
    : `modules added: ${n(modules.added)}, changed: ${n(modules.changed)}, removed: ${n(modules.removed)}; mappings added: ${text(mappings.added)}, changed: ${text(mappings.changed)}, removed: ${text(mappings.removed)}`;
}

/** `entity:action` → the kind and the sentence (after the person's name). */
const ACTIONS: Record<string, Phrase> = {
  "programme:create": { kind: "programme", fr: (_b, a) => `a créé la formation « ${text(a.title)} »`, en: (_b, a) => `created the programme “${text(a.title)}”` },
  "programme:import": { kind: "programme", fr: (_b, a) => `a importé la formation (${text(a.modules)} modules, ${text(a.mappings)} correspondances)`, en: (_b, a) => `imported the programme (${text(a.modules)} modules, ${text(a.mappings)} mappings)` },
  "programme:import_into": {
    kind: "programme",
    fr: (_b, a) => `a importé un fichier dans la formation (${a.mode === "replace" ? "remplacement" : "fusion"} ; ${importCounts(a, "fr")})`,
    en: (_b, a) => `imported a file into the programme (${a.mode === "replace" ? "replace" : "merge"}; ${importCounts(a, "en")})`,
  },
  "programme:update": { kind: "programme", fr: () => "a modifié la formation (intitulé, niveau, crédits, métiers visés…)", en: () => "edited the programme (title, level, credits, target jobs…)" },
  "programme:level_framework": {
    kind: "programme",
    fr: (_b, a) => `a ajouté aux métiers visés le cadre national du niveau ${text(a.level)}`,
    en: (_b, a) => `added the national framework of level ${text(a.level)} to the targets`,
  },
  "programme:set_expected_depth": {
    kind: "programme",
    fr: () => "a changé les profondeurs attendues de la formation",
    en: () => "changed the programme's expected depths",
  },
  "module:dismiss_suggestion": {
    kind: "module",
    fr: (_b, a) => `a écarté la suggestion ${text(a.itemRef)} pour le module ${text(a.module)}`,
    en: (_b, a) => `dismissed the suggestion ${text(a.itemRef)} for module ${text(a.module)}`,
  },
  "programme:delete": { kind: "programme", fr: (b) => `a supprimé la formation « ${text(b.title)} »`, en: (b) => `deleted the programme “${text(b.title)}”` },
  "programme:duplicate_programme": {
    kind: "programme",
    fr: (_b, a) => (a.to ? `a dupliqué la formation en « ${text(a.title)} »` : `a créé cette formation en dupliquant « ${text(a.fromTitle)} »`),
    en: (_b, a) => (a.to ? `duplicated the programme as “${text(a.title)}”` : `created this programme as a copy of “${text(a.fromTitle)}”`),
  },
  "module:create": { kind: "module", fr: (_b, a) => `a ajouté le module ${code(a)}`, en: (_b, a) => `added module ${code(a)}` },
  "module:update": { kind: "module", fr: (b, a) => `a modifié le module ${code(a)}${b.code && b.code !== a.code ? ` (ancien code ${code(b)})` : ""}`, en: (b, a) => `edited module ${code(a)}${b.code && b.code !== a.code ? ` (was ${code(b)})` : ""}` },
  "module:delete": { kind: "module", fr: (b) => `a supprimé le module ${code(b)}`, en: (b) => `deleted module ${code(b)}` },
  "module:duplicate": { kind: "module", fr: (_b, a) => `a dupliqué le module ${text(a.fromCode)} en ${code(a)}`, en: (_b, a) => `duplicated module ${text(a.fromCode)} as ${code(a)}` },
  "module:move": { kind: "module", fr: (_b, a) => `a déplacé le module ${code(a)} vers le ${a.direction === "up" ? "haut" : "bas"}`, en: (_b, a) => `moved module ${code(a)} ${a.direction === "up" ? "up" : "down"}` },
  "module:set_mapping": {
    kind: "mapping",
    fr: (b, a) => `a changé ${text(a.itemRef)} pour ${text(a.module)} : ${cellFr(b)} → ${cellFr(a)}`,
    en: (b, a) => `changed ${text(a.itemRef)} for ${text(a.module)}: ${cellEn(b)} → ${cellEn(a)}`,
  },
  "programme:publish_version": { kind: "version", fr: (_b, a) => `a publié la version ${text(a.number)}${a.label ? ` « ${text(a.label)} »` : ""}`, en: (_b, a) => `published version ${text(a.number)}${a.label ? ` “${text(a.label)}”` : ""}` },
  "programme:restore_version": {
    kind: "version",
    fr: (_b, a) => `a repris la version ${text(a.number)} dans le brouillon${a.keptDraftAs ? ` (brouillon précédent conservé en version ${text(a.keptDraftAs)})` : ""}`,
    en: (_b, a) => `restored version ${text(a.number)} into the draft${a.keptDraftAs ? ` (previous draft kept as version ${text(a.keptDraftAs)})` : ""}`,
  },
  "programme:submit_review": { kind: "review", fr: (_b, a) => `a soumis la version ${text(a.number)} à évaluation`, en: (_b, a) => `submitted version ${text(a.number)} for review` },
  "programme:withdraw_review": { kind: "review", fr: (_b, a) => `a retiré la soumission de la version ${text(a.number)}`, en: (_b, a) => `withdrew the submission of version ${text(a.number)}` },
  "programme:request_changes": { kind: "review", fr: (_b, a) => `a demandé des modifications sur la version ${text(a.number)}${note(a)}`, en: (_b, a) => `requested changes on version ${text(a.number)}${noteEn(a)}` },
  "programme:approve": { kind: "review", fr: (_b, a) => `a approuvé la version ${text(a.number)}${note(a)}`, en: (_b, a) => `approved version ${text(a.number)}${noteEn(a)}` },
  "programme:open_to_reviewer": { kind: "review", fr: (_b, a) => `a ouvert la formation à l'évaluateur ${text(a.email)}${a.until ? ` jusqu'au ${String(a.until).slice(0, 10)}` : ""}`, en: (_b, a) => `opened the programme to reviewer ${text(a.email)}${a.until ? ` until ${String(a.until).slice(0, 10)}` : ""}` },
  "programme:close_to_reviewer": { kind: "review", fr: (b) => `a retiré l'accès de l'évaluateur ${text(b.email)}`, en: (b) => `removed reviewer ${text(b.email)}'s access` },
  "invitation:invite": { kind: "review", fr: (_b, a) => `a invité ${text(a.email)} à évaluer la formation`, en: (_b, a) => `invited ${text(a.email)} to review the programme` },
  "invitation:accept": { kind: "review", fr: () => "a accepté l'invitation à évaluer la formation", en: () => "accepted the invitation to review the programme" },
  "review_comment:comment": { kind: "review", fr: (_b, a) => `a commenté${subjectFr(a)}`, en: (_b, a) => `commented${subjectEn(a)}` },
  "review_comment:answer_comment": { kind: "review", fr: () => "a répondu à un commentaire", en: () => "answered a comment" },
  "review_comment:edit_comment": { kind: "review", fr: () => "a modifié son commentaire (le texte précédent est conservé)", en: () => "edited their comment (the earlier text is kept)" },
  "programme:upgrade_sheet": {
    kind: "sheet",
    fr: (b, a) => `a adopté la version ${text(a.sheetVersion)} du référentiel ${text(a.sheetSlug)} (au lieu de la ${text(b.sheetVersion)})`,
    en: (b, a) => `moved to version ${text(a.sheetVersion)} of sheet ${text(a.sheetSlug)} (from ${text(b.sheetVersion)})`,
  },
};

/** The `entity:action` keys of a kind (what the history's filter asks the database for). */
export function actionsOfKind(kind: HistoryKind): { entity: string; action: string }[] {
  return Object.entries(ACTIONS)
    .filter(([, phrase]) => phrase.kind === kind)
    .map(([key]) => {
      const [entity, action] = key.split(":");
      return { entity, action };
    });
}

function parse(json: string | null): Values {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Values) : {};
  } catch {
    return {};
  }
}

/** One audit row as a sentence; an action not in the table still reads sensibly. */
export function describeEntry(entry: { entity: string; action: string; before: string | null; after: string | null }, locale: Locale): { kind: HistoryKind | null; text: string } {
  const phrase = ACTIONS[`${entry.entity}:${entry.action}`];
  if (!phrase) return { kind: null, text: locale === "fr" ? `a fait « ${entry.action} » (${entry.entity})` : `did “${entry.action}” (${entry.entity})` };
  return { kind: phrase.kind, text: phrase[locale](parse(entry.before), parse(entry.after)) };
}

export function isHistoryKind(value: unknown): value is HistoryKind {
  return typeof value === "string" && (HISTORY_KINDS as readonly string[]).includes(value);
}
