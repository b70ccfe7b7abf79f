/**
 * UI strings, French first. Every user-visible string goes through `t` so that the English
 * version stays complete: a key missing in English is a type error. Each area of the app
 * keeps its messages in app/messages/<area>.ts; this file composes them.
 */
import * as shell from "~/messages/shell";

export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];

const fr = { ...shell.fr };
export type MessageKey = keyof typeof fr;
const en: Record<MessageKey, string> = { ...shell.en };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { fr, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function translator(locale: Locale) {
  const dictionary = dictionaries[locale];
  return (key: MessageKey) => dictionary[key];
}
