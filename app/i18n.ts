/**
 * UI strings, French first. Every user-visible string goes through `t` so that the English
 * version stays complete: a key missing in English is a type error. Each area of the app
 * keeps its messages in app/messages/<area>.ts; this file composes them.
 */
import * as actions from "~/messages/actions";
import * as auth from "~/messages/auth";
import * as coverage from "~/messages/coverage";
import * as imports from "~/messages/imports";
import * as pages from "~/messages/pages";
import * as programmes from "~/messages/programmes";
import * as reference from "~/messages/reference";
import * as report from "~/messages/report";
import * as shell from "~/messages/shell";
import * as versions from "~/messages/versions";
import * as security from "~/messages/security";

/** Every catalogue, each with the same keys in French and English (app/i18n.test.ts checks it). */
export const catalogues = { shell, reference, auth, versions, programmes, coverage, imports, pages, actions, report, security };

export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];

const fr = { ...shell.fr, ...reference.fr, ...auth.fr, ...versions.fr, ...programmes.fr, ...coverage.fr, ...imports.fr, ...pages.fr, ...actions.fr, ...report.fr, ...security.fr };
export type MessageKey = keyof typeof fr;
const en: Record<MessageKey, string> = { ...shell.en, ...reference.en, ...auth.en, ...versions.en, ...programmes.en, ...coverage.en, ...imports.en, ...pages.en, ...actions.en, ...report.en, ...security.en };

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
