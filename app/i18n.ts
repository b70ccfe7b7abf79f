/**
 * UI strings, French first. Every user-visible string goes through `t` so that the English
 * version stays complete: a key missing in English is a type error. Each area of the app
 * keeps its messages in app/messages/<area>.ts; this file composes them.
 */
import * as auth from "~/messages/auth";
import * as reference from "~/messages/reference";
import * as shell from "~/messages/shell";
import * as versions from "~/messages/versions";

export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];

const fr = { ...shell.fr, ...reference.fr, ...auth.fr, ...versions.fr };
export type MessageKey = keyof typeof fr;
const en: Record<MessageKey, string> = { ...shell.en, ...reference.en, ...auth.en, ...versions.en };

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
