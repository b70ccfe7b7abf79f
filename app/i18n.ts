/**
 * UI strings, French first. Every user-visible string goes through `t` so that the English
 * version stays complete: a key missing in English is a type error. Each area of the app
 * keeps its messages in app/messages/<area>.ts; this file composes them.
 */
import * as actions from "~/messages/actions";
import * as auth from "~/messages/auth";
import * as certification from "~/messages/certification";
import * as coverage from "~/messages/coverage";
import * as imports from "~/messages/imports";
import * as levels from "~/messages/levels";
import * as matrix from "~/messages/matrix";
import * as pages from "~/messages/pages";
import * as programmes from "~/messages/programmes";
import * as reference from "~/messages/reference";
import * as report from "~/messages/report";
import * as schoolLists from "~/messages/school-lists";
import * as shell from "~/messages/shell";
import * as versions from "~/messages/versions";

/**
 * Every catalogue, each with the same keys in French and English (app/i18n.test.ts checks it).
 * One line each, so that a new area adds one line here and one in the import list above.
 */
export const catalogues = {
  actions,
  auth,
  certification,
  coverage,
  imports,
  levels,
  matrix,
  pages,
  programmes,
  reference,
  report,
  schoolLists,
  shell,
  versions,
};

export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];

type Catalogue = (typeof catalogues)[keyof typeof catalogues];
type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;
type French = UnionToIntersection<Catalogue["fr"]>;
export type MessageKey = keyof French;

const fr = Object.assign({}, ...Object.values(catalogues).map((catalogue) => catalogue.fr)) as Record<MessageKey, string>;
const en = Object.assign({}, ...Object.values(catalogues).map((catalogue) => catalogue.en)) as Record<MessageKey, string>;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { fr, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Fills the `{name}` slots of a message: fill("Niveaux {min} à {max}", { min: 5, max: 6 }). */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}

export function translator(locale: Locale) {
  const dictionary = dictionaries[locale];
  return (key: MessageKey) => dictionary[key];
}

/** The Intl locale of a UI language (British English for dates such as 3 March 2026). */
export function intlLocale(locale: Locale) {
  return locale === "fr" ? "fr-FR" : "en-GB";
}

/** A number as the reader writes it: 7,5 in French, 7.5 in English. */
export function formatNumber(value: number, locale: Locale) {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(value);
}

/** A ratio (0 to 1) as a whole percentage: « 42 % » in French, "42%" in English. */
export function formatPercent(ratio: number, locale: Locale) {
  return new Intl.NumberFormat(intlLocale(locale), { style: "percent", maximumFractionDigits: 0 }).format(ratio);
}
