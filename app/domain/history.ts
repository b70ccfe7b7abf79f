/**
 * The history of a programme in words: one sentence per audit row, in French or English, and
 * the kinds of change the history page filters on. Pure; a new action is one line of ACTIONS.
 */
import type { Language as Locale } from "./sentences";
import { formatMessage } from "./message-format";
import { isRole, ROLE_LABELS } from "./roles";

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

/** A sentence with counts, in the language's plural forms (app/domain/message-format.ts). */
function counted(template: string, values: Values, language: "fr" | "en") {
  const numbers = Object.fromEntries(Object.entries(values).flatMap(([key, value]) => (typeof value === "number" ? [[key, value]] : [])));
  return formatMessage(template, numbers, language);
}

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
  "programme:import": {
    kind: "programme",
    fr: (_b, a) => counted("a importé la formation ({modules, plural, one {# module} other {# modules}}, {mappings, plural, one {# correspondance} other {# correspondances}})", a, "fr"),
    en: (_b, a) => counted("imported the programme ({modules, plural, one {# module} other {# modules}}, {mappings, plural, one {# mapping} other {# mappings}})", a, "en"),
  },
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

const role = (value: unknown, language: Locale) => (isRole(value) ? ROLE_LABELS[value][language].toLowerCase() : "—");

/**
 * What is done in the school outside any programme (members, invitations, reference sheets,
 * accounts), as the home page's recent changes show it; the same entity and action inside a
 * programme (an invitation to review it) reads from ACTIONS.
 */
const SCHOOL_ACTIONS: Record<string, Omit<Phrase, "kind">> = {
  "invitation:invite": { fr: (_b, a) => `a invité ${text(a.email)} (${role(a.role, "fr")})`, en: (_b, a) => `invited ${text(a.email)} (${role(a.role, "en")})` },
  "invitation:accept": { fr: (_b, a) => `a rejoint l'établissement (${role(a.role, "fr")})`, en: (_b, a) => `joined the school (${role(a.role, "en")})` },
  "invitation:revoke": { fr: () => "a annulé une invitation", en: () => "cancelled an invitation" },
  "membership:change_role": { fr: (b, a) => `a changé le rôle d'un membre : ${role(b.role, "fr")} → ${role(a.role, "fr")}`, en: (b, a) => `changed a member's role: ${role(b.role, "en")} → ${role(a.role, "en")}` },
  "membership:remove_member": { fr: (b) => `a retiré un membre (${role(b.role, "fr")})`, en: (b) => `removed a member (${role(b.role, "en")})` },
  "school:change_time_zone": {
    fr: (b, a) => `a réglé le fuseau horaire de l'établissement : ${text(b.timeZone)} → ${text(a.timeZone)}`,
    en: (b, a) => `set the school's time zone: ${text(b.timeZone)} → ${text(a.timeZone)}`,
  },
  "school:create": { fr: (_b, a) => `a créé l'établissement « ${text(a.name)} »`, en: (_b, a) => `created the school “${text(a.name)}”` },
  "reference_sheet:import": { fr: (_b, a) => `a importé la version ${text(a.version)} d'un référentiel`, en: (_b, a) => `imported version ${text(a.version)} of a reference sheet` },
  "expected_depth:set": {
    fr: (_b, a) => counted("a changé les profondeurs attendues de l'établissement ({changed, plural, one {# changement} other {# changements}})", { changed: Array.isArray(a.changed) ? a.changed.length : 0 }, "fr"),
    en: (_b, a) => counted("changed the school's expected depths ({changed, plural, one {# change} other {# changes}})", { changed: Array.isArray(a.changed) ? a.changed.length : 0 }, "en"),
  },
  "school_list:create": { fr: (_b, a) => `a créé la liste d'exigences « ${text(a.title)} »`, en: (_b, a) => `created the requirement list “${text(a.title)}”` },
  "school_list:update": { fr: (_b, a) => `a modifié le brouillon de la liste d'exigences « ${text(a.title)} »`, en: (_b, a) => `edited the draft of the requirement list “${text(a.title)}”` },
  "reference_sheet:publish": { fr: (_b, a) => `a publié la version ${text(a.version)} d'une liste d'exigences de l'établissement`, en: (_b, a) => `published version ${text(a.version)} of one of the school's requirement lists` },
  "api_token:create": { fr: (_b, a) => `a créé le jeton d'API « ${text(a.name)} »`, en: (_b, a) => `created the API token “${text(a.name)}”` },
  "api_token:revoke": { fr: () => "a révoqué un jeton d'API", en: () => "revoked an API token" },
  "user:change_password": { fr: () => "a changé son mot de passe", en: () => "changed their password" },
  "session:revoke_other_sessions": { fr: () => "a fermé ses autres sessions", en: () => "signed out their other sessions" },
  "session:login": { fr: () => "s'est connecté", en: () => "signed in" },
  "session:logout": { fr: () => "s'est déconnecté", en: () => "signed out" },
  "user:enable_second_factor": { fr: () => "a activé la validation en deux étapes", en: () => "turned on two-step verification" },
  "user:disable_second_factor": { fr: () => "a désactivé la validation en deux étapes", en: () => "turned off two-step verification" },
  "user:use_recovery_code": { fr: () => "s'est connecté avec un code de secours", en: () => "signed in with a recovery code" },
  "user:replace_recovery_codes": { fr: () => "a renouvelé ses codes de secours", en: () => "replaced their recovery codes" },
  "session:end_session": { fr: () => "a fermé une de ses sessions", en: () => "ended one of their sessions" },
  "session:reauthenticate": { fr: () => "a confirmé son identité avant une modification sensible", en: () => "confirmed who they are before a sensitive change" },
  "password_reset:use_password_reset": { fr: () => "a choisi un nouveau mot de passe avec un lien de réinitialisation (ses autres sessions sont fermées)", en: () => "set a new password with a reset link (their other sessions ended)" },
  "password_reset:create_password_reset": { fr: () => "a créé un lien de réinitialisation du mot de passe d'un membre", en: () => "issued a password reset link for a member" },
  "school:second_factor_policy": {
    fr: (_b, a) => (a.managers ? "a rendu la validation en deux étapes obligatoire pour les responsables de formation" : "a rendu la validation en deux étapes facultative pour les responsables de formation"),
    en: (_b, a) => (a.managers ? "made two-step verification required for programme managers" : "made two-step verification optional for programme managers"),
  },
};

/** Every `entity:action` pair the history can put in words (a test checks that each action the app writes is one). */
export function describedActions(): string[] {
  return [...new Set([...Object.keys(ACTIONS), ...Object.keys(SCHOOL_ACTIONS)])];
}

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

/**
 * One audit row as a sentence in the reader's language; an action not in the tables still
 * reads as a sentence, with no internal code. `programmeId` null: a row of the school outside
 * any programme (its members, invitations, sheets).
 */
export function describeEntry(
  entry: { entity: string; action: string; before: string | null; after: string | null; programmeId?: string | null },
  locale: Locale,
): { kind: HistoryKind | null; text: string } {
  const key = `${entry.entity}:${entry.action}`;
  const school = entry.programmeId === null ? SCHOOL_ACTIONS[key] : undefined;
  const phrase = school ? { ...school, kind: null } : (ACTIONS[key] ?? (SCHOOL_ACTIONS[key] ? { ...SCHOOL_ACTIONS[key], kind: null } : undefined));
  if (!phrase) return { kind: null, text: locale === "fr" ? "a fait une modification" : "made a change" };
  return { kind: phrase.kind, text: phrase[locale](parse(entry.before), parse(entry.after)) };
}

export function isHistoryKind(value: unknown): value is HistoryKind {
  return typeof value === "string" && (HISTORY_KINDS as readonly string[]).includes(value);
}
